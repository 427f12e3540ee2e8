// A wait queue: tasks sleeping until something happens.
//
//   queue.wait_until([&] { return data_ready; });   // sleeper
//   data_ready = true; queue.wake_all();              // waker (maybe an IRQ)
//
// wait_until checks the condition with interrupts off and sleeps in the
// same breath, so a wakeup between the check and the sleep cannot be lost.
#pragma once

#include <kernel/task/task.h>

class WaitQueue {
public:
    template<typename Condition>
    void wait_until(Condition condition)
    {
        u32 state = libk::irq_save();
        while (!condition())
            sleep();
        libk::irq_restore(state);
    }

    void wake_all();
    void wake_one();
    bool has_waiters() const { return !m_waiters.is_empty(); }

private:
    // Interrupts are off.
    void sleep();

    IntrusiveList<Task, &Task::wait_node> m_waiters; // guarded by disabled interrupts
};
