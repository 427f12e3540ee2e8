// A bitmap with one bit per frame of the direct map: 1 = in use (or not
// RAM at all), 0 = free. A hint remembers the lowest word that may hold a
// free bit, so the common allocation is a short scan.
#include <kernel/debug/panic.h>
#include <kernel/lib/fault_injection.h>
#include <kernel/mm/frames.h>
#include <libk/assert.h>
#include <libk/spinlock.h>
#include <libk/string.h>

namespace {

constexpr u32 MAX_FRAMES = DIRECT_MAP_SIZE / PAGE_SIZE;
constexpr u32 WORDS = MAX_FRAMES / 32;
constexpr PhysAddr LOW_MEMORY_END = 0x100000;

SpinLock lock;
u32 bitmap[WORDS]; // guarded by lock
u16 references[MAX_FRAMES]; // guarded by lock: 0 for a free frame
u32 search_hint;   // guarded by lock: no free bit below this word
u32 total_frames;
u32 free_frames; // guarded by lock

PhysRange reserved[BootInfo::MAX_RESERVED + 2];
u32 reserved_count;

bool is_used(u32 frame) { return bitmap[frame / 32] & (1u << (frame % 32)); }
void mark_used(u32 frame) { bitmap[frame / 32] |= 1u << (frame % 32); }
void mark_free(u32 frame) { bitmap[frame / 32] &= ~(1u << (frame % 32)); }

void add_reserved(PhysAddr start, PhysAddr end, const char* what)
{
    ASSERT(reserved_count < libk::array_size(reserved));
    reserved[reserved_count++] = PhysRange { start, end, what };
}

// Marks frames [first, last) used or free: single bits up to a word
// boundary, then whole words, then single bits again.
void mark_range(u32 first, u32 last, bool used)
{
    u32 frame = first;
    for (; frame < last && frame % 32 != 0; ++frame)
        used ? mark_used(frame) : mark_free(frame);
    for (; frame + 32 <= last; frame += 32)
        bitmap[frame / 32] = used ? 0xFFFFFFFF : 0;
    for (; frame < last; ++frame)
        used ? mark_used(frame) : mark_free(frame);
}

u32 count_free()
{
    u32 count = 0;
    for (u32 word : bitmap) {
        if (word == 0)
            count += 32;
        else if (word != 0xFFFFFFFF)
            count += 32 - static_cast<u32>(__builtin_popcount(word));
    }
    return count;
}

} // namespace

namespace frames {

void init(const BootInfo& boot)
{
    libk::memset(bitmap, 0xFF, sizeof(bitmap));
    add_reserved(0, LOW_MEMORY_END, "BIOS and real-mode memory");
    add_reserved(virt_to_phys(_kernel_start), virt_to_phys(_kernel_end), "kernel image");
    for (u32 i = 0; i < boot.reserved_count; ++i)
        add_reserved(boot.reserved[i].start, boot.reserved[i].end, boot.reserved[i].what);

    // Usable RAM is freed a region at a time, then the reserved ranges are
    // taken back out: a few word stores per range. (Asking "is this frame
    // reserved?" of each of the 65,536 frames of 256 MiB, one at a time,
    // cost four million instructions, a quarter of the boot.)
    for (u32 r = 0; r < boot.region_count; ++r) {
        const MemoryRegion& region = boot.regions[r];
        if (region.type != 1 || region.base >= DIRECT_MAP_SIZE)
            continue;
        u64 end = libk::min<u64>(region.base + region.length, DIRECT_MAP_SIZE);
        // Only whole frames inside the region.
        u32 first = static_cast<u32>((region.base + PAGE_SIZE - 1) / PAGE_SIZE);
        u32 last = static_cast<u32>(end / PAGE_SIZE);
        if (first < last)
            mark_range(first, last, false);
    }
    for (u32 i = 0; i < reserved_count; ++i) {
        // Every frame the range touches, even in part.
        u32 first = reserved[i].start / PAGE_SIZE;
        u32 last = static_cast<u32>(libk::min<u64>((static_cast<u64>(reserved[i].end) + PAGE_SIZE - 1) / PAGE_SIZE, MAX_FRAMES));
        if (first < last)
            mark_range(first, last, true);
    }
    total_frames = count_free();
    free_frames = total_frames;
    search_hint = 0;
}

ErrorOr<PhysAddr> allocate()
{
    if (fault_injection::should_fail())
        return Error::from_errno(12); // ENOMEM, on purpose
    SpinLockGuard guard(lock);
    for (u32 word = search_hint; word < WORDS; ++word) {
        if (bitmap[word] == 0xFFFFFFFF)
            continue;
        u32 bit = static_cast<u32>(__builtin_ctz(~bitmap[word]));
        u32 frame = word * 32 + bit;
        mark_used(frame);
        references[frame] = 1;
        --free_frames;
        search_hint = word;
        return frame * PAGE_SIZE;
    }
    search_hint = WORDS;
    return Error::from_errno(12); // ENOMEM
}

ErrorOr<PhysAddr> allocate_contiguous(u32 count)
{
    ASSERT(count > 0);
    if (count == 1)
        return allocate();
    if (fault_injection::should_fail())
        return Error::from_errno(12);
    SpinLockGuard guard(lock);
    u32 run = 0;
    for (u32 frame = search_hint * 32; frame < MAX_FRAMES; ++frame) {
        if (is_used(frame)) {
            run = 0;
            continue;
        }
        if (++run < count)
            continue;
        u32 first = frame + 1 - count;
        for (u32 f = first; f <= frame; ++f) {
            mark_used(f);
            references[f] = 1;
        }
        free_frames -= count;
        return first * PAGE_SIZE;
    }
    return Error::from_errno(12); // ENOMEM
}

void free(PhysAddr address)
{
    ASSERT(address % PAGE_SIZE == 0);
    u32 frame = address / PAGE_SIZE;
    ASSERT(frame < MAX_FRAMES);
    SpinLockGuard guard(lock);
    if (!is_used(frame) || references[frame] == 0)
        panic("frames::free: frame 0x%08x is already free (double free)", address);
    if (references[frame] != 1)
        panic("frames::free: frame 0x%08x still has %u references", address, references[frame]);
    references[frame] = 0;
    mark_free(frame);
    ++free_frames;
    if (frame / 32 < search_hint)
        search_hint = frame / 32;
}

void ref(PhysAddr address)
{
    u32 frame = address / PAGE_SIZE;
    SpinLockGuard guard(lock);
    ASSERT(frame < MAX_FRAMES && references[frame] > 0 && references[frame] < 0xFFFF);
    ++references[frame];
}

void unref(PhysAddr address)
{
    u32 frame = address / PAGE_SIZE;
    {
        SpinLockGuard guard(lock);
        ASSERT(frame < MAX_FRAMES && references[frame] > 0);
        if (references[frame] > 1) {
            --references[frame];
            return;
        }
    }
    free(address);
}

u32 ref_count(PhysAddr address)
{
    SpinLockGuard guard(lock);
    return references[address / PAGE_SIZE];
}

void free_contiguous(PhysAddr first, u32 count)
{
    for (u32 i = 0; i < count; ++i)
        free(first + i * PAGE_SIZE);
}

Stats stats()
{
    SpinLockGuard guard(lock);
    return Stats { total_frames, free_frames };
}

bool overlaps_reserved(PhysAddr start, PhysAddr end)
{
    for (u32 i = 0; i < reserved_count; ++i) {
        if (start < reserved[i].end && reserved[i].start < end)
            return true;
    }
    return false;
}

} // namespace frames
