// A mount namespace: one tree of mounts, the file hierarchy its tasks
// see. A task reaches it through its NsProxy (task/nsproxy.h); tasks that
// share a namespace see each other's mounts, tasks in another do not
// (unless propagation carries a mount across: propagation.h).
#pragma once

#include <kernel/fs/path.h>

class FsContext;

class MountNamespace : public RefCounted<MountNamespace> {
public:
    static ErrorOr<RefPtr<MountNamespace>> create(RefPtr<Mount> root);
    // The last task has left: every mount in it is taken out (the tree
    // lives on only where a path still holds a part of it).
    ~MountNamespace();

    RefPtr<Mount> root() const;
    Path root_path() const;
    // The number /proc/<pid>/ns/mnt shows ("mnt:[N]"): Linux starts at
    // 0xF0000000 (its first namespace inode number).
    u32 inode_number() const { return m_inode_number; }

    // Calls `visit` for every mount, parents before children, with the
    // mounts lock held: `visit` must not sleep or drop a mount.
    template<typename Visit>
    void for_each_mount(Visit visit) const
    {
        SpinLockGuard guard(mounts_lock());
        if (m_root)
            visit_tree(*m_root, visit);
    }

private:
    friend ErrorOr<RefPtr<MountNamespace>> dup_namespace(MountNamespace&);
    friend void move_to_namespace(FsContext&, MountNamespace&, MountNamespace&);

    template<typename Visit>
    static void visit_tree(Mount& mount, Visit& visit)
    {
        visit(mount);
        for (RefPtr<Mount>& child : mount.children)
            visit_tree(*child, visit);
    }

    RefPtr<Mount> m_root; // guarded by mounts_lock()
    u32 m_inode_number = 0;
};

// The mount namespace of the running task.
MountNamespace& current_mount_namespace();

// unshare(CLONE_NEWNS)'s work: a new namespace with a copy of every mount
// of `original` (same trees, flags, sources), touching no task. Copies of
// shared mounts are peers of their originals, so mounts keep propagating
// between the two namespaces until one side makes its mounts private or
// slaves.
ErrorOr<RefPtr<MountNamespace>> dup_namespace(MountNamespace& original);

// Moves `fs`'s root and cwd from their mounts in `original` to the
// copies of those mounts in `copy` (which dup_namespace made from it).
// Cannot fail; `fs` should be a context no other task shares (CLONE_NEWNS
// implies CLONE_FS for that reason).
void move_to_namespace(FsContext& fs, MountNamespace& original, MountNamespace& copy);
