// A wait queue: tasks sleeping until something happens.
//
//   auto r = queue.wait([&] { return data_ready; });   // sleeper
//   data_ready = true; queue.wake_all();                 // waker (maybe an IRQ)
//
// wait() checks the condition with interrupts off and sleeps in the same
// breath, so a wakeup between the check and the sleep cannot be lost. A
// sleep is interruptible unless asked otherwise: a signal for the task
// ends it (Interrupted), as does the optional deadline (TimedOut).
#pragma once

#include <kernel/task/task.h>

enum class WaitResult { Done, Interrupted, TimedOut };

struct WaitOptions {
    bool interruptible = true;
    u64 deadline = 0; // in clock ticks; 0 = none
};

class WaitQueue {
public:
    template<typename Condition>
    WaitResult wait(Condition condition, WaitOptions options = {})
    {
        u32 state = libk::irq_save();
        WaitResult result = WaitResult::Done;
        while (!condition()) {
            if (options.interruptible && interrupted()) {
                result = WaitResult::Interrupted;
                break;
            }
            if (options.deadline && deadline_passed(options.deadline)) {
                result = WaitResult::TimedOut;
                break;
            }
            sleep(options);
        }
        libk::irq_restore(state);
        return result;
    }

    // An uninterruptible wait (the kernel's own bookkeeping, never a user's call).
    template<typename Condition>
    void wait_until(Condition condition)
    {
        (void)wait(condition, WaitOptions { .interruptible = false });
    }

    void wake_all();
    void wake_one();
    bool has_waiters() const { return !m_waiters.is_empty(); }

private:
    // Interrupts are off.
    void sleep(const WaitOptions&);
    static bool interrupted();
    static bool deadline_passed(u64 deadline);

    IntrusiveList<Task, &Task::wait_node> m_waiters; // guarded by disabled interrupts
};
