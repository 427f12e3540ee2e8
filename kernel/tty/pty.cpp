#include <kernel/abi/poll.h>
#include <kernel/fs/devpts.h>
#include <kernel/fs/poll.h>
#include <kernel/fs/vfs.h>
#include <kernel/mm/user_copy.h>
#include <kernel/signal/signal.h>
#include <kernel/syscall/file_calls.h>
#include <kernel/task/process_group.h>
#include <kernel/tty/device.h>
#include <kernel/tty/job_control.h>
#include <kernel/tty/pty.h>
#include <new>

using namespace abi::tty_ioctls;

namespace {

// /dev/pts/N: a terminal file of the pair's slave.
class SlaveNode final : public tty::TerminalNode {
public:
    explicit SlaveNode(RefPtr<Pty> pty) : m_pty(libk::move(pty)) { rdev = m_pty->device_number(); }

    ErrorOr<void> open(OpenFile& file, u32 flags) override
    {
        TRY(attach(file, m_pty->slave(), true)); // EIO while locked, or once the master is gone
        job_control::opened(m_pty->slave(), flags);
        return {};
    }

private:
    RefPtr<Pty> m_pty;
};

// What an open file of /dev/ptmx keeps: its pair.
class MasterFile final : public FilePrivate {
public:
    explicit MasterFile(RefPtr<Pty> pty) : pty(libk::move(pty)) { }
    RefPtr<Pty> pty;
};

// /dev/ptmx and /dev/pts/ptmx.
class MasterNode final : public Inode {
public:
    bool is_seekable() const override { return false; }

    ErrorOr<void> open(OpenFile& file, u32) override
    {
        RefPtr<Pty> pty = TRY(Pty::create());
        auto master = try_make_ref_counted<MasterFile>(pty);
        if (master.is_error()) {
            pty->master_closed();
            return master.release_error();
        }
        file.private_data = RefPtr<FilePrivate>(master.release_value());
        return {};
    }

    ErrorOr<usize> read_stream(OpenFile& file, const IoBuffer& buffer, usize length) override
    {
        return pty_of(file).master_read(file, buffer, length);
    }
    ErrorOr<usize> write_stream(OpenFile& file, const IoBuffer& buffer, usize length) override
    {
        return pty_of(file).master_write(file, buffer, length);
    }
    ErrorOr<i32> ioctl(OpenFile& file, u32 request, uptr argument) override
    {
        return pty_of(file).master_ioctl(file, request, argument);
    }
    u32 poll(OpenFile& file, PollTable* table) override { return pty_of(file).master_poll(file, table); }

    void closed(OpenFile& file) override
    {
        if (file.private_data) // not if its open failed
            pty_of(file).master_closed();
    }

private:
    static Pty& pty_of(OpenFile& file) { return *static_cast<MasterFile&>(*file.private_data).pty; }
};

} // namespace

// ---- the pair ----------------------------------------------------------------

// A slave starts as Linux's do: the standard termios without HUPCL, and a
// window of 0 x 0 until the master says otherwise (TIOCSWINSZ).
Pty::Pty(u32 index)
    : m_slave(*this, abi::control_flags::B38400 | abi::control_flags::CS8 | abi::control_flags::CREAD,
          abi::WindowSize { 0, 0, 0, 0 })
    , m_index(index)
{
}

ErrorOr<RefPtr<Pty>> Pty::create()
{
    u32 index = TRY(devpts::allocate_index());
    auto* raw = new (std::nothrow_t {}) Pty(index);
    if (!raw) {
        devpts::free_index(index);
        return Error::from_errno(abi::ENOMEM);
    }
    RefPtr<Pty> pty = adopt_ref(*raw); // from here on, ~Pty frees the index
    auto node = TRY(try_make_ref_counted<SlaveNode>(pty));
    devpts::add(index, *node);
    return pty;
}

Pty::~Pty() { devpts::free_index(m_index); }

// ---- the slave's driver ------------------------------------------------------

usize Pty::transmit(const char* bytes, usize count)
{
    if (!m_master_open)
        return count; // nobody will read it
    count = libk::min<usize>(count, OUTPUT_SIZE - m_output_count);
    for (usize i = 0; i < count; ++i)
        m_output[(m_output_start + m_output_count + i) % OUTPUT_SIZE] = bytes[i];
    m_output_count += static_cast<u32>(count);
    if (count)
        m_master_read_queue.wake_all();
    return count;
}

