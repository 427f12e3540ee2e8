#include <kernel/task/load_average.h>
#include <kernel/task/scheduler.h>
#include <kernel/time/clock.h>
#include <libk/spinlock.h>

namespace load_average {

namespace {

constexpr u32 INTERVAL = 5 * clock::HZ + 1; // Linux's LOAD_FREQ: just over 5 s
// e^(-5 s / 1 min), e^(-5 s / 5 min), e^(-5 s / 15 min), in fixed point.
constexpr u32 DECAY_1 = 1884, DECAY_5 = 2014, DECAY_15 = 2037;

Loads loads;           // guarded by disabled interrupts (the timer writes them)
u32 ticks_to_next = INTERVAL;

// One step: load * decay + active * (1 - decay), rounded up while the load
// rises so that it can reach a steady number of tasks.
u32 step(u32 load, u32 decay, u32 active)
{
    u32 next = load * decay + active * (ONE - decay);
    if (active >= load)
        next += ONE - 1;
    return next / ONE;
}

} // namespace

void tick()
{
    if (--ticks_to_next)
        return;
    ticks_to_next = INTERVAL;
    u32 active = scheduler::runnable_count() * ONE;
    loads.one = step(loads.one, DECAY_1, active);
    loads.five = step(loads.five, DECAY_5, active);
    loads.fifteen = step(loads.fifteen, DECAY_15, active);
}

Loads get()
{
    u32 state = libk::irq_save();
    Loads copy = loads;
    libk::irq_restore(state);
    return copy;
}

} // namespace load_average
