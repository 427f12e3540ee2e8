// A mount: a file system's tree (or a part of it: a bind mount) made
// visible at a directory of another mount, its mount point.
//
// Mounts form a tree per mount namespace (mount_namespace.h). A parent
// owns its children; a namespace owns its root mount; a path (path.h)
// owns the mount it is in. So a mount that is taken out of its namespace
// (umount) lives on while a task still has its cwd or an open file in it,
// as on Linux.
//
// Peer groups and masters (shared subtrees, propagation.cpp) are kept as
// numbers: mounts with the same `group` are peers; a mount with `master`
// G receives what is mounted in group G but sends nothing back.
#pragma once

#include <kernel/fs/inode.h>
#include <libk/list.h>
#include <libk/spinlock.h>
#include <libk/vector.h>

// mount(2)'s MS_* flags (Linux's values).
namespace mount_flags {
constexpr u32 READ_ONLY = 1, NO_SUID = 2, NO_DEV = 4, NO_EXEC = 8, SYNCHRONOUS = 16, REMOUNT = 32;
constexpr u32 MANDATORY_LOCKS = 64, DIRECTORY_SYNC = 128, NO_SYMLINK_FOLLOW = 256, NO_ATIME = 1024;
constexpr u32 NO_DIRECTORY_ATIME = 2048, BIND = 4096, MOVE = 8192, RECURSIVE = 16384, SILENT = 32768;
constexpr u32 UNBINDABLE = 1 << 17, PRIVATE = 1 << 18, SLAVE = 1 << 19, SHARED = 1 << 20, RELATIME = 1 << 21;
constexpr u32 STRICT_ATIME = 1 << 24, LAZY_TIME = 1 << 25;
constexpr u32 PROPAGATION = UNBINDABLE | PRIVATE | SLAVE | SHARED;
// The flags that belong to one mount (the rest are actions or the file system's).
constexpr u32 PER_MOUNT = READ_ONLY | NO_SUID | NO_DEV | NO_EXEC | NO_ATIME | NO_DIRECTORY_ATIME | RELATIME
    | NO_SYMLINK_FOLLOW;
}

class MountNamespace;

// Guards every mount tree: the fields marked below, every namespace's
// root, and Inode::mount_count. Never held while a mount reference is
// dropped (a mount's destructor takes it): code keeps what it takes out
// of a tree in a local declared before the lock guard, so it dies after
// the lock is released.
SpinLock& mounts_lock();

class Mount : public RefCounted<Mount> {
public:
    static ErrorOr<RefPtr<Mount>> create(RefPtr<Inode> root, u32 flags, const char* source);
    // A new mount of the same tree with the same flags and source (bind
    // mounts and namespace copies); in no tree yet. Called with mounts_lock() held.
    ErrorOr<RefPtr<Mount>> clone() const;
    ~Mount();

    const RefPtr<Inode>& root() const { return m_root; }
    FileSystem& fs() const { return *m_root->fs; }
    u32 id() const { return m_id; }
    const char* source() const { return m_source; }
    bool is_read_only() const { return (flags & mount_flags::READ_ONLY) || fs().read_only; }

    // Guarded by mounts_lock().
    u32 flags = 0;                  // its mount_flags::PER_MOUNT
    Mount* parent = nullptr;        // borrowed: the parent owns us, and clears this when it dies
    RefPtr<Inode> mountpoint;       // the inode of the parent it covers
    Vector<RefPtr<Mount>> children; // in the order they were mounted
    MountNamespace* ns = nullptr;   // borrowed: cleared when we leave it or it dies
    u32 group = 0;                  // peer group ("shared:N"), 0: not shared
    u32 master = 0;                 // the group it receives from ("master:N"), 0: none
    bool unbindable = false;
    ListNode all_node;              // on mounts::all() while in a namespace

private:
    Mount() = default;
    friend class libk::RefCounted<Mount>;

    RefPtr<Inode> m_root;
    u32 m_id = 0;
    char m_source[64] = {};
};

namespace mounts {

// Every mount in a namespace, for propagation. Guarded by mounts_lock().
IntrusiveList<Mount, &Mount::all_node>& all();

// These are called with mounts_lock() held.

// Puts `child` on `mountpoint` of `parent`, in `parent`'s namespace (the
// parent takes a reference; the caller drops its own after the lock).
ErrorOr<void> attach(Mount& parent, RefPtr<Inode> mountpoint, const RefPtr<Mount>& child);
// Takes `child` (and its subtree with it) out of its parent and its
// namespace, private from now on; returns the reference the parent held.
RefPtr<Mount> detach(Mount& child);
// The mount on `mountpoint` of `parent` that is on top (mounted last), if any.
Mount* mounted_on(Mount& parent, const Inode& mountpoint);
// `mount` and every mount below it join `ns` / leave their namespace.
void enter(Mount& mount, MountNamespace* ns);
void leave(Mount& mount);
// A number for a new peer group.
u32 new_group();

} // namespace mounts
