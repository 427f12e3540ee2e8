// The Interrupt Descriptor Table: CPU exceptions at 0-31, hardware IRQs at
// 32-47 (after the PIC is remapped), and the Linux system call gate 0x80,
// the only one user mode may invoke with "int".
#pragma once

#include <libk/types.h>

namespace idt {

constexpr u8 IRQ_BASE = 32;
constexpr u8 SYSCALL_VECTOR = 0x80;

void init();

} // namespace idt
