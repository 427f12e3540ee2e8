// The Multiboot 1 information structure GRUB leaves in memory for us (the
// fields this kernel reads), as the Multiboot specification lays it out.
#pragma once

#include <libk/types.h>

namespace multiboot {

constexpr u32 BOOTLOADER_MAGIC = 0x2BADB002;

constexpr u32 INFO_MEMORY = 1 << 0;
constexpr u32 INFO_CMDLINE = 1 << 2;
constexpr u32 INFO_MODULES = 1 << 3;
constexpr u32 INFO_MEMORY_MAP = 1 << 6;

struct [[gnu::packed]] Info {
    u32 flags;
    u32 mem_lower, mem_upper; // KiB below 1 MiB and above 1 MiB
    u32 boot_device;
    u32 cmdline;              // physical address of a NUL-terminated string
    u32 mods_count, mods_addr;
    u32 syms[4];
    u32 mmap_length, mmap_addr;
};

struct [[gnu::packed]] MemoryMapEntry {
    u32 size; // of the rest of this entry: the next one is at +size+4
    u64 base;
    u64 length;
    u32 type;
};

constexpr u32 MEMORY_AVAILABLE = 1;

struct [[gnu::packed]] Module {
    u32 start, end; // physical, end exclusive
    u32 string;     // physical address of the module's command line
    u32 reserved;
};

} // namespace multiboot
