// Asking about files: stat64, lstat64, fstat64, fstatat64, statx,
// statfs64, fstatfs64, access, faccessat, faccessat2, readlink, readlinkat.
#include <kernel/mm/heap.h>
#include <kernel/mm/mm.h>
#include <kernel/mm/user_copy.h>
#include <kernel/syscall/file_calls.h>

namespace {

// struct stat64 as Linux i386 lays it out (asm/stat.h).
struct [[gnu::packed]] Stat64 {
    u64 st_dev;
    u8 pad0[4];
    u32 st_ino_low;
    u32 st_mode;
    u32 st_nlink;
    u32 st_uid;
    u32 st_gid;
    u64 st_rdev;
    u8 pad3[4];
    i64 st_size;
    u32 st_blksize;
    u64 st_blocks;
    u32 st_atime, st_atime_nsec;
    u32 st_mtime, st_mtime_nsec;
    u32 st_ctime, st_ctime_nsec;
    u64 st_ino;
};
static_assert(sizeof(Stat64) == 96);

struct StatxTimestamp {
    i64 seconds;
    u32 nanoseconds;
    i32 reserved;
};

// struct statx (linux/stat.h).
struct Statx {
    u32 mask, blksize;
    u64 attributes;
    u32 nlink, uid, gid;
    u16 mode, pad1;
    u64 ino, size, blocks, attributes_mask;
    StatxTimestamp atime, btime, ctime, mtime;
    u32 rdev_major, rdev_minor, dev_major, dev_minor;
    u64 mount_id;
    u32 dio_memory_align, dio_offset_align;
    u64 spare[12];
};
static_assert(sizeof(Statx) == 256);

constexpr u32 STATX_BASIC_STATS = 0x7FF, STATX_MNT_ID = 0x1000, STATX_RESERVED = 0x80000000;

// struct statfs64 on i386 (asm-generic/statfs.h).
struct StatFs64 {
    u32 f_type, f_bsize;
    u64 f_blocks, f_bfree, f_bavail, f_files, f_ffree;
    u32 f_fsid[2];
    u32 f_namelen, f_frsize, f_flags;
    u32 f_spare[4];
};
static_assert(sizeof(StatFs64) == 84);

constexpr u32 ST_RDONLY = 1, ST_NOSUID = 2, ST_NODEV = 4, ST_NOEXEC = 8, ST_NOATIME = 1024, ST_NODIRATIME = 2048;
constexpr u32 ST_RELATIME = 4096, ST_VALID = 0x20;

u32 major_of(u32 device) { return (device >> 8) & 0xFFF; }
u32 minor_of(u32 device) { return (device & 0xFF) | ((device >> 12) & 0xFFF00); }

u32 device_of(const Inode& inode) { return inode.fs ? inode.fs->device() : 0; }
// The 512-byte blocks a file's contents occupy. A file whose contents are
// pages in memory (tmpfs) occupies the pages it has: a hole takes none,
// and a byte takes a whole page, as Linux's tmpfs counts them (du, ls -s).
u64 blocks_of(const Inode& inode)
{
    if (!inode.is_regular())
        return 0;
    if (RefPtr<MemoryObject> pages = inode.pages())
        return static_cast<u64>(pages->pages_present()) * (PAGE_SIZE / 512);
    return (inode.size() + 511) / 512;
}

Stat64 stat_of(const Inode& inode)
{
    Stat64 s {};
    s.st_dev = device_of(inode);
    s.st_ino_low = inode.ino;
    s.st_ino = inode.ino;
    s.st_mode = inode.mode;
    s.st_nlink = inode.nlink;
    s.st_uid = inode.uid;
    s.st_gid = inode.gid;
    s.st_rdev = inode.rdev;
    s.st_size = static_cast<i64>(inode.size());
    s.st_blksize = PAGE_SIZE;
    s.st_blocks = blocks_of(inode);
    s.st_atime = static_cast<u32>(inode.atime.seconds);
    s.st_atime_nsec = inode.atime.nanoseconds;
    s.st_mtime = static_cast<u32>(inode.mtime.seconds);
    s.st_mtime_nsec = inode.mtime.nanoseconds;
    s.st_ctime = static_cast<u32>(inode.ctime.seconds);
    s.st_ctime_nsec = inode.ctime.nanoseconds;
    return s;
}

StatxTimestamp statx_time(const Timespec& t) { return StatxTimestamp { t.seconds, t.nanoseconds, 0 }; }

constexpr u32 STAT_AT_FLAGS = at_flags::SYMLINK_NOFOLLOW | at_flags::EMPTY_PATH | at_flags::NO_AUTOMOUNT;

SyscallResult write_stat(const Path& path, uptr buffer)
{
    TRY(write_user(buffer, stat_of(*path.inode)));
    return 0;
}

SyscallResult write_statfs(const Path& path, u32 size, uptr buffer)
{
    if (size != sizeof(StatFs64))
        return errno_error(abi::EINVAL);
    Inode& inode = *path.inode;
    FsUsage usage = inode.fs ? inode.fs->usage() : FsUsage {};
    StatFs64 s {};
    s.f_type = usage.magic;
    s.f_bsize = s.f_frsize = usage.block_size;
    s.f_blocks = usage.blocks;
    s.f_bfree = s.f_bavail = usage.free_blocks;
    s.f_files = usage.files;
    s.f_ffree = usage.free_files;
    s.f_fsid[0] = device_of(inode);
    s.f_namelen = usage.name_max;
    s.f_flags = ST_VALID;
    if (path.mount) {
        SpinLockGuard guard(mounts_lock());
        u32 flags = path.mount->flags;
        s.f_flags |= (path.mount->is_read_only() ? ST_RDONLY : 0) | (flags & mount_flags::NO_SUID ? ST_NOSUID : 0)
            | (flags & mount_flags::NO_DEV ? ST_NODEV : 0) | (flags & mount_flags::NO_EXEC ? ST_NOEXEC : 0)
            | (flags & mount_flags::NO_ATIME ? ST_NOATIME : 0)
            | (flags & mount_flags::NO_DIRECTORY_ATIME ? ST_NODIRATIME : 0)
            | (flags & mount_flags::RELATIME ? ST_RELATIME : 0);
    }
    TRY(write_user(buffer, s));
    return 0;
}

// access(2) asks with the real ids (unless AT_EACCESS): the lookup too.
SyscallResult check_access_at(i32 dirfd, uptr path_address, u32 wanted, u32 flags)
{
    if (wanted & ~7u)
        return errno_error(abi::EINVAL);
    if (flags & ~(at_flags::EFFECTIVE_ACCESS | at_flags::SYMLINK_NOFOLLOW | at_flags::EMPTY_PATH))
        return errno_error(abi::EINVAL);
    UserPath path;
    TRY(path.copy(path_address));
    vfs::Context context = lookup_context();
    if (!(flags & at_flags::EFFECTIVE_ACCESS)) {
        context.credentials.fsuid = context.credentials.uid;
        context.credentials.fsgid = context.credentials.gid;
    }
    Path target;
    if (path.is_empty()) {
        target = TRY(resolve_at(dirfd, path, flags));
    } else {
        Path base = TRY(base_directory(dirfd, path.c_str()));
        target = TRY(vfs::resolve(context, base, path.c_str(), !(flags & at_flags::SYMLINK_NOFOLLOW)));
    }
    TRY(check_access(*target.inode, wanted, context.credentials));
    if ((wanted & access::WRITE) && (target.inode->is_regular() || target.inode->is_directory()))
        TRY(vfs::check_writable(target));
    return 0;
}

SyscallResult read_link_at(i32 dirfd, uptr path_address, uptr buffer, u32 size)
{
    if (static_cast<i32>(size) <= 0)
        return errno_error(abi::EINVAL);
    UserPath path;
    TRY(path.copy(path_address));
    Path link = TRY(resolve_at(dirfd, path, at_flags::SYMLINK_NOFOLLOW | at_flags::EMPTY_PATH));
    if (!link.inode->is_symlink())
        return errno_error(path.is_empty() ? abi::ENOENT : abi::EINVAL);
    char* target = static_cast<char*>(kmalloc(vfs::PATH_MAX));
    if (!target)
        return errno_error(abi::ENOMEM);
    auto length = link.inode->read_link(target, libk::min<usize>(size, vfs::PATH_MAX));
    auto copied = length.is_error() ? ErrorOr<void>(length.release_error()) : copy_to_user(buffer, target, length.value());
    kfree(target);
    TRY(copied);
    return static_cast<u32>(length.value());
}

} // namespace

