// Process system calls: creation, exec, exit, wait, identity.
#include <arch/i386/qemu.h>
#include <kernel/console/console.h>
#include <kernel/mm/heap.h>
#include <kernel/mm/user_copy.h>
#include <kernel/syscall/rusage.h>
#include <kernel/syscall/syscall.h>
#include <kernel/task/process.h>
#include <kernel/task/scheduler.h>
#include <kernel/task/tasks.h>
#include <kernel/task/tls.h>
#include <kernel/task/unshare.h>
#include <kernel/fs/vfs.h>
#include <kernel/signal/signal.h>

namespace {

constexpr u32 SIGCHLD = 17;
constexpr u32 WAIT4_OPTIONS = wait_options::NO_HANG | wait_options::STOPPED | wait_options::CONTINUED
    | wait_options::NO_THREAD | wait_options::ALL | wait_options::CLONE;

SyscallResult wait_common(i32 pid, uptr status_address, u32 options, uptr rusage = 0)
{
    if (options & ~WAIT4_OPTIONS)
        return errno_error(abi::EINVAL);
    WaitSelection which;
    if (pid == -1)
        which.kind = WaitSelection::Any;
    else if (pid > 0)
        which = WaitSelection { WaitSelection::Pid, pid, 0 };
    else
        which = WaitSelection { WaitSelection::ProcessGroup, -pid, 0 };
    which.options = options | wait_options::EXITED; // wait4's WUNTRACED is STOPPED
    WaitEvent event;
    pid_t reaped = TRY(wait_for_child(which, event));
    if (reaped > 0 && status_address)
        TRY(write_user(status_address, event.status));
    if (reaped > 0 && rusage)
        TRY(write_rusage(rusage, event.cpu));
    return static_cast<u32>(reaped);
}

} // namespace

// exit ends the calling thread; exit_group the whole process.
SyscallResult sys_exit(u32 code, u32, u32, u32, u32, u32) { exit_current(static_cast<i32>((code & 0xFF) << 8)); }
SyscallResult sys_exit_group(u32 code, u32, u32, u32, u32, u32)
{
    signal::start_group_exit(*current()->group, static_cast<i32>((code & 0xFF) << 8));
    exit_current(static_cast<i32>((code & 0xFF) << 8));
}

SyscallResult sys_fork(u32, u32, u32, u32, u32, u32)
{
    return static_cast<u32>(TRY(copy_process(CloneArguments { .flags = SIGCHLD })));
}

SyscallResult sys_vfork(u32, u32, u32, u32, u32, u32)
{
    return static_cast<u32>(TRY(copy_process(CloneArguments { .flags = clone_flags::VM | clone_flags::VFORK | SIGCHLD })));
}

// Linux i386 argument order: clone(flags, newsp, parent_tid, tls, child_tid).
SyscallResult sys_clone(u32 flags, u32 stack, u32 parent_tid, u32 tls, u32 child_tid, u32)
{
    return static_cast<u32>(TRY(copy_process(CloneArguments { flags, stack, parent_tid, child_tid, tls })));
}

SyscallResult sys_execve(u32 path_address, u32 argv, u32 envp, u32, u32, u32)
{
    char* path = static_cast<char*>(kmalloc(vfs::PATH_MAX));
    if (!path)
        return errno_error(abi::ENOMEM);
    auto length = strncpy_from_user(path, path_address, vfs::PATH_MAX);
    ErrorOr<void> result = length.is_error() ? ErrorOr<void>(length.release_error()) : execve(path, argv, envp, true);
    kfree(path);
    TRY(result);
    return 0;
}

SyscallResult sys_waitpid(u32 pid, u32 status, u32 options, u32, u32, u32)
{
    return wait_common(static_cast<i32>(pid), status, options);
}

SyscallResult sys_wait4(u32 pid, u32 status, u32 options, u32 rusage, u32, u32)
{
    return wait_common(static_cast<i32>(pid), status, options, rusage);
}

