#include <arch/i386/cpu.h>
#include <arch/i386/paging.h>
#include <kernel/mm/frames.h>
#include <libk/assert.h>
#include <libk/string.h>

namespace {

constexpr u32 ENTRIES = 1024;
constexpr u32 LARGE_PAGE_SIZE = 4 * 1024 * 1024;
using paging::ADDRESS_MASK;

alignas(PAGE_SIZE) u32 kernel_page_directory[ENTRIES];

u32* table_at(PhysAddr address) { return static_cast<u32*>(phys_to_virt(address)); }
u32 directory_index(uptr address) { return address >> 22; }
using paging::table_index;

} // namespace

namespace paging {

void init()
{
    for (u32 i = 0; i < KERNEL_DIRECTORY_FIRST; ++i)
        kernel_page_directory[i] = 0;
    for (u32 i = KERNEL_DIRECTORY_FIRST; i < ENTRIES; ++i) {
        PhysAddr physical = (i - KERNEL_DIRECTORY_FIRST) * LARGE_PAGE_SIZE;
        kernel_page_directory[i] = physical < DIRECT_MAP_SIZE ? physical | PRESENT | WRITABLE | LARGE_PAGE | GLOBAL : 0;
    }
    cpu::write_cr4(cpu::read_cr4() | cpu::CR4_PSE | cpu::CR4_PGE);
    switch_to(kernel_directory());
}

PhysAddr kernel_directory() { return virt_to_phys(kernel_page_directory); }

ErrorOr<PhysAddr> create_directory()
{
    PhysAddr directory = TRY(frames::allocate());
    u32* entries = table_at(directory);
    libk::memset(entries, 0, KERNEL_DIRECTORY_FIRST * sizeof(u32));
    libk::memcpy(entries + KERNEL_DIRECTORY_FIRST, kernel_page_directory + KERNEL_DIRECTORY_FIRST,
        (ENTRIES - KERNEL_DIRECTORY_FIRST) * sizeof(u32));
    return directory;
}

void destroy_directory(PhysAddr directory)
{
    ASSERT(directory != kernel_directory());
    ASSERT((cpu::read_cr3() & ADDRESS_MASK) != directory);
    u32* entries = table_at(directory);
    for (u32 i = 0; i < KERNEL_DIRECTORY_FIRST; ++i) {
        if (entries[i] & PRESENT)
            frames::free(entries[i] & ADDRESS_MASK);
    }
    frames::free(directory);
}

ErrorOr<void> map(PhysAddr directory, uptr virtual_address, PhysAddr frame, u32 flags)
{
    ASSERT(virtual_address < KERNEL_BASE);
    ASSERT(virtual_address % PAGE_SIZE == 0 && frame % PAGE_SIZE == 0);
    // A new page table's directory entry allows everything; each page's own entry decides.
    u32* page_entry = TRY(entry(directory, virtual_address, true));
    *page_entry = frame | (flags & FLAGS_MASK) | PRESENT;
    flush(directory, virtual_address);
    return {};
}

PhysAddr unmap(PhysAddr directory, uptr virtual_address)
{
    u32 directory_entry = table_at(directory)[directory_index(virtual_address)];
    if (!(directory_entry & PRESENT))
        return 0;
    u32& entry = table_at(directory_entry & ADDRESS_MASK)[table_index(virtual_address)];
    if (!(entry & PRESENT))
        return 0;
    PhysAddr frame = entry & ADDRESS_MASK;
    entry = 0;
    flush(directory, virtual_address);
    return frame;
}

u32 lookup(PhysAddr directory, uptr virtual_address)
{
    u32 directory_entry = table_at(directory)[directory_index(virtual_address)];
    if (!(directory_entry & PRESENT))
        return 0;
    if (directory_entry & LARGE_PAGE)
        return ((directory_entry & ~(LARGE_PAGE_SIZE - 1)) + (virtual_address & (LARGE_PAGE_SIZE - 1) & ADDRESS_MASK))
            | (directory_entry & FLAGS_MASK & ~LARGE_PAGE);
    return table_at(directory_entry & ADDRESS_MASK)[table_index(virtual_address)];
}

void switch_to(PhysAddr directory) { cpu::write_cr3(directory); }

ErrorOr<u32*> entry(PhysAddr directory, uptr virtual_address, bool create)
{
    ASSERT(virtual_address < KERNEL_BASE);
    u32& directory_entry = table_at(directory)[directory_index(virtual_address)];
    if (!(directory_entry & PRESENT)) {
        if (!create)
            return static_cast<u32*>(nullptr);
        PhysAddr table = TRY(frames::allocate());
        libk::memset(table_at(table), 0, PAGE_SIZE);
        directory_entry = table | PRESENT | WRITABLE | USER;
    }
    return &table_at(directory_entry & ADDRESS_MASK)[table_index(virtual_address)];
}

u32* table(PhysAddr directory, uptr virtual_address)
{
    ASSERT(virtual_address < KERNEL_BASE);
    u32 directory_entry = table_at(directory)[directory_index(virtual_address)];
    return (directory_entry & PRESENT) ? table_at(directory_entry & ADDRESS_MASK) : nullptr;
}

bool is_current(PhysAddr directory) { return (cpu::read_cr3() & ADDRESS_MASK) == directory; }

void flush(PhysAddr directory, uptr virtual_address)
{
    if (is_current(directory))
        cpu::invlpg(virtual_address);
}

void flush_all(PhysAddr directory)
{
    // Reloading CR3 drops every non-global translation: all of the user half.
    if (is_current(directory))
        cpu::write_cr3(directory);
}

} // namespace paging
