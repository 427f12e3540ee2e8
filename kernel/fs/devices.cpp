#include <kernel/abi/errno.h>
#include <kernel/console/console.h>
#include <kernel/fs/devices.h>
#include <kernel/lib/random.h>
#include <kernel/task/wait_queue.h>

namespace {

// Linux's device numbers: makedev(major, minor).
constexpr u32 device_number(u32 major, u32 minor) { return (major << 8) | minor; }

constexpr u32 TCGETS = 0x5401, TCSETS = 0x5402, TCSETSW = 0x5403, TCSETSF = 0x5404;
constexpr u32 TIOCGWINSZ = 0x5413, TIOCSWINSZ = 0x5414;

// struct termios as Linux i386 lays it out (asm-generic/termbits.h).
struct Termios {
    u32 c_iflag, c_oflag, c_cflag, c_lflag;
    u8 c_line;
    u8 c_cc[19];
};
static_assert(sizeof(Termios) == 36);

struct WindowSize {
    u16 rows, columns, x_pixels, y_pixels;
};

// The line being typed on the console, shared by /dev/console and /dev/tty.
struct Line {
    char text[256];
    usize length = 0;
    usize read = 0;
    bool ready = false;
};
Line the_line; // guarded by the kernel not being preemptible

// The console as a file: writes go to the screen and serial line; reads
// return one line at a time, edited (backspace) and echoed as typed.
// (The full terminal, with raw mode and job control, comes with the user
// space issue.)
class Console final : public Inode {
public:
    bool is_seekable() const override { return false; }

    ErrorOr<usize> write(u64, const IoBuffer& buffer, usize length) override
    {
        char chunk[128];
        for (usize done = 0; done < length;) {
            usize n = libk::min(length - done, sizeof(chunk));
            TRY(buffer.read(done, chunk, n));
            console::write(chunk, n);
            done += n;
        }
        return length;
    }

    ErrorOr<usize> read(u64, const IoBuffer& buffer, usize length) override
    {
        if (length == 0)
            return 0;
        Line& line = the_line;
        while (!line.ready) {
            if (!edit_line(line))
                return Error::from_errno(512); // a signal: ERESTARTSYS
        }
        usize n = libk::min(length, line.length - line.read);
        TRY(buffer.write(0, line.text + line.read, n));
        line.read += n;
        if (line.read == line.length)
            line.ready = false, line.length = line.read = 0;
        return n;
    }

    ErrorOr<i32> ioctl(u32 request, uptr argument) override
    {
        switch (request) {
        case TCGETS: {
            Termios termios {};
            termios.c_iflag = 0x500;  // ICRNL | IXON
            termios.c_oflag = 0x5;    // OPOST | ONLCR
            termios.c_cflag = 0xbf;   // B38400 | CS8 | CREAD
            termios.c_lflag = 0x8a3b; // ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN
            termios.c_cc[2] = 0x7f;   // VERASE
            termios.c_cc[4] = 4;      // VEOF
            termios.c_cc[6] = 1;      // VMIN
            TRY(write_user(argument, termios));
            return 0;
        }
        case TCSETS:
        case TCSETSW:
        case TCSETSF:
        case TIOCSWINSZ:
            return 0;
        case TIOCGWINSZ:
            TRY(write_user(argument, WindowSize { 25, 80, 0, 0 }));
            return 0;
        default:
            return Error::from_errno(abi::ENOTTY);
        }
    }

private:
    // Takes typed characters until the line is complete; false if a
    // signal interrupted the wait.
    static bool edit_line(Line& line)
    {
        char c;
        if (!console::wait_for_input())
            return false;
        while (!line.ready && console::read_char(c)) {
            if (c == '\b' || c == 0x7f) {
                if (line.length > 0) {
                    --line.length;
                    console::write("\b \b", 3);
                }
            } else if (c == 4) { // Ctrl-D: end of file when the line is empty
                line.ready = true;
            } else if (line.length < sizeof(line.text)) {
                line.text[line.length++] = c;
                console::write(&c, 1);
                if (c == '\n' || line.length == sizeof(line.text))
                    line.ready = true;
            }
        }
        return true;
    }
};

class Null final : public Inode {
public:
    ErrorOr<usize> read(u64, const IoBuffer&, usize) override { return 0; }
    ErrorOr<usize> write(u64, const IoBuffer&, usize length) override { return length; }
};

ErrorOr<usize> write_zeros(const IoBuffer& buffer, usize length)
{
    static const u8 zeros[256] = {};
    for (usize done = 0; done < length; done += sizeof(zeros))
        TRY(buffer.write(done, zeros, libk::min(sizeof(zeros), length - done)));
    return length;
}

class Zero final : public Inode {
public:
    ErrorOr<usize> read(u64, const IoBuffer& buffer, usize length) override { return write_zeros(buffer, length); }
    ErrorOr<usize> write(u64, const IoBuffer&, usize length) override { return length; }
};

// Reads as zeros; every write fails as on a full disk.
class Full final : public Inode {
public:
    ErrorOr<usize> read(u64, const IoBuffer& buffer, usize length) override { return write_zeros(buffer, length); }
    ErrorOr<usize> write(u64, const IoBuffer&, usize) override { return Error::from_errno(abi::ENOSPC); }
};

// random and urandom: the kernel's pseudo-random bytes (lib/random.h);
// what is written is accepted and ignored.
class Random final : public Inode {
public:
    ErrorOr<usize> read(u64, const IoBuffer& buffer, usize length) override
    {
        u8 chunk[64];
        for (usize done = 0; done < length; done += sizeof(chunk)) {
            usize n = libk::min(sizeof(chunk), length - done);
            random::fill(chunk, n);
            TRY(buffer.write(done, chunk, n));
        }
        return length;
    }
    ErrorOr<usize> write(u64, const IoBuffer&, usize length) override { return length; }
};

template<typename T>
ErrorOr<RefPtr<Inode>> make(u32 permissions, u32 major, u32 minor)
{
    auto device = TRY(try_make_ref_counted<T>());
    device->mode = mode::CHARACTER | permissions;
    device->rdev = device_number(major, minor);
    return RefPtr<Inode>(device);
}

} // namespace

namespace devices {

ErrorOr<RefPtr<Inode>> create(Device which)
{
    switch (which) {
    case Device::Console: return make<Console>(0600, 5, 1);
    case Device::Tty: return make<Console>(0666, 5, 0);
    case Device::Null: return make<Null>(0666, 1, 3);
    case Device::Zero: return make<Zero>(0666, 1, 5);
    case Device::Full: return make<Full>(0666, 1, 7);
    case Device::Random: return make<Random>(0666, 1, 8);
    case Device::Urandom: return make<Random>(0666, 1, 9);
    }
    return Error::from_errno(abi::ENODEV);
}

} // namespace devices
