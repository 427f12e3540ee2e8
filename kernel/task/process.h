// The life of a process: creation (copy_process, as clone and fork do it),
// a new program (execve), exit and wait.
#pragma once

#include <kernel/task/task.h>
#include <libk/error.h>

// clone's flags (Linux's values) that copy_process understands.
namespace clone_flags {
constexpr u32 EXIT_SIGNAL_MASK = 0xFF;
constexpr u32 VM = 0x100, FS = 0x200, FILES = 0x400, SIGHAND = 0x800, VFORK = 0x4000, PARENT = 0x8000;
constexpr u32 THREAD = 0x10000, NEWNS = 0x20000, SYSVSEM = 0x40000, SETTLS = 0x80000;
constexpr u32 PARENT_SETTID = 0x100000, CHILD_CLEARTID = 0x200000, CHILD_SETTID = 0x1000000;
}

struct CloneArguments {
    u32 flags = 0;
    uptr stack = 0;        // new user stack pointer (0: the parent's)
    uptr parent_tid = 0;   // CLONE_PARENT_SETTID: where the parent gets the child's tid
    uptr child_tid = 0;    // CLONE_CHILD_SETTID / CLONE_CHILD_CLEARTID
    uptr tls = 0;          // CLONE_SETTLS: a struct user_desc
};

// Makes a child of the current task per `arguments`; returns its tid.
// The child is published (made runnable) only after every step succeeded.
ErrorOr<pid_t> copy_process(const CloneArguments&);

// Replaces the current program. `argv` and `envp` are NULL-terminated
// arrays, in user memory if `from_user`, else in the kernel.
ErrorOr<void> execve(const char* path, uptr argv, uptr envp, bool from_user);

// Ends the current task with a wait status (exit code << 8, or a signal number).
[[noreturn]] void exit_current(i32 wait_status);

namespace wait_options { // wait4's and waitid's option bits (Linux's)
constexpr u32 NO_HANG = 1, STOPPED = 2, EXITED = 4, CONTINUED = 8, NO_WAIT = 0x01000000;
constexpr u32 NO_THREAD = 0x20000000, ALL = 0x40000000, CLONE = 0x80000000;
}

struct WaitSelection {
    enum Kind { Any, Pid, ProcessGroup } kind = Any;
    pid_t id = 0; // the pid, or the process group (0: the caller's)
    u32 options = 0;
};

struct WaitEvent {
    pid_t pid = 0;
    u32 uid = 0;
    i32 code = 0;      // CLD_EXITED, CLD_KILLED, CLD_DUMPED, CLD_STOPPED, CLD_CONTINUED
    i32 status = 0;    // as wait4 encodes it
    i32 si_status = 0; // as waitid reports it
    CpuTimes cpu;      // the child's CPU time, with its reaped children's (rusage)
    bool reap = false;
};

// The work of wait4 and waitid: finds a child state change the caller asked
// for, sleeping (interruptibly) until there is one unless NO_HANG. Returns
// the child's pid, 0 for NO_HANG with nothing to report, ECHILD if there is
// no such child.
ErrorOr<pid_t> wait_for_child(const WaitSelection&, WaitEvent&);

// Starts pid 1 running `path`.
ErrorOr<void> start_init(const char* path);
