// Making and removing names: mkdir, mkdirat, mknod, mknodat, rmdir,
// unlink, unlinkat, rename, renameat, renameat2, link, linkat, symlink,
// symlinkat.
//
// Each resolves the parent directory of the last name, checks what Linux
// checks, in Linux's order (so the same mistake gives the same errno),
// then asks the directory's file system to do the change.
#include <kernel/mm/heap.h>
#include <kernel/mm/user_copy.h>
#include <kernel/syscall/file_calls.h>

namespace {

constexpr u32 RENAME_NOREPLACE = 1;

bool is_mount_point(const Inode& inode)
{
    SpinLockGuard guard(mounts_lock());
    return inode.mount_count > 0;
}

u32 group_for_new(const Inode& directory) { return (directory.mode & mode::SET_GID) ? directory.gid : current_credentials().fsgid; }

ErrorOr<vfs::Parent> parent_at(i32 dirfd, const UserPath& path)
{
    Path base = TRY(base_directory(dirfd, path.c_str()));
    return vfs::resolve_parent(lookup_context(), base, path.c_str());
}

// Where a new name goes: the parent, checked for creating in it.
// EEXIST for ".", "..", "/" and a name that exists (before any permission
// check, as Linux); a trailing slash is only for mkdir.
ErrorOr<vfs::Parent> parent_for_new(i32 dirfd, const UserPath& path, bool allow_trailing_slash)
{
    vfs::Parent parent = TRY(parent_at(dirfd, path));
    if (parent.kind != walk::LastKind::Normal)
        return errno_error(abi::EEXIST);
    auto existing = parent.directory.inode->lookup(parent.name, parent.length);
    if (!existing.is_error())
        return errno_error(abi::EEXIST);
    if (existing.error().code() != abi::ENOENT)
        return existing.release_error();
    if (parent.trailing_slash && !allow_trailing_slash)
        return errno_error(abi::ENOENT);
    TRY(vfs::check_writable(parent.directory));
    TRY(check_access(*parent.directory.inode, access::WRITE | access::EXECUTE, current_credentials()));
    return parent;
}

SyscallResult make_directory(i32 dirfd, uptr path_address, u32 mode_bits)
{
    UserPath path;
    TRY(path.copy(path_address));
    vfs::Parent parent = TRY(parent_for_new(dirfd, path, true));
    Inode& directory = *parent.directory.inode;
    u32 permissions = mode_bits & (0777 | mode::STICKY) & ~current_fs().umask();
    if (directory.mode & mode::SET_GID)
        permissions |= mode::SET_GID;
    TRY(directory.make_directory(parent.name, parent.length, permissions, current_credentials().fsuid,
        group_for_new(directory)));
    return 0;
}

// mknod: a regular file (type 0 too), a FIFO, a socket, or (with
// CAP_MKNOD) a character or block device node.
SyscallResult make_node(i32 dirfd, uptr path_address, u32 mode_bits, u32 device)
{
    u32 type = mode_bits & mode::TYPE_MASK;
    switch (type) {
    case 0:
    case mode::REGULAR:
    case mode::FIFO:
    case mode::SOCKET:
    case mode::CHARACTER:
    case mode::BLOCK:
        break;
    case mode::DIRECTORY:
        return errno_error(abi::EPERM);
    default:
        return errno_error(abi::EINVAL);
    }
    UserPath path;
    TRY(path.copy(path_address));
    vfs::Parent parent = TRY(parent_for_new(dirfd, path, false));
    Inode& directory = *parent.directory.inode;
    u32 permissions = mode_bits & mode::PERMISSIONS & ~current_fs().umask();
    const Credentials& who = current_credentials();
    if (type == 0 || type == mode::REGULAR) {
        TRY(directory.create_file(parent.name, parent.length, permissions, who.fsuid, group_for_new(directory)));
        return 0;
    }
    if ((type == mode::CHARACTER || type == mode::BLOCK) && !capable(capability::MKNOD))
        return errno_error(abi::EPERM);
    TRY(directory.make_node(parent.name, parent.length, type | permissions, device, who.fsuid, group_for_new(directory)));
    return 0;
}

SyscallResult remove_directory(i32 dirfd, uptr path_address)
{
    UserPath path;
    TRY(path.copy(path_address));
    vfs::Parent parent = TRY(parent_at(dirfd, path));
    switch (parent.kind) {
    case walk::LastKind::Dot: return errno_error(abi::EINVAL);
    case walk::LastKind::DotDot: return errno_error(abi::ENOTEMPTY);
    case walk::LastKind::Root: return errno_error(abi::EBUSY);
    case walk::LastKind::Normal: break;
    }
    Inode& directory = *parent.directory.inode;
    RefPtr<Inode> victim = TRY(directory.lookup(parent.name, parent.length));
    if (!victim->is_directory())
        return errno_error(abi::ENOTDIR);
    TRY(vfs::check_writable(parent.directory));
    TRY(check_may_delete(directory, *victim, current_credentials()));
    if (is_mount_point(*victim))
        return errno_error(abi::EBUSY);
    TRY(directory.remove_directory(parent.name, parent.length));
    return 0;
}

SyscallResult unlink_name(i32 dirfd, uptr path_address)
{
    UserPath path;
    TRY(path.copy(path_address));
    vfs::Parent parent = TRY(parent_at(dirfd, path));
    if (parent.kind != walk::LastKind::Normal)
        return errno_error(abi::EISDIR);
    Inode& directory = *parent.directory.inode;
    RefPtr<Inode> victim = TRY(directory.lookup(parent.name, parent.length));
    if (victim->is_directory())
        return errno_error(abi::EISDIR);
    if (parent.trailing_slash)
        return errno_error(abi::ENOTDIR);
    TRY(vfs::check_writable(parent.directory));
    TRY(check_may_delete(directory, *victim, current_credentials()));
    if (is_mount_point(*victim))
        return errno_error(abi::EBUSY);
    TRY(directory.unlink(parent.name, parent.length));
    return 0;
}

// True if `directory` is `ancestor` or inside it (in one file system).
bool is_inside(Inode& directory, const Inode& ancestor)
{
    for (RefPtr<Inode> current(directory); current; current = current->parent()) {
        if (current.ptr() == &ancestor)
            return true;
    }
    return false;
}

SyscallResult rename_at(i32 old_dirfd, uptr old_address, i32 new_dirfd, uptr new_address, u32 flags)
{
    if (flags & ~RENAME_NOREPLACE)
        return errno_error(abi::EINVAL);
    UserPath old_path, new_path;
    TRY(old_path.copy(old_address));
    TRY(new_path.copy(new_address));
    vfs::Parent from = TRY(parent_at(old_dirfd, old_path));
    vfs::Parent to = TRY(parent_at(new_dirfd, new_path));
    if (from.kind != walk::LastKind::Normal || to.kind != walk::LastKind::Normal)
        return errno_error(abi::EBUSY);
    if (from.directory.mount != to.directory.mount)
        return errno_error(abi::EXDEV);
    Inode& old_directory = *from.directory.inode;
    Inode& new_directory = *to.directory.inode;
    RefPtr<Inode> source = TRY(old_directory.lookup(from.name, from.length));
    auto existing = new_directory.lookup(to.name, to.length);
    if (existing.is_error() && existing.error().code() != abi::ENOENT)
        return existing.release_error();
    RefPtr<Inode> target = existing.is_error() ? RefPtr<Inode>() : existing.release_value();
    if (!source->is_directory() && (from.trailing_slash || to.trailing_slash))
        return errno_error(abi::ENOTDIR);
    if (target && (flags & RENAME_NOREPLACE))
        return errno_error(abi::EEXIST);
    TRY(vfs::check_writable(from.directory));
    const Credentials& who = current_credentials();
    TRY(check_may_delete(old_directory, *source, who));
    if (target)
        TRY(check_may_delete(new_directory, *target, who));
    else
        TRY(check_access(new_directory, access::WRITE | access::EXECUTE, who));
    if (source == target)
        return 0;
    if (source->is_directory()) {
        if (target && !target->is_directory())
            return errno_error(abi::ENOTDIR);
        if (is_inside(new_directory, *source))
            return errno_error(abi::EINVAL); // into itself
        if (target && !target->is_empty_directory())
            return errno_error(abi::ENOTEMPTY);
        // Its ".." changes: that is a write to the directory itself.
        if (&new_directory != &old_directory)
            TRY(check_access(*source, access::WRITE, who));
    } else if (target && target->is_directory()) {
        return errno_error(abi::EISDIR);
    }
    if (is_mount_point(*source) || (target && is_mount_point(*target)))
        return errno_error(abi::EBUSY);
    TRY(old_directory.rename(from.name, from.length, new_directory, to.name, to.length));
    return 0;
}

SyscallResult link_at(i32 old_dirfd, uptr old_address, i32 new_dirfd, uptr new_address, u32 flags)
{
    if (flags & ~(at_flags::SYMLINK_FOLLOW | at_flags::EMPTY_PATH))
        return errno_error(abi::EINVAL);
    UserPath old_path, new_path;
    TRY(old_path.copy(old_address));
    TRY(new_path.copy(new_address));
    u32 lookup = (flags & at_flags::EMPTY_PATH) | ((flags & at_flags::SYMLINK_FOLLOW) ? 0 : at_flags::SYMLINK_NOFOLLOW);
    Path source = TRY(resolve_at(old_dirfd, old_path, lookup));
    vfs::Parent parent = TRY(parent_for_new(new_dirfd, new_path, false));
    if (source.mount != parent.directory.mount)
        return errno_error(abi::EXDEV);
    if (source.inode->is_directory())
        return errno_error(abi::EPERM);
    // Linux's protected_hardlinks: only the owner, or someone who may
    // read and write it, links a file.
    const Credentials& who = current_credentials();
    if (!owns(*source.inode, who)
        && (!source.inode->is_regular() || check_access(*source.inode, access::READ | access::WRITE, who).is_error()))
        return errno_error(abi::EPERM);
    if (source.inode->nlink == 0)
        return errno_error(abi::ENOENT); // unlinked meanwhile: no way back
    TRY(parent.directory.inode->link(parent.name, parent.length, *source.inode));
    return 0;
}

SyscallResult symlink_at(uptr target_address, i32 dirfd, uptr path_address)
{
    UserPath target, path;
    TRY(target.copy(target_address));
    TRY(path.copy(path_address));
    if (target.is_empty())
        return errno_error(abi::ENOENT);
    vfs::Parent parent = TRY(parent_for_new(dirfd, path, false));
    Inode& directory = *parent.directory.inode;
    TRY(directory.make_symlink(parent.name, parent.length, target.c_str(), libk::strlen(target.c_str()),
        current_credentials().fsuid, group_for_new(directory)));
    return 0;
}

} // namespace

