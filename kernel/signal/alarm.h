// ITIMER_REAL, the timer behind alarm() and setitimer(): one per process,
// counted in clock ticks, firing SIGALRM from the timer interrupt.
#pragma once

#include <kernel/signal/thread_group.h>

namespace alarm {

// Arms (deadline != 0) or disarms the group's timer; interval re-arms it.
void set(ThreadGroup&, u64 deadline, u64 interval);
// From the timer interrupt.
void tick(u64 now);

} // namespace alarm
