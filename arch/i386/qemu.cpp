#include <arch/i386/cpu.h>
#include <arch/i386/qemu.h>

namespace qemu {

constexpr u16 DEBUG_EXIT_PORT = 0xF4;

void exit(ExitCode code)
{
    cpu::outl(DEBUG_EXIT_PORT, static_cast<u32>(code));
    cpu::halt_forever();
}

void power_off()
{
    cpu::outl(DEBUG_EXIT_PORT, static_cast<u32>(ExitCode::Done));
    // The PIIX4 power management block the PC firmware sets up at 0x600:
    // writing SLP_TYPa=0 with SLP_EN to PM1a_CNT turns the machine off.
    cpu::outw(0x604, 0x2000);
    cpu::halt_forever();
}

} // namespace qemu
