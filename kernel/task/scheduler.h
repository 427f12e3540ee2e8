// The scheduler: round robin over runnable tasks, preemptive on the timer.
//
// The kernel itself is not preemptible: a task in the kernel runs until it
// sleeps, yields or returns to user mode. The timer only marks that the
// running task's time slice is over; the switch happens on the way back to
// user mode (return_to_user). When nothing is runnable the idle task halts
// the CPU until the next interrupt.
#pragma once

#include <kernel/task/task.h>

namespace scheduler {

constexpr u32 TIME_SLICE_TICKS = 5;

// Turns the boot flow into the idle task (pid 0); from now on current() works.
void init();

void make_runnable(Task&);
// Gives the CPU to the next runnable task. The caller sets current()'s state
// first: Runnable (it goes to the back of the queue) or Sleeping/Zombie.
void schedule();
void yield();

// From the timer interrupt.
void tick();
// Tasks running or waiting to run (not the idle task): the load average's count.
u32 runnable_count();
// True when the running task should give up the CPU at the next chance
// (inline: every return to user mode asks).
extern bool preempt; // scheduler.cpp; guarded by disabled interrupts
inline bool preemption_due() { return preempt; }

// Sleeps the current task until clock::ticks() >= tick; false if a signal
// cut the sleep short.
bool sleep_until(u64 tick);
// The timer will make `task` (sleeping on a wait queue) runnable at `tick`.
void arm_wakeup(Task&, u64 tick);
// Frees tasks that died as threads (nobody waits for them), once they are
// no longer running.
void defer_free(Task&);

[[noreturn]] void idle_loop();

} // namespace scheduler
