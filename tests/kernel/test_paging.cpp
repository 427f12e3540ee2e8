// Self-tests of paging (arch/i386/paging.cpp).
#include <arch/i386/cpu.h>
#include <arch/i386/paging.h>
#include <kernel/mm/frames.h>
#include <kernel/selftest/selftest.h>

SELFTEST(paging, kernel_directory_is_loaded)
{
    EXPECT_EQ(cpu::read_cr3() & ~0xFFFu, paging::kernel_directory());
    EXPECT(cpu::read_cr0() & (1u << 31)); // PG
    EXPECT(cpu::read_cr4() & cpu::CR4_PGE);
}

SELFTEST(paging, direct_map_reaches_physical_memory)
{
    auto frame = frames::allocate();
    EXPECT(!frame.is_error());
    if (frame.is_error())
        return;
    auto* word = static_cast<volatile u32*>(phys_to_virt(frame.value()));
    *word = 0xC1EA7E;
    u32 entry = paging::lookup(paging::kernel_directory(), reinterpret_cast<uptr>(word));
    EXPECT(entry & paging::PRESENT);
    EXPECT(entry & paging::GLOBAL);
    EXPECT(!(entry & paging::USER));
    EXPECT_EQ(entry & ~0xFFFu, frame.value());
    EXPECT_EQ(*word, 0xC1EA7Eu);
    frames::free(frame.value());
}

SELFTEST(paging, low_memory_is_not_mapped)
{
    // The boot page directory mapped low memory 1:1; the kernel's does not,
    // so a null pointer dereference faults.
    EXPECT_EQ(paging::lookup(paging::kernel_directory(), 0), 0u);
    EXPECT_EQ(paging::lookup(paging::kernel_directory(), 0x100000), 0u);
}

SELFTEST(paging, new_directory_shares_kernel_half)
{
    auto directory = paging::create_directory();
    EXPECT(!directory.is_error());
    if (directory.is_error())
        return;
    const u32* mine = static_cast<const u32*>(phys_to_virt(directory.value()));
    const u32* kernel = static_cast<const u32*>(phys_to_virt(paging::kernel_directory()));
    u32 differences = 0, user_entries = 0;
    for (u32 i = 0; i < 1024; ++i) {
        if (i >= paging::KERNEL_DIRECTORY_FIRST && mine[i] != kernel[i])
            ++differences;
        if (i < paging::KERNEL_DIRECTORY_FIRST && mine[i])
            ++user_entries;
    }
    EXPECT_EQ(differences, 0u);
    EXPECT_EQ(user_entries, 0u);
    paging::destroy_directory(directory.value());
}

// Maps a frame at a user address in a fresh directory, switches to it,
// writes through the mapping and reads the write back through the direct map.
SELFTEST(paging, map_switch_write_unmap)
{
    constexpr uptr address = 0x00400000;
    auto directory = paging::create_directory();
    auto frame = frames::allocate();
    EXPECT(!directory.is_error() && !frame.is_error());
    if (directory.is_error() || frame.is_error())
        return;
    auto mapped = paging::map(directory.value(), address, frame.value(), paging::WRITABLE | paging::USER);
    EXPECT(!mapped.is_error());
    u32 entry = paging::lookup(directory.value(), address);
    EXPECT_EQ(entry & ~0xFFFu, frame.value());
    EXPECT(entry & paging::USER);
    EXPECT_EQ(paging::lookup(paging::kernel_directory(), address), 0u);

    paging::switch_to(directory.value());
    *reinterpret_cast<volatile u32*>(address) = 0x5EED;
    *reinterpret_cast<volatile u32*>(address + PAGE_SIZE - 4) = 0xE17D;
    paging::switch_to(paging::kernel_directory());

    const u32* words = static_cast<const u32*>(phys_to_virt(frame.value()));
    EXPECT_EQ(words[0], 0x5EEDu);
    EXPECT_EQ(words[PAGE_SIZE / 4 - 1], 0xE17Du);
    EXPECT_EQ(paging::unmap(directory.value(), address), frame.value());
    EXPECT_EQ(paging::lookup(directory.value(), address), 0u);
    EXPECT_EQ(paging::unmap(directory.value(), address), 0u);
    paging::destroy_directory(directory.value()); // frees the page table too
    frames::free(frame.value());
}
