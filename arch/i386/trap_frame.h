// What the interrupt entry code (interrupts.asm) saves on the kernel stack,
// lowest address first. Every trap, IRQ and system call handler gets a
// pointer to one; changing a field changes what the interrupted code sees
// when it resumes.
#pragma once

#include <libk/types.h>

struct TrapFrame {
    // pushed by "pusha"
    u32 edi, esi, ebp, esp_before_pusha, ebx, edx, ecx, eax;
    // pushed by the common entry code
    u32 gs, fs, es, ds;
    // pushed by the per-vector stub
    u32 vector;
    u32 error_code; // the CPU's, or 0 for vectors that have none
    // pushed by the CPU
    u32 eip, cs, eflags;
    // pushed by the CPU only when the trap came from ring 3
    u32 user_esp, user_ss;

    bool from_user() const { return (cs & 3) == 3; }
};

static_assert(sizeof(TrapFrame) == 19 * 4);
