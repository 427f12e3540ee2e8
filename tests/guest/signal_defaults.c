/* signal_defaults: what signals do when nobody catches them, and how a
 * parent sees it. Termination, core dumps, ignoring, stopping and
 * continuing, as wait statuses (waitpid and waitid) and as SIGCHLD;
 * children whose exit signal is not SIGCHLD; process groups and sessions;
 * SIGPIPE; the signals of faults (SIGSEGV, SIGFPE, SIGILL) with the
 * siginfo that says where and why; and init, which no process can stop
 * or kill.
 *
 * Every child that could hang on a broken kernel is waited for with a
 * bound and killed if it overstays.
 */
#include "bounded.h"

#include <limits.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/syscall.h>

#define EXEC_WAIT "exec-wait"

/* Linux's wait options for children whose exit signal is not SIGCHLD. */
#ifndef __WCLONE
#define __WCLONE 0x80000000
#endif
#ifndef __WALL
#define __WALL 0x40000000
#endif

static struct report {
    volatile int ready, go, ticks, cont_seen;
    volatile int ret, err, count, value;
    volatile int code[4];
    volatile uintptr_t addr[4], expect[4];
} *sh;

static volatile sig_atomic_t hits[65];

static void reset_report(void)
{
    memset((void *)sh, 0, sizeof *sh);
}

static void on_plain(int sig)
{
    hits[sig]++;
}

static int set_handler(int sig, void (*handler)(int), int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sa.sa_flags = flags;
    sigemptyset(&sa.sa_mask);
    return sigaction(sig, &sa, NULL);
}

static int set_info_handler(int sig, void (*handler)(int, siginfo_t *, void *), int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = handler;
    sa.sa_flags = flags | SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    return sigaction(sig, &sa, NULL);
}

/* A child that says it is ready and then idles (at most 30 s), counting
 * ticks so that the parent can see whether it runs. */
static pid_t fork_idler(int new_group)
{
    sh->ready = 0;
    sh->ticks = 0;
    pid_t pid = fork();
    if (pid == 0) {
        if (new_group)
            setpgid(0, 0);
        sh->ready = 1;
        for (int t = 0; t < 30000; t++) {
            sh->ticks++;
            msleep(1);
        }
        _exit(99);
    }
    if (pid > 0 && new_group)
        setpgid(pid, pid);
    if (pid > 0 && !wait_flag(&sh->ready, 1, 10000)) {
        kill(pid, SIGKILL);
        finish_child(pid, 10000);
        return -1;
    }
    return pid;
}

/* waitid with WNOHANG, polled for at most ms milliseconds until it
 * reports a child. Returns waitid's result; si->si_pid is 0 on a timeout. */
static int waitid_within(idtype_t type, id_t id, siginfo_t *si, int options, int ms)
{
    for (int waited = 0;; waited += 5) {
        memset(si, 0, sizeof *si);
        int r = waitid(type, id, si, options | WNOHANG);
        if (r < 0 && errno == EINTR)
            continue;
        if (r != 0 || si->si_pid != 0 || waited >= ms)
            return r;
        msleep(5);
    }
}

/* ---- termination and core dumps ------------------------------------------- */

static void test_terminate(void)
{
    pid_t pid = fork_idler(0);
    int k = pid > 0 ? kill(pid, SIGTERM) : -1;
    int status = pid > 0 ? finish_child(pid, 10000) : -1;
    if (!ok(k == 0 && killed_by(status, SIGTERM) && !WCOREDUMP(status),
            "SIGTERM terminates: WIFSIGNALED, WTERMSIG = SIGTERM, no core"))
        why("kill %d, child %s", k, outcome(status));
}

/* Core dumps are switched off in the child, so that the core bit is
 * expected exactly when the limit could not be lowered to 0 (Linux writes
 * no core file, and sets no core bit, with RLIMIT_CORE = 0). */
static int quit_child(void)
{
    struct rlimit zero = { 0, 0 }, now = { 1, 1 };
    setrlimit(RLIMIT_CORE, &zero);
    getrlimit(RLIMIT_CORE, &now);
    sh->value = now.rlim_cur > 0;
    raise(SIGQUIT);
    return 3;
}

static int abort_child(void)
{
    struct rlimit zero = { 0, 0 }, now = { 1, 1 };
    setrlimit(RLIMIT_CORE, &zero);
    getrlimit(RLIMIT_CORE, &now);
    sh->value = now.rlim_cur > 0;
    abort();
}

