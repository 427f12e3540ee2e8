#include <kernel/abi/errno.h>
#include <kernel/fs/mount.h>
#include <kernel/fs/propagation.h>
#include <libk/string.h>
#include <new>

namespace {

SpinLock the_lock;
IntrusiveList<Mount, &Mount::all_node> every_mount; // guarded by the_lock
u32 last_mount_id;                                  // atomic
u32 last_group;                                     // guarded by the_lock

} // namespace

SpinLock& mounts_lock() { return the_lock; }

ErrorOr<RefPtr<Mount>> Mount::create(RefPtr<Inode> root, u32 flags, const char* source)
{
    auto* raw = new (std::nothrow_t {}) Mount;
    if (!raw)
        return Error::from_errno(abi::ENOMEM);
    RefPtr<Mount> mount = adopt_ref(*raw);
    mount->m_root = libk::move(root);
    mount->flags = flags & mount_flags::PER_MOUNT;
    mount->m_id = __atomic_add_fetch(&last_mount_id, 1, __ATOMIC_RELAXED);
    libk::strlcpy(mount->m_source, source ? source : "none", sizeof(mount->m_source));
    return mount;
}

ErrorOr<RefPtr<Mount>> Mount::clone() const { return create(m_root, flags, m_source); }

Mount::~Mount()
{
    // What we let go of dies after the lock is released (see mounts_lock()).
    Vector<RefPtr<Mount>> orphans;
    SpinLockGuard guard(the_lock);
    // A child outlives us only through someone else's reference (a task's
    // cwd in it): it becomes a tree of its own. (Dropping an inode under
    // the lock is fine: only mounts take it when they die.)
    for (RefPtr<Mount>& child : children) {
        child->parent = nullptr;
        --child->mountpoint->mount_count;
        child->mountpoint = nullptr;
    }
    orphans = libk::move(children);
    if (all_node.is_linked()) {
        propagation::leave_group(*this);
        every_mount.remove(*this);
    }
}

namespace mounts {

IntrusiveList<Mount, &Mount::all_node>& all() { return every_mount; }

ErrorOr<void> attach(Mount& parent, RefPtr<Inode> mountpoint, const RefPtr<Mount>& child)
{
    Mount& mount = *child;
    TRY(parent.children.try_append(child));
    mount.parent = &parent;
    ++mountpoint->mount_count;
    mount.mountpoint = libk::move(mountpoint);
    if (parent.ns)
        enter(mount, parent.ns);
    return {};
}

RefPtr<Mount> detach(Mount& child)
{
    RefPtr<Mount> reference;
    if (Mount* parent = child.parent) {
        for (usize i = 0; i < parent->children.size(); ++i) {
            if (parent->children[i] == &child) {
                reference = libk::move(parent->children[i]);
                parent->children.remove(i);
                break;
            }
        }
        child.parent = nullptr;
        --child.mountpoint->mount_count;
        child.mountpoint = nullptr;
    }
    leave(child);
    return reference;
}

Mount* mounted_on(Mount& parent, const Inode& mountpoint)
{
    Mount* top = nullptr;
    for (RefPtr<Mount>& child : parent.children) {
        if (child->mountpoint.ptr() == &mountpoint)
            top = child.ptr();
    }
    return top;
}

void enter(Mount& mount, MountNamespace* ns)
{
    mount.ns = ns;
    if (!mount.all_node.is_linked())
        every_mount.append(mount);
    for (RefPtr<Mount>& child : mount.children)
        enter(*child, ns);
}

void leave(Mount& mount)
{
    mount.ns = nullptr;
    if (mount.all_node.is_linked()) {
        propagation::leave_group(mount);
        mount.master = 0;
        every_mount.remove(mount);
    }
    for (RefPtr<Mount>& child : mount.children)
        leave(*child);
}

u32 new_group() { return ++last_group; }

} // namespace mounts
