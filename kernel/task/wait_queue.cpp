#include <kernel/signal/signal.h>
#include <kernel/task/scheduler.h>
#include <kernel/task/wait_queue.h>
#include <kernel/time/clock.h>

void WaitQueue::sleep(const WaitOptions& options)
{
    Task* task = current();
    task->state = TaskState::Sleeping;
    task->interruptible = options.interruptible;
    m_waiters.append(*task);
    if (options.deadline)
        scheduler::arm_wakeup(*task, options.deadline);
    scheduler::schedule();
    task->interruptible = false;
}

bool WaitQueue::interrupted() { return signal::has_deliverable(*current()); }
bool WaitQueue::deadline_passed(u64 deadline) { return clock::ticks() >= deadline; }

void WaitQueue::wake_all()
{
    u32 state = libk::irq_save();
    while (Task* task = m_waiters.first())
        scheduler::make_runnable(*task);
    wake_subscribers();
    libk::irq_restore(state);
}

void WaitQueue::wake_one()
{
    u32 state = libk::irq_save();
    if (Task* task = m_waiters.first())
        scheduler::make_runnable(*task);
    wake_subscribers();
    libk::irq_restore(state);
}

// Subscribers only look: each will check again what it waits for, so all
// of them are woken, even by wake_one.
void WaitQueue::wake_subscribers()
{
    for (WaitSubscription& subscription : m_subscribers) {
        *subscription.woken = true;
        if (subscription.task->state == TaskState::Sleeping)
            scheduler::make_runnable(*subscription.task);
    }
}

void WaitQueue::subscribe(WaitSubscription& subscription)
{
    u32 state = libk::irq_save();
    m_subscribers.append(subscription);
    libk::irq_restore(state);
}

void WaitQueue::unsubscribe(WaitSubscription& subscription)
{
    u32 state = libk::irq_save();
    if (subscription.node.is_linked())
        m_subscribers.remove(subscription);
    libk::irq_restore(state);
}