SyscallResult sys_getpid(u32, u32, u32, u32, u32, u32) { return static_cast<u32>(current()->tgid); }
SyscallResult sys_gettid(u32, u32, u32, u32, u32, u32) { return static_cast<u32>(current()->tid); }
SyscallResult sys_getppid(u32, u32, u32, u32, u32, u32)
{
    Task* parent = current()->group->leader->parent; // a thread's parent is its process's
    return parent ? static_cast<u32>(parent->tgid) : 0;
}

// waitid(idtype, id, infop, options, rusage)
SyscallResult sys_waitid(u32 type, u32 id, u32 info_address, u32 options, u32 rusage, u32)
{
    constexpr u32 P_ALL = 0, P_PID = 1, P_PGID = 2;
    constexpr u32 allowed = wait_options::NO_HANG | wait_options::STOPPED | wait_options::EXITED
        | wait_options::CONTINUED | wait_options::NO_WAIT | wait_options::NO_THREAD | wait_options::ALL
        | wait_options::CLONE;
    if ((options & ~allowed) || !(options & (wait_options::EXITED | wait_options::STOPPED | wait_options::CONTINUED)))
        return errno_error(abi::EINVAL);
    WaitSelection which;
    which.options = options;
    if (type == P_ALL)
        which.kind = WaitSelection::Any;
    else if (type == P_PID && static_cast<i32>(id) > 0)
        which.kind = WaitSelection::Pid, which.id = static_cast<pid_t>(id);
    else if (type == P_PGID && static_cast<i32>(id) >= 0)
        which.kind = WaitSelection::ProcessGroup, which.id = static_cast<pid_t>(id);
    else
        return errno_error(abi::EINVAL);
    WaitEvent event;
    pid_t pid = TRY(wait_for_child(which, event));
    if (pid > 0 && rusage)
        TRY(write_rusage(rusage, event.cpu));
    if (info_address) {
        abi::SigInfo info {};
        if (pid > 0) {
            info.signo = abi::SIGCHLD;
            info.code = event.code;
            info.child.pid = event.pid;
            info.child.uid = event.uid;
            info.child.status = event.si_status;
        }
        TRY(write_user(info_address, info));
    }
    return 0;
}

SyscallResult sys_set_tid_address(u32 address, u32, u32, u32, u32, u32)
{
    current()->clear_child_tid = address;
    return static_cast<u32>(current()->tid);
}

SyscallResult sys_set_thread_area(u32 user_desc, u32, u32, u32, u32, u32)
{
    TRY(install_tls_from_user(*current(), user_desc));
    return 0;
}

// Cleave keeps no LDT: reading it gives nothing, writing is not supported.
SyscallResult sys_modify_ldt(u32 function, u32, u32, u32, u32, u32)
{
    if (function == 0 || function == 2)
        return 0;
    return errno_error(abi::ENOSYS);
}

SyscallResult sys_getuid(u32, u32, u32, u32, u32, u32) { return current()->credentials.uid; }
SyscallResult sys_geteuid(u32, u32, u32, u32, u32, u32) { return current()->credentials.euid; }
SyscallResult sys_getgid(u32, u32, u32, u32, u32, u32) { return current()->credentials.gid; }
SyscallResult sys_getegid(u32, u32, u32, u32, u32, u32) { return current()->credentials.egid; }
SyscallResult sys_getuid32(u32, u32, u32, u32, u32, u32) { return current()->credentials.uid; }
SyscallResult sys_geteuid32(u32, u32, u32, u32, u32, u32) { return current()->credentials.euid; }
SyscallResult sys_getgid32(u32, u32, u32, u32, u32, u32) { return current()->credentials.gid; }
SyscallResult sys_getegid32(u32, u32, u32, u32, u32, u32) { return current()->credentials.egid; }

SyscallResult sys_sched_yield(u32, u32, u32, u32, u32, u32)
{
    scheduler::yield();
    return 0;
}

