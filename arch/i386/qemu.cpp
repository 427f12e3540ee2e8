#include <arch/i386/cpu.h>
#include <arch/i386/qemu.h>

namespace qemu {

constexpr u16 DEBUG_EXIT_PORT = 0xF4;

void exit(ExitCode code)
{
    cpu::outl(DEBUG_EXIT_PORT, static_cast<u32>(code));
    cpu::halt_forever();
}

} // namespace qemu
