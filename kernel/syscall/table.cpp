// The system call table, indexed by Linux i386 numbers (abi/syscalls.h).
#include <arch/i386/cpu.h>
#include <arch/i386/trap.h>
#include <kernel/console/console.h>
#include <kernel/syscall/syscall.h>
#include <kernel/task/task.h>

namespace {

using Handler = SyscallResult (*)(u32, u32, u32, u32, u32, u32);

struct Table {
    Handler handlers[abi::SYSCALL_COUNT] = {};
    constexpr Table()
    {
#define CLEAVE_TABLE_ENTRY(name, number) handlers[number] = sys_##name;
        CLEAVE_SYSCALLS(CLEAVE_TABLE_ENTRY)
#undef CLEAVE_TABLE_ENTRY
    }
};

constexpr Table table;

// Each unimplemented number is logged once, so the kernel log shows what a
// program wanted without flooding.
u32 logged_unknown[(abi::SYSCALL_COUNT + 31) / 32];

void report_unknown(u32 number)
{
    if (number < abi::SYSCALL_COUNT) {
        u32& word = logged_unknown[number / 32];
        if (word & (1u << (number % 32)))
            return;
        word |= 1u << (number % 32);
    }
    kprintf("syscall: %s (pid %d) called unimplemented system call %u: ENOSYS\n", current()->name, current()->tid, number);
}

void dispatch(TrapFrame& frame)
{
    u32 number = frame.eax;
    // System calls run with interrupts on: the kernel is not preemptible,
    // but the timer and the devices keep being served.
    cpu::sti();
    Handler handler = number < abi::SYSCALL_COUNT ? table.handlers[number] : nullptr;
    current()->syscall_number = static_cast<i32>(number);
    if (!handler) {
        report_unknown(number);
        frame.eax = static_cast<u32>(-abi::ENOSYS);
        return;
    }
    SyscallResult result = handler(frame.ebx, frame.ecx, frame.edx, frame.esi, frame.edi, frame.ebp);
    frame.eax = result.is_error() ? static_cast<u32>(-result.error().code()) : result.value();
}

} // namespace

void syscall_init() { trap::set_syscall_handler(dispatch); }
