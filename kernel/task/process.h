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

// wait4's work: reaps a zombie child matching `pid` (-1: any).
ErrorOr<pid_t> wait_for_child(pid_t pid, i32* status, u32 options);

// Starts pid 1 running `path`.
ErrorOr<void> start_init(const char* path);
