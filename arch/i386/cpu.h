// The handful of x86 instructions the kernel needs, as inline functions:
// port I/O, control registers, interrupt flag, halting.
#pragma once

#include <libk/types.h>

namespace cpu {

inline void outb(u16 port, u8 value) { asm volatile("outb %0, %1" : : "a"(value), "Nd"(port)); }
inline void outw(u16 port, u16 value) { asm volatile("outw %0, %1" : : "a"(value), "Nd"(port)); }
inline void outl(u16 port, u32 value) { asm volatile("outl %0, %1" : : "a"(value), "Nd"(port)); }

inline u8 inb(u16 port)
{
    u8 value;
    asm volatile("inb %1, %0" : "=a"(value) : "Nd"(port));
    return value;
}

// A write to an unused port takes about a microsecond: old devices (the
// PIC) need that pause between commands.
inline void io_wait() { outb(0x80, 0); }

inline void cli() { asm volatile("cli" ::: "memory"); }
inline void sti() { asm volatile("sti" ::: "memory"); }
inline void hlt() { asm volatile("hlt" ::: "memory"); }
// Enable interrupts and halt as one step: an interrupt that arrives between
// the two still wakes the hlt (sti takes effect after the next instruction).
inline void sti_hlt() { asm volatile("sti; hlt" ::: "memory"); }

inline u32 read_eflags()
{
    u32 flags;
    asm volatile("pushfl; popl %0" : "=r"(flags));
    return flags;
}

constexpr u32 EFLAGS_IF = 1u << 9;
inline bool interrupts_enabled() { return read_eflags() & EFLAGS_IF; }

#define CLEAVE_CR_ACCESSORS(n)                                                  \
    inline u32 read_cr##n()                                                     \
    {                                                                           \
        u32 value;                                                              \
        asm volatile("mov %%cr" #n ", %0" : "=r"(value));                      \
        return value;                                                           \
    }                                                                           \
    inline void write_cr##n(u32 value) { asm volatile("mov %0, %%cr" #n : : "r"(value) : "memory"); }
CLEAVE_CR_ACCESSORS(0)
CLEAVE_CR_ACCESSORS(2)
CLEAVE_CR_ACCESSORS(3)
CLEAVE_CR_ACCESSORS(4)
#undef CLEAVE_CR_ACCESSORS

constexpr u32 CR0_WP = 1u << 16;
constexpr u32 CR4_PSE = 1u << 4;
constexpr u32 CR4_PGE = 1u << 7;

inline void invlpg(uptr address) { asm volatile("invlpg (%0)" : : "r"(address) : "memory"); }

inline u32 read_ebp()
{
    u32 value;
    asm volatile("mov %%ebp, %0" : "=r"(value));
    return value;
}

[[noreturn]] inline void halt_forever()
{
    for (;;) {
        cli();
        hlt();
    }
}

} // namespace cpu
