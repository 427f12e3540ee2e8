// CPU time, counted as Linux counts it without precise accounting: every
// timer tick charges one tick to whatever the CPU was doing, the running
// task in user mode or in the kernel, or nothing (the idle task).
//
// A process's time is that of its live threads plus that of the threads
// that have exited; when its parent reaps it, all of it (and that of its
// own reaped children) becomes the parent's "children" time, as times(2)
// and getrusage(RUSAGE_CHILDREN) report it.
#pragma once

#include <kernel/signal/thread_group.h>

namespace cputime {

// From the timer interrupt: charges the tick.
void tick(bool in_user_mode);

// The whole process: its live threads and its exited ones.
CpuTimes of_process(const ThreadGroup&);
// Its reaped children (and theirs).
inline CpuTimes of_children(const ThreadGroup& group) { return group.children_cpu; }

// exit: the exiting thread's time stays with its process. Interrupts off.
void thread_exited(Task&);
// wait: the reaped child's time goes to the parent's process.
void child_reaped(ThreadGroup& parent, const ThreadGroup& child);

// Since boot, for /proc/stat: ticks in user mode (of tasks with a
// positive nice value apart), in the kernel, and idle.
struct SystemTimes {
    u64 user, nice, system, idle;
};
SystemTimes system();

// Ticks to the microseconds of a struct timeval.
u64 to_microseconds(u64 ticks);

} // namespace cputime
