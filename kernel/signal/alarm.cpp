#include <kernel/signal/alarm.h>
#include <kernel/signal/signal.h>

namespace {

IntrusiveList<ThreadGroup, &ThreadGroup::alarm_node> armed; // guarded by disabled interrupts

} // namespace

namespace alarm {

void set(ThreadGroup& group, u64 deadline, u64 interval)
{
    u32 state = libk::irq_save();
    group.alarm_deadline = deadline;
    group.alarm_interval = interval;
    if (deadline && !group.alarm_node.is_linked())
        armed.append(group);
    else if (!deadline && group.alarm_node.is_linked())
        armed.remove(group);
    libk::irq_restore(state);
}

void tick(u64 now)
{
    for (ThreadGroup& group : armed) {
        if (group.alarm_deadline > now)
            continue;
        signal::send_to_group(group, abi::SIGALRM, PendingInfo { abi::SI_KERNEL, 0, 0, 0 });
        if (group.alarm_interval) {
            group.alarm_deadline = now + group.alarm_interval;
        } else {
            group.alarm_deadline = 0;
            armed.remove(group);
        }
    }
}

} // namespace alarm
