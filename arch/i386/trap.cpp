#include <arch/i386/cpu.h>
#include <arch/i386/idt.h>
#include <arch/i386/pic.h>
#include <arch/i386/trap.h>
#include <kernel/debug/panic.h>
#include <kernel/task/return_to_user.h>

namespace {

trap::Handler exception_handlers[32];
trap::Handler irq_handlers[16];

const char* const exception_names[32] = {
    "Divide error",
    "Debug",
    "Non-maskable interrupt",
    "Breakpoint",
    "Overflow",
    "Bound range exceeded",
    "Invalid opcode",
    "Device not available",
    "Double fault",
    "Coprocessor segment overrun",
    "Invalid TSS",
    "Segment not present",
    "Stack-segment fault",
    "General protection fault",
    "Page fault",
    "Reserved (15)",
    "x87 floating-point error",
    "Alignment check",
    "Machine check",
    "SIMD floating-point error",
    "Virtualization exception",
    "Control protection exception",
    "Reserved (22)",
    "Reserved (23)",
    "Reserved (24)",
    "Reserved (25)",
    "Reserved (26)",
    "Reserved (27)",
    "Hypervisor injection exception",
    "VMM communication exception",
    "Security exception",
    "Reserved (31)",
};

void dispatch_irq(TrapFrame& frame)
{
    u8 irq = static_cast<u8>(frame.vector - idt::IRQ_BASE);
    // The PIC raises IRQ 7 or 15 for an interrupt that went away before
    // it was acknowledged; those must not be acknowledged again.
    if (pic::is_spurious(irq))
        return;
    // Acknowledge first: a handler may switch to another task and not come
    // back here for a long time, and the timer must keep ticking meanwhile.
    pic::end_of_interrupt(irq);
    if (irq_handlers[irq])
        irq_handlers[irq](frame);
}

} // namespace

namespace trap {

void set_exception_handler(u8 vector, Handler handler) { exception_handlers[vector] = handler; }
void set_irq_handler(u8 irq, Handler handler)
{
    irq_handlers[irq] = handler;
    pic::unmask(irq);
}

const char* exception_name(u32 vector) { return vector < 32 ? exception_names[vector] : "Unknown"; }

} // namespace trap

extern "C" [[gnu::regparm(1)]] void trap_dispatch(TrapFrame* frame)
{
    u32 vector = frame->vector;
    if (frame->from_user())
        current()->syscall_number = -1; // not a system call: nothing to restart
    if (vector < 32) {
        if (exception_handlers[vector])
            exception_handlers[vector](*frame);
        else
            panic_on_trap(*frame);
    } else if (vector < idt::IRQ_BASE + 16) {
        dispatch_irq(*frame);
    } else {
        panic_on_trap(*frame);
    }
    if (frame->from_user())
        return_to_user(*frame);
}
