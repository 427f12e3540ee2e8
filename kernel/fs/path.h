// A position in the file hierarchy: an inode as seen through a mount.
//
// The same directory can be visible in several places (bind mounts, other
// namespaces), and ".." at a mount's root leaves that mount: so a task's
// root and cwd, an open file and every step of path lookup are a (mount,
// inode) pair, never an inode alone.
#pragma once

#include <kernel/fs/mount.h>

struct Path {
    RefPtr<Mount> mount; // null only for inodes no mount shows (pipes)
    RefPtr<Inode> inode;

    bool operator==(const Path& other) const { return mount == other.mount && inode == other.inode; }
    bool is_null() const { return inode.is_null(); }
    // The root of its mount (where ".." leaves the mount).
    bool is_mount_root() const { return mount && mount->root() == inode; }
};
