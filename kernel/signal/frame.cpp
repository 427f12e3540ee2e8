// Signal frames: what the kernel writes on the user stack to run a handler,
// and reads back when the handler returns (sigreturn, rt_sigreturn). The
// layouts are Linux i386's (sigframe_ia32 and rt_sigframe_ia32), so
// handlers installed by any libc work unchanged; the FPU state follows the
// frame, with the FXSAVE image at offset 112 of struct _fpstate_32.
#include <arch/i386/fpu.h>
#include <arch/i386/gdt.h>
#include <kernel/abi/errno.h>
#include <kernel/mm/user_copy.h>
#include <kernel/signal/sighand.h>
#include <kernel/signal/signal.h>
#include <libk/string.h>

namespace signal {

namespace {

using namespace abi;

struct [[gnu::packed]] LegacyFrame {
    u32 return_address; // the restorer, or retcode below
    i32 signal;
    SigContext context;
    u8 unused_fpstate[FPSTATE_SIZE];
    u32 extra_mask; // the high 32 bits of the old mask
    u8 retcode[8];  // popl %eax; movl $119, %eax; int $0x80
};

struct [[gnu::packed]] RealtimeFrame {
    u32 return_address;
    i32 signal;
    u32 info_pointer;
    u32 context_pointer;
    SigInfo info;
    UContext context;
    u8 retcode[8]; // movl $173, %eax; int $0x80
};

constexpr u8 LEGACY_RETCODE[8] = { 0x58, 0xb8, 119, 0, 0, 0, 0xcd, 0x80 };
constexpr u8 REALTIME_RETCODE[8] = { 0xb8, 173, 0, 0, 0, 0xcd, 0x80, 0 };

// The flags a handler (or sigreturn) may change: the arithmetic ones,
// direction, trap, alignment check and resume.
constexpr u32 USER_EFLAGS = 0x40000 | 0x800 | 0x400 | 0x100 | 0x80 | 0x40 | 0x10 | 0x4 | 0x1 | 0x10000;
constexpr u32 EFLAGS_TF = 0x100, EFLAGS_DF = 0x400;

bool on_alternate_stack(const Task& task, uptr sp)
{
    return task.altstack_flags != SS_DISABLE && sp - task.altstack_sp <= task.altstack_size;
}

SigContext save_context(const TrapFrame& f, uptr fpstate, u64 mask)
{
    return SigContext {
        f.gs & 0xFFFF, f.fs & 0xFFFF, f.es & 0xFFFF, f.ds & 0xFFFF,
        f.edi, f.esi, f.ebp, f.user_esp, f.ebx, f.edx, f.ecx, f.eax,
        f.vector, f.error_code, f.eip, f.cs & 0xFFFF, f.eflags, f.user_esp, f.user_ss & 0xFFFF,
        static_cast<u32>(fpstate), static_cast<u32>(mask), 0,
    };
}

// Any data selector user code may hold: null, the user data segment, or a TLS entry.
u32 safe_selector(u32 selector)
{
    selector &= 0xFFFF;
    if (selector == 0 || selector == gdt::USER_DS)
        return selector;
    u32 index = selector >> 3;
    if ((selector & 7) == 3 && index >= gdt::TLS_FIRST_ENTRY && index < gdt::TLS_FIRST_ENTRY + gdt::TLS_ENTRIES)
        return selector;
    return 0;
}

void restore_context(TrapFrame& f, const SigContext& c)
{
    f.gs = safe_selector(c.gs);
    f.fs = safe_selector(c.fs);
    f.es = safe_selector(c.es) ? safe_selector(c.es) : gdt::USER_DS;
    f.ds = safe_selector(c.ds) ? safe_selector(c.ds) : gdt::USER_DS;
    f.edi = c.edi, f.esi = c.esi, f.ebp = c.ebp, f.user_esp = c.esp;
    f.ebx = c.ebx, f.edx = c.edx, f.ecx = c.ecx, f.eax = c.eax;
    f.eip = c.eip;
    f.cs = gdt::USER_CS;
    f.user_ss = gdt::USER_DS;
    f.eflags = (f.eflags & ~USER_EFLAGS) | (c.eflags & USER_EFLAGS);
}

ErrorOr<void> save_fpu(uptr address)
{
    Task* task = current();
    fpu::save(*task->fpu);
    u8 legacy[FPSTATE_FXSAVE_OFFSET] = {};
    libk::memcpy(legacy, task->fpu->bytes, 4); // control and status words
    legacy[FPSTATE_MAGIC_OFFSET] = 0;         // magic 0: FXSAVE data follows
    legacy[FPSTATE_MAGIC_OFFSET + 1] = 0;
    TRY(copy_to_user(address, legacy, sizeof(legacy)));
    TRY(copy_to_user(address + FPSTATE_FXSAVE_OFFSET, task->fpu->bytes, sizeof(FpuState)));
    return {};
}

ErrorOr<void> restore_fpu(uptr address)
{
    if (!address)
        return {};
    Task* task = current();
    FpuState state;
    TRY(copy_from_user(&state, address + FPSTATE_FXSAVE_OFFSET, sizeof(state)));
    fpu::sanitize(state);
    *task->fpu = state;
    fpu::restore(*task->fpu);
    return {};
}

SigInfo make_info(int s, const PendingInfo& pending)
{
    SigInfo info {};
    info.signo = s;
    info.code = pending.code;
    if (s == SIGSEGV || s == SIGBUS || s == SIGFPE || s == SIGILL || s == SIGTRAP) {
        info.fault.addr = pending.value;
    } else if (s == SIGCHLD) {
        info.child.pid = pending.pid;
        info.child.uid = pending.uid;
        info.child.status = static_cast<i32>(pending.value);
    } else {
        info.rt.pid = pending.pid;
        info.rt.uid = pending.uid;
        info.rt.value = pending.value;
    }
    return info;
}

} // namespace

ErrorOr<void> setup_frame(TrapFrame& frame, int s, const PendingInfo& pending, const KernelSigaction& action, u64 old_mask)
{
    Task* task = current();
    bool realtime = action.flags & SA_SIGINFO;
    uptr sp = frame.user_esp;
    bool use_altstack = (action.flags & SA_ONSTACK) && task->altstack_flags != SS_DISABLE && !on_alternate_stack(*task, sp);
    if (use_altstack)
        sp = task->altstack_sp + task->altstack_size;
    uptr fpstate = (sp - FPSTATE_SIZE) & ~static_cast<uptr>(63);
    usize frame_size = realtime ? sizeof(RealtimeFrame) : sizeof(LegacyFrame);
    // As if the handler had been called: (esp + 4) is 16-byte aligned.
    uptr address = ((fpstate - frame_size + 4) & ~static_cast<uptr>(15)) - 4;
    if (address < 0x1000)
        return Error::from_errno(EFAULT);
    TRY(save_fpu(fpstate));
    // The handler starts with a clean FPU, as on Linux; sigreturn brings
    // the interrupted code's state back.
    fpu::reset(*task->fpu);
    fpu::restore(*task->fpu);

    SigContext context = save_context(frame, fpstate, old_mask);
    if (realtime) {
        RealtimeFrame f {};
        f.signal = s;
        f.info_pointer = address + __builtin_offsetof(RealtimeFrame, info);
        f.context_pointer = address + __builtin_offsetof(RealtimeFrame, context);
        f.info = make_info(s, pending);
        f.context.stack = StackT { task->altstack_sp, static_cast<i32>(task->altstack_flags | (on_alternate_stack(*task, frame.user_esp) ? SS_ONSTACK : 0)), task->altstack_size };
        f.context.mcontext = context;
        f.context.sigmask = old_mask;
        libk::memcpy(f.retcode, REALTIME_RETCODE, sizeof(f.retcode));
        f.return_address = (action.flags & SA_RESTORER) ? action.restorer : address + __builtin_offsetof(RealtimeFrame, retcode);
        TRY(copy_to_user(address, &f, sizeof(f)));
        frame.edx = f.info_pointer;
        frame.ecx = f.context_pointer;
    } else {
        LegacyFrame f {};
        f.signal = s;
        f.context = context;
        f.extra_mask = static_cast<u32>(old_mask >> 32);
        libk::memcpy(f.retcode, LEGACY_RETCODE, sizeof(f.retcode));
        f.return_address = (action.flags & SA_RESTORER) ? action.restorer : address + __builtin_offsetof(LegacyFrame, retcode);
        TRY(copy_to_user(address, &f, sizeof(f)));
        frame.edx = frame.ecx = 0;
    }
    frame.eax = static_cast<u32>(s);
    frame.eip = action.handler;
    frame.user_esp = address;
    frame.cs = gdt::USER_CS;
    frame.ds = frame.es = frame.user_ss = gdt::USER_DS;
    frame.eflags &= ~(EFLAGS_TF | EFLAGS_DF);
    return {};
}

ErrorOr<u32> return_from_handler(TrapFrame& frame, bool realtime)
{
    Task* task = current();
    task->syscall_number = -1; // what we return is the interrupted code's eax, not a result
    u64 mask;
    if (realtime) {
        // The restorer ran "movl $173, %eax; int $0x80" after the handler's
        // ret popped the return address.
        uptr address = frame.user_esp - 4;
        RealtimeFrame f = TRY(read_user<RealtimeFrame>(address));
        restore_context(frame, f.context.mcontext);
        TRY(restore_fpu(f.context.mcontext.fpstate));
        mask = f.context.sigmask;
        // The alternate stack as the handler may have changed it.
        if (!(f.context.stack.flags & SS_DISABLE) || task->altstack_flags != SS_DISABLE) {
            if (!on_alternate_stack(*task, frame.user_esp) && f.context.stack.size >= MINSIGSTKSZ) {
                task->altstack_sp = f.context.stack.sp;
                task->altstack_size = f.context.stack.size;
                task->altstack_flags = f.context.stack.flags & SS_DISABLE;
            }
        }
    } else {
        // "popl %eax; movl $119, %eax; int $0x80": the return address and the
        // signal number are gone.
        uptr address = frame.user_esp - 8;
        LegacyFrame f = TRY(read_user<LegacyFrame>(address));
        restore_context(frame, f.context);
        TRY(restore_fpu(f.context.fpstate));
        mask = f.context.oldmask | (static_cast<u64>(f.extra_mask) << 32);
    }
    task->blocked = mask & ~UNBLOCKABLE;
    return frame.eax;
}

} // namespace signal
