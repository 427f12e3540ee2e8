#include <kernel/task/scheduler.h>
#include <kernel/task/wait_queue.h>

void WaitQueue::sleep()
{
    Task* task = current();
    task->state = TaskState::Sleeping;
    m_waiters.append(*task);
    scheduler::schedule();
}

void WaitQueue::wake_all()
{
    u32 state = libk::irq_save();
    while (Task* task = m_waiters.take_first())
        scheduler::make_runnable(*task);
    libk::irq_restore(state);
}

void WaitQueue::wake_one()
{
    u32 state = libk::irq_save();
    if (Task* task = m_waiters.take_first())
        scheduler::make_runnable(*task);
    libk::irq_restore(state);
}
