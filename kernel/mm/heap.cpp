#include <kernel/debug/panic.h>
#include <kernel/lib/fault_injection.h>
#include <kernel/mm/frames.h>
#include <kernel/mm/heap.h>
#include <libk/assert.h>
#include <libk/spinlock.h>
#include <libk/string.h>

namespace {

constexpr u32 SLAB_MAGIC = 0x51AB51AB;
constexpr u32 LARGE_MAGIC = 0x1A26E000;
constexpr u32 FREE_POISON = 0xF4EEF4EE; // second word of every free slot
constexpr usize CLASS_SIZES[] = { 16, 32, 64, 128, 256, 512, 1024 };
constexpr u32 CLASS_COUNT = libk::array_size(CLASS_SIZES);
constexpr usize LARGEST_SLOT = CLASS_SIZES[CLASS_COUNT - 1];

struct FreeSlot {
    FreeSlot* next;
    u32 poison;
};

// At the start of every slab page. Slots follow at SLAB_HEADER_SIZE.
struct SlabPage {
    u32 magic;
    u32 class_index;
    u32 in_use;
    FreeSlot* free_slots;
    SlabPage* previous; // in its class's list of pages with a free slot
    SlabPage* next;
};
constexpr usize SLAB_HEADER_SIZE = 32; // keeps every slot 16-byte aligned
static_assert(sizeof(SlabPage) <= SLAB_HEADER_SIZE);

// At the start of a large allocation's first page.
struct LargeHeader {
    u32 magic;
    u32 pages;
    u32 reserved[2];
};
constexpr usize LARGE_HEADER_SIZE = 16;
static_assert(sizeof(LargeHeader) == LARGE_HEADER_SIZE);

SpinLock lock;
SlabPage* partial_pages[CLASS_COUNT]; // guarded by lock: pages with a free slot
heap::Stats counters;                  // guarded by lock

u32 class_for(usize size)
{
    u32 index = 0;
    while (CLASS_SIZES[index] < size)
        ++index;
    return index;
}

void link(SlabPage* page)
{
    SlabPage*& head = partial_pages[page->class_index];
    page->previous = nullptr;
    page->next = head;
    if (head)
        head->previous = page;
    head = page;
}

void unlink(SlabPage* page)
{
    if (page->previous)
        page->previous->next = page->next;
    else
        partial_pages[page->class_index] = page->next;
    if (page->next)
        page->next->previous = page->previous;
    page->previous = page->next = nullptr;
}

SlabPage* new_slab_page(u32 class_index)
{
    fault_injection::Suppress counted_by_kmalloc;
    auto frame = frames::allocate();
    if (frame.is_error())
        return nullptr;
    auto* page = static_cast<SlabPage*>(phys_to_virt(frame.value()));
    *page = SlabPage { SLAB_MAGIC, class_index, 0, nullptr, nullptr, nullptr };
    usize size = CLASS_SIZES[class_index];
    char* base = reinterpret_cast<char*>(page);
    // Thread the free list through the slots so the lowest address comes first.
    usize slots = (PAGE_SIZE - SLAB_HEADER_SIZE) / size;
    for (usize i = slots; i-- > 0;) {
        auto* slot = reinterpret_cast<FreeSlot*>(base + SLAB_HEADER_SIZE + i * size);
        *slot = FreeSlot { page->free_slots, FREE_POISON };
        page->free_slots = slot;
    }
    ++counters.pages;
    link(page);
    return page;
}

void* allocate_small(usize size)
{
    u32 index = class_for(size);
    SpinLockGuard guard(lock);
    SlabPage* page = partial_pages[index];
    if (!page && !(page = new_slab_page(index)))
        return nullptr;
    FreeSlot* slot = page->free_slots;
    page->free_slots = slot->next;
    slot->poison = 0;
    ++page->in_use;
    if (!page->free_slots)
        unlink(page);
    counters.bytes_in_use += CLASS_SIZES[index];
    ++counters.allocations;
    return slot;
}

void* allocate_large(usize size)
{
    u32 pages = static_cast<u32>((size + LARGE_HEADER_SIZE + PAGE_SIZE - 1) / PAGE_SIZE);
    fault_injection::Suppress counted_by_kmalloc;
    auto frame = frames::allocate_contiguous(pages);
    if (frame.is_error())
        return nullptr;
    auto* header = static_cast<LargeHeader*>(phys_to_virt(frame.value()));
    *header = LargeHeader { LARGE_MAGIC, pages, { 0, 0 } };
    SpinLockGuard guard(lock);
    counters.bytes_in_use += pages * PAGE_SIZE;
    counters.pages += pages;
    ++counters.allocations;
    return reinterpret_cast<char*>(header) + LARGE_HEADER_SIZE;
}

bool is_free_slot(SlabPage* page, FreeSlot* candidate)
{
    for (FreeSlot* slot = page->free_slots; slot; slot = slot->next) {
        if (slot == candidate)
            return true;
    }
    return false;
}

void free_small(SlabPage* page, void* pointer)
{
    usize size = CLASS_SIZES[page->class_index];
    uptr offset = reinterpret_cast<uptr>(pointer) - reinterpret_cast<uptr>(page);
    if (offset < SLAB_HEADER_SIZE || (offset - SLAB_HEADER_SIZE) % size != 0)
        panic("kfree(%p): not the start of a heap slot", pointer);
    auto* slot = static_cast<FreeSlot*>(pointer);
    SpinLockGuard guard(lock);
    if (slot->poison == FREE_POISON && is_free_slot(page, slot))
        panic("kfree(%p): freed twice", pointer);
    bool was_full = !page->free_slots;
    *slot = FreeSlot { page->free_slots, FREE_POISON };
    page->free_slots = slot;
    --page->in_use;
    counters.bytes_in_use -= size;
    --counters.allocations;
    if (was_full)
        link(page);
    if (page->in_use == 0) {
        unlink(page);
        page->magic = 0;
        --counters.pages;
        frames::free(virt_to_phys(page));
    }
}

void free_large(LargeHeader* header)
{
    u32 pages = header->pages;
    header->magic = 0;
    {
        SpinLockGuard guard(lock);
        counters.bytes_in_use -= pages * PAGE_SIZE;
        counters.pages -= pages;
        --counters.allocations;
    }
    frames::free_contiguous(virt_to_phys(header), pages);
}

void* page_of(const void* pointer)
{
    return reinterpret_cast<void*>(reinterpret_cast<uptr>(pointer) & ~static_cast<uptr>(PAGE_SIZE - 1));
}

} // namespace

