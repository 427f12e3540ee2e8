// Signal system calls: handlers, masks, sending, waiting, timers.
#include <kernel/mm/user_copy.h>
#include <kernel/signal/alarm.h>
#include <kernel/signal/sighand.h>
#include <kernel/signal/signal.h>
#include <kernel/syscall/syscall.h>
#include <kernel/task/scheduler.h>
#include <kernel/task/tasks.h>
#include <kernel/task/wait_queue.h>
#include <kernel/time/clock.h>

namespace {

using namespace abi;
using signal::bit;

constexpr u32 SIGSET_SIZE = 8;

ErrorOr<void> check_signal(u32 s)
{
    if (!signal::is_valid(static_cast<int>(s)))
        return Error::from_errno(EINVAL);
    return {};
}

ErrorOr<void> change_action(int s, const KernelSigaction* action, KernelSigaction* old)
{
    if (!signal::is_valid(s) || (action && (s == SIGKILL || s == SIGSTOP)))
        return Error::from_errno(EINVAL);
    SigHand& sighand = *current()->sighand;
    SpinLockGuard guard(sighand.lock);
    if (old)
        *old = sighand.actions[s - 1];
    if (action) {
        sighand.actions[s - 1] = *action;
        sighand.actions[s - 1].mask &= ~signal::UNBLOCKABLE;
    }
    // POSIX: setting a pending signal's action to ignore discards it.
    if (action && signal::would_ignore(*current(), s))
        signal::discard(*current()->group, s);
    return {};
}

void set_mask(int how, u64 set, u64* old)
{
    Task* task = current();
    u32 state = libk::irq_save();
    if (old)
        *old = task->blocked;
    if (how == SIG_BLOCK)
        task->blocked |= set;
    else if (how == SIG_UNBLOCK)
        task->blocked &= ~set;
    else
        task->blocked = set;
    task->blocked &= ~signal::UNBLOCKABLE;
    libk::irq_restore(state);
}

// May the caller signal `target`? Root may signal anyone; others only
// processes of their own (real or effective uid against real or saved uid).
bool may_signal(const Task& target)
{
    const Credentials& me = current()->credentials;
    const Credentials& them = target.credentials;
    return capable(capability::KILL) || me.uid == them.uid || me.uid == them.suid || me.euid == them.uid || me.euid == them.suid;
}

PendingInfo sender_info(i32 code)
{
    Task* task = current();
    return PendingInfo { code, task->tgid, task->credentials.uid, 0 };
}

// Signals every process selected by `matches`; ESRCH if none, EPERM if all refused.
template<typename Match>
SyscallResult signal_processes(u32 s, Match matches)
{
    bool found = false, allowed = false;
    for (Task& task : tasks::all()) {
        // A zombie still exists for kill (signal 0 finds it); sending to it does nothing.
        if (!task.group || task.group->leader != &task || !matches(task))
            continue;
        found = true;
        if (!may_signal(task))
            continue;
        allowed = true;
        if (s)
            signal::send_to_group(*task.group, static_cast<int>(s), sender_info(SI_USER));
    }
    if (!found)
        return Error::from_errno(ESRCH);
    if (!allowed)
        return Error::from_errno(EPERM);
    return 0;
}

Task* live_thread(pid_t tid)
{
    Task* task = tasks::find(tid);
    if (!task || task->state == TaskState::Zombie || task->state == TaskState::Dead || !task->group)
        return nullptr;
    return task;
}

SyscallResult send_to_thread(Task* task, u32 s)
{
    if (!task)
        return Error::from_errno(ESRCH);
    if (!may_signal(*task))
        return Error::from_errno(EPERM);
    if (s)
        signal::send_to_thread(*task, static_cast<int>(s), sender_info(SI_TKILL));
    return 0;
}

struct ItimerValue {
    u32 interval_seconds, interval_microseconds, value_seconds, value_microseconds;
};

constexpr u64 TICK_US = 1000000 / clock::HZ;

u64 ticks_from(u32 seconds, u32 microseconds)
{
    u64 us = static_cast<u64>(seconds) * 1000000 + microseconds;
    return (us + TICK_US - 1) / TICK_US;
}

ItimerValue current_itimer()
{
    ThreadGroup& group = *current()->group;
    u64 now = clock::ticks();
    u64 left = group.alarm_deadline > now ? group.alarm_deadline - now : (group.alarm_deadline ? 1 : 0);
    u64 left_us = left * TICK_US, interval_us = group.alarm_interval * TICK_US;
    return ItimerValue { static_cast<u32>(interval_us / 1000000), static_cast<u32>(interval_us % 1000000),
        static_cast<u32>(left_us / 1000000), static_cast<u32>(left_us % 1000000) };
}

} // namespace

SyscallResult sys_rt_sigaction(u32 s, u32 action_address, u32 old_address, u32 size, u32, u32)
{
    if (size != SIGSET_SIZE)
        return errno_error(EINVAL);
    KernelSigaction action, old;
    if (action_address)
        action = TRY(read_user<KernelSigaction>(action_address));
    TRY(change_action(static_cast<int>(s), action_address ? &action : nullptr, &old));
    if (old_address)
        TRY(write_user(old_address, old));
    return 0;
}

