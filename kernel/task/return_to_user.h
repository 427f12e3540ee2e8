// What happens on every return to user mode, after a system call or after
// an exception or interrupt that came from user mode: the task gives up
// the CPU if its time slice is over, then acts on its pending signals.
// Inline, because it runs on every system call.
#pragma once

#include <arch/i386/cpu.h>
#include <arch/i386/trap_frame.h>
#include <kernel/signal/signal.h>
#include <kernel/task/scheduler.h>

// `interrupted_call`: a system call returned a restart code, which
// deliver() turns into EINTR or a restart.
inline void return_to_user(TrapFrame& frame, bool interrupted_call = false)
{
    if (scheduler::preemption_due())
        scheduler::schedule();
    // Interrupts off from here to iret (which restores the user's), so a
    // signal sent after this check waits for the next return at most.
    cpu::cli();
    if (interrupted_call || signal::work_pending(*current()))
        signal::deliver(frame);
}
