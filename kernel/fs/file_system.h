// A file system instance (what Linux calls a super block): the thing its
// inodes belong to and a mount shows. It gives every inode its st_dev and
// answers statfs.
#pragma once

#include <libk/refptr.h>
#include <libk/types.h>

// File system magic numbers (statfs f_type), Linux's values.
namespace fs_magic {
constexpr u32 TMPFS = 0x01021994, PROC = 0x9fa0, PIPEFS = 0x50495045;
}

// statfs's numbers, before the VFS adds the mount's flags.
struct FsUsage {
    u32 magic = 0;
    u32 block_size = 4096;
    u64 blocks = 0, free_blocks = 0; // free blocks are all available: no reserve for root
    u64 files = 0, free_files = 0;
    u32 name_max = 255;
};

class FileSystem : public RefCounted<FileSystem> {
public:
    virtual ~FileSystem() = default;

    // The type mount(2) names it by and /proc/mounts shows: "tmpfs", "proc"...
    virtual const char* type() const = 0;
    virtual FsUsage usage() const = 0;
    // Options /proc/<pid>/mountinfo shows after the type and source
    // (without "rw"/"ro"), e.g. "size=1024k,mode=755". Returns the length.
    virtual usize show_options(char*, usize) const { return 0; }

    // st_dev of every inode in it: an anonymous device (major 0), as Linux
    // gives file systems without a disk.
    u32 device() const { return m_device; }

    // MS_RDONLY of the file system itself (mount -o remount,ro); a mount
    // can also be read-only on its own. Guarded by the mounts lock.
    bool read_only = false;

protected:
    FileSystem();

private:
    u32 m_device;
};
