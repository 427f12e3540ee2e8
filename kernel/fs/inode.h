// An inode: a file, a directory, a symbolic link or a device, whatever
// file system it lives in. File systems subclass it and override what they
// support; the defaults give the errors Linux gives for an operation the
// object does not have.
#pragma once

#include <kernel/fs/io_buffer.h>
#include <libk/error.h>
#include <libk/refptr.h>

// File types and permission bits, as in st_mode (Linux's values).
namespace mode {
constexpr u32 TYPE_MASK = 0170000;
constexpr u32 SOCKET = 0140000, SYMLINK = 0120000, REGULAR = 0100000, BLOCK = 0060000;
constexpr u32 DIRECTORY = 0040000, CHARACTER = 0020000, FIFO = 0010000;
}

class Inode;
class OpenFile;

// One entry of a directory listing.
struct DirectoryEntry {
    const char* name;
    usize name_length;
    u32 ino;
    u32 mode;
};

class Inode : public RefCounted<Inode> {
public:
    virtual ~Inode() = default;

    u32 ino = 0;
    u32 mode = 0;
    u32 uid = 0, gid = 0;
    u32 nlink = 1;
    u32 rdev = 0; // device number for character devices
    i64 mtime = 0; // seconds since the epoch

    bool is_directory() const { return (mode & mode::TYPE_MASK) == mode::DIRECTORY; }
    bool is_regular() const { return (mode & mode::TYPE_MASK) == mode::REGULAR; }
    bool is_symlink() const { return (mode & mode::TYPE_MASK) == mode::SYMLINK; }

    virtual u64 size() const { return 0; }

    // Regular files and devices.
    virtual ErrorOr<usize> read(u64 offset, const IoBuffer&, usize length);
    virtual ErrorOr<usize> write(u64 offset, const IoBuffer&, usize length);
    virtual ErrorOr<i32> ioctl(u32 request, uptr argument);
    // Reads may block (a console, a pipe): a read at an offset makes no sense there.
    virtual bool is_seekable() const { return true; }
    // Streams (not seekable) are read and written through these, which see
    // the open file (its O_NONBLOCK); by default they are read(0, ...) and write(0, ...).
    virtual ErrorOr<usize> read_stream(OpenFile&, const IoBuffer&, usize length);
    virtual ErrorOr<usize> write_stream(OpenFile&, const IoBuffer&, usize length);
    // An open file description of this inode is made (before any fd refers
    // to it) or freed: pipes count their readers and writers this way.
    virtual void opened(OpenFile&) { }
    virtual void closed(OpenFile&) { }

    // Directories. `parent` is the directory's ".." (itself for a root).
    virtual ErrorOr<RefPtr<Inode>> lookup(const char* name, usize length);
    virtual RefPtr<Inode> parent() { return {}; }
    // Calls `callback` for each entry (without "." and ".."), in a stable order;
    // stops early if it returns false.
    virtual ErrorOr<void> for_each_entry(bool (*callback)(const DirectoryEntry&, void*), void* context);
    // The name this directory has in its parent (for getcwd).
    virtual ErrorOr<usize> name_in_parent(char* buffer, usize size);
    // Makes a new entry: a regular file or a directory, per `mode`'s type bits.
    virtual ErrorOr<RefPtr<Inode>> create(const char* name, usize length, u32 mode);
    // Regular files: cut or extend to `size` bytes.
    virtual ErrorOr<void> truncate(u64 size);

    // Symbolic links.
    virtual ErrorOr<usize> read_link(char* buffer, usize size);
};
