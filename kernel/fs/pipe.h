// Pipes: a byte stream from a write end to a read end, through a buffer of
// PIPE_CAPACITY bytes in the kernel (Linux's default, 16 pages).
//
// A read of an empty pipe sleeps until a writer writes, or returns 0 (end
// of file) once every write end is closed; a write to a full pipe sleeps
// until a reader makes room, and fails with EPIPE once every read end is
// closed. With O_NONBLOCK either says EAGAIN instead of sleeping.
//
// The same object is a named pipe (a FIFO made by mknod in tmpfs): there an
// open for reading waits until a writer opens it, and the reverse, and what
// was written but not read is dropped when the last end is closed.
#pragma once

#include <kernel/fs/open_file.h>
#include <kernel/mm/layout.h>
#include <kernel/task/wait_queue.h>

namespace pipes {

constexpr usize PIPE_CAPACITY = 65536;
constexpr usize PIPE_BUF = 4096; // writes up to this size are never interleaved

// The pipe itself: a ring buffer of PIPE_CAPACITY bytes in page frames,
// allocated as the data first needs them and freed when no end is open.
//
// The state below is guarded by the kernel not being preemptible: a task
// in the kernel runs until it sleeps, so a reader that finds data copies
// it out before any other task can look (copying to user memory may fault
// a page in, but never sleeps). The wait queues' wait() checks the
// condition and sleeps with interrupts off, so no wakeup is lost.
class Pipe : public Inode {
public:
    Pipe();
    ~Pipe() override;

    bool is_seekable() const override { return false; }
    void opened(OpenFile&) override;
    void closed(OpenFile&) override;
    ErrorOr<void> open(OpenFile&, u32 flags) override;
    ErrorOr<usize> read_stream(OpenFile&, const IoBuffer&, usize length) override;
    ErrorOr<usize> write_stream(OpenFile&, const IoBuffer&, usize length) override;
    u32 poll(OpenFile&, PollTable*) override;

private:
    static constexpr u32 PAGES = PIPE_CAPACITY / PAGE_SIZE;

    u8* page_at(usize position);
    ErrorOr<u8*> ensure_page(usize position);
    void free_pages();

    PhysAddr m_pages[PAGES] = {};
    usize m_head = 0; // where the next read starts
    usize m_used = 0; // bytes in the buffer
    u32 m_readers = 0, m_writers = 0; // open file descriptions of each end
    // Opens of each end ever made: a FIFO's open waits for the other's to change.
    u32 m_reader_opens = 0, m_writer_opens = 0;
    WaitQueue m_reader_queue; // readers waiting for data or the end
    WaitQueue m_writer_queue; // writers waiting for room or no readers
    WaitQueue m_open_queue;   // FIFO opens waiting for the other end
};

struct Ends {
    RefPtr<OpenFile> read;
    RefPtr<OpenFile> write;
};

// A new pipe; `flags` may carry O_NONBLOCK for both ends.
ErrorOr<Ends> create(u32 flags);

} // namespace pipes