SyscallResult sys_mkdir(u32 path, u32 mode_bits, u32, u32, u32, u32) { return make_directory(AT_FDCWD, path, mode_bits); }

SyscallResult sys_mkdirat(u32 dirfd, u32 path, u32 mode_bits, u32, u32, u32)
{
    return make_directory(static_cast<i32>(dirfd), path, mode_bits);
}

SyscallResult sys_mknod(u32 path, u32 mode_bits, u32 device, u32, u32, u32)
{
    return make_node(AT_FDCWD, path, mode_bits, device);
}

SyscallResult sys_mknodat(u32 dirfd, u32 path, u32 mode_bits, u32 device, u32, u32)
{
    return make_node(static_cast<i32>(dirfd), path, mode_bits, device);
}

SyscallResult sys_rmdir(u32 path, u32, u32, u32, u32, u32) { return remove_directory(AT_FDCWD, path); }

SyscallResult sys_unlink(u32 path, u32, u32, u32, u32, u32) { return unlink_name(AT_FDCWD, path); }

SyscallResult sys_unlinkat(u32 dirfd, u32 path, u32 flags, u32, u32, u32)
{
    if (flags & ~at_flags::REMOVE_DIRECTORY)
        return errno_error(abi::EINVAL);
    if (flags & at_flags::REMOVE_DIRECTORY)
        return remove_directory(static_cast<i32>(dirfd), path);
    return unlink_name(static_cast<i32>(dirfd), path);
}

