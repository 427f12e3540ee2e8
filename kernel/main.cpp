// kernel_main: boot.asm calls this once paging is on, with the Multiboot
// magic and the physical address of the Multiboot information. It brings
// the machine up in order, each step needing the ones before it.
#include <arch/i386/cpu.h>
#include <arch/i386/fpu.h>
#include <arch/i386/gdt.h>
#include <arch/i386/idt.h>
#include <arch/i386/keyboard.h>
#include <arch/i386/paging.h>
#include <arch/i386/pic.h>
#include <arch/i386/pit.h>
#include <arch/i386/qemu.h>
#include <arch/i386/serial.h>
#include <kernel/boot/boot_info.h>
#include <kernel/console/console.h>
#include <kernel/debug/ksyms.h>
#include <kernel/debug/panic.h>
#include <kernel/fs/initrd.h>
#include <kernel/lib/random.h>
#include <kernel/mm/fault.h>
#include <kernel/mm/frames.h>
#include <kernel/mm/heap.h>
#include <kernel/selftest/crash.h>
#include <kernel/selftest/selftest.h>
#include <kernel/task/process.h>
#include <kernel/task/scheduler.h>
#include <kernel/time/clock.h>
#include <kernel/tty/tty.h>
#include <kernel/version.h>
#include <libk/string.h>

extern "C" void (*const __init_array_start[])();
extern "C" void (*const __init_array_end[])();

namespace {

void run_static_constructors()
{
    for (auto* constructor = __init_array_start; constructor < __init_array_end; ++constructor)
        (*constructor)();
}

const char* region_type_name(u32 type)
{
    switch (type) {
    case 1: return "usable";
    case 2: return "reserved";
    case 3: return "ACPI reclaimable";
    case 4: return "ACPI NVS";
    case 5: return "bad RAM";
    default: return "unknown";
    }
}

void print_memory_map(const BootInfo& boot)
{
    kprintf("memory map (from the boot loader):\n");
    for (u32 i = 0; i < boot.region_count; ++i) {
        const MemoryRegion& region = boot.regions[i];
        kprintf("  0x%09llx-0x%09llx %-16s %8llu KiB\n", region.base, region.base + region.length - 1,
            region_type_name(region.type), region.length / 1024);
    }
    for (u32 i = 0; i < boot.module_count; ++i)
        kprintf("  module %-10s 0x%08x-0x%08x\n", boot.modules[i].name, boot.modules[i].start, boot.modules[i].end);
}

void print_memory_summary()
{
    auto stats = frames::stats();
    // The symbol table's size, not its count: counting parses all of it,
    // which would cost the boot a million instructions.
    kprintf("memory: %u MiB managed, %u frames free; kernel image 0x%08x-0x%08x (%u KiB), symbol table %u KiB\n",
        stats.total / 256, stats.free, virt_to_phys(_kernel_start), virt_to_phys(_kernel_end),
        (virt_to_phys(_kernel_end) - virt_to_phys(_kernel_start)) / 1024, static_cast<u32>(ksyms::table_size() / 1024));
}

// Without an init program the terminal still echoes what is typed, so
// both consoles can be seen to work.
[[noreturn]] void echo_console()
{
    kprintf("Keys typed on the serial line or the keyboard are echoed here.\n");
    scheduler::idle_loop();
}

const char* init_path()
{
    static char path[128] = "/sbin/init";
    BootOption option;
    if (boot_option("init", &option) && option.length > 0 && option.length < sizeof(path)) {
        libk::memcpy(path, option.value, option.length);
        path[option.length] = '\0';
    }
    return path;
}

} // namespace

extern "C" void kernel_main(u32 multiboot_magic, u32 multiboot_info)
{
    console::init();
    run_static_constructors();
    gdt::init();
    idt::init();
    paging::init();
    parse_multiboot(multiboot_magic, multiboot_info);

    const BootInfo& boot = boot_info();
    // The first line of the kernel log names the release, as Linux's does.
    kprintf("%s %s (i386, release %s): a teaching kernel\n", CLEAVE_NAME, CLEAVE_VERSION, CLEAVE_RELEASE);
    kprintf("command line: %s\n", boot.command_line);
    print_memory_map(boot);
    frames::init(boot);
    print_memory_summary();

    fpu::init();
    random::init();
    clock::init();
    scheduler::init();
    fault_init();
    pic::init();
    pit::init(clock::HZ);
    keyboard::init();
    serial::enable_input();
    cpu::sti();

    BootOption option;
    if (boot_option("crash", &option))
        crash_on_purpose(option.value, option.length);
    if (boot_option("selftest", &option)) {
        u32 failures = run_selftests(option.value, option.length);
        kprintf("cleave: selftest finished (%u failed)\n", failures);
        qemu::exit(qemu::ExitCode::Done);
    }

    if (auto mounted = mount_root(boot); mounted.is_error())
        panic("cannot make the root file system (error %d)", mounted.error().code());
    // init first, so that it is pid 1 as every program expects; the
    // terminal's kernel thread comes next (it runs before init does).
    const char* init = init_path();
    auto init_started = start_init(init);
    if (auto started = tty::init(); started.is_error())
        panic("cannot start the terminal (error %d)", started.error().code());
    if (init_started.is_error()) {
        kprintf("cleave: cannot run %s (error %d); no user space.\n", init, init_started.error().code());
        echo_console();
    }
    kprintf("cleave: started %s as pid 1\n", init);
    scheduler::idle_loop();
}
