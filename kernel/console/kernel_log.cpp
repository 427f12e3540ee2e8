#include <kernel/abi/errno.h>
#include <kernel/console/kernel_log.h>
#include <kernel/signal/signal.h>
#include <kernel/task/wait_queue.h>
#include <kernel/time/clock.h>
#include <libk/format.h>
#include <libk/spinlock.h>

namespace kernel_log {

namespace {

// The ring. Positions count every byte ever written (64 bits never wrap),
// so "how much" is a subtraction and the byte at position p lives in
// ring[p % SIZE]. Everything below is guarded by log_lock.
char ring[SIZE];
u64 head;      // where the next byte goes
u64 first;     // the oldest byte still kept; always at the start of a line
u64 read_pos;  // the next byte read() takes
u64 clear_pos; // where read_all() starts: the last clear()
bool at_line_start = true;
SpinLock log_lock;

// Linux's console levels: a message shows if its level is below
// console_level; console_off() keeps the level it replaced.
constexpr int NOT_SAVED = -1;
int console_level_now = DEFAULT_CONSOLE_LEVEL; // guarded by log_lock
int saved_console_level = NOT_SAVED;           // guarded by log_lock

WaitQueue readers; // tasks in read(), waiting for a message

char at(u64 position) { return ring[position % SIZE]; }

// Makes room by dropping the oldest line (all of it, so the log never
// starts in the middle of one); readers behind it lose it too.
void drop_oldest_line()
{
    while (first < head && at(first) != '\n')
        ++first;
    if (first < head)
        ++first; // the newline
    if (read_pos < first)
        read_pos = first;
    if (clear_pos < first)
        clear_pos = first;
}

void put(char c)
{
    if (head - first == SIZE)
        drop_oldest_line();
    ring[head % SIZE] = c;
    ++head;
}

void put_sink(void*, const char* text, usize length)
{
    for (usize i = 0; i < length; ++i)
        put(text[i]);
}

// "<level>[seconds.micro] ", as Linux's syslog shows a line's start.
void put_header(int level)
{
    u64 ns = static_cast<u64>(clock::monotonic_ns());
    libk::format(put_sink, nullptr, "<%d>[%5llu.%06llu] ", level, ns / 1000000000, ns % 1000000000 / 1000);
}

// Copies [from, head) into `to` (at most size bytes from `from` on).
usize copy_out(char* to, u64 from, usize size)
{
    usize n = 0;
    for (u64 p = from; p < head && n < size; ++p)
        to[n++] = at(p);
    return n;
}

} // namespace

int take_level(const char*& format)
{
    if (format[0] == KERN_SOH[0] && format[1] >= '0' && format[1] <= '7') {
        int level = format[1] - '0';
        format += 2;
        return level;
    }
    return DEFAULT_MESSAGE_LEVEL;
}

void append(int level, const char* text, usize length)
{
    SpinLockGuard guard(log_lock);
    for (usize i = 0; i < length; ++i) {
        if (at_line_start) {
            put_header(level);
            at_line_start = false;
        }
        put(text[i]);
        if (text[i] == '\n')
            at_line_start = true;
    }
}

void message_done()
{
    if (readers.has_waiters())
        readers.wake_all();
}

bool on_console(int level)
{
    SpinLockGuard guard(log_lock);
    return level < console_level_now;
}

ErrorOr<usize> read(char* to, usize size)
{
    // The condition is checked with interrupts off (WaitQueue::wait), which
    // on one CPU keeps every writer out while it reads the two positions.
    if (readers.wait([] { return read_pos < head; }) != WaitResult::Done)
        return Error::from_errno(restart::SYS); // EINTR, or restarted after an SA_RESTART handler
    SpinLockGuard guard(log_lock);
    usize n = copy_out(to, read_pos, size);
    // As Linux: whole lines when the buffer holds at least one; a part of
    // the first line only when it does not (the rest comes next time).
    if (read_pos + n < head) {
        usize whole = n;
        while (whole > 0 && to[whole - 1] != '\n')
            --whole;
        if (whole > 0)
            n = whole;
    }
    read_pos += n;
    return n;
}

usize read_all(char* to, usize size, bool clear)
{
    SpinLockGuard guard(log_lock);
    u64 from = clear_pos;
    if (head - from > size) {
        // Only the newest lines fit: start after a newline, so that no
        // line is cut at its front.
        from = head - size;
        while (from < head && from > first && at(from - 1) != '\n')
            ++from;
    }
    usize n = copy_out(to, from, size);
    if (clear)
        clear_pos = head;
    return n;
}

void clear()
{
    SpinLockGuard guard(log_lock);
    clear_pos = head;
}

usize unread()
{
    SpinLockGuard guard(log_lock);
    return static_cast<usize>(head - read_pos);
}

void console_off()
{
    SpinLockGuard guard(log_lock);
    if (saved_console_level == NOT_SAVED)
        saved_console_level = console_level_now;
    console_level_now = MINIMUM_CONSOLE_LEVEL;
}

void console_on()
{
    SpinLockGuard guard(log_lock);
    if (saved_console_level != NOT_SAVED) {
        console_level_now = saved_console_level;
        saved_console_level = NOT_SAVED;
    }
}

void set_console_level(int level)
{
    SpinLockGuard guard(log_lock);
    console_level_now = level < MINIMUM_CONSOLE_LEVEL ? MINIMUM_CONSOLE_LEVEL : level;
    saved_console_level = NOT_SAVED;
}

int console_level()
{
    SpinLockGuard guard(log_lock);
    return console_level_now;
}

} // namespace kernel_log
