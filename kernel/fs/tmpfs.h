// tmpfs: files that live in memory. The root file system is a tmpfs
// filled from the initrd at boot; /tmp and /dev/shm are others, and devfs
// is one with the devices in it.
//
// A regular file's data is a list of page frames (so a file of hundreds of
// MiB needs no contiguous memory); a directory is a list of named entries.
// Each tmpfs has a size limit (half of RAM unless mount(2) says size=):
// a write that needs a page beyond it fails with ENOSPC.
#pragma once

#include <kernel/fs/inode.h>
#include <kernel/fs/pipe.h>
#include <kernel/mm/mm.h>
#include <libk/vector.h>

namespace tmpfs {

class Directory;

struct Options {
    u64 max_bytes = 0; // 0: half of RAM
    u32 root_mode = 01777;
    u32 root_uid = 0, root_gid = 0;
};

// Parses mount(2)'s data for a tmpfs: "size=N[k|m|g|%],mode=OCTAL,uid=N,gid=N"
// (comma-separated, each optional). EINVAL for anything else.
ErrorOr<Options> parse_options(const char* data);

// A new, empty tmpfs; returns its root directory. `type` is what mounts
// show ("tmpfs", or "devtmpfs" for devfs).
ErrorOr<RefPtr<Directory>> create(const Options&, const char* type = "tmpfs");

class TmpFs final : public FileSystem {
public:
    TmpFs(const char* type, u32 max_pages);
    const char* type() const override { return m_type; }
    FsUsage usage() const override;
    usize show_options(char*, usize) const override;

    // Pages of file data: ENOSPC past the limit.
    ErrorOr<void> charge(u32 pages);
    void uncharge(u32 pages);
    void inode_made() { ++m_inodes; }
    void inode_freed() { --m_inodes; }

private:
    const char* m_type;
    // Guarded by the kernel not being preemptible, like the files' contents.
    u32 m_max_pages;
    u32 m_used_pages = 0;
    u32 m_inodes = 0;
};

// A regular file. Its data is a MemoryObject that counts its pages
// against the file system's limit; MAP_SHARED mappings of the file map
// those very pages.
//
// The contents of tmpfs nodes (a file's size and pages, a directory's
// entries, a link's target) are guarded by the kernel not being
// preemptible: only system calls change them, and none sleeps while it
// does (a copy from user memory may fault a page in, but not sleep). An
// SMP port needs a lock per inode here.
class File final : public Inode {
public:
    static ErrorOr<RefPtr<File>> create(TmpFs&);
    u64 size() const override { return m_size; }
    ErrorOr<usize> read(u64 offset, const IoBuffer&, usize length) override;
    ErrorOr<usize> write(u64 offset, const IoBuffer&, usize length) override;
    ErrorOr<void> truncate(u64 size) override;
    ErrorOr<void> allocate(u64 offset, u64 length, bool keep_size) override;
    RefPtr<MemoryObject> pages() const override { return m_pages; }
    ~File() override;

private:
    void set_size(u64);

    RefPtr<MemoryObject> m_pages;
    u64 m_size = 0;
};

class Symlink final : public Inode {
public:
    ~Symlink() override;
    u64 size() const override { return m_length; }
    ErrorOr<usize> read_link(char* buffer, usize size) override;
    ErrorOr<void> set_target(const char* target, usize length);

private:
    char* m_target = nullptr;
    usize m_length = 0;
};

// A named pipe (mknod S_IFIFO, mkfifo): a pipe that opens by name.
class Fifo final : public pipes::Pipe {
public:
    ~Fifo() override;
};

// A socket or a device node made by mknod: a name with a type and a device
// number. Nothing in Cleave answers for it, so opening it fails with ENXIO,
// as Linux's open of a device number without a driver, or of a socket.
class SpecialNode final : public Inode {
public:
    ~SpecialNode() override;
    ErrorOr<void> open(OpenFile&, u32) override { return Error::from_errno(abi::ENXIO); }
};

class Directory final : public Inode {
public:
    ~Directory() override;
    u64 size() const override { return 20 * (m_entries.size() + 2); } // as Linux's tmpfs counts
    ErrorOr<RefPtr<Inode>> lookup(const char* name, usize length) override;
    ErrorOr<void> list(u64 position, ListCallback, void* context) override;
    ErrorOr<usize> name_of(const Inode& child, char* buffer, usize size) override;
    ErrorOr<RefPtr<Inode>> create_file(const char* name, usize length, u32 mode, u32 uid, u32 gid) override;
    ErrorOr<RefPtr<Inode>> make_directory(const char* name, usize length, u32 mode, u32 uid, u32 gid) override;
    ErrorOr<RefPtr<Inode>> make_symlink(const char* name, usize length, const char* target, usize target_length,
        u32 uid, u32 gid) override;
    ErrorOr<RefPtr<Inode>> make_node(const char* name, usize length, u32 mode, u32 rdev, u32 uid, u32 gid) override;
    ErrorOr<void> link(const char* name, usize length, Inode& target) override;
    ErrorOr<void> unlink(const char* name, usize length) override;
    ErrorOr<void> remove_directory(const char* name, usize length) override;
    ErrorOr<void> rename(const char* name, usize length, Inode& new_directory, const char* new_name,
        usize new_length) override;
    bool is_empty_directory() override { return m_entries.is_empty(); }

    // Adds an inode made elsewhere (a device) under `name`.
    ErrorOr<void> add(const char* name, usize length, RefPtr<Inode>);

private:
    struct Entry {
        char* name;
        usize length;
        u64 position; // where a listing finds it; never reused in this directory
        RefPtr<Inode> inode;
    };
    Entry* find(const char* name, usize length);
    ErrorOr<void> add_entry(const char* name, usize length, RefPtr<Inode>);
    // Takes entry `index` out, keeping the inode's parent link right.
    RefPtr<Inode> remove_entry(usize index);

    Vector<Entry> m_entries;
    u64 m_next_position = 0;
};

// A fresh inode number for any file system.
u32 next_ino();

// Pages of file data in every tmpfs (/proc/meminfo counts them as Cached and Shmem).
u32 pages_in_use();

} // namespace tmpfs
