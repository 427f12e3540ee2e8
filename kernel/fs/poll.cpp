#include <kernel/fs/poll.h>
#include <kernel/signal/signal.h>
#include <kernel/task/scheduler.h>
#include <kernel/time/clock.h>
#include <new>

PollTable::~PollTable()
{
    for (Block* block = &m_first; block;) {
        for (u32 i = 0; i < block->used; ++i)
            block->entries[i].queue->unsubscribe(block->entries[i].subscription);
        Block* next = block->next;
        if (block != &m_first)
            delete block;
        block = next;
    }
}

PollTable::Entry* PollTable::new_entry()
{
    if (m_last->used == Block::ENTRIES) {
        auto* block = new (std::nothrow) Block;
        if (!block)
            return nullptr;
        m_last->next = block;
        m_last = block;
    }
    return &m_last->entries[m_last->used++];
}

void PollTable::watch(WaitQueue& queue, OpenFile& owner)
{
    Entry* entry = new_entry();
    if (!entry) {
        m_error = abi::ENOMEM;
        return;
    }
    entry->queue = &queue;
    entry->owner = RefPtr<OpenFile>(owner);
    entry->subscription.task = current();
    entry->subscription.woken = &m_woken;
    queue.subscribe(entry->subscription);
}

WaitResult PollTable::sleep(u64 deadline)
{
    Task* task = current();
    u32 state = libk::irq_save();
    WaitResult result = WaitResult::Done;
    // As in WaitQueue::wait: the checks and the sleep happen with
    // interrupts off, so a wake between them cannot be lost.
    if (!m_woken) {
        if (signal::has_deliverable(*task)) {
            result = WaitResult::Interrupted;
        } else if (deadline && clock::ticks() >= deadline) {
            result = WaitResult::TimedOut;
        } else {
            task->state = TaskState::Sleeping;
            task->interruptible = true;
            if (deadline)
                scheduler::arm_wakeup(*task, deadline);
            scheduler::schedule();
            task->interruptible = false;
        }
    }
    m_woken = false;
    libk::irq_restore(state);
    return result;
}
