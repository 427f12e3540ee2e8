// /proc/<pid>: one process's files.
#pragma once

#include <kernel/fs/proc/node.h>
#include <kernel/task/task.h>

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

// For the files of <pid> (pid.cpp) and its links and directories
// (pid_links.cpp).

// The task a node is about, if it still exists (ESRCH otherwise).
ErrorOr<Task*> task_of(i32 pid);

// A node of type T, made from (pid, arguments...), owned by the task's user.
template<typename T, typename... Arguments>
ErrorOr<RefPtr<Inode>> make_owned(const RefPtr<Inode>& parent, const Entry& entry, u32 number, i32 pid,
    Arguments... arguments);

// The Entry makers of the links cwd, root and exe, and of fd/ and ns/.
ErrorOr<RefPtr<Inode>> make_cwd(const RefPtr<Inode>&, const Entry&, u32 number, u32 pid);
ErrorOr<RefPtr<Inode>> make_root(const RefPtr<Inode>&, const Entry&, u32 number, u32 pid);
ErrorOr<RefPtr<Inode>> make_exe(const RefPtr<Inode>&, const Entry&, u32 number, u32 pid);
ErrorOr<RefPtr<Inode>> make_fd(const RefPtr<Inode>&, const Entry&, u32 number, u32 pid);
ErrorOr<RefPtr<Inode>> make_ns(const RefPtr<Inode>&, const Entry&, u32 number, u32 pid);

} // namespace procfs

template<typename T, typename... Arguments>
ErrorOr<RefPtr<Inode>> procfs::make_owned(const RefPtr<Inode>& parent, const Entry& entry, u32 number, i32 pid,
    Arguments... arguments)
{
    Task& t = *TRY(task_of(pid));
    auto node = TRY(try_make_ref_counted<T>(pid, arguments...));
    node->place(parent, entry.name, entry.mode, number, t.credentials.euid, t.credentials.egid);
    return RefPtr<Inode>(node);
}
