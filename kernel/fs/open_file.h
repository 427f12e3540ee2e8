// An open file description: what open() creates and a file descriptor
// refers to. dup() and fork() share one (and so its offset and flags);
// another open() of the same file makes another.
#pragma once

#include <kernel/fs/inode.h>
#include <libk/spinlock.h>

namespace open_flags { // Linux i386's O_* values
constexpr u32 ACCESS_MODE = 03, READ_ONLY = 00, WRITE_ONLY = 01, READ_WRITE = 02;
constexpr u32 CREATE = 0100, EXCLUSIVE = 0200, NO_CTTY = 0400, TRUNCATE = 01000, APPEND = 02000;
constexpr u32 NONBLOCK = 04000, DIRECTORY = 0200000, NO_FOLLOW = 0400000, CLOSE_ON_EXEC = 02000000;
constexpr u32 PATH = 010000000, LARGEFILE = 0100000;
}

class OpenFile : public RefCounted<OpenFile> {
public:
    static ErrorOr<RefPtr<OpenFile>> create(RefPtr<Inode>, u32 flags);
    ~OpenFile();

    Inode& inode() const { return *m_inode; }
    RefPtr<Inode> inode_ref() const { return m_inode; }
    u32 flags() const { return m_flags; }
    bool is_nonblocking() const { return m_flags & open_flags::NONBLOCK; }
    void set_status_flags(u32 flags);

    bool can_read() const { return (m_flags & open_flags::ACCESS_MODE) != open_flags::WRITE_ONLY && !(m_flags & open_flags::PATH); }
    bool can_write() const { return (m_flags & open_flags::ACCESS_MODE) != open_flags::READ_ONLY && !(m_flags & open_flags::PATH); }

    ErrorOr<usize> read(const IoBuffer&, usize length);
    ErrorOr<usize> write(const IoBuffer&, usize length);
    // whence: 0 SEEK_SET, 1 SEEK_CUR, 2 SEEK_END.
    ErrorOr<u64> seek(i64 offset, int whence);
    u64 offset() const { return m_offset; }
    void set_offset(u64 offset) { m_offset = offset; }

private:
    OpenFile(RefPtr<Inode> inode, u32 flags) : m_inode(libk::move(inode)), m_flags(flags) { }
    friend class libk::RefCounted<OpenFile>;

    RefPtr<Inode> m_inode;
    u32 m_flags;
    u64 m_offset = 0; // guarded by m_lock
    SpinLock m_lock;
};
