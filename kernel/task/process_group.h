// Process groups and sessions, as job control sees them: a process group
// is the processes whose ThreadGroup::pgid is the same; a session, those
// whose sid is. They are not objects of their own: these functions find
// their members by walking the task list.
#pragma once

#include <kernel/task/task.h>

namespace process_groups {

// Sends signal `s` to every process of group `pgid`, as the kernel does
// for a terminal (si_code SI_KERNEL, no permission check).
void signal(pid_t pgid, int s);

// POSIX's orphaned process group: no member has its parent in another
// process group of the same session (a parent that is init does not
// count). No shell is left to continue such a group, so the terminal's
// stop signals do not stop it, and a read or write that would get
// SIGTTIN or SIGTTOU fails with EIO instead.
bool is_orphaned(pid_t pgid, const Task* ignoring = nullptr);

// An exit can leave a process group orphaned. If that group has a stopped
// member, it gets SIGHUP and then SIGCONT (POSIX): nobody could continue
// it otherwise. The groups to check are the exiting process's children's
// (each just given to init)...
void child_orphaned(const Task& exiting, Task& child);
// ... and its own, when its last thread exits.
void exiting(Task& leader);

// The session of process group `pgid`, or else of the process whose pid
// it is; 0 if neither exists (Linux's session_of_pgrp, for TIOCSPGRP).
pid_t session_of(pid_t pgid);

// Is `pid` the id of a task, a process group or a session?
bool pid_in_use(pid_t);

} // namespace process_groups
