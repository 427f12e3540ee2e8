// The kernel heap: kmalloc and kfree.
//
// Small requests (up to 1 KiB) come from slabs: a page cut into equal slots
// of one size class (16, 32, ..., 1024 bytes) with a small header at the
// start. Larger requests get whole, physically contiguous pages. A page
// whose slots are all free goes straight back to the frame allocator, so
// the frame counter shows the heap's real footprint.
#pragma once

#include <libk/types.h>

// nullptr when memory is exhausted (callers turn that into ENOMEM).
void* kmalloc(usize size);
// Like kmalloc, and the memory is zeroed.
void* kzalloc(usize size);
void kfree(void* pointer);

namespace heap {

struct Stats {
    usize bytes_in_use; // sum of the slot or page sizes handed out
    usize allocations;  // live allocations
    u32 pages;          // pages the heap holds
};
Stats stats();

// The usable size of an allocation (its slot size, or its pages less the header).
usize allocation_size(const void* pointer);

} // namespace heap
