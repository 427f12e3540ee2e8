// ThreadGroup: what the threads of one process share besides memory and
// handlers: the process id (tgid), signals sent to the whole process, the
// group's exit, its process group and session, its interval timer and its
// resource limits. fork makes a new group; clone(CLONE_THREAD) joins the
// parent's.
#pragma once

#include <kernel/abi/signal.h>
#include <kernel/task/task.h>
#include <libk/error.h>
#include <libk/list.h>
#include <libk/refptr.h>

class Tty;

// What the kernel remembers about one pending signal (enough to fill a
// siginfo when it is delivered).
struct PendingInfo {
    i32 code = 0;
    i32 pid = 0;
    u32 uid = 0;
    u32 value = 0; // status for SIGCHLD, address for faults, sigval for queued signals
};

struct SignalSet {
    u64 pending = 0;
    PendingInfo info[abi::NSIG];
    u8 queued[abi::NSIG] = {}; // real-time signals queue: how many instances wait
};

class ThreadGroup : public RefCounted<ThreadGroup> {
public:
    static ErrorOr<RefPtr<ThreadGroup>> create(pid_t tgid);

    pid_t tgid;
    Task* leader = nullptr;
    IntrusiveList<Task, &Task::group_node> threads; // live threads; guarded by disabled interrupts
    u32 live_threads = 0;

    SignalSet shared; // signals sent to the process; guarded by disabled interrupts

    // exit_group or a fatal signal: every thread is on its way out.
    bool exiting = false;
    // execve in a thread: every other thread exits, this one carries on.
    Task* exec_survivor = nullptr;
    i32 exit_status = 0;

    // Job control: stopped by SIGSTOP and friends, until SIGCONT.
    bool stopped = false;
    i32 stop_signal = 0;
    bool stop_to_report = false;     // for wait4(WUNTRACED)
    bool continue_to_report = false; // for wait4(WCONTINUED)

    pid_t pgid = 0;
    pid_t sid = 0;
    // The session's controlling terminal (tty/job_control.h), or null:
    // inherited by fork, dropped by setsid. Not a reference: the console's
    // terminal lives for ever, and a pseudo-terminal clears this pointer in
    // every session it belonged to when it hangs up, before it can be
    // freed. Guarded by the kernel not being preemptible.
    Tty* tty = nullptr;
    bool did_exec = false; // setpgid on a child that has exec'd is EACCES

    // ITIMER_REAL (alarm, setitimer): ticks; 0 = not armed.
    u64 alarm_deadline = 0;
    u64 alarm_interval = 0;
    ListNode alarm_node;

    // CPU time (kernel/task/cputime.h) of exited threads, and of reaped
    // children; guarded by disabled interrupts.
    CpuTimes exited_cpu;
    CpuTimes children_cpu;

    static constexpr u32 RLIMITS = 16;
    // The limits' numbers (RLIMIT_*), for those the kernel enforces.
    static constexpr u32 RLIMIT_FSIZE = 1, RLIMIT_NPROC = 6, RLIMIT_NOFILE = 7, RLIMIT_AS = 9;
    struct Limit {
        u64 current, maximum;
    } limits[RLIMITS];
};