SyscallResult sys_rename(u32 old_path, u32 new_path, u32, u32, u32, u32)
{
    return rename_at(AT_FDCWD, old_path, AT_FDCWD, new_path, 0);
}

SyscallResult sys_renameat(u32 old_dirfd, u32 old_path, u32 new_dirfd, u32 new_path, u32, u32)
{
    return rename_at(static_cast<i32>(old_dirfd), old_path, static_cast<i32>(new_dirfd), new_path, 0);
}

SyscallResult sys_renameat2(u32 old_dirfd, u32 old_path, u32 new_dirfd, u32 new_path, u32 flags, u32)
{
    return rename_at(static_cast<i32>(old_dirfd), old_path, static_cast<i32>(new_dirfd), new_path, flags);
}

SyscallResult sys_link(u32 old_path, u32 new_path, u32, u32, u32, u32)
{
    return link_at(AT_FDCWD, old_path, AT_FDCWD, new_path, 0);
}

SyscallResult sys_linkat(u32 old_dirfd, u32 old_path, u32 new_dirfd, u32 new_path, u32 flags, u32)
{
    return link_at(static_cast<i32>(old_dirfd), old_path, static_cast<i32>(new_dirfd), new_path, flags);
}

SyscallResult sys_symlink(u32 target, u32 path, u32, u32, u32, u32) { return symlink_at(target, AT_FDCWD, path); }

SyscallResult sys_symlinkat(u32 target, u32 dirfd, u32 path, u32, u32, u32)
{
    return symlink_at(target, static_cast<i32>(dirfd), path);
}
