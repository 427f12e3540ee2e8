// Job control: sessions, controlling terminals and the foreground process
// group, as Linux has them.
//
// A session (setsid) may have one controlling terminal; every process of
// the session shares it (ThreadGroup::tty, inherited by fork, dropped by
// setsid). The session leader gets it with TIOCSCTTY, or by opening a
// terminal (not /dev/console) without O_NOCTTY when it has none. Of the
// session's process groups one is in the foreground (TIOCSPGRP, which is
// tcsetpgrp): it gets the terminal's signals (Ctrl-C, Ctrl-Z, Ctrl-\) and
// may read. The others are in the background: a read stops them with
// SIGTTIN, and so do a write with TOSTOP and a change of the terminal's
// settings, with SIGTTOU. When the session leader exits, the foreground
// group gets SIGHUP and the terminal is free again.
#pragma once

#include <kernel/signal/thread_group.h>
#include <kernel/tty/tty.h>

namespace job_control {

// May the calling process go on with an operation on `tty` (a read:
// SIGTTIN; a write with TOSTOP or a change of settings: SIGTTOU)? Yes
// unless `tty` is its controlling terminal and it is in a background
// process group: then its group gets the signal, and the call is
// restarted once the group continues (restart::SYS). EIO instead if that
// signal could not stop it (SIGTTIN ignored or blocked; an orphaned
// group); an ignored or blocked SIGTTOU lets the operation go ahead.
ErrorOr<void> check_background(Tty&, int signal);

// May the caller push input into `tty` (TIOCSTI)? Its controlling
// terminal, or with CAP_SYS_ADMIN.
bool may_inject(const Tty&);

// The ioctls of sessions and process groups: TIOCSCTTY, TIOCNOTTY,
// TIOCGPGRP, TIOCSPGRP, TIOCGSID. ENOTTY for any other request.
ErrorOr<i32> ioctl(Tty&, u32 request, uptr argument);

// open(2) of a terminal that can become the controlling one (not
// /dev/console or /dev/tty): a session leader without one gets `tty`,
// unless O_NOCTTY, the terminal has a session already, or it is not
// opened for reading.
void opened(Tty&, u32 open_flags);

// The terminal's other side is gone (a pty's master closed): it hangs
// up. The session leader gets SIGHUP and SIGCONT, as on Linux, and so does
// the foreground group (Linux signals it later, when the leader exits and
// so leaves the session); the session loses the terminal, and every read
// and write of it ends (Tty::hang_up).
void hang_up(Tty&);

// The last thread of `group` exits: if it leads a session with a
// controlling terminal, the terminal's foreground group gets SIGHUP and
// the session loses the terminal.
void process_exiting(ThreadGroup& group);

} // namespace job_control
