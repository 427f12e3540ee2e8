// Self-tests of the kernel heap (kernel/mm/heap.cpp).
#include <kernel/mm/frames.h>
#include <kernel/mm/heap.h>
#include <kernel/selftest/selftest.h>
#include <libk/ownptr.h>
#include <libk/refptr.h>
#include <libk/vector.h>
#include <new>

SELFTEST(heap, every_size_is_usable_and_aligned)
{
    u32 misaligned = 0, too_small = 0, corrupted = 0;
    for (usize size = 1; size <= 5000; size += (size < 64 ? 1 : 37)) {
        auto* bytes = static_cast<u8*>(kmalloc(size));
        EXPECT(bytes != nullptr);
        if (!bytes)
            return;
        if (reinterpret_cast<uptr>(bytes) % 16)
            ++misaligned;
        if (heap::allocation_size(bytes) < size)
            ++too_small;
        for (usize i = 0; i < size; ++i)
            bytes[i] = static_cast<u8>(size + i);
        for (usize i = 0; i < size; ++i)
            corrupted += bytes[i] != static_cast<u8>(size + i);
        kfree(bytes);
    }
    EXPECT_EQ(misaligned, 0u);
    EXPECT_EQ(too_small, 0u);
    EXPECT_EQ(corrupted, 0u);
}

// Many live allocations of mixed sizes at once: none may overlap another.
SELFTEST(heap, live_allocations_do_not_overlap)
{
    struct Block {
        Block* next;
        usize size;
        u32 tag;
    };
    Block* blocks = nullptr;
    auto heap_before = heap::stats();
    for (u32 i = 0; i < 3000; ++i) {
        usize size = sizeof(Block) + (i * 7919) % 700;
        auto* block = static_cast<Block*>(kmalloc(size));
        EXPECT(block != nullptr);
        if (!block)
            break;
        *block = Block { blocks, size, i };
        for (usize j = sizeof(Block); j < size; ++j)
            reinterpret_cast<u8*>(block)[j] = static_cast<u8>(i);
        blocks = block;
    }
    EXPECT_EQ(heap::stats().allocations, heap_before.allocations + 3000);
    EXPECT(heap::stats().pages > heap_before.pages);
    u32 damaged = 0;
    for (Block* block = blocks; block;) {
        for (usize j = sizeof(Block); j < block->size; ++j)
            damaged += reinterpret_cast<u8*>(block)[j] != static_cast<u8>(block->tag);
        Block* next = block->next;
        kfree(block);
        block = next;
    }
    EXPECT_EQ(damaged, 0u);
    // Empty slab pages went back to the frame allocator.
    EXPECT_EQ(heap::stats().pages, heap_before.pages);
}

SELFTEST(heap, large_allocation_uses_whole_pages)
{
    auto frames_before = frames::stats();
    auto* big = static_cast<u8*>(kmalloc(100000));
    EXPECT(big != nullptr);
    if (!big)
        return;
    EXPECT_EQ(frames_before.free - frames::stats().free, 25u); // 100000 + header in 4 KiB pages
    for (u32 i = 0; i < 100000; ++i)
        big[i] = static_cast<u8>(i);
    EXPECT_EQ(big[99999], static_cast<u8>(99999));
    kfree(big);
}

SELFTEST(heap, exhaustion_returns_null)
{
    // More than the machine has: a clean nullptr, not a panic.
    void* impossible = kmalloc(static_cast<usize>(frames::stats().total + 1) * PAGE_SIZE);
    EXPECT(impossible == nullptr);
}

SELFTEST(heap, kzalloc_zeroes)
{
    auto* dirty = static_cast<u8*>(kmalloc(200));
    for (u32 i = 0; i < 200; ++i)
        dirty[i] = 0xAB;
    kfree(dirty);
    auto* clean = static_cast<u8*>(kzalloc(200));
    u32 nonzero = 0;
    for (u32 i = 0; i < 200; ++i)
        nonzero += clean[i] != 0;
    EXPECT_EQ(nonzero, 0u);
    kfree(clean);
}

namespace {

u32 destroyed;

struct Counted : RefCounted<Counted> {
    u32 payload[20];
    ~Counted() { ++destroyed; }
};

} // namespace

// libk's smart pointers and containers on the kernel heap.
SELFTEST(heap, libk_objects_live_on_the_heap)
{
    destroyed = 0;
    auto before = heap::stats();
    {
        auto object = try_make_ref_counted<Counted>();
        EXPECT(!object.is_error());
        RefPtr<Counted> first = object.release_value();
        RefPtr<Counted> second = first;
        EXPECT_EQ(first->ref_count(), 2u);
        EXPECT(heap::stats().allocations == before.allocations + 1);
        first = nullptr;
        EXPECT_EQ(destroyed, 0u);
    }
    EXPECT_EQ(destroyed, 1u);

    Vector<u32> numbers;
    for (u32 i = 0; i < 1000; ++i)
        EXPECT(!numbers.try_append(i).is_error());
    EXPECT_EQ(numbers.size(), 1000u);
    EXPECT_EQ(numbers[999], 999u);
    numbers.clear();

    auto owned = try_make<Counted>();
    EXPECT(!owned.is_error());
    owned = Error::from_errno(12);
    EXPECT_EQ(destroyed, 2u);
}
