// CPU exceptions that are not the kernel's own bugs: page faults on user
// memory (demand paging, copy-on-write, or a bad access), and faults in
// user mode, which end the task with the signal Linux would send.
#include <arch/i386/cpu.h>
#include <arch/i386/trap.h>
#include <kernel/console/console.h>
#include <kernel/debug/panic.h>
#include <kernel/lib/fault_injection.h>
#include <kernel/mm/fault.h>
#include <kernel/mm/mm.h>
#include <kernel/mm/user_copy.h>
#include <kernel/signal/sighand.h>
#include <kernel/signal/signal.h>
#include <kernel/task/process.h>

namespace {

constexpr i32 SIGILL = 4, SIGTRAP = 5, SIGBUS = 7, SIGFPE = 8, SIGKILL = 9, SIGSEGV = 11;

i32 signal_for(u32 vector)
{
    switch (vector) {
    case 0: case 16: case 19: return SIGFPE;
    case 1: case 3: return SIGTRAP;
    case 6: return SIGILL;
    case 11: case 12: case 17: return SIGBUS;
    default: return SIGSEGV;
    }
}

i32 code_for(u32 vector, u32)
{
    switch (vector) {
    case 0: return abi::FPE_INTDIV;
    case 6: return abi::ILL_ILLOPN;
    case 17: return abi::BUS_ADRALN;
    default: return abi::SI_KERNEL;
    }
}

// A fault in user mode the kernel cannot resolve: the thread gets the
// signal Linux sends. Like Linux's forced signals, it cannot be blocked or
// ignored away: that would only fault again forever.
void kill_for_fault(TrapFrame& frame, i32 s, uptr address, i32 code)
{
    Task* task = current();
    {
        SpinLockGuard guard(task->sighand->lock);
        auto& action = task->sighand->actions[s - 1];
        if (action.handler == abi::SIG_IGN || (task->blocked & signal::bit(s)))
            action.handler = abi::SIG_DFL;
    }
    task->blocked &= ~signal::bit(s);
    u32 addr = address ? static_cast<u32>(address) : frame.eip;
    signal::force_on_thread(*task, s, PendingInfo { code, 0, 0, addr });
}

void on_page_fault(TrapFrame& frame)
{
    uptr address = cpu::read_cr2();
    bool write = frame.error_code & 2;
    Mm* mm = current_mm();
    if (address < Mm::USER_END && mm) {
        fault_injection::Suppress not_on_page_faults;
        auto resolved = mm->handle_fault(address, write);
        if (!resolved.is_error() && resolved.value())
            return;
        // SEGV_ACCERR when a region is there but forbids the access;
        // SIGBUS past the end of the file a region maps.
        const Vma* vma = mm->find(address);
        i32 code = vma ? abi::SEGV_ACCERR : abi::SEGV_MAPERR;
        if (frame.from_user() && !resolved.is_error() && vma && vma->is_past_end_of_object(address))
            return kill_for_fault(frame, SIGBUS, address, abi::BUS_ADRERR);
        if (frame.from_user())
            return kill_for_fault(frame, resolved.is_error() ? SIGKILL : SIGSEGV, address, code);
    } else if (frame.from_user()) {
        return kill_for_fault(frame, SIGSEGV, address, abi::SEGV_MAPERR); // user mode touching the kernel half
    }
    // In the kernel: only the user copy routine may fault, on a bad user pointer.
    if (fixup_user_copy_fault(frame))
        return;
    panic_on_trap(frame);
}

void on_other_exception(TrapFrame& frame)
{
    if (!frame.from_user())
        panic_on_trap(frame);
    kill_for_fault(frame, signal_for(frame.vector), 0, code_for(frame.vector, frame.error_code));
}

} // namespace

void fault_init()
{
    for (u8 vector = 0; vector < 32; ++vector) {
        if (vector != 2 && vector != 8 && vector != 18) // NMI, double fault, machine check: always fatal
            trap::set_exception_handler(vector, on_other_exception);
    }
    trap::set_exception_handler(trap::PAGE_FAULT, on_page_fault);
}
