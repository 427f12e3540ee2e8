#include <kernel/abi/errno.h>
#include <kernel/abi/poll.h>
#include <kernel/fs/poll.h>
#include <kernel/fs/pipe.h>
#include <kernel/fs/tmpfs.h>
#include <kernel/mm/frames.h>
#include <kernel/signal/signal.h>
#include <kernel/task/wait_queue.h>

namespace pipes {

namespace {

// What every pipe belongs to (st_dev, and statfs's PIPEFS_MAGIC), made
// with the first pipe and kept for ever.
class PipeFs final : public FileSystem {
public:
    const char* type() const override { return "pipefs"; }
    FsUsage usage() const override
    {
        FsUsage u;
        u.magic = fs_magic::PIPEFS;
        return u;
    }
};
RefPtr<FileSystem> pipe_fs;

} // namespace

Pipe::Pipe()
{
    mode = mode::FIFO | 0600;
    ino = tmpfs::next_ino();
}

Pipe::~Pipe() { free_pages(); }

void Pipe::free_pages()
{
    for (PhysAddr& page : m_pages) {
        if (page)
            frames::unref(page);
        page = 0;
    }
    m_head = m_used = 0;
}

void Pipe::opened(OpenFile& file)
{
    if (file.can_read())
        ++m_readers, ++m_reader_opens;
    if (file.can_write())
        ++m_writers, ++m_writer_opens;
    m_open_queue.wake_all();
}

void Pipe::closed(OpenFile& file)
{
    if (file.can_read() && --m_readers == 0)
        m_writer_queue.wake_all(); // they fail with EPIPE now
    if (file.can_write() && --m_writers == 0)
        m_reader_queue.wake_all(); // they see the end of the file now
    if (m_readers == 0 && m_writers == 0)
        free_pages(); // a FIFO keeps nothing once no end is open
}

// A FIFO opened for reading with O_NONBLOCK while no writer has it open:
// poll reports no hang-up until a writer has come (and gone), or a reader
// polling for its first writer would wake at once, again and again.
// (Linux keeps the count in the file's f_version.)
class WaitingForWriter final : public FilePrivate {
public:
    explicit WaitingForWriter(u32 seen) : writer_opens_seen(seen) { }
    u32 writer_opens_seen;
};

// For a FIFO opened by name: an open for reading waits for a writer to
// open (unless O_NONBLOCK), an open for writing waits for a reader (with
// O_NONBLOCK and no reader: ENXIO); an open for both never waits. On a
// failure the open file is dropped, which closes this end again.
ErrorOr<void> Pipe::open(OpenFile& file, u32)
{
    bool reads = file.can_read(), writes = file.can_write();
    if (reads && writes)
        return {};
    if (writes && m_readers == 0 && file.is_nonblocking())
        return Error::from_errno(abi::ENXIO);
    if (reads && m_writers == 0 && file.is_nonblocking()) {
        file.private_data = RefPtr<FilePrivate>(TRY(try_make_ref_counted<WaitingForWriter>(m_writer_opens)));
        return {};
    }
    if (file.is_nonblocking())
        return {};
    WaitResult waited;
    if (reads) {
        u32 seen = m_writer_opens;
        waited = m_open_queue.wait([&] { return m_writers > 0 || m_writer_opens != seen; });
    } else {
        u32 seen = m_reader_opens;
        waited = m_open_queue.wait([&] { return m_readers > 0 || m_reader_opens != seen; });
    }
    if (waited == WaitResult::Interrupted)
        return Error::from_errno(restart::SYS); // EINTR, or restarted after an SA_RESTART handler
    return {};
}

ErrorOr<usize> Pipe::read_stream(OpenFile& file, const IoBuffer& buffer, usize length)
{
    if (length == 0)
        return 0;
    bool nonblocking = file.is_nonblocking();
    if (m_reader_queue.wait([&] { return m_used > 0 || m_writers == 0 || nonblocking; }) == WaitResult::Interrupted)
        return Error::from_errno(restart::SYS); // EINTR, or restarted after an SA_RESTART handler
    if (m_used == 0)
        return m_writers == 0 ? ErrorOr<usize>(0) : Error::from_errno(abi::EAGAIN);
    usize done = 0;
    while (done < length && m_used > 0) {
        usize in_page = m_head % PAGE_SIZE;
        usize chunk = libk::min(libk::min(length - done, m_used), PAGE_SIZE - in_page);
        auto copied = buffer.write(done, page_at(m_head) + in_page, chunk);
        if (copied.is_error()) {
            if (done)
                break;
            return copied.release_error();
        }
        m_head = (m_head + chunk) % PIPE_CAPACITY;
        m_used -= chunk;
        done += chunk;
    }
    m_writer_queue.wake_all();
    return done;
}

ErrorOr<usize> Pipe::write_stream(OpenFile& file, const IoBuffer& buffer, usize length)
{
    bool nonblocking = file.is_nonblocking();
    usize done = 0;
    while (done < length) {
        // A write of at most PIPE_BUF bytes goes in whole or waits.
        usize wanted = length <= PIPE_BUF ? length : 1;
        auto waited = m_writer_queue.wait(
            [&] { return PIPE_CAPACITY - m_used >= wanted || m_readers == 0 || nonblocking; });
        if (waited == WaitResult::Interrupted)
            return done ? ErrorOr<usize>(done) : Error::from_errno(restart::SYS);
        if (m_readers == 0) {
            // Nobody will ever read this: SIGPIPE for the writer, and EPIPE.
            signal::send_to_thread(*current(), abi::SIGPIPE, PendingInfo { abi::SI_USER, current()->tgid, current()->credentials.uid, 0 });
            return done ? ErrorOr<usize>(done) : Error::from_errno(abi::EPIPE);
        }
        if (PIPE_CAPACITY - m_used < wanted)
            return done ? ErrorOr<usize>(done) : Error::from_errno(abi::EAGAIN);
        while (done < length && m_used < PIPE_CAPACITY) {
            usize tail = (m_head + m_used) % PIPE_CAPACITY;
            usize in_page = tail % PAGE_SIZE;
            usize chunk = libk::min(libk::min(length - done, PIPE_CAPACITY - m_used), PAGE_SIZE - in_page);
            auto page = ensure_page(tail);
            auto copied = page.is_error() ? ErrorOr<void>(page.release_error())
                                          : buffer.read(done, page.value() + in_page, chunk);
            if (copied.is_error()) {
                m_reader_queue.wake_all();
                return done ? ErrorOr<usize>(done) : copied.release_error();
            }
            m_used += chunk;
            done += chunk;
        }
        m_reader_queue.wake_all();
    }
    return done;
}

u8* Pipe::page_at(usize position) { return static_cast<u8*>(phys_to_virt(m_pages[position / PAGE_SIZE])); }

ErrorOr<u8*> Pipe::ensure_page(usize position)
{
    PhysAddr& page = m_pages[position / PAGE_SIZE];
    if (!page)
        page = TRY(frames::allocate());
    return static_cast<u8*>(phys_to_virt(page));
}

// The read end is ready when there is data (POLLIN) and hung up when no
// write end is left (POLLHUP; for a FIFO, once a writer has been there); the write end is ready when a write of
// PIPE_BUF bytes would not block (POLLOUT), and in error when no read end
// is left (POLLERR).
u32 Pipe::poll(OpenFile& file, PollTable* table)
{
    using namespace abi::poll_events;
    u32 events = 0;
    if (file.can_read()) {
        if (table)
            table->watch(m_reader_queue, file);
        if (m_used > 0)
            events |= POLLIN | POLLRDNORM;
        // (private_data is only ever a WaitingForWriter here: Pipe::open.)
        auto* waiting = static_cast<WaitingForWriter*>(file.private_data.ptr());
        if (m_writers == 0 && !(waiting && waiting->writer_opens_seen == m_writer_opens))
            events |= POLLHUP;
    }
    if (file.can_write()) {
        if (table)
            table->watch(m_writer_queue, file);
        if (PIPE_CAPACITY - m_used >= PIPE_BUF)
            events |= POLLOUT | POLLWRNORM;
        if (m_readers == 0)
            events |= POLLERR;
    }
    return events;
}

ErrorOr<Ends> create(u32 flags)
{
    if (!pipe_fs)
        pipe_fs = TRY(try_make_ref_counted<PipeFs>());
    auto pipe = TRY(try_make_ref_counted<Pipe>());
    pipe->fs = pipe_fs;
    pipe->atime = pipe->mtime = pipe->ctime = Timespec::now();
    u32 status = flags & open_flags::NONBLOCK;
    Ends ends;
    ends.read = TRY(OpenFile::create(pipe, open_flags::READ_ONLY | status));
    ends.write = TRY(OpenFile::create(pipe, open_flags::WRITE_ONLY | status));
    return ends;
}

} // namespace pipes
