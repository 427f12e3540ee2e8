// x86 two-level paging (4 KiB pages, no PAE).
//
// Every page directory shares the kernel half (0xC0000000 and up): its
// entries are 4 MiB global pages set once by init() and copied into each
// new directory, so the kernel is mapped the same way in every address
// space and its TLB entries survive a switch.
#pragma once

#include <kernel/mm/layout.h>
#include <libk/error.h>

namespace paging {

constexpr u32 PRESENT = 1 << 0;
constexpr u32 WRITABLE = 1 << 1;
constexpr u32 USER = 1 << 2;
constexpr u32 LARGE_PAGE = 1 << 7; // in a directory entry: maps 4 MiB directly
constexpr u32 GLOBAL = 1 << 8;
constexpr u32 FLAGS_MASK = 0xFFF;

constexpr u32 KERNEL_DIRECTORY_FIRST = KERNEL_BASE >> 22; // entry 768

// Builds the kernel's page directory (the direct map) and switches to it;
// the boot page directory's identity mapping of low memory is gone after.
void init();

PhysAddr kernel_directory();

// A new page directory with the kernel half and an empty user half.
ErrorOr<PhysAddr> create_directory();
// Frees a directory and the page tables of its user half (not the pages
// they map: their owner frees those).
void destroy_directory(PhysAddr directory);

// Maps the 4 KiB page at `virtual_address` in the user half to `frame`,
// allocating a page table if needed (ENOMEM if that fails).
ErrorOr<void> map(PhysAddr directory, uptr virtual_address, PhysAddr frame, u32 flags);
// Removes a mapping; returns the frame it mapped, or 0 if none.
PhysAddr unmap(PhysAddr directory, uptr virtual_address);
// The page table entry for `virtual_address` (0 if not mapped).
u32 lookup(PhysAddr directory, uptr virtual_address);

void switch_to(PhysAddr directory);

} // namespace paging