usize Pty::transmit_room() const { return m_master_open ? OUTPUT_SIZE - m_output_count : OUTPUT_SIZE; }

void Pty::input_taken() { m_master_write_queue.wake_all(); }

ErrorOr<void> Pty::terminal_opened()
{
    if (!m_master_open || m_locked)
        return Error::from_errno(abi::EIO);
    ++m_slave_files;
    m_slave_closed = false;
    return {};
}

void Pty::terminal_closed()
{
    if (--m_slave_files == 0) {
        m_slave_closed = true;
        m_master_read_queue.wake_all();
        m_master_write_queue.wake_all();
    }
}

// ---- the master ----------------------------------------------------------------

// Whatever the slave wrote, as soon as there is some (the master reads
// raw). With nothing left to read and no slave file open (after one was),
// EIO: that is how a terminal emulator learns that its shell is gone.
ErrorOr<usize> Pty::master_read(OpenFile& file, const IoBuffer& buffer, usize length)
{
    if (length == 0)
        return 0;
    bool nonblocking = file.is_nonblocking();
    auto waited = m_master_read_queue.wait([&] { return m_output_count || m_slave_closed || nonblocking; });
    if (waited == WaitResult::Interrupted)
        return Error::from_errno(restart::SYS);
    if (!m_output_count)
        return Error::from_errno(m_slave_closed ? abi::EIO : abi::EAGAIN);
    u32 n = static_cast<u32>(libk::min<usize>(length, m_output_count));
    // In at most two pieces: to the end of the ring, then from its start.
    u32 first = libk::min(n, OUTPUT_SIZE - m_output_start);
    TRY(buffer.write(0, m_output + m_output_start, first));
    TRY(buffer.write(first, m_output, n - first));
    m_output_start = (m_output_start + n) % OUTPUT_SIZE;
    m_output_count -= n;
    m_slave.output_room_available(); // held output moves on; slave writers wake
    return n;
}

// Every byte goes through the slave's line discipline, as if typed. When
// the slave's input is full the writer waits for its reader, as a
// program writing to a pipe waits.
ErrorOr<usize> Pty::master_write(OpenFile& file, const IoBuffer& buffer, usize length)
{
    usize done = 0;
    bool nonblocking = file.is_nonblocking();
    while (done < length) {
        auto waited = m_master_write_queue.wait([&] { return !m_slave.input_full() || nonblocking; });
        if (waited == WaitResult::Interrupted)
            return done ? ErrorOr<usize>(done) : Error::from_errno(restart::SYS);
        if (m_slave.input_full())
            return done ? ErrorOr<usize>(done) : Error::from_errno(abi::EAGAIN);
        char chunk[64];
        usize n = libk::min(length - done, sizeof(chunk));
        auto copied = buffer.read(done, chunk, n);
        if (copied.is_error())
            return done ? ErrorOr<usize>(done) : copied.release_error();
        usize fed = 0;
        while (fed < n && !m_slave.input_full())
            m_slave.receive(static_cast<u8>(chunk[fed++]));
        done += fed;
    }
    return done;
}

u32 Pty::master_poll(OpenFile& file, PollTable* table)
{
    using namespace abi::poll_events;
    if (table) {
        table->watch(m_master_read_queue, file);
        table->watch(m_master_write_queue, file);
    }
    u32 events = 0;
    if (m_output_count)
        events |= POLLIN | POLLRDNORM;
    if (m_slave_closed)
        events |= POLLHUP;
    if (!m_slave.input_full())
        events |= POLLOUT | POLLWRNORM;
    return events;
}

