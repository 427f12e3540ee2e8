#include <kernel/fs/fs_context.h>
#include <kernel/fs/mount_namespace.h>
#include <kernel/fs/propagation.h>
#include <kernel/task/nsproxy.h>
#include <kernel/task/task.h>

namespace {

u32 last_inode_number = 0xEFFFFFFF; // guarded by the kernel not being preemptible

// The mount of the tree under `to` that sits where `mount` sits under `from`
// (same child positions all the way down), or null.
Mount* corresponding(Mount& mount, Mount& from, Mount& to)
{
    if (&mount == &from)
        return &to;
    if (!mount.parent)
        return nullptr;
    Mount* parent = corresponding(*mount.parent, from, to);
    if (!parent)
        return nullptr;
    for (usize i = 0; i < mount.parent->children.size(); ++i) {
        if (mount.parent->children[i] == &mount)
            return i < parent->children.size() ? parent->children[i].ptr() : nullptr;
    }
    return nullptr;
}

} // namespace

ErrorOr<RefPtr<MountNamespace>> MountNamespace::create(RefPtr<Mount> root)
{
    auto ns = TRY(try_make_ref_counted<MountNamespace>());
    ns->m_inode_number = ++last_inode_number;
    SpinLockGuard guard(mounts_lock());
    mounts::enter(*root, ns.ptr());
    ns->m_root = libk::move(root);
    return ns;
}

MountNamespace::~MountNamespace()
{
    RefPtr<Mount> root; // dropped after the lock
    SpinLockGuard guard(mounts_lock());
    if (m_root)
        mounts::leave(*m_root);
    root = libk::move(m_root);
}

RefPtr<Mount> MountNamespace::root() const
{
    SpinLockGuard guard(mounts_lock());
    return m_root;
}

Path MountNamespace::root_path() const
{
    RefPtr<Mount> mount = root();
    RefPtr<Inode> inode = mount->root();
    return Path { libk::move(mount), libk::move(inode) };
}

MountNamespace& current_mount_namespace() { return current()->nsproxy->mount_namespace(); }

ErrorOr<RefPtr<MountNamespace>> dup_namespace(MountNamespace& original)
{
    struct Copy {
        RefPtr<Mount> original;
        RefPtr<Mount> copy;
        usize parent;
    };
    Vector<Copy> copies; // outlives the lock: a failed copy is freed after it
    auto copied = [&]() -> ErrorOr<void> {
        SpinLockGuard guard(mounts_lock());
        // Every mount, parents before children, then a copy of each on the
        // copy of its parent, at the same mount point, in the same order.
        TRY(copies.try_append(Copy { original.m_root, {}, 0 }));
        for (usize i = 0; i < copies.size(); ++i) {
            for (RefPtr<Mount>& child : copies[i].original->children)
                TRY(copies.try_append(Copy { child, {}, i }));
        }
        for (usize i = 0; i < copies.size(); ++i) {
            Mount& from = *copies[i].original;
            copies[i].copy = TRY(from.clone());
            copies[i].copy->group = from.group; // a peer of its original
            copies[i].copy->master = from.master;
            copies[i].copy->unbindable = from.unbindable;
            if (i > 0)
                TRY(mounts::attach(*copies[copies[i].parent].copy, from.mountpoint, copies[i].copy));
        }
        return {};
    }();
    TRY(copied);
    return MountNamespace::create(copies[0].copy);
}

void move_to_namespace(FsContext& fs, MountNamespace& original, MountNamespace& copy)
{
    auto moved = [&](Path path) {
        RefPtr<Mount> old; // dropped after the lock
        SpinLockGuard guard(mounts_lock());
        if (path.mount && original.m_root && copy.m_root) {
            if (Mount* there = corresponding(*path.mount, *original.m_root, *copy.m_root)) {
                old = libk::move(path.mount);
                path.mount = RefPtr<Mount>(there);
            }
        }
        return path;
    };
    // The old paths die outside the lock, in the setters.
    fs.set_root(moved(fs.root()));
    fs.set_cwd(moved(fs.cwd()));
}
