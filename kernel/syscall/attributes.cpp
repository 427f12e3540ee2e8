// Changing a file's attributes: chmod, fchmod, fchmodat, chown32,
// lchown32, fchown32, fchownat, truncate, truncate64, ftruncate,
// ftruncate64, utimensat (32- and 64-bit times), fallocate.
#include <kernel/mm/user_copy.h>
#include <kernel/fs/size_limit.h>
#include <kernel/syscall/file_calls.h>

namespace {

constexpr u32 UTIME_NOW = (1u << 30) - 1, UTIME_OMIT = (1u << 30) - 2;
constexpr u32 FALLOC_FL_KEEP_SIZE = 1;

u64 join(u32 low, u32 high) { return (static_cast<u64>(high) << 32) | low; }

SyscallResult change_mode(const Path& path, u32 mode_bits)
{
    Inode& inode = *path.inode;
    const Credentials& who = current_credentials();
    if (!owns(inode, who))
        return errno_error(abi::EPERM);
    TRY(vfs::check_writable(path));
    u32 permissions = mode_bits & mode::PERMISSIONS;
    // Linux drops set-group-ID when the owner is not in the file's group.
    if (who.fsuid != 0 && inode.gid != who.fsgid)
        permissions &= ~mode::SET_GID;
    inode.mode = inode.type() | permissions;
    inode.touch_changed();
    return 0;
}

SyscallResult change_owner(const Path& path, u32 uid, u32 gid)
{
    Inode& inode = *path.inode;
    const Credentials& who = current_credentials();
    bool new_uid = uid != 0xFFFFFFFF && uid != inode.uid;
    bool new_gid = gid != 0xFFFFFFFF && gid != inode.gid;
    // Without privilege, only the owner, and only to give the file to its own group.
    if (!who.has(capability::CHOWN) && (new_uid || (new_gid && (who.fsuid != inode.uid || gid != who.fsgid))))
        return errno_error(abi::EPERM);
    TRY(vfs::check_writable(path));
    if (new_uid)
        inode.uid = uid;
    if (new_gid)
        inode.gid = gid;
    // As Linux: a chown takes set-user-ID (and an executable's set-group-ID) off a file.
    if (!inode.is_directory()) {
        inode.mode &= ~mode::SET_UID;
        if (inode.mode & 010)
            inode.mode &= ~mode::SET_GID;
    }
    inode.touch_changed();
    return 0;
}

SyscallResult truncate_path(uptr path_address, i64 length)
{
    if (length < 0)
        return errno_error(abi::EINVAL);
    Path path = TRY(resolve_at(AT_FDCWD, path_address, 0));
    Inode& inode = *path.inode;
    if (inode.is_directory())
        return errno_error(abi::EISDIR);
    if (!inode.is_regular())
        return errno_error(abi::EINVAL);
    TRY(check_access(inode, access::WRITE, current_credentials()));
    TRY(vfs::check_writable(path));
    TRY(size_limit::check_new_size(inode, static_cast<u64>(length)));
    TRY(inode.truncate(static_cast<u64>(length)));
    return 0;
}

SyscallResult truncate_file(u32 fd, i64 length)
{
    if (length < 0)
        return errno_error(abi::EINVAL);
    RefPtr<OpenFile> file = TRY(file_of(fd));
    if (file->is_path_only())
        return errno_error(abi::EBADF);
    if (!file->inode().is_regular() || !file->can_write())
        return errno_error(abi::EINVAL);
    TRY(size_limit::check_new_size(file->inode(), static_cast<u64>(length)));
    TRY(file->inode().truncate(static_cast<u64>(length)));
    return 0;
}

struct Times {
    i64 seconds[2];
    i64 nanoseconds[2];
};

// utimensat's work, once the times are read: [0] is atime, [1] mtime.
SyscallResult set_times(i32 dirfd, uptr path_address, const Times* times, u32 flags)
{
    if (flags & ~(at_flags::SYMLINK_NOFOLLOW | at_flags::EMPTY_PATH))
        return errno_error(abi::EINVAL);
    bool now[2] = { true, true }, omit[2] = { false, false };
    if (times) {
        for (int i = 0; i < 2; ++i) {
            i64 ns = times->nanoseconds[i];
            now[i] = ns == UTIME_NOW;
            omit[i] = ns == UTIME_OMIT;
            if (!now[i] && !omit[i] && (ns < 0 || ns > 999999999))
                return errno_error(abi::EINVAL);
        }
    }
    // utimensat(fd, NULL, ...) is futimens(fd): the file fd names.
    if (!path_address && dirfd == AT_FDCWD)
        return errno_error(abi::EFAULT);
    Path path = path_address ? TRY(resolve_at(dirfd, path_address, flags)) : TRY(file_of(static_cast<u32>(dirfd)))->path();
    if (omit[0] && omit[1])
        return 0;
    Inode& inode = *path.inode;
    const Credentials& who = current_credentials();
    // Setting "now" needs write permission (or ownership); any other time, ownership.
    bool only_now = (now[0] || omit[0]) && (now[1] || omit[1]);
    if (!owns(inode, who)) {
        if (!only_now)
            return errno_error(abi::EPERM);
        TRY(check_access(inode, access::WRITE, who));
    }
    TRY(vfs::check_writable(path));
    Timespec current_time = Timespec::now();
    Timespec* fields[2] = { &inode.atime, &inode.mtime };
    for (int i = 0; i < 2; ++i) {
        if (omit[i])
            continue;
        *fields[i] = now[i] ? current_time : Timespec { times->seconds[i], static_cast<u32>(times->nanoseconds[i]) };
    }
    inode.ctime = current_time;
    return 0;
}

} // namespace

