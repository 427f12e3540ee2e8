// A task: one thread of execution, the unit the scheduler runs.
//
// A task owns a kernel stack and its saved CPU state; everything else it
// points at is a refcounted context object that other tasks may share
// (DESIGN.md, "The process model"): its address space (Mm), its open files
// (FileTable), its filesystem context (FsContext), its namespaces
// (NsProxy). clone() decides, per
// object, whether a child shares the parent's or gets a copy.
#pragma once

#include <arch/i386/trap_frame.h>
#include <kernel/task/credentials.h>
#include <libk/list.h>
#include <libk/refptr.h>
#include <libk/spinlock.h>
#include <libk/types.h>

class Mm;
class FileTable;
class FsContext;
class NsProxy;
class WaitQueue;
class SigHand;
class ThreadGroup;
struct PendingInfo;
struct SignalSet;

using pid_t = i32;

enum class TaskState : u8 {
    Runnable, // on the run queue, or running
    Sleeping, // on a wait queue (or the sleep timer list)
    Stopped,  // by SIGSTOP and friends, until SIGCONT
    Zombie,   // exited; waits for its parent to collect the status
    Dead,     // an exited thread nobody waits for: freed at the next switch
};

// Time a task (or a process) ran, in timer ticks (kernel/task/cputime.h).
struct CpuTimes {
    u64 user = 0;   // in user mode
    u64 system = 0; // in the kernel, for it
};

// The FXSAVE image of the x87/MMX/SSE registers: 512 bytes, 16-aligned.
struct alignas(16) FpuState {
    u8 bytes[512];
};

struct Task {
    Task();
    ~Task(); // out of line: it releases context objects this header only names

    static constexpr u32 KERNEL_STACK_PAGES = 4;
    static constexpr u32 KERNEL_STACK_SIZE = KERNEL_STACK_PAGES * 4096;
    // Written at the lowest word of every kernel stack; a task switch
    // checks it, so an overflow is a clear panic, not silent corruption.
    static constexpr u32 STACK_CANARY = 0x57ACCA7E;

    pid_t tid = 0;
    pid_t tgid = 0; // the thread group (process) id: the tid of its first thread
    char name[16] = {};
    TaskState state = TaskState::Runnable;

    // Scheduling. wait_node links the task into the run queue or one wait queue.
    uptr saved_esp = 0;
    u8* kernel_stack = nullptr; // lowest address; the stack grows down from +KERNEL_STACK_SIZE
    ListNode wait_node;
    u32 time_slice = 0;
    u64 wake_at_tick = 0;       // for sleeps with a time limit; 0 = none
    ListNode timer_node;        // on the sleeping-with-timeout list
    bool interruptible = false; // this sleep ends early when a signal arrives

    // The user context: registers saved at the top of the kernel stack on
    // every entry from user mode (only meaningful for user tasks).
    TrapFrame* trap_frame() const
    {
        return reinterpret_cast<TrapFrame*>(kernel_stack + KERNEL_STACK_SIZE) - 1;
    }
    FpuState* fpu = nullptr;
    u64 tls[3] = {}; // GDT descriptors 6..8 while this task runs

    // Context objects; task_lock guards the pointers (not what they point at).
    SpinLock task_lock;
    RefPtr<Mm> mm;
    RefPtr<FileTable> files;
    RefPtr<FsContext> fs;
    RefPtr<NsProxy> nsproxy; // its namespaces (mount; more to come)
    RefPtr<SigHand> sighand;
    RefPtr<ThreadGroup> group;
    ListNode group_node; // in group->threads
    Credentials credentials;

    // Signals (kernel/signal). pending and blocked are guarded by disabled interrupts.
    SignalSet* signals = nullptr; // sent to this thread
    u64 blocked = 0;
    u64 saved_blocked = 0;     // sigsuspend's mask, restored after the handler
    bool restore_blocked = false;
    u32 altstack_sp = 0, altstack_size = 0, altstack_flags = 2; // SS_DISABLE
    i32 syscall_number = -1;   // the system call in progress, for restarting it
    u8 parent_death_signal = 0; // prctl(PR_SET_PDEATHSIG)
    u32 fail_nth = 0;             // /proc/<pid>/fail-nth (kernel/lib/fault_injection.h)
    u32 injection_suppressed = 0;
    i32 nice = 0;
    u16 ioprio = 0;       // ioprio_set's class and level (0: none chosen)
    u32 personality = 0;  // personality(2)'s execution domain and flags; kept by execve
    CpuTimes cpu;        // charged by the timer (cputime.h); guarded by disabled interrupts
    u64 start_tick = 0;  // clock::ticks() when the task was made

    // Family. children is guarded by the process-tree lock (tasks.cpp).
    Task* parent = nullptr;
    ListNode sibling_node;
    IntrusiveList<Task, &Task::sibling_node> children;
    ListNode all_node; // every task, for lookup by pid
    WaitQueue* child_exit_queue = nullptr; // where wait4 sleeps

    // Exit.
    i32 exit_status = 0;  // as wait4 reports it: code << 8, or the signal
    u8 exit_signal = 17;  // sent to the parent at exit (SIGCHLD)
    uptr clear_child_tid = 0;
    Task* vfork_parent = nullptr; // sleeping in vfork until we exec or exit

    bool is_user() const { return mm.ptr() != nullptr; }
};

// The task running on this CPU. Only the scheduler sets it (at each
// switch); inline because nearly every system call asks.
extern Task* current_task;
inline Task* current() { return current_task; }