static void test_core_signals(void)
{
    reset_report();
    int status = run_bounded(quit_child, 10000);
    if (!ok(killed_by(status, SIGQUIT) && !!WCOREDUMP(status) == sh->value,
            "SIGQUIT terminates; the core bit is set only if RLIMIT_CORE > 0 (it was set to 0)"))
        why("child %s, core bit %d, core limit > 0: %d", outcome(status), !!WCOREDUMP(status), sh->value);

    reset_report();
    status = run_bounded(abort_child, 10000);
    if (!ok(killed_by(status, SIGABRT) && !!WCOREDUMP(status) == sh->value,
            "abort() terminates with SIGABRT; the core bit follows RLIMIT_CORE (0)"))
        why("child %s, core bit %d, core limit > 0: %d", outcome(status), !!WCOREDUMP(status), sh->value);
}

static int ignored_by_default(void)
{
    raise(SIGCHLD);
    raise(SIGURG);
    raise(SIGWINCH);
    kill(getpid(), SIGCHLD);
    return 0;
}

static void test_ignored(void)
{
    int status = run_bounded(ignored_by_default, 10000);
    if (!ok(exited_with(status, 0), "SIGCHLD, SIGURG and SIGWINCH are ignored by default"))
        why("child %s", outcome(status));
}

/* ---- SIGKILL and SIGSTOP cannot be caught --------------------------------- */

static void test_uncatchable(void)
{
    int bad = 0;
    const int sigs[2] = { SIGKILL, SIGSTOP };
    void (*const actions[2])(int) = { on_plain, SIG_IGN };
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++) {
            errno = 0;
            if (!(set_handler(sigs[i], actions[j], 0) == -1 && errno == EINVAL)) {
                bad++;
                diag("sigaction(%d, %s) did not give EINVAL (errno %d)", sigs[i], j ? "SIG_IGN" : "a handler",
                     errno);
            }
        }
    struct sigaction old;
    int q = sigaction(SIGKILL, NULL, &old);
    if (!ok(bad == 0 && q == 0 && old.sa_handler == SIG_DFL,
            "SIGKILL and SIGSTOP cannot be caught or ignored (EINVAL); reading them works"))
        why("%d refusals missing, reading SIGKILL's action %d", bad, q);
}

/* ---- stop and continue ----------------------------------------------------- */

static volatile sig_atomic_t chld_count, chld_codes, chld_pid, chld_status, chld_last_code;

static void on_chld(int sig, siginfo_t *si, void *context)
{
    (void)sig;
    (void)context;
    chld_count++;
    chld_codes |= 1 << si->si_code;
    chld_last_code = si->si_code;
    chld_pid = si->si_pid;
    chld_status = si->si_status;
}

static void on_cont(int sig)
{
    hits[sig]++;
    sh->cont_seen++;
}

static void test_stop_continue(void)
{
    chld_count = chld_codes = 0;
    set_info_handler(SIGCHLD, on_chld, 0);
    set_handler(SIGCONT, on_cont, 0); /* inherited by the child */
    pid_t pid = fork_idler(0);
    set_handler(SIGCONT, SIG_DFL, 0);
    if (pid < 0) {
        for (int i = 0; i < 7; i++)
            ok(0, "stop and continue: no child (fork failed)");
        return;
    }

    kill(pid, SIGSTOP);
    siginfo_t si;
    int w = waitid_within(P_PID, (id_t)pid, &si, WSTOPPED | WNOWAIT, 10000);
    int stopped = w == 0 && si.si_pid == pid && si.si_code == CLD_STOPPED && si.si_status == SIGSTOP;
    int status = 0;
    pid_t plain = waitpid(pid, &status, WNOHANG);
    if (!ok(stopped && plain == 0, "a SIGSTOP stop is seen by waitid(WSTOPPED) but not by waitpid without WUNTRACED"))
        why("waitid %d: si_pid %d, si_code %d, si_status %d; waitpid(WNOHANG) %d", w, si.si_pid, si.si_code,
            si.si_status, plain);

    int t1 = sh->ticks;
    msleep(200);
    int t2 = sh->ticks;
    if (!ok(stopped && t1 == t2, "a stopped process does not run"))
        why("its tick count went from %d to %d in 200 ms", t1, t2);

    pid_t r = wait_within(pid, &status, WUNTRACED, 10000);
    if (!ok(r == pid && WIFSTOPPED(status) && WSTOPSIG(status) == SIGSTOP,
            "waitpid(WUNTRACED) reports the stop: WIFSTOPPED, WSTOPSIG = SIGSTOP"))
        why("waitpid returned %d, status %#x", r, status);

    wait_flag((volatile int *)&chld_count, 1, 5000);
    if (!ok((chld_codes & (1 << CLD_STOPPED)) && chld_pid == pid && chld_status == SIGSTOP,
            "the parent gets SIGCHLD with CLD_STOPPED and the stop signal"))
        why("SIGCHLD count %d, codes seen %#x, last si_pid %d si_status %d", chld_count, chld_codes, chld_pid,
            chld_status);

    kill(pid, SIGCONT);
    r = wait_within(pid, &status, WCONTINUED, 10000);
    int resumed = wait_flag(&sh->cont_seen, 1, 10000) && wait_flag(&sh->ticks, t2 + 10, 10000);
    if (!ok(r == pid && WIFCONTINUED(status) && resumed,
            "SIGCONT resumes it (its handler runs) and waitpid(WCONTINUED) reports WIFCONTINUED"))
        why("waitpid returned %d, status %#x; handler ran %d times, ticks %d (were %d)", r, status, sh->cont_seen,
            sh->ticks, t2);

    wait_flag((volatile int *)&chld_count, 2, 5000);
    if (!ok((chld_codes & (1 << CLD_CONTINUED)) && chld_pid == pid, "the parent gets SIGCHLD with CLD_CONTINUED"))
        why("codes seen %#x", chld_codes);

    kill(pid, SIGSTOP);
    r = wait_within(pid, &status, WUNTRACED, 10000);
    kill(pid, SIGKILL);
    int end = finish_child(pid, 10000);
    if (!ok(r == pid && WIFSTOPPED(status) && killed_by(end, SIGKILL), "SIGKILL ends a stopped process"))
        why("stop: %d status %#x; then %s", r, status, outcome(end));
    set_handler(SIGCHLD, SIG_DFL, 0);
}

