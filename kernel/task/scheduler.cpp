#include <arch/i386/cpu.h>
#include <arch/i386/fpu.h>
#include <arch/i386/gdt.h>
#include <arch/i386/paging.h>
#include <kernel/debug/panic.h>
#include <kernel/mm/mm.h>
#include <kernel/signal/alarm.h>
#include <kernel/signal/signal.h>
#include <kernel/task/scheduler.h>
#include <kernel/task/tasks.h>
#include <kernel/time/clock.h>

extern "C" void switch_context(uptr* save_esp, uptr new_esp);
extern "C" u8 boot_stack_bottom[];

Task* current_task; // task.h; guarded by disabled interrupts

namespace {

// All guarded by disabled interrupts.
Task idle_task;
IntrusiveList<Task, &Task::wait_node> run_queue;
IntrusiveList<Task, &Task::timer_node> timed_sleepers;
IntrusiveList<Task, &Task::wait_node> dead_tasks; // exited threads, freed after the switch away

void check_stack(const Task& task)
{
    if (*reinterpret_cast<const u32*>(task.kernel_stack) != Task::STACK_CANARY)
        panic("kernel stack overflow in task %d (%s)", task.tid, task.name);
}

void switch_to(Task& previous, Task& next)
{
    check_stack(previous);
    if (previous.is_user())
        fpu::save(*previous.fpu);
    current_task = &next;
    gdt::set_kernel_stack(reinterpret_cast<uptr>(next.kernel_stack + Task::KERNEL_STACK_SIZE));
    if (next.is_user()) {
        // Threads of one process share the page directory: no TLB flush.
        if (previous.mm != next.mm)
            paging::switch_to(next.mm->page_directory());
        gdt::load_tls(next.tls);
        fpu::restore(*next.fpu);
    }
    switch_context(&previous.saved_esp, next.saved_esp);
}

} // namespace

// A new task's first instructions after its first switch (context_switch.asm).
extern "C" void schedule_tail() { }

// A kernel thread whose function returned.
extern "C" [[noreturn]] void kernel_thread_exit()
{
    libk::irq_save();
    current_task->state = TaskState::Zombie;
    scheduler::schedule();
    panic("a finished kernel thread was scheduled again");
}

namespace scheduler {

bool preempt;

void init()
{
    tasks::set_name(idle_task, "idle");
    idle_task.kernel_stack = boot_stack_bottom;
    *reinterpret_cast<u32*>(boot_stack_bottom) = Task::STACK_CANARY;
    current_task = &idle_task;
}

void make_runnable(Task& task)
{
    u32 state = libk::irq_save();
    if (task.state == TaskState::Zombie || task.state == TaskState::Dead) {
        libk::irq_restore(state);
        return;
    }
    if (task.timer_node.is_linked())
        timed_sleepers.remove(task);
    // A sleeper leaves whatever wait queue it was on.
    if ((task.state == TaskState::Sleeping || task.state == TaskState::Stopped) && task.wait_node.is_linked())
        IntrusiveList<Task, &Task::wait_node>::remove(task);
    task.state = TaskState::Runnable;
    if (&task != current_task && &task != &idle_task && !task.wait_node.is_linked())
        run_queue.append(task);
    if (current_task == &idle_task)
        preempt = true;
    libk::irq_restore(state);
}

void schedule()
{
    u32 state = libk::irq_save();
    Task* previous = current_task;
    if (previous->state == TaskState::Runnable && previous != &idle_task && !previous->wait_node.is_linked())
        run_queue.append(*previous);
    Task* next = run_queue.take_first();
    if (!next)
        next = &idle_task;
    preempt = false;
    next->time_slice = TIME_SLICE_TICKS;
    if (next != previous) {
        if (previous->state == TaskState::Dead)
            dead_tasks.append(*previous);
        switch_to(*previous, *next);
    }
    // Whoever died before the switch is off its stack now.
    while (Task* dead = dead_tasks.take_first()) {
        if (dead == current_task) {
            dead_tasks.append(*dead);
            break;
        }
        tasks::free(dead);
    }
    libk::irq_restore(state);
}

void defer_free(Task& task) { task.state = TaskState::Dead; }

void yield() { schedule(); }

void tick()
{
    u64 now = clock::ticks();
    alarm::tick(now);
    for (Task& task : timed_sleepers) {
        if (task.wake_at_tick <= now)
            make_runnable(task);
    }
    if (current_task != &idle_task && current_task->time_slice > 0 && --current_task->time_slice == 0)
        preempt = true;
}


u32 runnable_count()
{
    u32 state = libk::irq_save();
    u32 count = static_cast<u32>(run_queue.size_in_linear_time());
    if (current_task != &idle_task && current_task->state == TaskState::Runnable)
        ++count;
    libk::irq_restore(state);
    return count;
}

void arm_wakeup(Task& task, u64 tick)
{
    task.wake_at_tick = tick;
    if (!task.timer_node.is_linked())
        timed_sleepers.append(task);
}

bool sleep_until(u64 tick)
{
    u32 state = libk::irq_save();
    Task* task = current_task;
    bool completed = true;
    while (clock::ticks() < tick) {
        if (signal::has_deliverable(*task)) {
            completed = false;
            break;
        }
        task->state = TaskState::Sleeping;
        task->interruptible = true;
        arm_wakeup(*task, tick);
        schedule();
        task->interruptible = false;
    }
    if (task->timer_node.is_linked())
        timed_sleepers.remove(*task);
    libk::irq_restore(state);
    return completed;
}

void idle_loop()
{
    for (;;) {
        // Run whatever is runnable first: at boot that is init, which
        // would otherwise wait for the first timer tick (10 ms).
        schedule();
        // Halt only if nothing became runnable meanwhile. The check runs
        // with interrupts off, and "sti; hlt" halts with them on again as
        // one step (sti takes effect after the next instruction), so a
        // wake-up that comes after the check still ends the halt.
        cpu::cli();
        if (run_queue.is_empty())
            cpu::sti_hlt();
        else
            cpu::sti();
    }
}

} // namespace scheduler