SyscallResult sys_stat64(u32 path, u32 buffer, u32, u32, u32, u32)
{
    return write_stat(TRY(resolve_at(AT_FDCWD, path, 0)), buffer);
}

SyscallResult sys_lstat64(u32 path, u32 buffer, u32, u32, u32, u32)
{
    return write_stat(TRY(resolve_at(AT_FDCWD, path, at_flags::SYMLINK_NOFOLLOW)), buffer);
}

SyscallResult sys_fstat64(u32 fd, u32 buffer, u32, u32, u32, u32)
{
    return write_stat(TRY(file_of(fd))->path(), buffer);
}

SyscallResult sys_fstatat64(u32 dirfd, u32 path, u32 buffer, u32 flags, u32, u32)
{
    if (flags & ~STAT_AT_FLAGS)
        return errno_error(abi::EINVAL);
    return write_stat(TRY(resolve_at(static_cast<i32>(dirfd), path, flags)), buffer);
}

SyscallResult sys_statx(u32 dirfd, u32 path, u32 flags, u32 mask, u32 buffer, u32)
{
    if ((flags & ~(STAT_AT_FLAGS | at_flags::STATX_SYNC_TYPE)) || (flags & at_flags::STATX_SYNC_TYPE) == at_flags::STATX_SYNC_TYPE
        || (mask & STATX_RESERVED))
        return errno_error(abi::EINVAL);
    Path target = TRY(resolve_at(static_cast<i32>(dirfd), path, flags));
    Inode& inode = *target.inode;
    Statx s {};
    s.mask = STATX_BASIC_STATS | (target.mount ? STATX_MNT_ID : 0);
    s.blksize = PAGE_SIZE;
    s.nlink = inode.nlink;
    s.uid = inode.uid;
    s.gid = inode.gid;
    s.mode = static_cast<u16>(inode.mode);
    s.ino = inode.ino;
    s.size = inode.size();
    s.blocks = blocks_of(inode);
    s.atime = statx_time(inode.atime);
    s.mtime = statx_time(inode.mtime);
    s.ctime = statx_time(inode.ctime);
    s.rdev_major = major_of(inode.rdev);
    s.rdev_minor = minor_of(inode.rdev);
    s.dev_major = major_of(device_of(inode));
    s.dev_minor = minor_of(device_of(inode));
    s.mount_id = target.mount ? target.mount->id() : 0;
    TRY(write_user(buffer, s));
    return 0;
}

