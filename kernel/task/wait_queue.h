// A wait queue: tasks sleeping until something happens.
//
//   auto r = queue.wait([&] { return data_ready; });   // sleeper
//   data_ready = true; queue.wake_all();                 // waker (maybe an IRQ)
//
// wait() checks the condition with interrupts off and sleeps in the same
// breath, so a wakeup between the check and the sleep cannot be lost. A
// sleep is interruptible unless asked otherwise: a signal for the task
// ends it (Interrupted), as does the optional deadline (TimedOut).
//
// A task sleeps on one queue at a time. poll() and select() must sleep
// on many: they subscribe to each queue instead (WaitSubscription), and a
// wake of any of them wakes the task (kernel/fs/poll.h).
#pragma once

#include <kernel/task/task.h>

enum class WaitResult { Done, Interrupted, TimedOut };

// A task's interest in a queue it does not sleep on: every wake_all or
// wake_one of the queue sets *woken and makes the task runnable if it
// sleeps, and the subscription stays until unsubscribe().
struct WaitSubscription {
    Task* task = nullptr;
    bool* woken = nullptr;
    ListNode node;
};

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

    void subscribe(WaitSubscription&);
    void unsubscribe(WaitSubscription&);

private:
    // Interrupts are off.
    void sleep(const WaitOptions&);
    static bool interrupted();
    static bool deadline_passed(u64 deadline);

    void wake_subscribers();

    IntrusiveList<Task, &Task::wait_node> m_waiters; // guarded by disabled interrupts
    IntrusiveList<WaitSubscription, &WaitSubscription::node> m_subscribers; // guarded by disabled interrupts
};