static void test_tstp(void)
{
    pid_t pid = fork_idler(1);
    int k = pid > 0 ? kill(pid, SIGTSTP) : -1;
    int status = 0;
    pid_t r = pid > 0 ? wait_within(pid, &status, WUNTRACED, 10000) : -1;
    if (!ok(k == 0 && r == pid && WIFSTOPPED(status) && WSTOPSIG(status) == SIGTSTP,
            "SIGTSTP stops a process (in a group that is not orphaned)"))
        why("kill %d, waitpid %d, status %#x", k, r, status);
    if (pid > 0) {
        kill(pid, SIGKILL);
        finish_child(pid, 10000);
    }
}

/* ---- SIGCHLD, exit signals, waitid ------------------------------------------ */

static void test_sigchld(void)
{
    chld_count = chld_codes = 0;
    set_info_handler(SIGCHLD, on_chld, SA_RESTART);
    pid_t pid = fork();
    if (pid == 0)
        _exit(7);
    int got = wait_flag((volatile int *)&chld_count, 1, 10000);
    if (!ok(got && chld_last_code == CLD_EXITED && chld_pid == pid && chld_status == 7,
            "a parent gets SIGCHLD when a child exits: CLD_EXITED, si_pid, si_status = exit code"))
        why("SIGCHLD count %d, si_code %d, si_pid %d (child %d), si_status %d", chld_count, chld_last_code, chld_pid,
            pid, chld_status);
    finish_child(pid, 10000);

    chld_count = 0;
    pid = fork_idler(0);
    if (pid > 0)
        kill(pid, SIGTERM);
    got = wait_flag((volatile int *)&chld_count, 1, 10000);
    if (!ok(pid > 0 && got && chld_last_code == CLD_KILLED && chld_pid == pid && chld_status == SIGTERM,
            "for a child killed by a signal: CLD_KILLED and the signal"))
        why("SIGCHLD count %d, si_code %d, si_pid %d, si_status %d", chld_count, chld_last_code, chld_pid,
            chld_status);
    if (pid > 0)
        finish_child(pid, 10000);
    set_handler(SIGCHLD, SIG_DFL, 0);
}

/* With SIGCHLD ignored, children are reaped as they exit: wait finds none. */
static int ignore_chld(void)
{
    set_handler(SIGCHLD, SIG_IGN, 0);
    pid_t pid = fork();
    if (pid == 0)
        _exit(0);
    int status;
    errno = 0;
    pid_t r;
    do
        r = waitpid(pid, &status, 0);
    while (r < 0 && errno == EINTR);
    sh->ret = r;
    sh->err = errno;
    return 0;
}

static void test_ignored_sigchld(void)
{
    reset_report();
    int status = run_bounded(ignore_chld, 10000);
    if (!ok(exited_with(status, 0) && sh->ret == -1 && sh->err == ECHILD,
            "with SIGCHLD ignored, an exited child is reaped at once: waitpid gives ECHILD"))
        why("child %s, waitpid returned %d errno %d", outcome(status), sh->ret, sh->err);
}

/* clone(2) with exit signal SIGUSR1 and without CLONE_VM: the child has a
 * copy of memory and starts on the same stack address, like fork. */
static pid_t clone_usr1_child(int code)
{
    long pid = syscall(SYS_clone, SIGUSR1, 0, 0, 0, 0);
    if (pid == 0)
        _exit(code);
    return (pid_t)pid;
}

