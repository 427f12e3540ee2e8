// /proc/<pid>: one process's files.
#pragma once

#include <kernel/fs/proc/node.h>

namespace procfs {

// The inode number of entry `entry` (0: the directory itself) of <pid>.
u32 pid_inode_number(i32 pid, u32 entry);
ErrorOr<RefPtr<Inode>> make_pid_directory(RefPtr<Inode> parent, Task&);

// /proc/<pid>/mounts and mountinfo: every mount of `task`'s namespace
// that its root can see (mounts.cpp).
ErrorOr<void> write_mounts(Text&, Task&, bool mountinfo);

// The file /proc/<pid>/ns/mnt leads to: it stands for the namespace
// (its inode number is the namespace's).
ErrorOr<RefPtr<Inode>> namespace_file(u32 inode_number);

} // namespace procfs