SyscallResult sys_sigaction(u32 s, u32 action_address, u32 old_address, u32, u32, u32)
{
    KernelSigaction action, old;
    if (action_address) {
        OldSigaction a = TRY(read_user<OldSigaction>(action_address));
        action = KernelSigaction { a.handler, a.flags, a.restorer, a.mask };
    }
    TRY(change_action(static_cast<int>(s), action_address ? &action : nullptr, &old));
    if (old_address)
        TRY(write_user(old_address, OldSigaction { old.handler, static_cast<u32>(old.mask), old.flags, old.restorer }));
    return 0;
}

SyscallResult sys_rt_sigprocmask(u32 how, u32 set_address, u32 old_address, u32 size, u32, u32)
{
    if (size != SIGSET_SIZE)
        return errno_error(EINVAL);
    if (set_address && how > static_cast<u32>(SIG_SETMASK))
        return errno_error(EINVAL);
    u64 old;
    if (set_address)
        set_mask(static_cast<int>(how), TRY(read_user<u64>(set_address)), &old);
    else
        old = current()->blocked;
    if (old_address)
        TRY(write_user(old_address, old));
    return 0;
}

SyscallResult sys_sigprocmask(u32 how, u32 set_address, u32 old_address, u32, u32, u32)
{
    if (set_address && how > static_cast<u32>(SIG_SETMASK))
        return errno_error(EINVAL);
    u64 old = current()->blocked;
    if (set_address) {
        u64 set = TRY(read_user<u32>(set_address));
        if (how == static_cast<u32>(SIG_SETMASK))
            set |= old & 0xFFFFFFFF00000000ull; // the old call sees only the first 32 signals
        set_mask(static_cast<int>(how), set, nullptr);
    }
    if (old_address)
        TRY(write_user(old_address, static_cast<u32>(old)));
    return 0;
}

SyscallResult sys_rt_sigpending(u32 address, u32 size, u32, u32, u32, u32)
{
    if (size > SIGSET_SIZE)
        return errno_error(EINVAL);
    Task* task = current();
    u64 pending = (task->signals->pending | task->group->shared.pending) & task->blocked;
    TRY(copy_to_user(address, &pending, size));
    return 0;
}

SyscallResult sys_rt_sigsuspend(u32 mask_address, u32 size, u32, u32, u32, u32)
{
    if (size != SIGSET_SIZE)
        return errno_error(EINVAL);
    u64 mask = TRY(read_user<u64>(mask_address));
    Task* task = current();
    task->saved_blocked = task->blocked;
    task->restore_blocked = true;
    task->blocked = mask & ~signal::UNBLOCKABLE;
    WaitQueue nobody;
    (void)nobody.wait([] { return false; });
    return errno_error(restart::NO_HANDLER);
}

SyscallResult sys_pause(u32, u32, u32, u32, u32, u32)
{
    WaitQueue nobody;
    (void)nobody.wait([] { return false; });
    return errno_error(restart::NO_HANDLER);
}

SyscallResult sys_rt_sigtimedwait(u32 set_address, u32 info_address, u32 timeout_address, u32 size, u32, u32)
{
    if (size != SIGSET_SIZE)
        return errno_error(EINVAL);
    u64 wanted = TRY(read_user<u64>(set_address)) & ~signal::UNBLOCKABLE;
    WaitOptions options;
    if (timeout_address) {
        struct {
            i32 seconds, nanoseconds;
        } t = TRY(read_user<decltype(t)>(timeout_address));
        if (t.seconds < 0 || t.nanoseconds < 0 || t.nanoseconds >= 1000000000)
            return errno_error(EINVAL);
        u64 ns = static_cast<u64>(t.seconds) * 1000000000 + static_cast<u64>(t.nanoseconds);
        u64 tick_ns = 1000000000 / clock::HZ;
        options.deadline = clock::ticks() + (ns + tick_ns - 1) / tick_ns + (ns ? 1 : 0);
    }
    Task* task = current();
    auto waiting = [&] { return (task->signals->pending | task->group->shared.pending) & wanted; };
    // While waiting, the wanted signals are deliverable, so they wake us.
    u64 saved = task->blocked;
    task->blocked &= ~wanted;
    WaitQueue nobody;
    WaitResult result = WaitResult::Done;
    if (!waiting())
        result = options.deadline || !timeout_address ? nobody.wait(waiting, options) : WaitResult::TimedOut;
    u32 state = libk::irq_save();
    task->blocked = saved;
    int s = 0;
    PendingInfo info;
    if (!signal::take_one(*task, wanted, s, info))
        s = 0;
    libk::irq_restore(state);
    if (!s)
        return errno_error(result == WaitResult::Interrupted ? EINTR : EAGAIN);
    if (info_address) {
        SigInfo out {};
        out.signo = s;
        out.code = info.code;
        out.rt.pid = info.pid;
        out.rt.uid = info.uid;
        out.rt.value = info.value;
        TRY(write_user(info_address, out));
    }
    return static_cast<u32>(s);
}