static void test_clone_exit_signal(void)
{
    hits[SIGUSR1] = 0;
    hits[SIGCHLD] = 0;
    set_handler(SIGUSR1, on_plain, SA_RESTART);
    set_handler(SIGCHLD, on_plain, SA_RESTART);
    pid_t pid = clone_usr1_child(5);
    int status = 0;
    errno = 0;
    pid_t plain = pid > 0 ? waitpid(pid, &status, WNOHANG) : 0;
    int e = errno;
    if (!ok(pid > 0 && plain == -1 && e == ECHILD,
            "a child whose exit signal is not SIGCHLD is invisible to waitpid without __WCLONE (ECHILD)"))
        why("clone returned %d, waitpid %d errno %d", pid, plain, e);

    pid_t r = pid > 0 ? wait_within(pid, &status, __WCLONE, 10000) : -1;
    if (!ok(r == pid && exited_with(status, 5), "waitpid(__WCLONE) reaps it with its exit status"))
        why("waitpid returned %d (errno %d), %s", r, errno, status_text(status));
    wait_flag(&hits[SIGUSR1], 1, 5000);
    if (!ok(hits[SIGUSR1] == 1 && hits[SIGCHLD] == 0, "its exit sends the parent SIGUSR1, not SIGCHLD"))
        why("SIGUSR1 %d times, SIGCHLD %d times", hits[SIGUSR1], hits[SIGCHLD]);

    pid = clone_usr1_child(6);
    r = pid > 0 ? wait_within(pid, &status, __WALL, 10000) : -1;
    if (!ok(r == pid && exited_with(status, 6), "waitpid(__WALL) reaps such a child too"))
        why("clone %d, waitpid %d (errno %d), %s", pid, r, errno, status_text(status));
    wait_flag(&hits[SIGUSR1], 2, 5000);
    set_handler(SIGUSR1, SIG_DFL, 0);
    set_handler(SIGCHLD, SIG_DFL, 0);
}

static void test_waitid(void)
{
    pid_t pid = fork();
    if (pid == 0)
        _exit(9);
    siginfo_t si;
    int r = waitid_within(P_PID, (id_t)pid, &si, WEXITED | WNOWAIT, 10000);
    int status = 0;
    pid_t again = wait_within(pid, &status, 0, 10000);
    if (!ok(r == 0 && si.si_signo == SIGCHLD && si.si_code == CLD_EXITED && si.si_pid == pid && si.si_status == 9 &&
                si.si_uid == getuid(),
            "waitid(P_PID, WEXITED): SIGCHLD, CLD_EXITED, si_pid, si_uid, si_status = exit code"))
        why("returned %d: signo %d code %d pid %d uid %d status %d", r, si.si_signo, si.si_code, si.si_pid,
            (int)si.si_uid, si.si_status);
    if (!ok(again == pid && exited_with(status, 9), "WNOWAIT leaves the child waitable: waitpid then reaps it"))
        why("waitpid returned %d, %s", again, status_text(status));

    pid = fork();
    if (pid == 0)
        _exit(3);
    r = waitid_within(P_ALL, 0, &si, WEXITED, 10000);
    if (!ok(r == 0 && si.si_pid == pid && si.si_status == 3, "waitid(P_ALL) reaps any child"))
        why("returned %d, si_pid %d (child %d), si_status %d", r, si.si_pid, pid, si.si_status);

    reset_report();
    pid = fork();
    if (pid == 0) {
        setpgid(0, 0);
        sh->ready = 1;
        wait_flag(&sh->go, 1, 10000);
        _exit(4);
    }
    if (pid > 0)
        setpgid(pid, pid);
    wait_flag(&sh->ready, 1, 10000);
    sh->go = 1;
    r = waitid_within(P_PGID, (id_t)pid, &si, WEXITED, 10000);
    if (!ok(r == 0 && si.si_pid == pid && si.si_status == 4, "waitid(P_PGID) reaps a child of that group"))
        why("returned %d, si_pid %d (child %d), si_status %d", r, si.si_pid, pid, si.si_status);

    pid = fork_idler(0);
    memset(&si, 0, sizeof si);
    si.si_pid = 12345;
    r = pid > 0 ? waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG) : -1;
    if (!ok(r == 0 && si.si_pid == 0, "waitid(WNOHANG) with nothing to report returns 0 and si_pid 0"))
        why("returned %d (errno %d), si_pid %d", r, errno, si.si_pid);

    if (pid > 0)
        kill(pid, SIGSTOP);
    r = pid > 0 ? waitid_within(P_PID, (id_t)pid, &si, WSTOPPED, 10000) : -1;
    if (!ok(r == 0 && si.si_pid == pid && si.si_code == CLD_STOPPED && si.si_status == SIGSTOP,
            "waitid(WSTOPPED) reports a stopped child: CLD_STOPPED, SIGSTOP"))
        why("returned %d, si_pid %d, si_code %d, si_status %d", r, si.si_pid, si.si_code, si.si_status);
    if (pid > 0)
        kill(pid, SIGKILL);
    r = pid > 0 ? waitid_within(P_PID, (id_t)pid, &si, WEXITED, 10000) : -1;
    if (!ok(r == 0 && si.si_pid == pid && si.si_code == CLD_KILLED && si.si_status == SIGKILL,
            "waitid(WEXITED) reports a killed child: CLD_KILLED, SIGKILL"))
        why("returned %d, si_pid %d, si_code %d, si_status %d", r, si.si_pid, si.si_code, si.si_status);

    errno = 0;
    int none = waitid(P_ALL, 0, &si, WNOHANG);
    int e1 = errno;
    errno = 0;
    int other = waitid(P_PID, 1, &si, WEXITED | WNOHANG);
    int e2 = errno;
    errno = 0;
    int badtype = waitid((idtype_t)99, 0, &si, WEXITED | WNOHANG);
    int e3 = errno;
    if (!ok(none == -1 && e1 == EINVAL && other == -1 && e2 == ECHILD && badtype == -1 && e3 == EINVAL,
            "waitid: no event option or a bad id type gives EINVAL, a process that is not a child ECHILD"))
        why("no options %d/%d, pid 1 %d/%d, type 99 %d/%d", none, e1, other, e2, badtype, e3);
}

