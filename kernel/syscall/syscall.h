// System calls: int 0x80 with Linux i386's convention. The number is in
// eax, the arguments in ebx, ecx, edx, esi, edi, ebp; the result (or
// -errno) goes back in eax. Every handler has the same shape, takes its
// arguments as raw 32-bit words and returns ErrorOr<u32>: the dispatcher
// turns an Error into -errno.
#pragma once

#include <arch/i386/trap_frame.h>
#include <kernel/abi/errno.h>
#include <kernel/abi/syscalls.h>
#include <libk/error.h>

using SyscallResult = ErrorOr<u32>;

#define CLEAVE_DECLARE_SYSCALL(name, number) SyscallResult sys_##name(u32, u32, u32, u32, u32, u32);
CLEAVE_SYSCALLS(CLEAVE_DECLARE_SYSCALL)
#undef CLEAVE_DECLARE_SYSCALL

// The int 0x80 handler, called by interrupts.asm (see arch/i386/trap.h)
// with the frame's address in eax.
extern "C" [[gnu::regparm(1)]] void syscall_entry(TrapFrame* frame);

inline Error errno_error(int code) { return Error::from_errno(code); }
