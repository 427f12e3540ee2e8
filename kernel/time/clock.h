// The kernel's sense of time: a counter of timer interrupts since boot.
#pragma once

#include <arch/i386/trap_frame.h>
#include <libk/types.h>

namespace clock {

constexpr u32 HZ = 100; // timer interrupts per second

// Called by the timer interrupt.
void tick(TrapFrame&);

u64 ticks();

} // namespace clock
