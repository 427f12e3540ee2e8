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
constexpr u32 KEPT = 1 << 9; // software bit: a not-present entry that still holds its frame (PROT_NONE)
constexpr u32 FLAGS_MASK = 0xFFF;
constexpr u32 ADDRESS_MASK = ~FLAGS_MASK;

constexpr u32 KERNEL_DIRECTORY_FIRST = KERNEL_BASE >> 22; // entry 768

// One page table maps 1,024 pages: 4 MiB of address space, aligned.
constexpr u32 TABLE_ENTRIES = 1024;
constexpr uptr TABLE_SPAN = TABLE_ENTRIES * PAGE_SIZE;
constexpr u32 table_index(uptr virtual_address) { return (virtual_address >> PAGE_SHIFT) & (TABLE_ENTRIES - 1); }

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
// A pointer to the page table entry for `virtual_address` in the user half:
// nullptr if there is no page table and `create` is false; ENOMEM if one
// had to be made and could not.
ErrorOr<u32*> entry(PhysAddr directory, uptr virtual_address, bool create);
// The page table for the 4 MiB around `virtual_address` in the user half,
// as an array of TABLE_ENTRIES entries indexed by table_index(): nullptr if
// there is none. Walking a range a table at a time lets a caller skip 4 MiB
// of unmapped space with one test and scan the rest as a plain array.
u32* table(PhysAddr directory, uptr virtual_address);
bool is_current(PhysAddr directory);
// Forgets cached translations of `directory` (if it is the loaded one).
void flush(PhysAddr directory, uptr virtual_address);
void flush_all(PhysAddr directory);

void switch_to(PhysAddr directory);

} // namespace paging
