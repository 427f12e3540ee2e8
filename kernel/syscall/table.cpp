// The system call table, indexed by Linux i386 numbers (abi/syscalls.h).
#include <arch/i386/cpu.h>
#include <arch/i386/trap.h>
#include <kernel/console/console.h>
#include <kernel/syscall/syscall.h>
#include <kernel/task/return_to_user.h>
#include <kernel/task/task.h>

namespace {

using Handler = SyscallResult (*)(u32, u32, u32, u32, u32, u32);

// Each unimplemented number is logged once, so the kernel log shows what a
// program wanted without flooding.
u32 logged_unknown[(abi::SYSCALL_COUNT + 31) / 32];

// The handler of every number the kernel does not implement, so the entry
// path needs no test for a missing one: ENOSYS.
SyscallResult sys_unknown(u32, u32, u32, u32, u32, u32)
{
    u32 number = static_cast<u32>(current()->syscall_number);
    if (number < abi::SYSCALL_COUNT) {
        u32& word = logged_unknown[number / 32];
        if (word & (1u << (number % 32)))
            return Error::from_errno(abi::ENOSYS);
        word |= 1u << (number % 32);
    }
    kprintf("syscall: %s (pid %d) called unimplemented system call %u: ENOSYS\n", current()->name, current()->tid, number);
    return Error::from_errno(abi::ENOSYS);
}

struct Table {
    Handler handlers[abi::SYSCALL_COUNT] = {};
    constexpr Table()
    {
        for (Handler& handler : handlers)
            handler = sys_unknown;
#define CLEAVE_TABLE_ENTRY(name, number) handlers[number] = sys_##name;
        CLEAVE_SYSCALLS(CLEAVE_TABLE_ENTRY)
#undef CLEAVE_TABLE_ENTRY
    }
};

constexpr Table table;

} // namespace

// int $0x80, from interrupts.asm: the call, then the way back to user mode.
extern "C" [[gnu::regparm(1)]] void syscall_entry(TrapFrame* frame)
{
    // System calls run with interrupts on (the gate leaves them on, see
    // idt.cpp): the kernel is not preemptible, but the timer and the
    // devices keep being served.
    u32 number = frame->eax;
    current()->syscall_number = static_cast<i32>(number);
    Handler handler = number < abi::SYSCALL_COUNT ? table.handlers[number] : sys_unknown;
    SyscallResult result = handler(frame->ebx, frame->ecx, frame->edx, frame->esi, frame->edi, frame->ebp);
    bool interrupted = false;
    if (result.is_error()) {
        frame->eax = static_cast<u32>(-result.error().code());
        interrupted = signal::is_restart_code(frame->eax);
    } else {
        frame->eax = result.value();
    }
    return_to_user(*frame, interrupted);
}
