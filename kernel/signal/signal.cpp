#include <arch/i386/fpu.h>
#include <arch/i386/gdt.h>
#include <kernel/abi/errno.h>
#include <kernel/mm/user_copy.h>
#include <kernel/signal/sighand.h>
#include <kernel/signal/signal.h>
#include <kernel/task/process.h>
#include <kernel/task/process_group.h>
#include <kernel/task/scheduler.h>
#include <kernel/task/tasks.h>
#include <kernel/task/wait_queue.h>

namespace signal {

namespace {

using namespace abi;

enum class Default { Terminate, Core, Ignore, Stop, Continue };

Default default_action(int s)
{
    switch (s) {
    case SIGQUIT: case SIGILL: case SIGTRAP: case SIGABRT: case SIGBUS: case SIGFPE:
    case SIGSEGV: case SIGXCPU: case SIGXFSZ: case SIGSYS:
        return Default::Core;
    case SIGCHLD: case SIGURG: case SIGWINCH:
        return Default::Ignore;
    case SIGCONT:
        return Default::Continue;
    case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU:
        return Default::Stop;
    default:
        return Default::Terminate;
    }
}

constexpr u64 STOP_SIGNALS = bit(SIGSTOP) | bit(SIGTSTP) | bit(SIGTTIN) | bit(SIGTTOU);

bool is_ignored(const Task& task, int s)
{
    const KernelSigaction& action = task.sighand->actions[s - 1];
    return action.handler == SIG_IGN || (action.handler == SIG_DFL && default_action(s) == Default::Ignore);
}

// Ends an interruptible sleep so the task sees its signal.
void kick(Task& task)
{
    if ((task.state == TaskState::Sleeping && task.interruptible) || task.state == TaskState::Stopped)
        scheduler::make_runnable(task);
}

void record(SignalSet& set, int s, const PendingInfo& info)
{
    // Standard signals do not queue: a second one while the first waits is
    // lost. Real-time signals do: each is delivered (with the first one's
    // siginfo, a simplification).
    if (!(set.pending & bit(s)))
        set.info[s - 1] = info;
    if (s >= SIGRTMIN && set.queued[s - 1] < 255)
        ++set.queued[s - 1];
    set.pending |= bit(s);
}

// Takes one instance of `s` from `set`; the bit stays while more are queued.
void take(SignalSet& set, int s, PendingInfo& info)
{
    info = set.info[s - 1];
    if (s >= SIGRTMIN && set.queued[s - 1] > 1) {
        --set.queued[s - 1];
        return;
    }
    set.queued[s - 1] = 0;
    set.pending &= ~bit(s);
}

constexpr pid_t INIT_PID = 1;

// Side effects that happen when the signal is sent, not when it is taken.
// Returns false if the signal is dropped instead.
bool prepare(ThreadGroup& group, int s, bool forced = false)
{
    if (s == SIGCONT || s == SIGKILL) {
        group.shared.pending &= ~STOP_SIGNALS;
        for (Task& thread : group.threads)
            thread.signals->pending &= ~STOP_SIGNALS;
        if (group.stopped) {
            group.stopped = false;
            group.continue_to_report = true;
            group.stop_to_report = false;
            for (Task& thread : group.threads)
                kick(thread);
            if (group.leader)
                notify_parent(*group.leader, CLD_CONTINUED, SIGCONT);
        }
    } else if (bit(s) & STOP_SIGNALS) {
        group.shared.pending &= ~bit(SIGCONT);
        for (Task& thread : group.threads)
            thread.signals->pending &= ~bit(SIGCONT);
    }
    // An ignored signal is dropped at once (SIGKILL and SIGSTOP never are).
    // The handlers are the group's; ask a thread that still holds them: an
    // exiting thread lets go of its table before it leaves the group's
    // list, and a timer (an alarm) can send a signal in between.
    Task* any = nullptr;
    for (Task& thread : group.threads) {
        if (thread.sighand) {
            any = &thread;
            break;
        }
    }
    if (!any)
        return false; // every thread is on its way out: nobody to take it
    if (!(bit(s) & UNBLOCKABLE) && is_ignored(*any, s))
        return false;
    // Init only takes the signals it has handlers for (Linux's
    // SIGNAL_UNKILLABLE): without init there is no system left.
    if (group.tgid == INIT_PID && !forced && any->sighand->actions[s - 1].handler == SIG_DFL)
        return false;
    return true;
}

i32 pop_signal(Task& task, PendingInfo& info)
{
    u64 ready = (task.signals->pending | task.group->shared.pending) & ~task.blocked;
    if (!ready)
        return 0;
    int s = __builtin_ctzll(ready) + 1;
    take((task.signals->pending & bit(s)) ? *task.signals : task.group->shared, s, info);
    return s;
}

// An interrupted system call: restart it, or return EINTR.
void resolve_restart(TrapFrame& frame, const KernelSigaction* handler)
{
    Task* task = current();
    if (task->syscall_number < 0)
        return;
    i32 result = static_cast<i32>(frame.eax);
    bool restart_call;
    switch (-result) {
    case restart::SYS: restart_call = !handler || (handler->flags & SA_RESTART); break;
    case restart::NO_INTERRUPT: restart_call = true; break;
    case restart::NO_HANDLER: restart_call = !handler; break;
    case restart::RESTART_BLOCK: restart_call = !handler; break;
    default: return;
    }
    if (restart_call) {
        // Back over the two-byte "int $0x80", with the call's number in eax.
        frame.eax = -result == restart::RESTART_BLOCK ? 0 /* restart_syscall */ : static_cast<u32>(task->syscall_number);
        frame.eip -= 2;
    } else {
        frame.eax = static_cast<u32>(-EINTR);
    }
    task->syscall_number = -1;
}

// Default stop: the whole group stops until SIGCONT (or SIGKILL).
void stop_group(Task& task, int s)
{
    ThreadGroup& group = *task.group;
    if (!group.stopped) {
        group.stopped = true;
        group.stop_signal = s;
        group.stop_to_report = true;
        group.continue_to_report = false;
        if (group.leader)
            notify_parent(*group.leader, CLD_STOPPED, s);
    }
}

void wait_while_stopped(Task& task)
{
    while (task.group->stopped && !task.group->exiting && !(task.signals->pending & bit(SIGKILL))
        && !(task.group->shared.pending & bit(SIGKILL))) {
        task.state = TaskState::Stopped;
        scheduler::schedule();
    }
}

void record_for_thread(Task& task, int s, const PendingInfo& info) { record(*task.signals, s, info); }

// A process-directed signal wakes one thread that will take it.
void wake_a_taker(ThreadGroup& group, int s)
{
    for (Task& thread : group.threads) {
        if (!(thread.blocked & bit(s)) || (bit(s) & UNBLOCKABLE)) {
            kick(thread);
            if (s == SIGKILL)
                continue; // every thread must see SIGKILL
            return;
        }
    }
}

} // namespace

bool is_valid(int s) { return s >= 1 && s <= NSIG; }

namespace {

void send_to_thread(Task& task, int s, const PendingInfo& info, bool forced)
{
    u32 state = libk::irq_save();
    if (task.group && task.state != TaskState::Zombie && task.state != TaskState::Dead
        && prepare(*task.group, s, forced)) {
        record_for_thread(task, s, info);
        if (!(task.blocked & bit(s)) || (bit(s) & UNBLOCKABLE))
            kick(task);
    }
    libk::irq_restore(state);
}

} // namespace

void send_to_thread(Task& task, int s, const PendingInfo& info) { send_to_thread(task, s, info, false); }
void force_on_thread(Task& task, int s, const PendingInfo& info) { send_to_thread(task, s, info, true); }

void send_to_group(ThreadGroup& group, int s, const PendingInfo& info)
{
    u32 state = libk::irq_save();
    if (group.live_threads > 0 && prepare(group, s)) {
        record(group.shared, s, info);
        wake_a_taker(group, s);
    }
    libk::irq_restore(state);
}

bool has_deliverable(const Task& task)
{
    if (!task.group)
        return false;
    const ThreadGroup& group = *task.group;
    return ((task.signals->pending | group.shared.pending) & ~task.blocked) || group.exiting
        || (group.exec_survivor && group.exec_survivor != &task);
}

void discard(ThreadGroup& group, int s)
{
    u32 state = libk::irq_save();
    PendingInfo ignored;
    while (group.shared.pending & bit(s))
        take(group.shared, s, ignored);
    for (Task& thread : group.threads) {
        while (thread.signals->pending & bit(s))
            take(*thread.signals, s, ignored);
    }
    libk::irq_restore(state);
}

bool would_ignore(const Task& task, int s) { return is_ignored(task, s); }

bool take_one(Task& task, u64 wanted, int& s, PendingInfo& info)
{
    u64 ready = (task.signals->pending | task.group->shared.pending) & wanted;
    if (!ready)
        return false;
    s = __builtin_ctzll(ready) + 1;
    take((task.signals->pending & bit(s)) ? *task.signals : task.group->shared, s, info);
    return true;
}

void end_other_threads(Task& survivor)
{
    ThreadGroup& group = *survivor.group;
    u32 state = libk::irq_save();
    group.exec_survivor = &survivor;
    for (Task& thread : group.threads) {
        if (&thread != &survivor)
            kick(thread);
    }
    libk::irq_restore(state);
    survivor.child_exit_queue->wait_until([&] { return group.live_threads == 1; });
    group.exec_survivor = nullptr;
}

void notify_parent(Task& child, i32 code, i32 status)
{
    Task* parent = child.parent;
    if (!parent || !parent->group)
        return;
    parent->child_exit_queue->wake_all();
    int s = code == CLD_EXITED || code == CLD_KILLED || code == CLD_DUMPED ? child.exit_signal : SIGCHLD;
    if (!s)
        return;
    if (s == SIGCHLD && code != CLD_EXITED && code != CLD_KILLED && code != CLD_DUMPED
        && parent->sighand && (parent->sighand->actions[SIGCHLD - 1].flags & SA_NOCLDSTOP))
        return;
    send_to_group(*parent->group, s,
        PendingInfo { code, child.tgid, child.credentials.uid, static_cast<u32>(status) });
}

void start_group_exit(ThreadGroup& group, i32 status)
{
    u32 state = libk::irq_save();
    if (!group.exiting) {
        group.exiting = true;
        group.exit_status = status;
        group.stopped = false;
    }
    for (Task& thread : group.threads) {
        if (&thread != current())
            kick(thread);
    }
    libk::irq_restore(state);
}

ErrorOr<void> setup_frame(TrapFrame& frame, int s, const PendingInfo& info, const KernelSigaction& action, u64 old_mask);

void deliver(TrapFrame& frame)
{
    Task* task = current();
    if (!task->group)
        return;
    libk::irq_save();
    for (;;) {
        if (task->group->exiting || (task->group->exec_survivor && task->group->exec_survivor != task))
            exit_current(task->group->exiting ? task->group->exit_status : 0);
        wait_while_stopped(*task);
        if (task->group->exiting)
            continue;
        PendingInfo info;
        int s = pop_signal(*task, info);
        if (!s)
            break;
        KernelSigaction action = task->sighand->actions[s - 1];
        if (action.handler == SIG_IGN && s != SIGKILL && s != SIGSTOP)
            continue;
        if (action.handler == SIG_DFL || s == SIGKILL || s == SIGSTOP) {
            switch (s == SIGKILL ? Default::Terminate : default_action(s)) {
            case Default::Ignore:
            case Default::Continue:
                continue;
            case Default::Stop:
                // The terminal's stop signals do not stop an orphaned
                // process group: nobody would continue it (POSIX).
                if (s != SIGSTOP && process_groups::is_orphaned(task->group->pgid))
                    continue;
                stop_group(*task, s);
                continue;
            case Default::Core: {
                bool core = task->group->limits[4].current > 0; // RLIMIT_CORE
                start_group_exit(*task->group, s | (core ? 0x80 : 0));
                continue;
            }
            case Default::Terminate:
                start_group_exit(*task->group, s);
                continue;
            }
        }
        // A handler: resolve an interrupted call first, so the frame saves
        // the registers the call will resume (or fail) with.
        resolve_restart(frame, &action);
        u64 old_mask = task->restore_blocked ? task->saved_blocked : task->blocked;
        task->restore_blocked = false;
        if (setup_frame(frame, s, info, action, old_mask).is_error()) {
            // No room for the frame on the stack: Linux kills with SIGSEGV.
            start_group_exit(*task->group, SIGSEGV);
            continue;
        }
        task->blocked = old_mask | action.mask;
        if (!(action.flags & SA_NODEFER))
            task->blocked |= bit(s);
        task->blocked &= ~UNBLOCKABLE;
        if (action.flags & SA_RESETHAND) {
            SpinLockGuard guard(task->sighand->lock);
            task->sighand->actions[s - 1].handler = SIG_DFL;
        }
        return; // one handler at a time; the next on the way back from it
    }
    resolve_restart(frame, nullptr);
    if (task->restore_blocked) {
        task->blocked = task->saved_blocked;
        task->restore_blocked = false;
    }
}

} // namespace signal
