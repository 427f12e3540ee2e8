// The 8253/8254 programmable interval timer, channel 0 on IRQ 0: the
// kernel's clock tick.
#pragma once

#include <libk/types.h>

namespace pit {

constexpr u32 BASE_FREQUENCY = 1193182; // Hz, fixed by the original PC

// Starts periodic interrupts at `hz` ticks per second; each one calls
// clock::tick().
void init(u32 hz);

} // namespace pit
