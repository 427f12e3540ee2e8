// Readiness: how poll(2) and select(2) ask many files at once whether a
// read or a write would block, and sleep until one of them might answer
// differently.
//
// Every inode answers through one function (inode.h):
//
//     u32 Inode::poll(OpenFile&, PollTable*);
//
// It returns the poll_events (abi/poll.h) that hold now, POLLIN, POLLOUT,
// POLLHUP, POLLERR..., and, when given a table, tells it which wait queues
// will be woken when that answer may change:
//
//     u32 Pipe::poll(OpenFile& file, PollTable* table)
//     {
//         if (table) table->watch(m_reader_queue, file);
//         return m_used > 0 ? POLLIN : 0;
//     }
//
// The system call (syscall/poll.cpp) asks every file once with the table,
// and if nothing is ready sleeps in PollTable::sleep(). Whoever changes a
// file's state already wakes its queue for the tasks that block in read or
// write; that same wake_all() now also wakes the poller (a
// WaitSubscription, wait_queue.h), which asks every file again, this time
// without the table: it is subscribed already.
#pragma once

#include <kernel/fs/open_file.h>
#include <kernel/task/wait_queue.h>

class PollTable {
public:
    PollTable() = default;
    PollTable(const PollTable&) = delete;
    PollTable& operator=(const PollTable&) = delete;
    // Unsubscribes from every queue.
    ~PollTable();

    // Wakes the polling task when `queue` is woken. `owner` is the file the
    // queue belongs to: the table holds a reference until the call ends, so
    // the queue cannot go away meanwhile (another thread may close the fd).
    void watch(WaitQueue& queue, OpenFile& owner);

    // Sleeps until a watched queue is woken (since the last sleep), a
    // signal arrives or the clock reaches `deadline` (ticks; 0: none).
    WaitResult sleep(u64 deadline);

    // ENOMEM if a subscription could not be allocated: that file's
    // changes would go unnoticed, so the caller reports the error if
    // nothing is ready.
    int error() const { return m_error; }

private:
    struct Entry {
        WaitSubscription subscription;
        WaitQueue* queue = nullptr;
        RefPtr<OpenFile> owner;
    };
    // Entries live in fixed blocks (a subscription is linked into a
    // queue, so it must never move); the first block is part of the table.
    struct Block {
        static constexpr u32 ENTRIES = 8;
        Entry entries[ENTRIES];
        u32 used = 0;
        Block* next = nullptr;
    };

    Entry* new_entry();

    Block m_first;
    Block* m_last = &m_first;
    bool m_woken = false; // a watched queue was woken; guarded by disabled interrupts
    int m_error = 0;
};
