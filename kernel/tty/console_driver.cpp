// The console's driver: the serial line and the VGA screen with the PS/2
// keyboard, as one terminal (/dev/console, /dev/ttyS0, /dev/tty).
//
// Output goes straight out (console::write_raw), so there is always room.
// Input is queued by the interrupt handlers (console/console.h); a kernel
// thread hands it to the line discipline, which may echo, send signals
// and wake readers: things an interrupt handler should not do in the
// middle of whatever it interrupted.
#include <kernel/console/console.h>
#include <kernel/task/tasks.h>
#include <kernel/tty/tty.h>

namespace {

class ConsoleDriver final : public TtyDriver {
public:
    usize transmit(const char* bytes, usize count) override
    {
        console::write_raw(bytes, count);
        return count;
    }
    usize transmit_room() const override { return UNLIMITED; }
    // As Linux names the serial line: ttyS0 (4, 64).
    u32 device_number() const override { return make_device_number(4, 64); }

private:
    static constexpr usize UNLIMITED = 1u << 30;
};

// Both live for ever: the driver's first reference is never dropped.
ConsoleDriver the_driver;
Tty the_console(the_driver, abi::control_flags::B38400 | abi::control_flags::CS8 | abi::control_flags::CREAD
        | abi::control_flags::HUPCL,
    abi::WindowSize { 25, 80, 0, 0 }); // the VGA text screen

[[noreturn]] void input_thread(void*)
{
    for (;;) {
        (void)console::wait_for_input(); // a kernel thread gets no signals
        char c;
        while (console::read_char(c))
            the_console.receive(static_cast<u8>(c));
    }
}

} // namespace

Tty& Tty::console() { return the_console; }

namespace tty {

ErrorOr<void> init()
{
    TRY(tasks::spawn_kernel_thread("tty", input_thread, nullptr));
    return {};
}

} // namespace tty
