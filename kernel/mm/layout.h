// Where things are in the kernel's address space.
//
//   0x00000000 - 0xBFFFFFFF   user space (each task's own, from the Processes issue on)
//   0xC0000000 - 0xEFFFFFFF   the direct map: physical address p is at p + 0xC0000000,
//                             for the first 768 MiB of RAM (4 MiB global pages)
//   0xF0000000 - 0xFFFFFFFF   reserved for mappings the kernel makes later
//
// The kernel image itself sits in the direct map: loaded at physical 1 MiB,
// linked at 0xC0100000.
#pragma once

#include <libk/types.h>

using PhysAddr = u32; // no PAE: physical addresses are 32 bits

constexpr uptr KERNEL_BASE = 0xC0000000;
constexpr u32 DIRECT_MAP_SIZE = 0x30000000;
constexpr u32 PAGE_SIZE = 4096;
constexpr u32 PAGE_SHIFT = 12;

inline void* phys_to_virt(PhysAddr address) { return reinterpret_cast<void*>(address + KERNEL_BASE); }
inline PhysAddr virt_to_phys(const void* address) { return reinterpret_cast<uptr>(address) - KERNEL_BASE; }

// Symbols from linker.ld.
extern "C" char _kernel_start[], _kernel_end[];
