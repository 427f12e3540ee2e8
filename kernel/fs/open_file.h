// An open file description: what open() creates and a file descriptor
// refers to. dup() and fork() share one (and so its offset and flags);
// another open() of the same file makes another.
#pragma once

#include <kernel/fs/path.h>
#include <libk/spinlock.h>

namespace open_flags { // Linux i386's O_* values
constexpr u32 ACCESS_MODE = 03, READ_ONLY = 00, WRITE_ONLY = 01, READ_WRITE = 02;
constexpr u32 CREATE = 0100, EXCLUSIVE = 0200, NO_CTTY = 0400, TRUNCATE = 01000, APPEND = 02000;
constexpr u32 NONBLOCK = 04000, DSYNC = 010000, ASYNC = 020000, DIRECT = 040000, LARGEFILE = 0100000;
constexpr u32 DIRECTORY = 0200000, NO_FOLLOW = 0400000, NO_ATIME = 01000000, CLOSE_ON_EXEC = 02000000;
constexpr u32 SYNC = 04010000, PATH = 010000000, TMPFILE = 020200000;
}

// What a device keeps for one open file of it (Linux's private_data): a
// terminal remembers which terminal it is (/dev/tty is the caller's, one
// /dev/ptmx open is one new pseudo-terminal). Freed with the open file.
class FilePrivate : public RefCounted<FilePrivate> {
public:
    virtual ~FilePrivate() = default;
};

class OpenFile : public RefCounted<OpenFile> {
public:
    // An open file of `path` (a mount and an inode)...
    static ErrorOr<RefPtr<OpenFile>> create(Path, u32 flags);
    // ... or of an inode no mount shows (a pipe).
    static ErrorOr<RefPtr<OpenFile>> create(RefPtr<Inode>, u32 flags);
    ~OpenFile();

    Inode& inode() const { return *m_path.inode; }
    RefPtr<Inode> inode_ref() const { return m_path.inode; }
    const Path& path() const { return m_path; }
    u32 flags() const;
    bool is_nonblocking() const { return flags() & open_flags::NONBLOCK; }
    // F_SETFL: only O_APPEND, O_NONBLOCK, O_ASYNC, O_DIRECT and O_NOATIME change.
    void set_status_flags(u32 flags);

    bool is_path_only() const { return m_flags & open_flags::PATH; }
    bool can_read() const { return (m_flags & open_flags::ACCESS_MODE) != open_flags::WRITE_ONLY && !is_path_only(); }
    bool can_write() const { return (m_flags & open_flags::ACCESS_MODE) != open_flags::READ_ONLY && !is_path_only(); }

    ErrorOr<usize> read(const IoBuffer&, usize length);
    ErrorOr<usize> write(const IoBuffer&, usize length);
    // pread/pwrite: at `offset`, leaving the file's offset alone.
    ErrorOr<usize> read_at(u64 offset, const IoBuffer&, usize length);
    ErrorOr<usize> write_at(u64 offset, const IoBuffer&, usize length);
    // whence: 0 SEEK_SET, 1 SEEK_CUR, 2 SEEK_END.
    ErrorOr<u64> seek(i64 offset, int whence);
    u64 offset() const;
    void set_offset(u64 offset);

    // Set by the inode's open() (Inode::open), before any fd refers to
    // the file; the inode's own operations read it back.
    RefPtr<FilePrivate> private_data;

private:
    OpenFile(Path path, u32 flags) : m_path(libk::move(path)), m_flags(flags) { }
    friend class libk::RefCounted<OpenFile>;

    Path m_path;
    u32 m_flags;       // guarded by m_lock (F_SETFL changes the status flags)
    u64 m_offset = 0;  // guarded by m_lock
    mutable SpinLock m_lock;
};
