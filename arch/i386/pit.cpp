#include <arch/i386/cpu.h>
#include <arch/i386/pit.h>
#include <arch/i386/trap.h>
#include <kernel/time/clock.h>

namespace {

constexpr u16 CHANNEL0_DATA = 0x40;
constexpr u16 COMMAND = 0x43;
constexpr u8 CHANNEL0_LOHI_RATE_GENERATOR = 0x34; // channel 0, lo/hi byte, mode 2

void on_timer(TrapFrame& frame) { clock::tick(frame); }

} // namespace

namespace pit {

void init(u32 hz)
{
    u32 divisor = BASE_FREQUENCY / hz;
    cpu::outb(COMMAND, CHANNEL0_LOHI_RATE_GENERATOR);
    cpu::outb(CHANNEL0_DATA, static_cast<u8>(divisor & 0xFF));
    cpu::outb(CHANNEL0_DATA, static_cast<u8>(divisor >> 8));
    trap::set_irq_handler(0, on_timer);
}

} // namespace pit
