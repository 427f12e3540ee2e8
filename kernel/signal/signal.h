// Signals: sending them, and acting on them on the way back to user mode.
//
// A signal is sent to a thread (tkill, a CPU fault) or to a whole process
// (kill): then it waits in the ThreadGroup and any thread that does not
// block it takes it. Nothing happens at once: the receiving thread acts on
// its pending signals just before it next returns to user mode
// (deliver, called by return_to_user), where a handler gets a
// signal frame on the user stack, or the default action is taken:
// terminate, terminate with a core bit, ignore, stop, continue.
#pragma once

#include <arch/i386/trap_frame.h>
#include <kernel/signal/thread_group.h>

// Kernel-internal results of an interrupted system call, never seen by user
// space: turned into EINTR or a restart of the call (Linux's values).
namespace restart {
constexpr int SYS = 512;          // restart if the handler has SA_RESTART, else EINTR
constexpr int NO_INTERRUPT = 513; // always restart
constexpr int NO_HANDLER = 514;   // restart unless a handler ran (then EINTR)
constexpr int RESTART_BLOCK = 516; // restart through restart_syscall
}

namespace signal {

constexpr u64 bit(int signal) { return 1ull << (signal - 1); }
constexpr u64 UNBLOCKABLE = bit(abi::SIGKILL) | bit(abi::SIGSTOP);

bool is_valid(int signal);

// Sends `signal` to one thread or to a process. Safe from interrupt handlers.
//
// Init (pid 1) is protected as on Linux: a signal it has no handler for is
// dropped, SIGKILL and SIGSTOP included, so no process can stop or kill it.
void send_to_thread(Task&, int signal, const PendingInfo&);
void send_to_group(ThreadGroup&, int signal, const PendingInfo&);
// The signal of a fault the thread cannot get past: it reaches even init
// (which then dies, and the kernel panics, as Linux does).
void force_on_thread(Task&, int signal, const PendingInfo&);

// Is a signal waiting that `task` does not block? (Interruptible sleeps end then.)
bool has_deliverable(const Task&);

// Is `result`, what a system call returned, one of the codes above?
constexpr bool is_restart_code(u32 result)
{
    return -result >= static_cast<u32>(restart::SYS) && -result <= static_cast<u32>(restart::RESTART_BLOCK);
}

// Is there anything for deliver() to do on the way back to user mode? (A
// system call's restart code too, but syscall_entry checks for that, where
// it is cheapest: only when the call failed.) A few compares, inline, so
// the common return skips deliver(). Interrupts must be off. A task on its
// way to user mode always has a thread group.
inline bool work_pending(const Task& task)
{
    const ThreadGroup& group = *task.group.ptr();
    if (group.exiting || group.stopped || group.exec_survivor || task.restore_blocked)
        return true;
    // Rarely anything pending at all; only then does the mask matter.
    u64 pending = task.signals->pending | group.shared.pending;
    return pending && (pending & ~task.blocked);
}

// On the way back to user mode: acts on pending signals, may build a
// handler's frame in `frame`, and resolves an interrupted system call's
// restart code.
void deliver(TrapFrame& frame);

// The SIGCHLD (or clone exit signal) for a child's exit, stop or continue.
void notify_parent(Task& child, i32 code, i32 status);

// rt_sigreturn and sigreturn: restore the registers and mask saved in the frame.
ErrorOr<u32> return_from_handler(TrapFrame& frame, bool realtime);

// Drops every pending instance of `s` in the group (its action became "ignore").
void discard(ThreadGroup&, int s);
bool would_ignore(const Task&, int s);
// Takes one pending signal in `wanted` (rt_sigtimedwait); false if none.
bool take_one(Task&, u64 wanted, int& s, PendingInfo& info);

// execve in a multithreaded process: the other threads exit; returns when
// `survivor` is the only one left.
void end_other_threads(Task& survivor);

// Every thread of the group is told to exit with `status` (exit_group, fatal signals).
void start_group_exit(ThreadGroup&, i32 status);

} // namespace signal
