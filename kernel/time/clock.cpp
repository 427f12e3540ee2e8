#include <arch/i386/cpu.h>
#include <arch/i386/rtc.h>
#include <kernel/task/cputime.h>
#include <kernel/task/load_average.h>
#include <kernel/task/scheduler.h>
#include <kernel/time/clock.h>
#include <libk/spinlock.h>

namespace {

volatile u64 tick_count; // written only by the timer interrupt
// The time of day at boot in ns since 1970: the CMOS clock, or what
// set_realtime_ns made it. Guarded by disabled interrupts.
i64 realtime_at_boot_ns;

} // namespace

namespace clock {

void tick(TrapFrame& frame)
{
    tick_count = tick_count + 1;
    cputime::tick(frame.from_user());
    load_average::tick();
    scheduler::tick();
}

void init() { realtime_at_boot_ns = rtc::read_epoch_seconds() * 1000000000; }

i64 monotonic_ns() { return static_cast<i64>(ticks()) * (1000000000 / HZ); }

i64 realtime_ns()
{
    u32 state = libk::irq_save();
    i64 ns = realtime_at_boot_ns + monotonic_ns();
    libk::irq_restore(state);
    return ns;
}

void set_realtime_ns(i64 ns)
{
    u32 state = libk::irq_save();
    realtime_at_boot_ns = ns - monotonic_ns();
    libk::irq_restore(state);
}

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
