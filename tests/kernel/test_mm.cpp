// Self-tests of address spaces (kernel/mm/mm.cpp): what fork's copy and
// munmap do to the page tables, checked entry by entry. Mm::clone and
// unmapping walk the page tables a table at a time, skipping absent ones;
// these tests put pages at the edges of tables and of regions, where such
// a walk can go wrong.
#include <arch/i386/paging.h>
#include <kernel/mm/frames.h>
#include <kernel/mm/mm.h>
#include <kernel/selftest/selftest.h>

namespace {

constexpr uptr TEXT = 0x08048000;         // 3 pages
constexpr uptr ACROSS = 0x40000000 - 2 * PAGE_SIZE; // 4 pages, across a table boundary
constexpr uptr STACK = Mm::STACK_TOP - Mm::STACK_SIZE; // 8 MiB: two whole tables

// The pages the tests touch, each written with its own address.
constexpr uptr touched[] = {
    TEXT, TEXT + 2 * PAGE_SIZE,
    ACROSS, ACROSS + PAGE_SIZE, ACROSS + 2 * PAGE_SIZE, ACROSS + 3 * PAGE_SIZE,
    STACK, STACK + paging::TABLE_SPAN - PAGE_SIZE, STACK + paging::TABLE_SPAN, Mm::STACK_TOP - PAGE_SIZE,
};
// Pages inside the regions that nobody touched: never mapped, in either copy.
constexpr uptr untouched[] = { TEXT + PAGE_SIZE, STACK + PAGE_SIZE, STACK + 3 * 1024 * 1024, Mm::STACK_TOP - 2 * PAGE_SIZE };

// An address space with the three regions and the touched pages; null if
// memory ran out.
RefPtr<Mm> make_address_space()
{
    auto created = Mm::create();
    if (created.is_error())
        return {};
    RefPtr<Mm> mm = created.release_value();
    u32 rw = prot::READ | prot::WRITE;
    if (mm->map(TEXT, 3 * PAGE_SIZE, rw, 0).is_error() || mm->map(ACROSS, 4 * PAGE_SIZE, rw, 0).is_error()
        || mm->map(STACK, Mm::STACK_SIZE, rw, Vma::STACK).is_error())
        return {};
    for (uptr address : touched) {
        if (mm->write(address, &address, sizeof(address)).is_error())
            return {};
    }
    return mm;
}

u32 frame_of(const Mm& mm, uptr address) { return paging::lookup(mm.page_directory(), address) & paging::ADDRESS_MASK; }

} // namespace

SELFTEST(mm, clone_shares_exactly_the_mapped_pages)
{
    RefPtr<Mm> parent = make_address_space();
    EXPECT(parent);
    if (!parent)
        return;
    u32 free_before = frames::stats().free;
    auto cloned = parent->clone();
    EXPECT(!cloned.is_error());
    if (cloned.is_error())
        return;
    RefPtr<Mm> child = cloned.release_value();
    // The child costs its directory and one table per 4 MiB that has pages
    // (TEXT's, the two ACROSS straddles, the stack's two): no data page.
    EXPECT_EQ(free_before - frames::stats().free, 6u);

    for (uptr address : touched) {
        u32 mine = paging::lookup(parent->page_directory(), address);
        u32 theirs = paging::lookup(child->page_directory(), address);
        EXPECT(mine & paging::PRESENT);
        EXPECT_EQ(theirs, mine);                 // the same frame, the same bits
        EXPECT(!(mine & paging::WRITABLE));      // copy-on-write, both sides
        EXPECT_EQ(frames::ref_count(mine & paging::ADDRESS_MASK), 2u);
        uptr value = 0;
        EXPECT_EQ(child->read(address, &value, sizeof(value)), sizeof(value));
        EXPECT_EQ(value, address);
    }
    for (uptr address : untouched)
        EXPECT_EQ(paging::lookup(child->page_directory(), address), 0u);

    // A write in the child copies the page; the parent's stays as it was.
    uptr address = Mm::STACK_TOP - PAGE_SIZE, scribble = 0x5C81B8E;
    EXPECT(!child->write(address, &scribble, sizeof(scribble)).is_error());
    EXPECT(frame_of(*child, address) != frame_of(*parent, address));
    uptr value = 0;
    EXPECT_EQ(parent->read(address, &value, sizeof(value)), sizeof(value));
    EXPECT_EQ(value, address);
    EXPECT_EQ(frames::ref_count(frame_of(*parent, address)), 1u);

    // Dropping the child gives back everything it took, the copy included.
    child = nullptr;
    EXPECT_EQ(frames::stats().free, free_before);
    for (uptr touched_address : touched)
        EXPECT_EQ(frames::ref_count(frame_of(*parent, touched_address)), 1u);
}

SELFTEST(mm, unmap_frees_the_pages_of_the_range_only)
{
    RefPtr<Mm> mm = make_address_space();
    EXPECT(mm);
    if (!mm)
        return;
    // From the last page of the stack's first table to the second page of
    // its second: two of the touched pages go, in two different tables.
    uptr start = STACK + paging::TABLE_SPAN - PAGE_SIZE;
    u32 free_before = frames::stats().free;
    EXPECT(!mm->unmap(start, 3 * PAGE_SIZE).is_error());
    EXPECT_EQ(frames::stats().free - free_before, 2u);
    EXPECT_EQ(paging::lookup(mm->page_directory(), start), 0u);
    EXPECT_EQ(paging::lookup(mm->page_directory(), STACK + paging::TABLE_SPAN), 0u);
    EXPECT(paging::lookup(mm->page_directory(), STACK) & paging::PRESENT);
    EXPECT(paging::lookup(mm->page_directory(), Mm::STACK_TOP - PAGE_SIZE) & paging::PRESENT);
    EXPECT(!mm->find(start + PAGE_SIZE));
    EXPECT(mm->find(STACK) && mm->find(Mm::STACK_TOP - PAGE_SIZE));
}

SELFTEST(mm, protect_none_keeps_the_frames)
{
    RefPtr<Mm> mm = make_address_space();
    EXPECT(mm);
    if (!mm)
        return;
    u32 frame = frame_of(*mm, ACROSS + 3 * PAGE_SIZE);
    EXPECT(!mm->protect(ACROSS, 4 * PAGE_SIZE, 0).is_error());
    u32 entry = paging::lookup(mm->page_directory(), ACROSS + 3 * PAGE_SIZE);
    EXPECT(!(entry & paging::PRESENT));
    EXPECT(entry & paging::KEPT);
    EXPECT_EQ(entry & paging::ADDRESS_MASK, frame);
    EXPECT(!mm->protect(ACROSS, 4 * PAGE_SIZE, prot::READ).is_error());
    entry = paging::lookup(mm->page_directory(), ACROSS + 3 * PAGE_SIZE);
    EXPECT((entry & paging::PRESENT) && !(entry & paging::WRITABLE));
    EXPECT_EQ(entry & paging::ADDRESS_MASK, frame);
}
