#include <arch/i386/serial.h>
#include <arch/i386/vga.h>
#include <kernel/console/console.h>
#include <libk/format.h>
#include <kernel/task/wait_queue.h>
#include <libk/spinlock.h>

namespace {

SpinLock output_lock;
bool panic_mode;

// A ring of typed characters: interrupt handlers append, readers take.
constexpr u32 INPUT_SIZE = 256;
char input_ring[INPUT_SIZE];
u32 input_head; // next slot to write; guarded by input_lock
u32 input_tail; // next slot to read; guarded by input_lock
SpinLock input_lock;
WaitQueue input_waiters;

void write_unlocked(const char* text, usize length)
{
    serial::write(text, length);
    vga::write(text, length);
}

void write_raw_unlocked(const char* text, usize length)
{
    serial::write_raw(text, length);
    vga::write(text, length);
}

void format_sink(void*, const char* text, usize length) { write_unlocked(text, length); }

} // namespace

namespace console {

void init()
{
    serial::init();
    vga::init();
}

void write(const char* text, usize length)
{
    if (panic_mode) {
        write_unlocked(text, length);
        return;
    }
    SpinLockGuard guard(output_lock);
    write_unlocked(text, length);
}

void write_raw(const char* text, usize length)
{
    if (panic_mode) {
        write_raw_unlocked(text, length);
        return;
    }
    SpinLockGuard guard(output_lock);
    write_raw_unlocked(text, length);
}

void input(char c)
{
    SpinLockGuard guard(input_lock);
    u32 next = (input_head + 1) % INPUT_SIZE;
    if (next == input_tail)
        return;
    input_ring[input_head] = c;
    input_head = next;
    input_waiters.wake_all();
}

bool wait_for_input()
{
    return input_waiters.wait([] { return input_head != input_tail; }) == WaitResult::Done;
}

bool read_char(char& c)
{
    SpinLockGuard guard(input_lock);
    if (input_tail == input_head)
        return false;
    c = input_ring[input_tail];
    input_tail = (input_tail + 1) % INPUT_SIZE;
    return true;
}

void enter_panic_mode() { panic_mode = true; }

} // namespace console

void kprintf(const char* format, ...)
{
    va_list arguments;
    va_start(arguments, format);
    if (panic_mode) {
        libk::vformat(format_sink, nullptr, format, arguments);
    } else {
        // One lock for the whole message, so lines from interrupt handlers
        // never land in the middle of another line.
        SpinLockGuard guard(output_lock);
        libk::vformat(format_sink, nullptr, format, arguments);
    }
    va_end(arguments);
}
