// Leaving QEMU from inside the guest, for the test harness. QEMU's
// isa-debug-exit device (when present, at port 0xF4) ends the emulator
// with exit status (value << 1) | 1; without it the write does nothing and
// the machine just halts.
#pragma once

#include <libk/types.h>

namespace qemu {

enum class ExitCode : u8 {
    Done = 0x10,  // the run finished; QEMU exits with 33
    Panic = 0x1F, // the kernel panicked; QEMU exits with 63
};

[[noreturn]] void exit(ExitCode);

// Powers the machine off: QEMU's test exit if present (status "done"),
// else the ACPI power-off of QEMU's PC, else a halt.
[[noreturn]] void power_off();

} // namespace qemu