// reboot(magic1, magic2, command): Linux's magic numbers, then power off
// (or restart) the machine. Under the test harness, QEMU exits.
SyscallResult sys_reboot(u32 magic1, u32 magic2, u32 command, u32, u32, u32)
{
    constexpr u32 MAGIC1 = 0xfee1dead, MAGIC2[] = { 672274793, 85072278, 369367448, 537993216 };
    constexpr u32 POWER_OFF = 0x4321FEDC, HALT = 0xCDEF0123, RESTART = 0x01234567;
    bool magic_ok = magic1 == MAGIC1;
    bool second_ok = false;
    for (u32 m : MAGIC2)
        second_ok |= magic2 == m;
    if (!magic_ok || !second_ok)
        return errno_error(abi::EINVAL);
    if (!capable(capability::SYS_BOOT))
        return errno_error(abi::EPERM);
    if (command != POWER_OFF && command != HALT && command != RESTART)
        return errno_error(abi::EINVAL);
    kprintf("cleave: %s\n", command == RESTART ? "restarting" : "powering off");
    qemu::power_off();
}

// Cleave asks for no robust futex list or restartable sequences; libcs
// carry on without them when told so.
SyscallResult sys_set_robust_list(u32, u32, u32, u32, u32, u32) { return errno_error(abi::ENOSYS); }
SyscallResult sys_rseq(u32, u32, u32, u32, u32, u32) { return errno_error(abi::ENOSYS); }
SyscallResult sys_restart_syscall(u32, u32, u32, u32, u32, u32) { return errno_error(abi::EINTR); }

SyscallResult sys_unshare(u32 flags, u32, u32, u32, u32, u32)
{
    TRY(unshare(flags));
    return 0;
}

// clone3(args, size): clone's arguments in a struct clone_args, whose
// size tells its version (64, 80 or 88 bytes). The same copy_process.
SyscallResult sys_clone3(u32 address, u32 size, u32, u32, u32, u32)
{
    struct CloneArgs {
        u64 flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls, set_tid, set_tid_size, cgroup;
    };
    static_assert(sizeof(CloneArgs) == 88);
    constexpr u32 FIRST_VERSION_SIZE = 64;
    if (size < FIRST_VERSION_SIZE)
        return errno_error(abi::EINVAL);
    if (size > PAGE_SIZE)
        return errno_error(abi::E2BIG);
    CloneArgs args {};
    TRY(copy_from_user(&args, address, libk::min<u32>(size, sizeof(args))));
    // A newer caller's extra fields must be zero: we do not know them.
    for (u32 offset = sizeof(args); offset < size; ++offset) {
        if (TRY(read_user<u8>(address + offset)))
            return errno_error(abi::E2BIG);
    }
    constexpr u64 CSIGNAL = 0xFF, CLONE_PIDFD = 0x1000;
    if ((args.flags >> 32) || (args.flags & (CSIGNAL | CLONE_PIDFD)) || args.exit_signal > 64)
        return errno_error(abi::EINVAL);
    if (args.set_tid || args.set_tid_size || args.cgroup) // choosing pids, cgroups: not supported
        return errno_error(abi::EINVAL);
    if ((args.stack == 0) != (args.stack_size == 0))
        return errno_error(abi::EINVAL);
    if ((args.stack >> 32) || (args.stack_size >> 32) || (args.tls >> 32) || (args.child_tid >> 32) || (args.parent_tid >> 32))
        return errno_error(abi::EINVAL);
    CloneArguments arguments;
    arguments.flags = static_cast<u32>(args.flags) | static_cast<u32>(args.exit_signal);
    arguments.stack = static_cast<uptr>(args.stack + args.stack_size); // the stack grows down from its end
    arguments.parent_tid = static_cast<uptr>(args.parent_tid);
    arguments.child_tid = static_cast<uptr>(args.child_tid);
    arguments.tls = static_cast<uptr>(args.tls);
    return static_cast<u32>(TRY(copy_process(arguments)));
}