void* kmalloc(usize size)
{
    if (fault_injection::should_fail())
        return nullptr;
    if (size == 0)
        size = 1;
    return size <= LARGEST_SLOT ? allocate_small(size) : allocate_large(size);
}

void* kzalloc(usize size)
{
    void* pointer = kmalloc(size);
    if (pointer)
        libk::memset(pointer, 0, size);
    return pointer;
}

void kfree(void* pointer)
{
    if (!pointer)
        return;
    if (reinterpret_cast<uptr>(pointer) < KERNEL_BASE)
        panic("kfree(%p): not a kernel address", pointer);
    void* page = page_of(pointer);
    u32 magic = *static_cast<u32*>(page);
    if (magic == SLAB_MAGIC)
        free_small(static_cast<SlabPage*>(page), pointer);
    else if (magic == LARGE_MAGIC && pointer == static_cast<char*>(page) + LARGE_HEADER_SIZE)
        free_large(static_cast<LargeHeader*>(page));
    else
        panic("kfree(%p): not a live heap allocation", pointer);
}

namespace heap {

Stats stats()
{
    SpinLockGuard guard(lock);
    return counters;
}

usize allocation_size(const void* pointer)
{
    auto* page = static_cast<const SlabPage*>(page_of(pointer));
    if (page->magic == SLAB_MAGIC)
        return CLASS_SIZES[page->class_index];
    auto* header = reinterpret_cast<const LargeHeader*>(page);
    ASSERT(header->magic == LARGE_MAGIC);
    return header->pages * PAGE_SIZE - LARGE_HEADER_SIZE;
}

} // namespace heap
