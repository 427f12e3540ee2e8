// Where interrupts go once interrupts.asm has saved the registers:
// handlers registered per CPU exception, per hardware IRQ, and one for the
// system call vector. An exception with no handler is a kernel panic that
// shows the trap frame.
#pragma once

#include <arch/i386/trap_frame.h>

namespace trap {

using Handler = void (*)(TrapFrame&);

void set_exception_handler(u8 vector, Handler);
void set_irq_handler(u8 irq, Handler);
void set_syscall_handler(Handler);

// "Page fault", "General protection fault", ... for vectors 0-31.
const char* exception_name(u32 vector);

constexpr u8 PAGE_FAULT = 14;

} // namespace trap

extern "C" void trap_dispatch(TrapFrame* frame);
