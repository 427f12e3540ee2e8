// The physical frame allocator: hands out 4 KiB frames of RAM.
//
// It is built from the boot loader's memory map and never hands out a frame
// that is not usable RAM, nor one holding the kernel image, the boot
// loader's structures, a module, or anything below 1 MiB (the BIOS's).
// Only RAM inside the direct map (the first 768 MiB) is used, so every
// frame can be reached at phys_to_virt(frame).
#pragma once

#include <kernel/boot/boot_info.h>
#include <kernel/mm/layout.h>
#include <libk/error.h>

namespace frames {

void init(const BootInfo&);

// One frame, contents undefined. ENOMEM when none is left.
ErrorOr<PhysAddr> allocate();
// `count` physically contiguous frames (for kernel allocations larger than a page).
ErrorOr<PhysAddr> allocate_contiguous(u32 count);
void free(PhysAddr frame);
void free_contiguous(PhysAddr first, u32 count);

// Reference counts, for frames mapped by more than one address space
// (copy-on-write after fork, shared mappings). allocate() returns a frame
// with one reference; unref() frees it when the last one goes.
void ref(PhysAddr frame);
void unref(PhysAddr frame);
u32 ref_count(PhysAddr frame);

struct Stats {
    u32 total; // frames the allocator manages
    u32 free;
    u32 used() const { return total - free; }
};
Stats stats();

// True if [start, end) overlaps a range the allocator must never hand out.
bool overlaps_reserved(PhysAddr start, PhysAddr end);

} // namespace frames