// The master's own ioctls, and those that act on the slave's settings
// (as Linux, tcgetattr and tcsetattr on the master are the slave's).
ErrorOr<i32> Pty::master_ioctl(OpenFile& file, u32 request, uptr argument)
{
    switch (request) {
    case TIOCGPTN: // which /dev/pts/N (ptsname)
        TRY(write_user<u32>(argument, m_index));
        return 0;
    case TIOCSPTLCK: // unlockpt: *argument 0 unlocks, anything else locks
        m_locked = TRY(read_user<i32>(argument)) != 0;
        return 0;
    case TIOCGPTLCK:
        TRY(write_user<i32>(argument, m_locked ? 1 : 0));
        return 0;
    case TIOCGPTPEER:
        return open_peer(file, static_cast<u32>(argument));
    case TIOCSIG: {
        // The signal a typed INTR, QUIT or SUSP would send, whatever termios says.
        int s = static_cast<int>(argument);
        if (s != abi::SIGINT && s != abi::SIGQUIT && s != abi::SIGTSTP)
            return Error::from_errno(abi::EINVAL);
        if (m_slave.foreground)
            process_groups::signal(m_slave.foreground, s);
        return 0;
    }
    case FIONREAD:
        TRY(write_user<u32>(argument, m_output_count));
        return 0;
    case TIOCOUTQ:
        TRY(write_user<u32>(argument, 0)); // written at once, into the slave's input
        return 0;
    case TCFLSH:
        // The master's input is the slave's output.
        if (argument == TCIFLUSH || argument == TCIOFLUSH) {
            m_output_count = 0;
            m_slave.output_room_available();
        } else if (argument != TCOFLUSH) {
            return Error::from_errno(abi::EINVAL);
        }
        return 0;
    case TIOCGPGRP: // the slave's, for whoever holds the master
        TRY(write_user<pid_t>(argument, m_slave.foreground));
        return 0;
    case TIOCGSID:
        if (!m_slave.session)
            return Error::from_errno(abi::ENOTTY);
        TRY(write_user<pid_t>(argument, m_slave.session));
        return 0;
    case TCGETS:
    case TCSETS:
    case TCSETSW:
    case TCSETSF:
    case TCSBRK:
    case TCSBRKP:
    case TIOCGWINSZ:
    case TIOCSWINSZ: // SIGWINCH for the slave's foreground group
    case TIOCGETD:
    case TIOCSETD:
        return m_slave.ioctl(request, argument);
    default:
        return Error::from_errno(abi::ENOTTY);
    }
}

// TIOCGPTPEER: an open file of the slave, without a path lookup. It is
// the /dev/pts/N of the devpts next to the master: the master's own, or
// the one mounted on "pts" in the master's directory (/dev/ptmx).
ErrorOr<i32> Pty::open_peer(OpenFile& master, u32 flags)
{
    const Path& at = master.path();
    RefPtr<Mount> mount;
    if (at.inode->fs.ptr() == &devpts::file_system()) {
        mount = at.mount;
    } else if (at.mount && at.inode->parent_directory) {
        auto pts = at.inode->parent_directory->lookup("pts", 3);
        if (!pts.is_error()) {
            Path mounted = vfs::follow_mounts(Path { at.mount, pts.release_value() });
            if (mounted.inode == devpts::root())
                mount = mounted.mount;
        }
    }
    RefPtr<Inode> node = devpts::slave(m_index);
    if (!mount || !node)
        return Error::from_errno(abi::ENODEV);
    if ((flags & open_flags::ACCESS_MODE) == 3 || (flags & open_flags::PATH))
        return Error::from_errno(abi::EINVAL); // a file of the terminal, not a handle on a name
    u32 creation = open_flags::CREATE | open_flags::EXCLUSIVE | open_flags::NO_CTTY | open_flags::TRUNCATE
        | open_flags::CLOSE_ON_EXEC;
    auto file = TRY(OpenFile::create(Path { mount, node }, flags & ~creation));
    TRY(node->open(*file, flags));
    return TRY(current_files().install(file, flags & open_flags::CLOSE_ON_EXEC, fd_limit()));
}

// The master is gone: the slave's name goes, and the slave hangs up.
void Pty::master_closed()
{
    m_master_open = false;
    m_output_count = 0;
    devpts::remove(m_index);
    job_control::hang_up(m_slave);
    m_master_read_queue.wake_all();
    m_master_write_queue.wake_all();
}

namespace pty {

ErrorOr<RefPtr<Inode>> create_master_device(u32 permissions)
{
    auto device = TRY(try_make_ref_counted<MasterNode>());
    device->mode = mode::CHARACTER | permissions;
    device->rdev = make_device_number(5, 2);
    return RefPtr<Inode>(device);
}

} // namespace pty
