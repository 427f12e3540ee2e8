// mount, umount and umount2.
//
// Only a privileged task (euid 0, standing in for CAP_SYS_ADMIN) may
// change its namespace's mounts, and only mounts of its own namespace:
// EPERM and EINVAL otherwise, as Linux.
#include <kernel/fs/devfs.h>
#include <kernel/fs/devpts.h>
#include <kernel/fs/mount_namespace.h>
#include <kernel/fs/procfs.h>
#include <kernel/fs/propagation.h>
#include <kernel/fs/tmpfs.h>
#include <kernel/mm/heap.h>
#include <kernel/mm/user_copy.h>
#include <kernel/syscall/file_calls.h>
#include <libk/string.h>

namespace {

constexpr u32 MS_MGC_MASK = 0xFFFF0000, MS_MGC_VAL = 0xC0ED0000;
constexpr u32 MNT_FORCE = 1, MNT_DETACH = 2, MNT_EXPIRE = 4, UMOUNT_NOFOLLOW = 8;

// A string argument of mount(2) (source, type, data), copied in.
class UserString {
public:
    UserString() = default;
    UserString(const UserString&) = delete;
    ~UserString() { kfree(m_text); }
    ErrorOr<void> copy(uptr address, usize size)
    {
        if (!address)
            return {};
        m_text = static_cast<char*>(kmalloc(size));
        if (!m_text)
            return errno_error(abi::ENOMEM);
        auto copied = strncpy_from_user(m_text, address, size);
        if (copied.is_error())
            return errno_error(copied.error().code() == abi::ENAMETOOLONG ? abi::EINVAL : copied.error().code());
        return {};
    }
    const char* c_str() const { return m_text; }

private:
    char* m_text = nullptr;
};

bool in_my_namespace(const Path& path)
{
    SpinLockGuard guard(mounts_lock());
    return path.mount && path.mount->ns == &current_mount_namespace();
}

// Attaches `tree` at `target` (with propagation) and drops, after the lock,
// whatever was made for a failed attempt.
ErrorOr<void> attach_at(const Path& target, const RefPtr<Mount>& tree)
{
    Vector<RefPtr<Mount>> made;
    SpinLockGuard guard(mounts_lock());
    if (target.mount->ns != &current_mount_namespace())
        return errno_error(abi::EINVAL); // unmounted meanwhile
    return propagation::graft(*target.mount, target.inode, tree, made);
}

ErrorOr<RefPtr<Inode>> new_file_system(const char* type, const char* data)
{
    if (!type)
        return errno_error(abi::EFAULT);
    if (!libk::strcmp(type, "tmpfs"))
        return RefPtr<Inode>(TRY(tmpfs::create(TRY(tmpfs::parse_options(data)))));
    if (!libk::strcmp(type, "proc"))
        return procfs::root();
    if (!libk::strcmp(type, "devtmpfs"))
        return devfs::root();
    if (!libk::strcmp(type, "devpts")) {
        TRY(devpts::configure(data));
        return devpts::root();
    }
    return errno_error(abi::ENODEV);
}

SyscallResult mount_new(const Path& target, const char* source, const char* type, u32 flags, const char* data)
{
    if (!target.inode->is_directory())
        return errno_error(abi::ENOTDIR);
    RefPtr<Inode> root = TRY(new_file_system(type, data));
    // Linux's default for a new mount: relatime, unless asked otherwise.
    if (!(flags & (mount_flags::NO_ATIME | mount_flags::STRICT_ATIME)))
        flags |= mount_flags::RELATIME;
    RefPtr<Mount> mount = TRY(Mount::create(root, flags, source ? source : "none"));
    TRY(attach_at(target, mount));
    return 0;
}

usize tree_size(Mount& mount)
{
    usize size = 1;
    for (RefPtr<Mount>& child : mount.children)
        size += tree_size(*child);
    return size;
}

// A copy of `mount` showing `root` (an inode of it) as its root and, if
// `recursive`, copies of the mounts below that (but not unbindable ones).
// Every mount made goes into `made` first (room for the whole tree is
// reserved), so that none is freed under the lock.
ErrorOr<RefPtr<Mount>> bind_tree(Mount& mount, const RefPtr<Inode>& root, bool recursive, Vector<RefPtr<Mount>>& made)
{
    RefPtr<Mount> copy = TRY(Mount::create(root, mount.flags, mount.source()));
    (void)made.try_append(copy);
    copy->group = mount.group; // a bind of a shared mount is its peer
    copy->master = mount.master;
    if (!recursive)
        return copy;
    for (RefPtr<Mount>& child : mount.children) {
        if (child->unbindable || !propagation::is_below(*child->mountpoint, *root))
            continue;
        RefPtr<Mount> child_copy = TRY(bind_tree(*child, child->root(), true, made));
        TRY(mounts::attach(*copy, child->mountpoint, child_copy));
    }
    return copy;
}

SyscallResult mount_bind(const Path& target, const char* source_name, bool recursive)
{
    if (!source_name)
        return errno_error(abi::EFAULT);
    Path source = TRY(vfs::resolve(lookup_context(), {}, source_name, true));
    if (!in_my_namespace(source))
        return errno_error(abi::EINVAL);
    if (source.inode->is_directory() != target.inode->is_directory())
        return errno_error(abi::ENOTDIR);
    Vector<RefPtr<Mount>> made; // dropped after the lock
    SpinLockGuard guard(mounts_lock());
    if (source.mount->unbindable)
        return errno_error(abi::EINVAL);
    TRY(made.try_reserve(tree_size(*source.mount)));
    RefPtr<Mount> tree = TRY(bind_tree(*source.mount, source.inode, recursive, made));
    TRY(propagation::graft(*target.mount, target.inode, tree, made));
    return 0;
}

void change_type(Mount& mount, u32 type, bool recursive)
{
    propagation::change_type(mount, type);
    if (recursive) {
        for (RefPtr<Mount>& child : mount.children)
            change_type(*child, type, true);
    }
}

SyscallResult mount_change_type(const Path& target, u32 flags)
{
    u32 type = flags & mount_flags::PROPAGATION;
    if ((type & (type - 1)) || (flags & ~(mount_flags::PROPAGATION | mount_flags::RECURSIVE | mount_flags::SILENT)))
        return errno_error(abi::EINVAL); // exactly one type, nothing else
    if (!target.is_mount_root())
        return errno_error(abi::EINVAL);
    SpinLockGuard guard(mounts_lock());
    change_type(*target.mount, type, flags & mount_flags::RECURSIVE);
    return 0;
}

SyscallResult mount_remount(const Path& target, u32 flags, const char* data)
{
    if (!target.is_mount_root())
        return errno_error(abi::EINVAL);
    FileSystem& fs = target.mount->fs();
    if (!(flags & mount_flags::BIND) && !libk::strcmp(fs.type(), "tmpfs"))
        TRY(tmpfs::parse_options(data)); // the options must make sense (sizes are not changed)
    SpinLockGuard guard(mounts_lock());
    u32 atime = flags & (mount_flags::NO_ATIME | mount_flags::STRICT_ATIME) ? 0 : mount_flags::RELATIME;
    target.mount->flags = (flags & mount_flags::PER_MOUNT) | atime;
    if (!(flags & mount_flags::BIND))
        fs.read_only = flags & mount_flags::READ_ONLY;
    return 0;
}

SyscallResult mount_move(const Path& target, const char* source_name)
{
    if (!source_name)
        return errno_error(abi::EFAULT);
    Path source = TRY(vfs::resolve(lookup_context(), {}, source_name, true));
    if (!in_my_namespace(source) || !source.is_mount_root())
        return errno_error(abi::EINVAL);
    if (source.inode->is_directory() != target.inode->is_directory())
        return errno_error(abi::ENOTDIR);
    Vector<RefPtr<Mount>> made; // dropped after the lock
    SpinLockGuard guard(mounts_lock());
    Mount& mount = *source.mount;
    if (!mount.parent)
        return errno_error(abi::EINVAL); // the namespace's root
    if (mount.parent->group)
        return errno_error(abi::EINVAL); // Linux: not out of a shared mount
    for (Mount* m = target.mount.ptr(); m; m = m->parent) {
        if (m == &mount)
            return errno_error(abi::ELOOP); // into itself
    }
    // A failed graft leaves the mount unmounted: only running out of memory does that.
    TRY(made.try_reserve(1));
    RefPtr<Mount> moved = mounts::detach(mount);
    (void)made.try_append(moved);
    TRY(propagation::graft(*target.mount, target.inode, moved, made));
    return 0;
}

SyscallResult do_mount(uptr source_address, uptr target_address, uptr type_address, u32 flags, uptr data_address)
{
    if (!current_credentials().has(capability::SYS_ADMIN))
        return errno_error(abi::EPERM);
    if ((flags & MS_MGC_MASK) == MS_MGC_VAL)
        flags &= ~MS_MGC_MASK;
    UserString source, type, data;
    TRY(source.copy(source_address, vfs::PATH_MAX));
    TRY(type.copy(type_address, 64));
    TRY(data.copy(data_address, PAGE_SIZE));
    Path target = TRY(resolve_at(AT_FDCWD, target_address, 0));
    if (!in_my_namespace(target))
        return errno_error(abi::EINVAL);
    if (flags & mount_flags::REMOUNT)
        return mount_remount(target, flags, data.c_str());
    if (flags & mount_flags::BIND)
        return mount_bind(target, source.c_str(), flags & mount_flags::RECURSIVE);
    if (flags & mount_flags::PROPAGATION)
        return mount_change_type(target, flags);
    if (flags & mount_flags::MOVE)
        return mount_move(target, source.c_str());
    return mount_new(target, source.c_str(), type.c_str(), flags, data.c_str());
}

SyscallResult do_umount(uptr target_address, u32 flags)
{
    if (!current_credentials().has(capability::SYS_ADMIN))
        return errno_error(abi::EPERM);
    if ((flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW))
        || ((flags & MNT_EXPIRE) && (flags & (MNT_FORCE | MNT_DETACH))))
        return errno_error(abi::EINVAL);
    Path target = TRY(resolve_at(AT_FDCWD, target_address, flags & UMOUNT_NOFOLLOW ? at_flags::SYMLINK_NOFOLLOW : 0));
    if (!target.is_mount_root() || !in_my_namespace(target))
        return errno_error(abi::EINVAL);
    if (flags & MNT_EXPIRE)
        return errno_error(abi::EAGAIN); // never used since last asked: Linux's first answer
    Vector<RefPtr<Mount>> removed; // dropped after the lock
    SpinLockGuard guard(mounts_lock());
    Mount& mount = *target.mount;
    if (!mount.parent)
        return errno_error(flags & MNT_DETACH ? abi::EINVAL : abi::EBUSY); // the namespace's root
    // Its parent's reference and our `target`: anything more is a user.
    TRY(propagation::umount(mount, flags & MNT_DETACH, 2, removed));
    return 0;
}

} // namespace

SyscallResult sys_mount(u32 source, u32 target, u32 type, u32 flags, u32 data, u32)
{
    return do_mount(source, target, type, flags, data);
}

SyscallResult sys_umount2(u32 target, u32 flags, u32, u32, u32, u32) { return do_umount(target, flags); }
SyscallResult sys_umount(u32 target, u32, u32, u32, u32, u32) { return do_umount(target, 0); }
