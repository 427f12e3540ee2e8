#include <arch/i386/cpu.h>
#include <kernel/time/clock.h>

namespace {

volatile u64 tick_count; // written only by the timer interrupt

} // namespace

namespace clock {

void tick(TrapFrame&) { tick_count = tick_count + 1; }

u64 ticks()
{
    // A 64-bit read is two instructions on i386: keep the timer out between them.
    bool enabled = cpu::interrupts_enabled();
    cpu::cli();
    u64 value = tick_count;
    if (enabled)
        cpu::sti();
    return value;
}

} // namespace clock
