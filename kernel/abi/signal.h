// Linux i386's signal ABI: numbers, sigaction flags, and the structures
// the kernel writes on a user stack when it runs a handler (asm/signal.h,
// asm/sigcontext.h, asm-generic/siginfo.h).
#pragma once

#include <libk/types.h>

namespace abi {

constexpr int SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGILL = 4, SIGTRAP = 5, SIGABRT = 6, SIGBUS = 7, SIGFPE = 8;
constexpr int SIGKILL = 9, SIGUSR1 = 10, SIGSEGV = 11, SIGUSR2 = 12, SIGPIPE = 13, SIGALRM = 14, SIGTERM = 15;
constexpr int SIGSTKFLT = 16, SIGCHLD = 17, SIGCONT = 18, SIGSTOP = 19, SIGTSTP = 20, SIGTTIN = 21, SIGTTOU = 22;
constexpr int SIGURG = 23, SIGXCPU = 24, SIGXFSZ = 25, SIGVTALRM = 26, SIGPROF = 27, SIGWINCH = 28, SIGIO = 29;
constexpr int SIGPWR = 30, SIGSYS = 31, SIGRTMIN = 32, NSIG = 64;

constexpr u32 SA_NOCLDSTOP = 0x00000001, SA_NOCLDWAIT = 0x00000002, SA_SIGINFO = 0x00000004;
constexpr u32 SA_RESTORER = 0x04000000, SA_ONSTACK = 0x08000000, SA_RESTART = 0x10000000;
constexpr u32 SA_NODEFER = 0x40000000, SA_RESETHAND = 0x80000000;

constexpr uptr SIG_DFL = 0, SIG_IGN = 1;

constexpr int SIG_BLOCK = 0, SIG_UNBLOCK = 1, SIG_SETMASK = 2;

// si_code values.
constexpr i32 SI_USER = 0, SI_KERNEL = 0x80, SI_TKILL = -6, SI_TIMER = -2;
constexpr i32 SEGV_MAPERR = 1, SEGV_ACCERR = 2, FPE_INTDIV = 1, ILL_ILLOPN = 2, BUS_ADRALN = 1, BUS_ADRERR = 2;
constexpr i32 CLD_EXITED = 1, CLD_KILLED = 2, CLD_DUMPED = 3, CLD_TRAPPED = 4, CLD_STOPPED = 5, CLD_CONTINUED = 6;

constexpr u32 SS_ONSTACK = 1, SS_DISABLE = 2, MINSIGSTKSZ = 2048;

// The kernel's struct sigaction on i386 (rt_sigaction): handler, flags,
// restorer, then the mask (8 bytes).
struct KernelSigaction {
    u32 handler;
    u32 flags;
    u32 restorer;
    u64 mask;
};
static_assert(sizeof(KernelSigaction) == 20);

// The old sigaction(67): handler, a 32-bit mask, flags, restorer.
struct OldSigaction {
    u32 handler;
    u32 mask;
    u32 flags;
    u32 restorer;
};

struct SigInfo {
    i32 signo;
    i32 errno_;
    i32 code;
    union {
        u32 words[29];
        struct {
            i32 pid;
            u32 uid;
            i32 status; // SIGCHLD: exit code or signal
            i32 utime, stime;
        } child;
        struct {
            i32 pid;
            u32 uid;
            u32 value;
        } rt; // kill, sigqueue
        struct {
            u32 addr;
        } fault;
        struct {
            i32 timer_id, overrun;
            u32 value;
        } timer;
    };
};
static_assert(sizeof(SigInfo) == 128);

struct StackT {
    u32 sp;
    i32 flags;
    u32 size;
};

struct SigContext {
    u32 gs, fs, es, ds;
    u32 edi, esi, ebp, esp, ebx, edx, ecx, eax;
    u32 trapno, err, eip, cs, eflags, esp_at_signal, ss;
    u32 fpstate; // user pointer to the FPU state
    u32 oldmask;
    u32 cr2;
};
static_assert(sizeof(SigContext) == 88);

struct UContext {
    u32 flags;
    u32 link;
    StackT stack;
    SigContext mcontext;
    u64 sigmask;
};
static_assert(sizeof(UContext) == 116);

// struct _fpstate_32: 112 bytes of the legacy x87 format, then (with FXSR)
// the FXSAVE image at offset 112 and padding up to 624 bytes.
constexpr u32 FPSTATE_SIZE = 624;
constexpr u32 FPSTATE_FXSAVE_OFFSET = 112;
constexpr u32 FPSTATE_MAGIC_OFFSET = 110; // u16 magic: 0 = FXSR data follows

} // namespace abi