/* ---- process groups and sessions ------------------------------------------- */

static int new_group(void)
{
    sh->ret = setpgid(0, 0);
    sh->value = getpgid(0) == getpid() && getpgrp() == getpid();
    return 0;
}

static pid_t other_group;

static int join_group(void)
{
    sh->ret = setpgid(0, other_group);
    sh->value = getpgrp() == other_group && getpgid(0) == other_group;
    return 0;
}

static int unused_pid;

static int join_missing_group(void)
{
    errno = 0;
    sh->ret = setpgid(0, unused_pid);
    sh->err = errno;
    return 0;
}

static int new_session(void)
{
    pid_t me = getpid();
    sh->code[0] = setsid() == me;
    sh->code[1] = getsid(0) == me && getsid(me) == me;
    sh->code[2] = getpgrp() == me;
    errno = 0;
    sh->ret = setsid();
    sh->err = errno;
    return 0;
}

static int leader_setsid(void)
{
    if (setpgid(0, 0) != 0)
        return 10;
    errno = 0;
    sh->ret = setsid();
    sh->err = errno;
    return 0;
}

static void test_groups_and_sessions(const char *self)
{
    pid_t me = getpid();
    if (!ok(getpgrp() == getpgid(0) && getpgid(0) == getpgid(me) && getsid(0) == getsid(me) && getsid(0) >= 0,
            "getpgrp() = getpgid(0) = getpgid(getpid()); getsid(0) = getsid(getpid())"))
        why("getpgrp %d, getpgid(0) %d, getpgid(me) %d, getsid(0) %d, getsid(me) %d", getpgrp(), getpgid(0),
            getpgid(me), getsid(0), getsid(me));

    reset_report();
    int status = run_bounded(new_group, 10000);
    if (!ok(exited_with(status, 0) && sh->ret == 0 && sh->value, "setpgid(0, 0) makes a process a group leader"))
        why("child %s, setpgid %d, getpgid/getpgrp agree %d", outcome(status), sh->ret, sh->value);

    /* A sibling's group: the same session, another group. */
    reset_report();
    other_group = fork_idler(1);
    status = other_group > 0 ? run_bounded(join_group, 10000) : -1;
    if (!ok(exited_with(status, 0) && sh->ret == 0 && sh->value,
            "setpgid can move a process into another group of its session"))
        why("child %s, setpgid(0, %d) %d, moved %d", outcome(status), other_group, sh->ret, sh->value);
    if (other_group > 0) {
        kill(other_group, SIGKILL);
        finish_child(other_group, 10000);
    }

    pid_t gone = fork();
    if (gone == 0)
        _exit(0);
    finish_child(gone, 10000);
    unused_pid = gone;
    reset_report();
    status = run_bounded(join_missing_group, 10000);
    errno = 0;
    int bad = setpgid(0, -1);
    int e1 = errno;
    errno = 0;
    int init = setpgid(1, 1);
    int e2 = errno;
    if (!ok(exited_with(status, 0) && sh->ret == -1 && sh->err == EPERM,
            "setpgid to a group that does not exist gives EPERM"))
        why("child %s, setpgid(0, %d) %d errno %d", outcome(status), gone, sh->ret, sh->err);
    if (!ok(bad == -1 && e1 == EINVAL && init == -1 && e2 == ESRCH,
            "setpgid with a negative pgid gives EINVAL; of a process that is not a child, ESRCH"))
        why("setpgid(0, -1) %d/%d, setpgid(1, 1) %d/%d", bad, e1, init, e2);

    errno = 0;
    int gs = getsid(gone);
    int e3 = errno;
    errno = 0;
    int gp = getpgid(gone);
    int e4 = errno;
    if (!ok(gs == -1 && e3 == ESRCH && gp == -1 && e4 == ESRCH, "getsid and getpgid of no process give ESRCH"))
        why("getsid %d/%d, getpgid %d/%d", gs, e3, gp, e4);

    reset_report();
    status = run_bounded(new_session, 10000);
    if (!ok(exited_with(status, 0) && sh->code[0] && sh->code[1] && sh->code[2],
            "setsid in a child makes it the leader of a new session and group"))
        why("child %s: setsid = pid %d, getsid %d, getpgrp %d", outcome(status), sh->code[0], sh->code[1],
            sh->code[2]);
    if (!ok(sh->ret == -1 && sh->err == EPERM, "setsid by a session leader gives EPERM"))
        why("second setsid %d errno %d", sh->ret, sh->err);

    reset_report();
    status = run_bounded(leader_setsid, 10000);
    if (!ok(exited_with(status, 0) && sh->ret == -1 && sh->err == EPERM,
            "setsid by a process group leader gives EPERM"))
        why("child %s, setsid %d errno %d", outcome(status), sh->ret, sh->err);

    /* A child in a session of its own cannot be moved by its parent. */
    reset_report();
    pid_t pid = fork();
    if (pid == 0) {
        setsid();
        sh->ready = 1;
        for (int t = 0; t < 3000; t++)
            msleep(10);
        _exit(0);
    }
    int ready = pid > 0 && wait_flag(&sh->ready, 1, 10000);
    errno = 0;
    int own = ready ? setpgid(pid, pid) : 0;
    int e5 = errno;
    errno = 0;
    int mine = ready ? setpgid(pid, getpgrp()) : 0;
    int e6 = errno;
    int sid = ready ? getsid(pid) : 0;
    if (!ok(ready && own == -1 && e5 == EPERM && mine == -1 && e6 == EPERM && sid == pid,
            "setpgid of a child in another session gives EPERM (its getsid is its pid)"))
        why("ready %d; setpgid(child, child) %d/%d; setpgid(child, mine) %d/%d; getsid %d", ready, own, e5, mine, e6,
            sid);
    if (pid > 0) {
        kill(pid, SIGKILL);
        finish_child(pid, 10000);
    }

    /* After the child has called execve, its parent can no longer change
     * its group. The new image says it runs with SIGUSR2. */
    hits[SIGUSR2] = 0;
    set_handler(SIGUSR2, on_plain, SA_RESTART);
    pid = fork();
    if (pid == 0) {
        char *argv[] = { (char *)self, EXEC_WAIT, NULL };
        char *envp[] = { NULL };
        execve(self, argv, envp);
        _exit(100);
    }
    int said = pid > 0 && wait_flag(&hits[SIGUSR2], 1, 20000);
    errno = 0;
    int result = said ? setpgid(pid, pid) : -100;
    int e7 = errno;
    if (pid > 0) {
        kill(pid, SIGKILL);
        finish_child(pid, 10000);
    }
    set_handler(SIGUSR2, SIG_DFL, 0);
    if (!ok(said && result == -1 && e7 == EACCES, "setpgid of a child that has called execve gives EACCES"))
        why("the new image said so: %d; setpgid %d errno %d", said, result, e7);
}

