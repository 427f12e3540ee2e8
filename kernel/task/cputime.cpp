#include <kernel/task/cputime.h>
#include <kernel/time/clock.h>

namespace cputime {

namespace {

SystemTimes totals; // guarded by disabled interrupts (the timer writes it)

} // namespace

void tick(bool in_user_mode)
{
    Task* task = current();
    if (task->tid == 0) { // the idle task: the CPU had nothing to do
        ++totals.idle;
        return;
    }
    if (in_user_mode)
        ++task->cpu.user, ++(task->nice > 0 ? totals.nice : totals.user);
    else
        ++task->cpu.system, ++totals.system;
}

CpuTimes of_process(const ThreadGroup& group)
{
    u32 state = libk::irq_save();
    CpuTimes sum = group.exited_cpu;
    for (const Task& thread : group.threads) {
        sum.user += thread.cpu.user;
        sum.system += thread.cpu.system;
    }
    libk::irq_restore(state);
    return sum;
}

void thread_exited(Task& task)
{
    task.group->exited_cpu.user += task.cpu.user;
    task.group->exited_cpu.system += task.cpu.system;
    task.cpu = {};
}

void child_reaped(ThreadGroup& parent, const ThreadGroup& child)
{
    CpuTimes own = of_process(child);
    parent.children_cpu.user += own.user + child.children_cpu.user;
    parent.children_cpu.system += own.system + child.children_cpu.system;
}

SystemTimes system()
{
    u32 state = libk::irq_save();
    SystemTimes copy = totals;
    libk::irq_restore(state);
    return copy;
}

u64 to_microseconds(u64 ticks) { return ticks * (1000000 / clock::HZ); }

} // namespace cputime
