#include <arch/i386/serial.h>
#include <arch/i386/vga.h>
#include <kernel/console/console.h>
#include <kernel/console/kernel_log.h>
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

// A kprintf's text goes to the kernel log, and to the console if its
// level is urgent enough.
struct Message {
    int level;
    bool on_console;
};

void message_sink(void* context, const char* text, usize length)
{
    auto* message = static_cast<Message*>(context);
    kernel_log::append(message->level, text, length);
    if (message->on_console)
        write_unlocked(text, length);
}

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
    Message message { kernel_log::take_level(format), false };
    if (panic_mode) {
        // Straight to the console: the log's lock may be held by the code
        // that panicked.
        libk::vformat(format_sink, nullptr, format, arguments);
    } else {
        message.on_console = kernel_log::on_console(message.level);
        {
            // One lock for the whole message, so lines from interrupt
            // handlers never land in the middle of another line.
            SpinLockGuard guard(output_lock);
            libk::vformat(message_sink, &message, format, arguments);
        }
        kernel_log::message_done();
    }
    va_end(arguments);
}