/* ---- SIGPIPE ------------------------------------------------------------------ */

static int pipe_writer(int mode)
{
    int p[2];
    if (pipe(p) != 0)
        return 10;
    close(p[0]);
    if (mode == 1)
        set_handler(SIGPIPE, SIG_IGN, 0);
    if (mode == 2)
        set_handler(SIGPIPE, on_plain, 0);
    errno = 0;
    sh->ret = (int)write(p[1], "x", 1);
    sh->err = errno;
    sh->count = hits[SIGPIPE];
    return 0;
}

static int pipe_default(void)
{
    return pipe_writer(0);
}

static int pipe_ignored(void)
{
    return pipe_writer(1);
}

static int pipe_caught(void)
{
    return pipe_writer(2);
}

static void test_sigpipe(void)
{
    reset_report();
    int status = run_bounded(pipe_default, 10000);
    if (!ok(killed_by(status, SIGPIPE), "writing to a pipe with no reader kills with SIGPIPE"))
        why("child %s", outcome(status));

    reset_report();
    status = run_bounded(pipe_ignored, 10000);
    if (!ok(exited_with(status, 0) && sh->ret == -1 && sh->err == EPIPE, "with SIGPIPE ignored, the write gives EPIPE"))
        why("child %s, write %d errno %d", outcome(status), sh->ret, sh->err);

    reset_report();
    status = run_bounded(pipe_caught, 10000);
    if (!ok(exited_with(status, 0) && sh->ret == -1 && sh->err == EPIPE && sh->count == 1,
            "with SIGPIPE caught, the handler runs and the write gives EPIPE"))
        why("child %s, write %d errno %d, handled %d", outcome(status), sh->ret, sh->err, sh->count);
}

