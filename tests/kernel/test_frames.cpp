// Self-tests of the physical frame allocator (kernel/mm/frames.cpp).
#include <kernel/boot/boot_info.h>
#include <kernel/mm/frames.h>
#include <kernel/selftest/selftest.h>

// frames::init marks whole ranges at once; this counts the slow, obvious
// way: every whole frame of a usable region that touches no reserved range
// (each frame once, even where regions overlap).
SELFTEST(frames, init_manages_every_usable_unreserved_frame)
{
    const BootInfo& boot = boot_info();
    u32 expected = 0;
    for (PhysAddr frame = 0; frame < DIRECT_MAP_SIZE; frame += PAGE_SIZE) {
        if (frames::overlaps_reserved(frame, frame + PAGE_SIZE))
            continue;
        for (u32 r = 0; r < boot.region_count; ++r) {
            const MemoryRegion& region = boot.regions[r];
            if (region.type == 1 && region.base <= frame && frame + PAGE_SIZE <= region.base + region.length) {
                ++expected;
                break;
            }
        }
    }
    EXPECT(expected > 0);
    EXPECT_EQ(frames::stats().total, expected);
}

// Takes every free frame, proving none is reserved and none is handed out
// twice, then checks exhaustion is ENOMEM and gives them all back.
SELFTEST(frames, every_frame_once_and_never_reserved)
{
    auto before = frames::stats();
    EXPECT(before.free > 0);
    // The taken frames form a chain through their own first word, so the
    // test needs no memory of its own.
    PhysAddr chain = 0;
    u32 taken = 0, reserved_hits = 0, duplicates = 0;
    for (;;) {
        auto frame = frames::allocate();
        if (frame.is_error()) {
            EXPECT_EQ(frame.error().code(), 12); // ENOMEM
            break;
        }
        PhysAddr address = frame.value();
        if (frames::overlaps_reserved(address, address + PAGE_SIZE))
            ++reserved_hits;
        if (address >= virt_to_phys(_kernel_start) && address < virt_to_phys(_kernel_end))
            ++reserved_hits;
        u32* words = static_cast<u32*>(phys_to_virt(address));
        // A frame handed out twice would already carry our marker.
        if (words[1] == 0xF4A3E5 && words[2] == address)
            ++duplicates;
        words[0] = chain;
        words[1] = 0xF4A3E5;
        words[2] = address;
        chain = address;
        ++taken;
    }
    EXPECT_EQ(taken, before.free);
    EXPECT_EQ(frames::stats().free, 0u);
    EXPECT_EQ(reserved_hits, 0u);
    EXPECT_EQ(duplicates, 0u);
    while (chain) {
        u32* words = static_cast<u32*>(phys_to_virt(chain));
        PhysAddr next = words[0];
        words[1] = 0;
        frames::free(chain);
        chain = next;
    }
    EXPECT_EQ(frames::stats().free, before.free);
}

SELFTEST(frames, counters_follow_allocations)
{
    auto before = frames::stats();
    auto a = frames::allocate();
    auto b = frames::allocate();
    EXPECT(!a.is_error() && !b.is_error());
    EXPECT(a.value() != b.value());
    EXPECT_EQ(frames::stats().free, before.free - 2);
    EXPECT_EQ(frames::stats().used(), before.used() + 2);
    frames::free(a.value());
    frames::free(b.value());
    EXPECT_EQ(frames::stats().free, before.free);
}

SELFTEST(frames, contiguous_run)
{
    auto before = frames::stats();
    auto run = frames::allocate_contiguous(16);
    EXPECT(!run.is_error());
    if (run.is_error())
        return;
    EXPECT_EQ(run.value() % PAGE_SIZE, 0u);
    EXPECT(!frames::overlaps_reserved(run.value(), run.value() + 16 * PAGE_SIZE));
    EXPECT_EQ(frames::stats().free, before.free - 16);
    // Writing all of it must not disturb anything (the leak check and later
    // tests would notice a frame shared with another user).
    u8* bytes = static_cast<u8*>(phys_to_virt(run.value()));
    for (u32 i = 0; i < 16 * PAGE_SIZE; ++i)
        bytes[i] = static_cast<u8>(i);
    frames::free_contiguous(run.value(), 16);
}

SELFTEST(frames, impossible_contiguous_run_is_enomem)
{
    auto run = frames::allocate_contiguous(frames::stats().total + 1);
    EXPECT(run.is_error());
    if (run.is_error())
        EXPECT_EQ(run.error().code(), 12);
}
