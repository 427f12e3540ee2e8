// A file descriptor table: fd -> open file description, plus the
// close-on-exec bit of each fd. Tasks made by clone(CLONE_FILES) share one
// table; fork() gives the child a copy (dup_files), whose fds refer to the
// same open file descriptions as the parent's.
#pragma once

#include <kernel/fs/open_file.h>
#include <libk/vector.h>

class FileTable : public RefCounted<FileTable> {
public:
    static constexpr u32 DEFAULT_LIMIT = 1024; // RLIMIT_NOFILE's soft default

    static ErrorOr<RefPtr<FileTable>> create();
    // dup_files's work: a new table with the same descriptions.
    ErrorOr<RefPtr<FileTable>> clone() const;

    // `limit` is the caller's RLIMIT_NOFILE: every fd it makes is below it
    // (the table is shared, the limit is each process's own).
    //
    // The lowest free fd >= minimum; EMFILE if there is none below limit.
    ErrorOr<int> install(RefPtr<OpenFile>, bool close_on_exec, u32 limit, int minimum = 0);
    // Makes `fd` refer to `file`, closing what was there; EBADF at or
    // above limit.
    ErrorOr<void> install_at(int fd, RefPtr<OpenFile>, bool close_on_exec, u32 limit);
    ErrorOr<RefPtr<OpenFile>> get(int fd) const;
    ErrorOr<void> close(int fd);
    ErrorOr<bool> close_on_exec(int fd) const;
    ErrorOr<void> set_close_on_exec(int fd, bool);
    void close_all_marked_close_on_exec();
    usize open_count() const;
    // The highest open fd, or -1 for an empty table.
    int highest_open_fd() const;

    // /proc/sys/fs/nr_open: the most fds any table may hold (Linux's default).
    static u32 nr_open;

private:
    struct Slot {
        RefPtr<OpenFile> file;
        bool close_on_exec = false;
    };
    Vector<Slot> m_slots; // guarded by m_lock
    mutable SpinLock m_lock;
};