/* ---- faults ---------------------------------------------------------------------- */

/* do_ud2() executes ud2 at ud2_at; do_idiv(a, b) divides with idivl at
 * idiv_at. Labels, so that the test knows the address of the fault. */
__asm__(".text\n"
        ".globl do_ud2\n"
        "do_ud2:\n"
        ".globl ud2_at\n"
        "ud2_at:\n"
        "    ud2\n"
        "    ret\n"
        ".globl do_idiv\n"
        "do_idiv:\n"
        "    movl 4(%esp), %eax\n"
        "    cltd\n"
        ".globl idiv_at\n"
        "idiv_at:\n"
        "    idivl 8(%esp)\n"
        "    ret\n");
void do_ud2(void);
int do_idiv(int a, int b);
extern char ud2_at[], idiv_at[];

static sigjmp_buf jump;
static volatile int fault_n;

static void on_fault(int sig, siginfo_t *si, void *context)
{
    (void)context;
    int n = fault_n++;
    if (n < 4) {
        sh->code[n] = sig << 8 | (si->si_code & 0xff);
        sh->addr[n] = (uintptr_t)si->si_addr;
    }
    siglongjmp(jump, 1);
}

static int segv_faults(void)
{
    set_info_handler(SIGSEGV, on_fault, 0);
    char *p = mmap(NULL, 8192, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return 10;
    sh->expect[0] = (uintptr_t)(p + 123);
    if (sigsetjmp(jump, 1) == 0)
        sh->value = *(volatile char *)(p + 123);

    mprotect(p, 4096, PROT_READ);
    sh->expect[1] = (uintptr_t)(p + 4000);
    if (sigsetjmp(jump, 1) == 0)
        *(volatile char *)(p + 4000) = 1;

    munmap(p, 8192);
    sh->expect[2] = (uintptr_t)(p + 5000);
    if (sigsetjmp(jump, 1) == 0)
        *(volatile char *)(p + 5000) = 1;
    sh->count = fault_n;
    return 0;
}

static int arith_faults(void)
{
    set_info_handler(SIGFPE, on_fault, 0);
    set_info_handler(SIGILL, on_fault, 0);
    if (sigsetjmp(jump, 1) == 0)
        sh->value = do_idiv(1, 0);
    if (sigsetjmp(jump, 1) == 0)
        sh->value = do_idiv(INT_MIN, -1);
    if (sigsetjmp(jump, 1) == 0)
        do_ud2();
    sh->count = fault_n;
    return 0;
}

static volatile uintptr_t null_address = 0;

static int segv_blocked(void)
{
    set_info_handler(SIGSEGV, on_fault, 0);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGSEGV);
    sigprocmask(SIG_BLOCK, &set, NULL);
    return *(volatile int *)null_address == 0 ? 3 : 4;
}

static int segv_ignored(void)
{
    set_handler(SIGSEGV, SIG_IGN, 0);
    return *(volatile int *)null_address == 0 ? 3 : 4;
}

static int ud2_uncaught(void)
{
    do_ud2();
    return 3;
}

#define SIGCODE(sig, code) ((sig) << 8 | (code))

