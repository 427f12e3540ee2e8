// A terminal's driver: the "hardware" under the line discipline.
//
// A terminal is two halves. The line discipline (Tty, tty.h) is the same
// for every terminal: termios, editing, echo, signals, job control. The
// driver is what is on the other side of it, and Cleave has two:
//
//   the console (console_driver.cpp): output goes to the serial line and
//       the VGA screen; input comes from the keyboard and serial
//       interrupts, through a kernel thread;
//   a pseudo-terminal (pty.h): output goes to a buffer that the master
//       side reads; input is what the master side writes.
//
// Input flows driver -> Tty::receive(); output flows Tty -> transmit().
// The driver knows nothing of termios; the line discipline knows nothing
// of serial ports or of pty masters.
#pragma once

#include <libk/error.h>
#include <libk/refptr.h>

class TtyDriver : public RefCounted<TtyDriver> {
public:
    virtual ~TtyDriver() = default;

    // Output after processing (OPOST), on its way out. Takes at most
    // transmit_room() bytes and returns how many it took.
    virtual usize transmit(const char* bytes, usize count) = 0;
    // How many bytes transmit() would take now (the console: any number;
    // a pty: the room left in the master's buffer).
    virtual usize transmit_room() const = 0;

    // A reader took input out of the terminal, or it was flushed: there is
    // room for more (a pty master's writer may be waiting for it).
    virtual void input_taken() { }

    // An open file of the terminal is made (by its device file or by
    // /dev/tty) or closed. A pty refuses the open while it is locked or
    // its master is gone (EIO), and counts its open files: when the last
    // one closes, the master's reads fail with EIO.
    virtual ErrorOr<void> terminal_opened() { return {}; }
    virtual void terminal_closed() { }

    // The terminal's device number as Linux encodes it (new_encode_dev):
    // tty_nr in /proc/<pid>/stat, st_rdev of its device file.
    virtual u32 device_number() const = 0;
};

// makedev(major, minor) in Linux's 32-bit encoding.
constexpr u32 make_device_number(u32 major, u32 minor)
{
    return (minor & 0xff) | (major << 8) | ((minor & ~0xffu) << 12);
}