SyscallResult sys_statfs64(u32 path, u32 size, u32 buffer, u32, u32, u32)
{
    return write_statfs(TRY(resolve_at(AT_FDCWD, path, 0)), size, buffer);
}

SyscallResult sys_fstatfs64(u32 fd, u32 size, u32 buffer, u32, u32, u32)
{
    return write_statfs(TRY(file_of(fd))->path(), size, buffer);
}

SyscallResult sys_access(u32 path, u32 wanted, u32, u32, u32, u32) { return check_access_at(AT_FDCWD, path, wanted, 0); }

SyscallResult sys_faccessat(u32 dirfd, u32 path, u32 wanted, u32, u32, u32)
{
    return check_access_at(static_cast<i32>(dirfd), path, wanted, 0);
}

SyscallResult sys_faccessat2(u32 dirfd, u32 path, u32 wanted, u32 flags, u32, u32)
{
    return check_access_at(static_cast<i32>(dirfd), path, wanted, flags);
}

SyscallResult sys_readlink(u32 path, u32 buffer, u32 size, u32, u32, u32)
{
    return read_link_at(AT_FDCWD, path, buffer, size);
}

SyscallResult sys_readlinkat(u32 dirfd, u32 path, u32 buffer, u32 size, u32, u32)
{
    return read_link_at(static_cast<i32>(dirfd), path, buffer, size);
}
