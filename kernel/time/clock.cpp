#include <arch/i386/cpu.h>
#include <arch/i386/rtc.h>
#include <kernel/task/cputime.h>
#include <kernel/task/load_average.h>
#include <kernel/task/scheduler.h>
#include <kernel/time/clock.h>

namespace {

volatile u64 tick_count; // written only by the timer interrupt
i64 boot_epoch_seconds;   // the CMOS clock at boot

} // namespace

namespace clock {

void tick(TrapFrame& frame)
{
    tick_count = tick_count + 1;
    cputime::tick(frame.from_user());
    load_average::tick();
    scheduler::tick();
}

void init() { boot_epoch_seconds = rtc::read_epoch_seconds(); }

i64 monotonic_ns() { return static_cast<i64>(ticks()) * (1000000000 / HZ); }

i64 realtime_ns() { return boot_epoch_seconds * 1000000000 + monotonic_ns(); }

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
