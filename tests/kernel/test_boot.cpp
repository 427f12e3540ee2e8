// Self-tests of what the kernel learned at boot, the timer and the symbol table.
#include <arch/i386/cpu.h>
#include <arch/i386/vga.h>
#include <kernel/console/console.h>
#include <kernel/boot/boot_info.h>
#include <kernel/debug/ksyms.h>
#include <kernel/mm/frames.h>
#include <kernel/selftest/selftest.h>
#include <kernel/time/clock.h>
#include <libk/format.h>
#include <libk/string.h>

extern "C" void kernel_main(u32, u32);

SELFTEST(boot, memory_map_has_usable_ram_above_1mib)
{
    const BootInfo& boot = boot_info();
    EXPECT(boot.region_count > 0);
    u64 usable_high = 0;
    for (u32 i = 0; i < boot.region_count; ++i) {
        if (boot.regions[i].type == 1 && boot.regions[i].base >= 0x100000)
            usable_high += boot.regions[i].length;
    }
    EXPECT(usable_high >= 8 * 1024 * 1024);
    // What the allocator manages cannot exceed what the map calls usable.
    EXPECT(static_cast<u64>(frames::stats().total) * PAGE_SIZE <= usable_high);
}

SELFTEST(boot, command_line_options)
{
    BootOption option;
    EXPECT(boot_option("selftest", &option));
    EXPECT(!boot_option("no-such-option-here"));
    // "selftest" must not match "selftes" or "selftestx".
    EXPECT(!boot_option("selftes"));
}

SELFTEST(boot, symbol_table_names_kernel_functions)
{
    EXPECT(ksyms::count() > 100);
    EXPECT(ksyms::table_size() > ksyms::count() * 12); // "c0101234 T f\n" at least
    ksyms::Symbol symbol;
    uptr address = reinterpret_cast<uptr>(&kernel_main);
    EXPECT(ksyms::lookup(address + 3, symbol));
    EXPECT_EQ(symbol.address, address);
    EXPECT(symbol.name_length == 11 && libk::strncmp(symbol.name, "kernel_main", 11) == 0);
    EXPECT(!ksyms::lookup(0x1000, symbol));
}

SELFTEST(timer, ticks_advance_while_halted)
{
    EXPECT(cpu::interrupts_enabled());
    u64 start = clock::ticks();
    // Bounded: 1000 halts without 3 ticks means the timer is dead.
    for (u32 i = 0; i < 1000 && clock::ticks() < start + 3; ++i)
        cpu::hlt();
    EXPECT(clock::ticks() >= start + 3);
}

SELFTEST(libk, format_in_the_kernel)
{
    // The freestanding build formats 64-bit values without the C library.
    char text[64];
    int length = libk::snprintf(text, sizeof(text), "%llu %lld %x %5s|%-3d|", 18446744073709551615ull,
        -9223372036854775807ll - 1, 0xC0FFEEu, "ab", 7);
    EXPECT(libk::strcmp(text, "18446744073709551615 -9223372036854775808 c0ffee    ab|7  |") == 0);
    EXPECT_EQ(length, static_cast<int>(libk::strlen(text)));
}

// The kernel log appears on the VGA screen as well as the serial line.
SELFTEST(console, log_reaches_the_vga_screen)
{
    kprintf("vga-check: 7c3a\n");
    // The line just printed is the last non-empty row (the cursor sits on
    // the row below it).
    bool found = false;
    for (u32 row = 0; row < vga::ROWS && !found; ++row) {
        char text[16];
        for (u32 column = 0; column < 15; ++column)
            text[column] = vga::char_at(row, column);
        text[15] = '\0';
        found = libk::strcmp(text, "vga-check: 7c3a") == 0;
    }
    EXPECT(found);
}

// The screen understands the VT100 sequences a line editor sends: a
// backspace moves the cursor without erasing, ESC [ n D moves it left,
// ESC [ K erases to the end of the line, ESC [ ... m is accepted silently.
SELFTEST(console, vga_follows_vt100_sequences)
{
    const char text[] = "\nvt-check abcdef\b\033[2D\033[K!\033[1mX\033[0m\b\bY\n";
    vga::write(text, sizeof(text) - 1);
    const char want[] = "vt-check abcY";
    bool found = false;
    for (u32 row = 0; row < vga::ROWS && !found; ++row) {
        char line[sizeof(want) + 1];
        for (u32 column = 0; column < sizeof(want); ++column)
            line[column] = vga::char_at(row, column);
        line[sizeof(want)] = '\0';
        // The cell after "vt-check abcY" holds the X that \b\b went back over.
        found = libk::strncmp(line, want, sizeof(want) - 1) == 0 && line[sizeof(want) - 1] == 'X';
    }
    EXPECT(found);
}
