// Where interrupts go once interrupts.asm has saved the registers:
// handlers registered per CPU exception and per hardware IRQ. An exception
// with no handler is a kernel panic that shows the trap frame. The system
// call gate has its own way in (syscall_entry, kernel/syscall/table.cpp).
#pragma once

#include <arch/i386/trap_frame.h>

namespace trap {

using Handler = void (*)(TrapFrame&);

void set_exception_handler(u8 vector, Handler);
void set_irq_handler(u8 irq, Handler);

// "Page fault", "General protection fault", ... for vectors 0-31.
const char* exception_name(u32 vector);

constexpr u8 PAGE_FAULT = 14;

} // namespace trap

// From interrupts.asm: every trap but the system call gate goes here, and
// the handler is picked by vector; int $0x80 (only ever from user mode)
// goes straight to syscall_entry (kernel/syscall/syscall.h).
// Both take the frame's address in eax (regparm(1)): one push and one pop
// fewer per trap.
extern "C" [[gnu::regparm(1)]] void trap_dispatch(TrapFrame* frame);
