#include <kernel/boot/boot_info.h>
#include <kernel/boot/multiboot.h>
#include <kernel/debug/panic.h>
#include <libk/string.h>

namespace {

BootInfo info;

void reserve(PhysAddr start, PhysAddr end, const char* what)
{
    if (info.reserved_count < BootInfo::MAX_RESERVED)
        info.reserved[info.reserved_count++] = PhysRange { start, end, what };
}

void copy_string(char* to, usize size, PhysAddr from)
{
    libk::strlcpy(to, static_cast<const char*>(phys_to_virt(from)), size);
}

bool is_separator(char c) { return c == ' ' || c == '\t' || c == '\0'; }

} // namespace

void parse_multiboot(u32 magic, PhysAddr info_address)
{
    if (magic != multiboot::BOOTLOADER_MAGIC)
        panic("not started by a Multiboot boot loader (magic 0x%08x): boot the ISO with GRUB", magic);

    const auto& mb = *static_cast<const multiboot::Info*>(phys_to_virt(info_address));
    reserve(info_address, info_address + sizeof(multiboot::Info), "multiboot info");

    if (mb.flags & multiboot::INFO_CMDLINE) {
        copy_string(info.command_line, sizeof(info.command_line), mb.cmdline);
        reserve(mb.cmdline, mb.cmdline + libk::strlen(info.command_line) + 1, "command line");
    }

    if (!(mb.flags & multiboot::INFO_MEMORY_MAP))
        panic("the boot loader gave no memory map");
    reserve(mb.mmap_addr, mb.mmap_addr + mb.mmap_length, "memory map");
    for (u32 offset = 0; offset < mb.mmap_length && info.region_count < BootInfo::MAX_REGIONS;) {
        const auto& entry = *static_cast<const multiboot::MemoryMapEntry*>(phys_to_virt(mb.mmap_addr + offset));
        info.regions[info.region_count++] = MemoryRegion { entry.base, entry.length, entry.type };
        offset += entry.size + sizeof(entry.size);
    }

    if (mb.flags & multiboot::INFO_MODULES) {
        reserve(mb.mods_addr, mb.mods_addr + mb.mods_count * sizeof(multiboot::Module), "module list");
        const auto* modules = static_cast<const multiboot::Module*>(phys_to_virt(mb.mods_addr));
        for (u32 i = 0; i < mb.mods_count && i < BootInfo::MAX_MODULES; ++i) {
            BootModule& module = info.modules[info.module_count++];
            module.start = modules[i].start;
            module.end = modules[i].end;
            module.name[0] = '\0';
            if (modules[i].string) {
                copy_string(module.name, sizeof(module.name), modules[i].string);
                reserve(modules[i].string, modules[i].string + libk::strlen(module.name) + 1, "module name");
            }
            reserve(module.start, module.end, "module");
        }
    }
}

const BootInfo& boot_info() { return info; }

bool boot_option(const char* name, BootOption* option)
{
    usize name_length = libk::strlen(name);
    // GRUB passes the words after the kernel's path in its "multiboot" line.
    const char* p = info.command_line;
    while (*p) {
        while (*p == ' ' || *p == '\t')
            ++p;
        const char* word = p;
        while (!is_separator(*p))
            ++p;
        usize word_length = static_cast<usize>(p - word);
        if (word_length < name_length || libk::strncmp(word, name, name_length) != 0)
            continue;
        if (word_length == name_length) {
            if (option)
                *option = BootOption { p, 0 };
            return true;
        }
        if (word[name_length] == '=') {
            if (option)
                *option = BootOption { word + name_length + 1, word_length - name_length - 1 };
            return true;
        }
    }
    return false;
}

bool boot_option_lists(const BootOption& option, const char* item)
{
    if (option.length == 0)
        return true;
    usize item_length = libk::strlen(item);
    const char* p = option.value;
    const char* end = option.value + option.length;
    while (p < end) {
        const char* comma = p;
        while (comma < end && *comma != ',')
            ++comma;
        if (static_cast<usize>(comma - p) == item_length && libk::strncmp(p, item, item_length) == 0)
            return true;
        p = comma + 1;
    }
    return false;
}
