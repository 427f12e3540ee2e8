#include <kernel/abi/errno.h>
#include <kernel/console/console.h>
#include <kernel/fs/devices.h>
#include <kernel/fs/tmpfs.h>
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

// The console as a file: writes go to the screen and serial line; reads
// return one line at a time, edited (backspace) and echoed as typed.
// (The full terminal, with raw mode and job control, comes with the user
// space issue.)
class Console final : public Inode {
public:
    Console()
    {
        mode = mode::CHARACTER | 0620;
        rdev = device_number(5, 1);
    }
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
        while (!m_line_ready) {
            if (!edit_line())
                return Error::from_errno(512); // a signal: ERESTARTSYS
        }
        usize n = libk::min(length, m_line_length - m_line_read);
        TRY(buffer.write(0, m_line + m_line_read, n));
        m_line_read += n;
        if (m_line_read == m_line_length)
            m_line_ready = false, m_line_length = m_line_read = 0;
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
    bool edit_line()
    {
        char c;
        if (!console::wait_for_input())
            return false;
        while (!m_line_ready && console::read_char(c)) {
            if (c == '\b' || c == 0x7f) {
                if (m_line_length > 0) {
                    --m_line_length;
                    console::write("\b \b", 3);
                }
            } else if (c == 4) { // Ctrl-D: end of file when the line is empty
                m_line_ready = true;
            } else if (m_line_length < sizeof(m_line)) {
                m_line[m_line_length++] = c;
                console::write(&c, 1);
                if (c == '\n' || m_line_length == sizeof(m_line))
                    m_line_ready = true;
            }
        }
        return true;
    }

    char m_line[256];
    usize m_line_length = 0;
    usize m_line_read = 0;
    bool m_line_ready = false;
};

class Null final : public Inode {
public:
    Null() { mode = mode::CHARACTER | 0666, rdev = device_number(1, 3); }
    ErrorOr<usize> read(u64, const IoBuffer&, usize) override { return 0; }
    ErrorOr<usize> write(u64, const IoBuffer&, usize length) override { return length; }
};

class Zero final : public Inode {
public:
    Zero() { mode = mode::CHARACTER | 0666, rdev = device_number(1, 5); }
    ErrorOr<usize> read(u64, const IoBuffer& buffer, usize length) override
    {
        static const u8 zeros[256] = {};
        for (usize done = 0; done < length; done += sizeof(zeros))
            TRY(buffer.write(done, zeros, libk::min(sizeof(zeros), length - done)));
        return length;
    }
    ErrorOr<usize> write(u64, const IoBuffer&, usize length) override { return length; }
};

RefPtr<Inode> the_console;

} // namespace

namespace devices {

RefPtr<Inode> console() { return the_console; }

ErrorOr<void> populate_dev(RefPtr<Inode> root)
{
    auto dev_lookup = root->lookup("dev", 3);
    RefPtr<Inode> dev = dev_lookup.is_error() ? TRY(root->create("dev", 3, mode::DIRECTORY | 0755))
                                               : dev_lookup.release_value();
    auto* directory = static_cast<tmpfs::Directory*>(dev.ptr());
    the_console = TRY(try_make_ref_counted<Console>());
    the_console->ino = tmpfs::next_ino();
    struct {
        const char* name;
        RefPtr<Inode> inode;
    } nodes[] = {
        { "console", the_console },
        { "tty", the_console },
        { "null", TRY(try_make_ref_counted<Null>()) },
        { "zero", TRY(try_make_ref_counted<Zero>()) },
    };
    for (auto& node : nodes) {
        if (!node.inode->ino)
            node.inode->ino = tmpfs::next_ino();
        auto added = directory->add(node.name, libk::strlen(node.name), node.inode);
        if (added.is_error() && added.error().code() != abi::EEXIST)
            return added.release_error();
    }
    return {};
}

} // namespace devices
