// An inode: a file, a directory, a symbolic link or a device, whatever
// file system it lives in. File systems subclass it and override what they
// support; the defaults give the errors Linux gives for an operation the
// object does not have.
//
// The VFS (vfs.cpp, the system calls) checks names, types, permissions and
// mount points before it calls a directory operation here: a file system
// only does the change itself.
#pragma once

#include <kernel/abi/errno.h>
#include <kernel/fs/file_system.h>
#include <kernel/fs/io_buffer.h>
#include <libk/error.h>
#include <libk/refptr.h>

// File types and permission bits, as in st_mode (Linux's values).
namespace mode {
constexpr u32 TYPE_MASK = 0170000;
constexpr u32 SOCKET = 0140000, SYMLINK = 0120000, REGULAR = 0100000, BLOCK = 0060000;
constexpr u32 DIRECTORY = 0040000, CHARACTER = 0020000, FIFO = 0010000;
constexpr u32 SET_UID = 04000, SET_GID = 02000, STICKY = 01000, PERMISSIONS = 07777;
}

class Inode;
class MemoryObject;
class OpenFile;
class PollTable;

struct Timespec {
    i64 seconds = 0;
    u32 nanoseconds = 0;
    static Timespec now();
};

// One entry of a directory listing. `next` is the position just after it
// (what a later listing passes to start there).
struct DirectoryEntry {
    const char* name;
    usize name_length;
    u32 ino;
    u32 mode;
    u64 next;
};
// Called for each entry; returns false to stop.
using ListCallback = bool (*)(const DirectoryEntry&, void* context);

class Inode : public RefCounted<Inode> {
public:
    virtual ~Inode() = default;

    // What it belongs to (st_dev, statfs). Set once, when it is made.
    RefPtr<FileSystem> fs;

    // The attributes stat shows. Only the system calls change them, which
    // do not sleep while they do: guarded by the kernel not being
    // preemptible (as the directory contents of tmpfs are).
    u32 ino = 0;
    u32 mode = 0;
    u32 uid = 0, gid = 0;
    u32 nlink = 1;
    u32 rdev = 0; // device number for character devices
    Timespec atime, mtime, ctime;

    // How many mounts use this inode as their mount point, in any
    // namespace: path lookup looks for a mount here only if not 0.
    // Guarded by the mounts lock (mount.h).
    u32 mount_count = 0;

    // The directory that holds this inode's first link, if any; borrowed:
    // the directory's entry keeps us alive, not the reverse, and the
    // directory clears it when that link goes or the directory dies.
    Inode* parent_directory = nullptr;

    u32 type() const { return mode & mode::TYPE_MASK; }
    bool is_directory() const { return type() == mode::DIRECTORY; }
    bool is_regular() const { return type() == mode::REGULAR; }
    bool is_symlink() const { return type() == mode::SYMLINK; }
    bool is_fifo() const { return type() == mode::FIFO; }

    virtual u64 size() const { return 0; }
    // Sets mtime and ctime to now (after a change to the contents).
    void touch_modified();
    // Sets ctime to now (after a change to the attributes).
    void touch_changed();

    // ---- regular files and devices ----
    virtual ErrorOr<usize> read(u64 offset, const IoBuffer&, usize length);
    virtual ErrorOr<usize> write(u64 offset, const IoBuffer&, usize length);
    virtual ErrorOr<i32> ioctl(OpenFile&, u32 request, uptr argument);
    // Cut or extend to `size` bytes.
    virtual ErrorOr<void> truncate(u64 size);
    // Reserves room for [offset, offset + length) (fallocate); the size
    // grows to cover it unless `keep_size`.
    virtual ErrorOr<void> allocate(u64 offset, u64 length, bool keep_size);
    // The pages behind the file's contents, for mmap (null: it cannot be mapped).
    virtual RefPtr<MemoryObject> pages() const;
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
    // open(2) of this inode, after the VFS's checks and before the fd is
    // installed; `flags` are all of open's (O_NOCTTY included). An error
    // fails the open (/dev/tty without a controlling terminal: ENXIO); a
    // FIFO waits for its other end here.
    virtual ErrorOr<void> open(OpenFile&, u32) { return {}; }
    // Readiness for poll and select (fs/poll.h): the poll_events that hold
    // now, and, given a table, the wait queues that are woken when they may
    // change. By default always ready to read and write, as a regular file.
    virtual u32 poll(OpenFile&, PollTable*);

    // ---- directories ----
    virtual ErrorOr<RefPtr<Inode>> lookup(const char* name, usize length);
    // The entries from `position` on (0 = the first; "." and ".." are the
    // VFS's, not listed here), in a stable order: an entry removed or added
    // meanwhile does not move the others.
    virtual ErrorOr<void> list(u64 position, ListCallback, void* context);
    // ".." within this file system (null at its root).
    virtual RefPtr<Inode> parent();
    // The name this inode has in its parent (for getcwd and /proc links).
    virtual ErrorOr<usize> name_in_parent(char* buffer, usize size);
    // The name `child` has in this directory.
    virtual ErrorOr<usize> name_of(const Inode& child, char* buffer, usize size);
    // New entries: EEXIST if the name is taken.
    virtual ErrorOr<RefPtr<Inode>> create_file(const char* name, usize length, u32 mode, u32 uid, u32 gid);
    virtual ErrorOr<RefPtr<Inode>> make_directory(const char* name, usize length, u32 mode, u32 uid, u32 gid);
    virtual ErrorOr<RefPtr<Inode>> make_symlink(const char* name, usize length, const char* target,
        usize target_length, u32 uid, u32 gid);
    // mknod: a FIFO, a socket or a device node; `mode` holds the type and
    // the permissions, `rdev` the device number.
    virtual ErrorOr<RefPtr<Inode>> make_node(const char* name, usize length, u32 mode, u32 rdev, u32 uid, u32 gid);
    virtual ErrorOr<void> link(const char* name, usize length, Inode& target);
    // Removes a name of a non-directory / an empty directory.
    virtual ErrorOr<void> unlink(const char* name, usize length);
    virtual ErrorOr<void> remove_directory(const char* name, usize length);
    // Moves entry `name` to `new_name` in `new_directory` (of the same file
    // system), replacing what is there.
    virtual ErrorOr<void> rename(const char* name, usize length, Inode& new_directory, const char* new_name,
        usize new_length);
    virtual bool is_empty_directory() { return true; }

    // ---- symbolic links ----
    virtual ErrorOr<usize> read_link(char* buffer, usize size);
    // A "magic" link (/proc/<pid>/cwd, fd/N...): following it goes straight
    // to the object, whatever its text says. The target's type is Path
    // (path.h), which includes this header: hence the out parameter.
    virtual bool is_magic_link() const { return false; }
    virtual ErrorOr<void> magic_target(struct Path&) { return Error::from_errno(abi::EINVAL); }
};
