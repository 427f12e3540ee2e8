// The Global Descriptor Table: flat kernel and user segments, the TSS, and
// the three thread-local-storage slots Linux i386 user programs expect
// (set_thread_area hands out entries 6 to 8).
#pragma once

#include <libk/types.h>

namespace gdt {

constexpr u16 KERNEL_CS = 0x08;
constexpr u16 KERNEL_DS = 0x10;
constexpr u16 USER_CS = 0x18 | 3;
constexpr u16 USER_DS = 0x20 | 3;
constexpr u16 TSS_SELECTOR = 0x28;
constexpr u32 TLS_FIRST_ENTRY = 6;
constexpr u32 TLS_ENTRIES = 3;

void init();

// The kernel stack the CPU switches to when an interrupt arrives in user mode.
void set_kernel_stack(uptr top);

// Loads a task's three TLS descriptors into entries 6..8.
void load_tls(const u64 descriptors[TLS_ENTRIES]);

} // namespace gdt
