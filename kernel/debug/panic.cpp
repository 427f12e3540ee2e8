#include <arch/i386/cpu.h>
#include <arch/i386/qemu.h>
#include <arch/i386/trap.h>
#include <kernel/console/console.h>
#include <kernel/debug/ksyms.h>
#include <kernel/debug/panic.h>
#include <kernel/mm/layout.h>
#include <libk/assert.h>
#include <libk/format.h>

namespace {

bool panicking;

constexpr u32 MAX_FRAMES = 32;

// Stops interrupts and makes sure a second panic (say, a fault while
// printing the first) cannot loop forever.
void begin_panic()
{
    cpu::cli();
    if (panicking) {
        kprintf("\n*** panic while panicking: halted ***\n");
        qemu::exit(qemu::ExitCode::Panic);
    }
    panicking = true;
    console::enter_panic_mode();
}

[[noreturn]] void end_panic()
{
    kprintf("*** Cleave halted. ***\n");
    qemu::exit(qemu::ExitCode::Panic);
}

void print_code_address(u32 index, uptr address)
{
    ksyms::Symbol symbol;
    if (ksyms::lookup(address, symbol))
        kprintf("  #%u 0x%08x %.*s+0x%x\n", index, address, static_cast<int>(symbol.name_length), symbol.name,
            address - symbol.address);
    else
        kprintf("  #%u 0x%08x ?\n", index, address);
}

void print_page_fault_cause(u32 error)
{
    kprintf("  cause: %s %s in %s mode%s\n",
        error & 1 ? "protection violation on" : "no page at",
        error & 2 ? "write" : "read",
        error & 4 ? "user" : "kernel",
        error & 16 ? " (instruction fetch)" : "");
}

} // namespace

void print_backtrace(uptr eip, uptr ebp)
{
    kprintf("backtrace:\n");
    print_code_address(0, eip);
    // Each frame starts with the caller's frame pointer, then the return
    // address. boot.asm starts the chain with ebp = 0.
    for (u32 index = 1; index < MAX_FRAMES && ebp; ++index) {
        if (ebp < KERNEL_BASE || ebp % 4 != 0) {
            kprintf("  (frame pointer 0x%08x is not in the kernel: stopping)\n", ebp);
            return;
        }
        const uptr* frame = reinterpret_cast<const uptr*>(ebp);
        uptr return_address = frame[1];
        if (!return_address)
            return;
        // The call instruction is just before the return address.
        print_code_address(index, return_address - 1);
        if (frame[0] <= ebp && frame[0] != 0) {
            kprintf("  (frame pointer goes backwards: stopping)\n");
            return;
        }
        ebp = frame[0];
    }
}

void panic(const char* format, ...)
{
    begin_panic();
    kprintf("\nKERNEL PANIC: ");
    va_list arguments;
    va_start(arguments, format);
    libk::vformat([](void*, const char* text, usize length) { console::write(text, length); }, nullptr, format,
        arguments);
    va_end(arguments);
    kprintf("\n");
    // Our own frame is not interesting: start at our caller.
    const uptr* frame = reinterpret_cast<const uptr*>(cpu::read_ebp());
    print_backtrace(frame[1] - 1, frame[0]);
    end_panic();
}

void panic_on_trap(const TrapFrame& f)
{
    begin_panic();
    kprintf("\nKERNEL PANIC: %s (exception %u, error code 0x%x) in %s mode\n", trap::exception_name(f.vector),
        f.vector, f.error_code, f.from_user() ? "user" : "kernel");
    if (f.vector == trap::PAGE_FAULT) {
        kprintf("  cr2=0x%08x (the address that faulted)\n", cpu::read_cr2());
        print_page_fault_cause(f.error_code);
    }
    kprintf("registers:\n");
    kprintf("  eax=0x%08x ebx=0x%08x ecx=0x%08x edx=0x%08x\n", f.eax, f.ebx, f.ecx, f.edx);
    // In kernel mode the CPU pushed no esp: the interrupted stack pointer is
    // just above the nine words the entry path pushed after pusha's.
    kprintf("  esi=0x%08x edi=0x%08x ebp=0x%08x esp=0x%08x\n", f.esi, f.edi, f.ebp,
        f.from_user() ? f.user_esp : f.esp_before_pusha + 9 * 4);
    kprintf("  eip=0x%08x eflags=0x%08x cs=0x%04x ds=0x%04x es=0x%04x fs=0x%04x gs=0x%04x\n", f.eip, f.eflags,
        f.cs & 0xFFFF, f.ds & 0xFFFF, f.es & 0xFFFF, f.fs & 0xFFFF, f.gs & 0xFFFF);
    kprintf("  cr0=0x%08x cr2=0x%08x cr3=0x%08x cr4=0x%08x\n", cpu::read_cr0(), cpu::read_cr2(), cpu::read_cr3(),
        cpu::read_cr4());
    print_backtrace(f.eip, f.ebp);
    end_panic();
}

void libk::assertion_failed(const char* expression, const char* file, int line, const char* function)
{
    // panic() would report this function as the caller: say where instead.
    begin_panic();
    kprintf("\nKERNEL PANIC: assertion failed: %s\n  at %s:%d in %s\n", expression, file, line, function);
    const uptr* frame = reinterpret_cast<const uptr*>(cpu::read_ebp());
    print_backtrace(frame[1] - 1, frame[0]);
    end_panic();
}
