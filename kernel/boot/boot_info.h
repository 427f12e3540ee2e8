// What the kernel learned from the boot loader, copied out of the Multiboot
// structures into memory the kernel owns: the memory map, the command line,
// the modules, and the physical ranges the boot loader's own data occupies
// (which the frame allocator must never hand out).
#pragma once

#include <kernel/mm/layout.h>
#include <libk/types.h>

struct MemoryRegion {
    u64 base;
    u64 length;
    u32 type; // 1 = usable RAM; anything else is reserved
};

struct PhysRange {
    PhysAddr start;
    PhysAddr end; // exclusive
    const char* what;
};

struct BootModule {
    PhysAddr start, end;
    char name[64];
};

struct BootInfo {
    static constexpr u32 MAX_REGIONS = 64;
    static constexpr u32 MAX_MODULES = 16;
    static constexpr u32 MAX_RESERVED = 8 + 2 * MAX_MODULES;

    char command_line[1024];
    MemoryRegion regions[MAX_REGIONS];
    u32 region_count;
    BootModule modules[MAX_MODULES];
    u32 module_count;
    PhysRange reserved[MAX_RESERVED];
    u32 reserved_count;
};

// Reads the Multiboot information at physical address `info` into the
// kernel's BootInfo. Panics with a clear message if the kernel was not
// started by a Multiboot loader.
void parse_multiboot(u32 magic, PhysAddr info);

const BootInfo& boot_info();

// Kernel command line options are words, "name" or "name=value".
// Finds `name`; `value` is empty for a bare word.
struct BootOption {
    const char* value;
    usize length;
};
bool boot_option(const char* name, BootOption* option = nullptr);
// True if the option's value, a comma-separated list, contains `item`
// (a bare option contains everything).
bool boot_option_lists(const BootOption& option, const char* item);
