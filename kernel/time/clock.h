// The kernel's sense of time: a counter of timer interrupts since boot.
#pragma once

#include <arch/i386/trap_frame.h>
#include <libk/types.h>

namespace clock {

constexpr u32 HZ = 100; // timer interrupts per second

// Called by the timer interrupt.
void tick(TrapFrame&);

u64 ticks();

// Nanoseconds since boot (at tick resolution).
i64 monotonic_ns();
// Nanoseconds since 1970, from the CMOS clock read at boot.
i64 realtime_ns();
// Reads the CMOS real-time clock.
void init();

} // namespace clock
