// The load average: how many tasks wanted the CPU, averaged over the last
// 1, 5 and 15 minutes, as uptime, top, sysinfo(2) and /proc/loadavg show
// it. Computed as Linux does: every 5 seconds each average moves towards
// the number of runnable tasks by a fixed fraction (exponential decay), in
// fixed point with 11 fraction bits.
#pragma once

#include <libk/types.h>

namespace load_average {

constexpr u32 FRACTION_BITS = 11;          // Linux's FSHIFT
constexpr u32 ONE = 1u << FRACTION_BITS;   // 1.0

// From the timer interrupt.
void tick();

// The three averages, in fixed point (ONE is 1.0).
struct Loads {
    u32 one, five, fifteen;
};
Loads get();

} // namespace load_average
