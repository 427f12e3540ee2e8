#include <kernel/mm/user_copy.h>
#include <kernel/signal/sighand.h>
#include <kernel/signal/signal.h>
#include <kernel/task/credentials.h>
#include <kernel/task/process_group.h>
#include <kernel/task/tasks.h>
#include <kernel/tty/job_control.h>

namespace {

using namespace abi::tty_ioctls;

ThreadGroup& my_group() { return *current()->group; }

bool is_session_leader(const ThreadGroup& group) { return group.sid == group.tgid; }

// The signal would not stop the caller: blocked, or its handler is SIG_IGN.
bool ignores(int s)
{
    Task* task = current();
    return (task->blocked & signal::bit(s)) || task->sighand->actions[s - 1].handler == abi::SIG_IGN;
}

// `tty` becomes the controlling terminal of the caller's session, with the
// caller's process group in the foreground.
void attach(Tty& tty, ThreadGroup& group)
{
    tty.session = group.sid;
    tty.foreground = group.pgid;
    group.tty = &tty;
}

// The session that `tty` controls loses it: every process of the session
// forgets it, and it belongs to no session, and no process group, any more.
void detach_session(Tty& tty)
{
    for (Task& task : tasks::all()) {
        if (task.group && task.group->leader == &task && task.group->sid == tty.session && task.group->tty == &tty)
            task.group->tty = nullptr;
    }
    tty.session = 0;
    tty.foreground = 0;
    tty.read_queue.wake_all();
}

ErrorOr<i32> set_controlling_terminal(Tty& tty, uptr steal)
{
    ThreadGroup& group = my_group();
    if (is_session_leader(group) && tty.session == group.sid)
        return 0; // it is ours already
    if (!is_session_leader(group) || group.tty)
        return Error::from_errno(abi::EPERM);
    if (tty.session) {
        // Another session's terminal: only root may take it, and only when it asks to (argument 1).
        if (steal != 1 || !capable(capability::SYS_ADMIN))
            return Error::from_errno(abi::EPERM);
        detach_session(tty);
    }
    attach(tty, group);
    return 0;
}

// TIOCNOTTY: the caller gives up its controlling terminal. A session
// leader gives it up for the whole session, and its foreground group gets
// SIGHUP and SIGCONT.
ErrorOr<i32> give_up_terminal(Tty& tty)
{
    ThreadGroup& group = my_group();
    if (group.tty != &tty)
        return Error::from_errno(abi::ENOTTY);
    if (is_session_leader(group)) {
        if (pid_t foreground = tty.foreground) {
            process_groups::signal(foreground, abi::SIGHUP);
            process_groups::signal(foreground, abi::SIGCONT);
        }
        detach_session(tty);
    }
    group.tty = nullptr;
    return 0;
}

// TIOCSPGRP (tcsetpgrp), with Linux's checks in Linux's order.
ErrorOr<i32> set_foreground(Tty& tty, uptr argument)
{
    auto allowed = job_control::check_background(tty, abi::SIGTTOU);
    if (allowed.is_error())
        return Error::from_errno(allowed.error().code() == abi::EIO ? abi::ENOTTY : allowed.error().code());
    pid_t pgid = TRY(read_user<pid_t>(argument));
    if (pgid < 0)
        return Error::from_errno(abi::EINVAL);
    ThreadGroup& group = my_group();
    if (group.tty != &tty || tty.session != group.sid)
        return Error::from_errno(abi::ENOTTY);
    if (!process_groups::pid_in_use(pgid))
        return Error::from_errno(abi::ESRCH);
    if (process_groups::session_of(pgid) != group.sid)
        return Error::from_errno(abi::EPERM);
    tty.foreground = pgid;
    return 0;
}

} // namespace

namespace job_control {

ErrorOr<void> check_background(Tty& tty, int s)
{
    ThreadGroup& group = my_group();
    if (group.tty != &tty || !tty.foreground || group.pgid == tty.foreground)
        return {};
    if (ignores(s))
        return s == abi::SIGTTIN ? Error::from_errno(abi::EIO) : ErrorOr<void>();
    if (process_groups::is_orphaned(group.pgid))
        return Error::from_errno(abi::EIO);
    process_groups::signal(group.pgid, s);
    return Error::from_errno(restart::SYS);
}

bool may_inject(const Tty& tty) { return my_group().tty == &tty || capable(capability::SYS_ADMIN); }

ErrorOr<i32> ioctl(Tty& tty, u32 request, uptr argument)
{
    ThreadGroup& group = my_group();
    switch (request) {
    case TIOCSCTTY:
        return set_controlling_terminal(tty, argument);
    case TIOCNOTTY:
        return give_up_terminal(tty);
    case TIOCSPGRP:
        return set_foreground(tty, argument);
    case TIOCGPGRP:
        if (group.tty != &tty)
            return Error::from_errno(abi::ENOTTY);
        TRY(write_user<pid_t>(argument, tty.foreground));
        return 0;
    case TIOCGSID:
        if (group.tty != &tty || !tty.session)
            return Error::from_errno(abi::ENOTTY);
        TRY(write_user<pid_t>(argument, tty.session));
        return 0;
    default:
        return Error::from_errno(abi::ENOTTY);
    }
}

void opened(Tty& tty, u32 flags)
{
    ThreadGroup& group = my_group();
    bool reads = (flags & open_flags::ACCESS_MODE) != open_flags::WRITE_ONLY;
    if (!(flags & open_flags::NO_CTTY) && is_session_leader(group) && !group.tty && !tty.session && reads)
        attach(tty, group);
}

void hang_up(Tty& tty)
{
    if (pid_t session = tty.session) {
        for (Task& task : tasks::all()) {
            ThreadGroup* group = task.group.ptr();
            if (group && group->leader == &task && group->tgid == session && group->tty == &tty) {
                signal::send_to_group(*group, abi::SIGHUP, PendingInfo { abi::SI_KERNEL, 0, 0, 0 });
                signal::send_to_group(*group, abi::SIGCONT, PendingInfo { abi::SI_KERNEL, 0, 0, 0 });
            }
        }
        if (pid_t foreground = tty.foreground) {
            process_groups::signal(foreground, abi::SIGHUP);
            process_groups::signal(foreground, abi::SIGCONT);
        }
        detach_session(tty);
    }
    tty.hang_up();
}

// Linux hangs the terminal up here: the session's leaders get SIGHUP and
// SIGCONT (here, only the leader that exits, so nothing to send) and the
// foreground group SIGHUP.
void process_exiting(ThreadGroup& group)
{
    Tty* tty = group.tty;
    if (!tty || !is_session_leader(group) || tty->session != group.sid)
        return;
    if (tty->foreground)
        process_groups::signal(tty->foreground, abi::SIGHUP);
    detach_session(*tty);
}

} // namespace job_control
