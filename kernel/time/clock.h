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
// Nanoseconds since 1970: the CMOS clock read at boot, plus the time
// since, unless set_realtime_ns moved it.
i64 realtime_ns();
// Sets the time of day (clock_settime, settimeofday): from now on
// realtime_ns() counts on from `ns`. The monotonic clock does not move.
void set_realtime_ns(i64 ns);
// Reads the CMOS real-time clock.
void init();

} // namespace clock
