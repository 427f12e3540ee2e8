#include <arch/i386/gdt.h>
#include <arch/i386/idt.h>

extern "C" const u32 trap_stub_table[49];

namespace {

struct [[gnu::packed]] Gate {
    u16 offset_low;
    u16 selector;
    u8 zero;
    u8 type_attributes;
    u16 offset_high;
};
static_assert(sizeof(Gate) == 8);

struct [[gnu::packed]] TableRegister {
    u16 limit;
    u32 base;
};

// Present, 32-bit interrupt gate (the CPU clears IF on entry). DPL 3 lets
// ring 3 reach the gate with "int"; DPL 0 makes "int n" from user mode a
// general protection fault instead.
constexpr u8 GATE_INTERRUPT_DPL0 = 0x8E;
constexpr u8 GATE_INTERRUPT_DPL3 = 0xEE;
// A trap gate leaves IF alone. System calls run with interrupts on, so the
// system call gate is one: no "sti" on every call. An interrupt may then
// arrive while the entry code still runs with the user's data segments
// loaded; the entry code only uses the stack until it loads the kernel's,
// and the interrupt saves and restores them like any others.
constexpr u8 GATE_TRAP_DPL3 = 0xEF;

alignas(8) Gate table[256];

void set_gate(u32 vector, u32 handler, u8 attributes)
{
    table[vector] = Gate {
        .offset_low = static_cast<u16>(handler & 0xFFFF),
        .selector = gdt::KERNEL_CS,
        .zero = 0,
        .type_attributes = attributes,
        .offset_high = static_cast<u16>(handler >> 16),
    };
}

} // namespace

namespace idt {

void init()
{
    for (u32 vector = 0; vector < 48; ++vector)
        set_gate(vector, trap_stub_table[vector], GATE_INTERRUPT_DPL0);
    // int3 (breakpoint) and into (overflow) are instructions user code may
    // execute on purpose: they must reach their handlers (SIGTRAP, SIGSEGV),
    // not fault on the gate's privilege.
    set_gate(3, trap_stub_table[3], GATE_INTERRUPT_DPL3);
    set_gate(4, trap_stub_table[4], GATE_INTERRUPT_DPL3);
    set_gate(SYSCALL_VECTOR, trap_stub_table[48], GATE_TRAP_DPL3);
    TableRegister idtr { sizeof(table) - 1, reinterpret_cast<u32>(table) };
    asm volatile("lidt %0" : : "m"(idtr));
}

} // namespace idt