SyscallResult sys_kill(u32 pid_word, u32 s, u32, u32, u32, u32)
{
    if (s)
        TRY(check_signal(s));
    i32 pid = static_cast<i32>(pid_word);
    Task* me = current();
    if (pid > 0)
        return signal_processes(s, [&](Task& t) { return t.tgid == pid; });
    if (pid == 0) {
        pid_t group = me->group->pgid;
        return signal_processes(s, [&](Task& t) { return t.group->pgid == group; });
    }
    if (pid == -1) // everyone but init and ourselves
        return signal_processes(s, [&](Task& t) { return t.tgid != 1 && t.tgid != me->tgid; });
    if (pid == static_cast<i32>(0x80000000))
        return errno_error(ESRCH);
    return signal_processes(s, [&](Task& t) { return t.group->pgid == -pid; });
}

SyscallResult sys_tkill(u32 tid, u32 s, u32, u32, u32, u32)
{
    if (static_cast<i32>(tid) <= 0)
        return errno_error(EINVAL);
    if (s)
        TRY(check_signal(s));
    return send_to_thread(live_thread(static_cast<pid_t>(tid)), s);
}

SyscallResult sys_tgkill(u32 tgid, u32 tid, u32 s, u32, u32, u32)
{
    if (static_cast<i32>(tid) <= 0 || static_cast<i32>(tgid) <= 0)
        return errno_error(EINVAL);
    if (s)
        TRY(check_signal(s));
    Task* task = live_thread(static_cast<pid_t>(tid));
    if (task && task->tgid != static_cast<pid_t>(tgid))
        task = nullptr;
    return send_to_thread(task, s);
}

SyscallResult sys_sigaltstack(u32 stack_address, u32 old_address, u32, u32, u32, u32)
{
    Task* task = current();
    uptr sp = task->trap_frame()->user_esp;
    bool on_stack = task->altstack_flags != SS_DISABLE && sp - task->altstack_sp <= task->altstack_size;
    if (old_address) {
        StackT old { task->altstack_sp, static_cast<i32>(on_stack ? SS_ONSTACK : task->altstack_flags), task->altstack_size };
        TRY(write_user(old_address, old));
    }
    if (stack_address) {
        StackT stack = TRY(read_user<StackT>(stack_address));
        if (on_stack)
            return errno_error(EPERM);
        u32 flags = static_cast<u32>(stack.flags) & ~(1u << 31); // SS_AUTODISARM is accepted and ignored
        if (flags != 0 && flags != SS_DISABLE && flags != SS_ONSTACK)
            return errno_error(EINVAL);
        if (flags == SS_DISABLE) {
            task->altstack_sp = task->altstack_size = 0;
            task->altstack_flags = SS_DISABLE;
        } else {
            if (stack.size < MINSIGSTKSZ)
                return errno_error(ENOMEM);
            task->altstack_sp = stack.sp;
            task->altstack_size = stack.size;
            task->altstack_flags = 0;
        }
    }
    return 0;
}

// A frame that cannot be read back (a corrupt stack) gets the task a
// SIGSEGV, as on Linux; the registers stay as they are.
static SyscallResult return_from_handler(bool realtime)
{
    TrapFrame& frame = *current()->trap_frame();
    auto result = signal::return_from_handler(frame, realtime);
    if (result.is_error()) {
        signal::force_on_thread(*current(), SIGSEGV, PendingInfo { SI_KERNEL, 0, 0, 0 });
        return frame.eax;
    }
    return result.value();
}

SyscallResult sys_rt_sigreturn(u32, u32, u32, u32, u32, u32) { return return_from_handler(true); }
SyscallResult sys_sigreturn(u32, u32, u32, u32, u32, u32) { return return_from_handler(false); }

SyscallResult sys_alarm(u32 seconds, u32, u32, u32, u32, u32)
{
    ItimerValue old = current_itimer();
    u64 ticks = static_cast<u64>(seconds) * clock::HZ;
    alarm::set(*current()->group, seconds ? clock::ticks() + ticks : 0, 0);
    return old.value_seconds + (old.value_microseconds >= 500000 || (!old.value_seconds && old.value_microseconds) ? 1 : 0);
}

SyscallResult sys_setitimer(u32 which, u32 value_address, u32 old_address, u32, u32, u32)
{
    if (which != 0) // ITIMER_REAL only: no CPU time accounting for the other two
        return errno_error(EINVAL);
    ItimerValue old = current_itimer();
    if (value_address) {
        ItimerValue v = TRY(read_user<ItimerValue>(value_address));
        if (v.value_microseconds >= 1000000 || v.interval_microseconds >= 1000000)
            return errno_error(EINVAL);
        u64 value = ticks_from(v.value_seconds, v.value_microseconds);
        alarm::set(*current()->group, value ? clock::ticks() + value : 0, ticks_from(v.interval_seconds, v.interval_microseconds));
    }
    if (old_address)
        TRY(write_user(old_address, old));
    return 0;
}

SyscallResult sys_getitimer(u32 which, u32 address, u32, u32, u32, u32)
{
    if (which != 0)
        return errno_error(EINVAL);
    TRY(write_user(address, current_itimer()));
    return 0;
}