SyscallResult sys_chmod(u32 path, u32 mode_bits, u32, u32, u32, u32)
{
    return change_mode(TRY(resolve_at(AT_FDCWD, path, 0)), mode_bits);
}

SyscallResult sys_fchmodat(u32 dirfd, u32 path, u32 mode_bits, u32, u32, u32)
{
    return change_mode(TRY(resolve_at(static_cast<i32>(dirfd), path, 0)), mode_bits);
}

SyscallResult sys_fchmod(u32 fd, u32 mode_bits, u32, u32, u32, u32)
{
    RefPtr<OpenFile> file = TRY(file_of(fd));
    if (file->is_path_only())
        return errno_error(abi::EBADF);
    return change_mode(file->path(), mode_bits);
}

SyscallResult sys_chown32(u32 path, u32 uid, u32 gid, u32, u32, u32)
{
    return change_owner(TRY(resolve_at(AT_FDCWD, path, 0)), uid, gid);
}

SyscallResult sys_lchown32(u32 path, u32 uid, u32 gid, u32, u32, u32)
{
    return change_owner(TRY(resolve_at(AT_FDCWD, path, at_flags::SYMLINK_NOFOLLOW)), uid, gid);
}

SyscallResult sys_fchown32(u32 fd, u32 uid, u32 gid, u32, u32, u32)
{
    RefPtr<OpenFile> file = TRY(file_of(fd));
    if (file->is_path_only())
        return errno_error(abi::EBADF);
    return change_owner(file->path(), uid, gid);
}

SyscallResult sys_fchownat(u32 dirfd, u32 path, u32 uid, u32 gid, u32 flags, u32)
{
    if (flags & ~(at_flags::SYMLINK_NOFOLLOW | at_flags::EMPTY_PATH))
        return errno_error(abi::EINVAL);
    return change_owner(TRY(resolve_at(static_cast<i32>(dirfd), path, flags)), uid, gid);
}

SyscallResult sys_truncate(u32 path, u32 length, u32, u32, u32, u32) { return truncate_path(path, static_cast<i32>(length)); }
SyscallResult sys_truncate64(u32 path, u32 low, u32 high, u32, u32, u32)
{
    return truncate_path(path, static_cast<i64>(join(low, high)));
}
SyscallResult sys_ftruncate(u32 fd, u32 length, u32, u32, u32, u32) { return truncate_file(fd, static_cast<i32>(length)); }
SyscallResult sys_ftruncate64(u32 fd, u32 low, u32 high, u32, u32, u32)
{
    return truncate_file(fd, static_cast<i64>(join(low, high)));
}

// struct timespec with 32-bit seconds (the old utimensat) ...
SyscallResult sys_utimensat(u32 dirfd, u32 path, u32 times_address, u32 flags, u32, u32)
{
    if (!times_address)
        return set_times(static_cast<i32>(dirfd), path, nullptr, flags);
    i32 raw[4];
    TRY(copy_from_user(raw, times_address, sizeof(raw)));
    Times times { { raw[0], raw[2] }, { raw[1], raw[3] } };
    return set_times(static_cast<i32>(dirfd), path, &times, flags);
}

// ... and with 64-bit seconds (and 64-bit nanosecond fields).
SyscallResult sys_utimensat_time64(u32 dirfd, u32 path, u32 times_address, u32 flags, u32, u32)
{
    if (!times_address)
        return set_times(static_cast<i32>(dirfd), path, nullptr, flags);
    i64 raw[4];
    TRY(copy_from_user(raw, times_address, sizeof(raw)));
    // The nanoseconds are a 32-bit long padded to 64 bits: only the low half counts.
    Times times { { raw[0], raw[2] }, { static_cast<i32>(raw[1]), static_cast<i32>(raw[3]) } };
    return set_times(static_cast<i32>(dirfd), path, &times, flags);
}

SyscallResult sys_fallocate(u32 fd, u32 mode_bits, u32 offset_low, u32 offset_high, u32 length_low, u32 length_high)
{
    i64 offset = static_cast<i64>(join(offset_low, offset_high));
    i64 length = static_cast<i64>(join(length_low, length_high));
    if (offset < 0 || length <= 0)
        return errno_error(abi::EINVAL);
    if (mode_bits & ~FALLOC_FL_KEEP_SIZE)
        return errno_error(abi::ENOTSUP);
    RefPtr<OpenFile> file = TRY(file_of(fd));
    if (!file->can_write())
        return errno_error(abi::EBADF);
    Inode& inode = file->inode();
    if (inode.is_fifo())
        return errno_error(abi::ESPIPE);
    if (offset + length < offset)
        return errno_error(abi::EFBIG);
    // RLIMIT_FSIZE even with FALLOC_FL_KEEP_SIZE, as Linux's tmpfs: the
    // pages are reserved all the same.
    if (inode.is_regular())
        TRY(size_limit::check_new_size(inode, static_cast<u64>(offset + length)));
    TRY(inode.allocate(static_cast<u64>(offset), static_cast<u64>(length), mode_bits & FALLOC_FL_KEEP_SIZE));
    return 0;
}