static void test_faults(void)
{
    reset_report();
    fault_n = 0;
    int status = run_bounded(segv_faults, 10000);
    int okay = exited_with(status, 0) && sh->count == 3;
    if (!ok(okay && sh->code[0] == SIGCODE(SIGSEGV, SEGV_ACCERR) && sh->addr[0] == sh->expect[0],
            "reading a PROT_NONE page: SIGSEGV, SEGV_ACCERR, si_addr the faulting address"))
        why("child %s, %d faults; code %#x, si_addr %#lx (want %#lx)", outcome(status), sh->count, sh->code[0],
            (unsigned long)sh->addr[0], (unsigned long)sh->expect[0]);
    if (!ok(okay && sh->code[1] == SIGCODE(SIGSEGV, SEGV_ACCERR) && sh->addr[1] == sh->expect[1],
            "writing a read-only page: SEGV_ACCERR at the faulting address (the handler ran again after siglongjmp)"))
        why("code %#x, si_addr %#lx (want %#lx)", sh->code[1], (unsigned long)sh->addr[1],
            (unsigned long)sh->expect[1]);
    if (!ok(okay && sh->code[2] == SIGCODE(SIGSEGV, SEGV_MAPERR) && sh->addr[2] == sh->expect[2],
            "writing an unmapped page: SEGV_MAPERR at the faulting address"))
        why("code %#x, si_addr %#lx (want %#lx)", sh->code[2], (unsigned long)sh->addr[2],
            (unsigned long)sh->expect[2]);

    reset_report();
    fault_n = 0;
    status = run_bounded(arith_faults, 10000);
    okay = exited_with(status, 0) && sh->count == 3;
    if (!ok(okay && sh->code[0] == SIGCODE(SIGFPE, FPE_INTDIV) && sh->addr[0] == (uintptr_t)idiv_at,
            "integer division by zero: SIGFPE, FPE_INTDIV, si_addr the idiv instruction"))
        why("child %s, %d faults; code %#x, si_addr %#lx (idiv at %p)", outcome(status), sh->count, sh->code[0],
            (unsigned long)sh->addr[0], (void *)idiv_at);
    if (!ok(okay && sh->code[1] == SIGCODE(SIGFPE, FPE_INTDIV), "INT_MIN / -1 also raises SIGFPE (FPE_INTDIV)"))
        why("code %#x", sh->code[1]);
    if (!ok(okay && sh->code[2] == SIGCODE(SIGILL, ILL_ILLOPN) && sh->addr[2] == (uintptr_t)ud2_at,
            "ud2: SIGILL, ILL_ILLOPN, si_addr the instruction"))
        why("code %#x, si_addr %#lx (ud2 at %p)", sh->code[2], (unsigned long)sh->addr[2], (void *)ud2_at);

    reset_report();
    int blocked = run_bounded(segv_blocked, 10000);
    int ignored = run_bounded(segv_ignored, 10000);
    if (!ok(killed_by(blocked, SIGSEGV) && killed_by(ignored, SIGSEGV) && sh->code[0] == 0,
            "a fault kills with SIGSEGV even when SIGSEGV is blocked or ignored"))
        why("blocked: %s; ignored: %s", outcome(blocked), outcome(ignored));

    status = run_bounded(ud2_uncaught, 10000);
    if (!ok(killed_by(status, SIGILL), "an uncaught ud2 kills with SIGILL"))
        why("child %s", outcome(status));
}

/* The state letter of /proc/<pid>/stat, or 0. */
static char state_of(pid_t pid)
{
    char path[64], text[256] = { 0 };
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = 0;
    const char *p = strrchr(text, ')');
    return p && p[1] == ' ' ? p[2] : 0;
}

/* Init (pid 1) takes only the signals it has handlers for: SIGSTOP and
 * SIGKILL from a process, even root, do nothing to it. */
static void test_init_protected(void)
{
    int r = kill(1, SIGSTOP);
    msleep(100);
    char state = state_of(1);
    if (!ok(r == 0 && state && state != 'T', "kill(1, SIGSTOP) succeeds and does not stop init (state %c)", state))
        why("kill returned %d errno %d", r, errno);
    if (state == 'T')
        kill(1, SIGCONT);
    r = kill(1, SIGKILL);
    int t = (int)syscall(SYS_tgkill, 1, 1, SIGKILL);
    msleep(100);
    state = state_of(1);
    if (!ok(r == 0 && t == 0 && kill(1, 0) == 0 && state && state != 'Z',
            "kill and tgkill of init with SIGKILL succeed, and init lives on (state %c)", state))
        why("kill %d, tgkill %d, errno %d", r, t, errno);
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], EXEC_WAIT)) {
        /* A new image: tell the parent, then idle until it kills us. */
        kill(getppid(), SIGUSR2);
        for (int t = 0; t < 3000; t++)
            msleep(10);
        return 0;
    }
    sh = shared_memory(sizeof *sh);
    if (!sh) {
        diag("mmap(MAP_SHARED | MAP_ANONYMOUS) failed, errno %d", errno);
        return 1;
    }

    plan(53);
    test_terminate();            /* 1 */
    test_core_signals();         /* 2 */
    test_ignored();              /* 1 */
    test_uncatchable();          /* 1 */
    test_stop_continue();        /* 7 */
    test_tstp();                 /* 1 */
    test_sigchld();              /* 2 */
    test_ignored_sigchld();      /* 1 */
    test_clone_exit_signal();    /* 4 */
    test_waitid();               /* 8 */
    test_groups_and_sessions(argv[0]); /* 11 */
    test_sigpipe();              /* 3 */
    test_faults();               /* 8 */
    test_init_protected();       /* 2 */
    errno = 0;
    pid_t left = wait(NULL);
    if (!ok(left == -1 && errno == ECHILD, "no child is left over at the end"))
        why("wait returned %d", left);
    return done();
}
