/* signals: catching signals as a program sees it. Handlers with and
 * without SA_SIGINFO and what siginfo says about the sender; the
 * SA_RESETHAND, SA_NODEFER, SA_RESTART and SA_ONSTACK flags; masks,
 * pending signals and their delivery on unblock; sigsuspend, pause and
 * alarm; kill to a process, a group and nobody; tkill and tgkill; the
 * legacy signal(); interval timers; what execve keeps and resets; and the
 * registers and the FPU state of the interrupted code, which a handler
 * must not disturb.
 *
 * Built twice: against musl (signals) and against glibc (signals_glibc);
 * both return from handlers without SA_SIGINFO through the old sigreturn
 * call (119) and from the others through rt_sigreturn (173), and each has
 * its own signal() and raise(). Steps that block run in child processes
 * that the test waits for with a bound, so a lost signal shows as
 * "not ok", not as a hang.
 */
#include "bounded.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/time.h>

#define EXEC_CHECK "exec-check"

/* What children report; in memory shared with them. */
static struct report {
    volatile int ready;
    volatile int ret, err, before, after, count, flags;
    volatile int status[2];
} *sh;

static volatile sig_atomic_t hits[65];
static volatile sig_atomic_t depth, max_depth;
static siginfo_t last_info;
static volatile int handler_mask_has[65];

static void on_plain(int sig)
{
    hits[sig]++;
}

static void on_info(int sig, siginfo_t *si, void *context)
{
    (void)context;
    hits[sig]++;
    last_info = *si;
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

static void change_mask(int how, int sig)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(how, &set, NULL);
}

static int is_blocked(int sig)
{
    sigset_t now;
    sigprocmask(SIG_BLOCK, NULL, &now);
    return sigismember(&now, sig);
}

static int is_pending(int sig)
{
    sigset_t set;
    sigemptyset(&set);
    sigpending(&set);
    return sigismember(&set, sig);
}

static void reset_report(void)
{
    memset((void *)sh, 0, sizeof *sh);
}

/* ---- SA_SIGINFO and the sender ------------------------------------------ */

static void test_siginfo_kill(void)
{
    hits[SIGUSR1] = 0;
    memset(&last_info, 0, sizeof last_info);
    set_info_handler(SIGUSR1, on_info, 0);
    int r = kill(getpid(), SIGUSR1);
    if (!ok(r == 0 && hits[SIGUSR1] == 1, "kill to oneself runs the SA_SIGINFO handler once, before kill returns"))
        why("kill returned %d, handler ran %d times", r, hits[SIGUSR1]);
    if (!ok(last_info.si_signo == SIGUSR1 && last_info.si_code == SI_USER && last_info.si_pid == getpid() &&
                last_info.si_uid == getuid(),
            "siginfo of kill: si_signo, si_code SI_USER, si_pid and si_uid of the sender"))
        why("si_signo %d, si_code %d, si_pid %d (want %d), si_uid %d", last_info.si_signo, last_info.si_code,
            last_info.si_pid, getpid(), (int)last_info.si_uid);

    struct sigaction old;
    memset(&old, 0, sizeof old);
    r = sigaction(SIGUSR1, NULL, &old);
    if (!ok(r == 0 && old.sa_sigaction == on_info && (old.sa_flags & SA_SIGINFO),
            "sigaction reads back the installed handler and SA_SIGINFO"))
        why("returned %d, handler %p, flags 0x%x", r, (void *)old.sa_sigaction, (unsigned)old.sa_flags);
    set_handler(SIGUSR1, on_plain, 0);
}

/* As user 65534: signalling a root process is refused; signalling oneself
 * works, and the receiver sees the sender's real uid. */
static int non_root_sender(void)
{
    if (setuid(65534) != 0)
        return 10;
    errno = 0;
    sh->ret = kill(getppid(), SIGUSR1);
    sh->err = errno;
    hits[SIGUSR1] = 0;
    set_info_handler(SIGUSR1, on_info, 0);
    kill(getpid(), SIGUSR1);
    sh->count = hits[SIGUSR1];
    sh->after = (int)last_info.si_uid;
    return 0;
}

static void test_non_root_sender(void)
{
    reset_report();
    hits[SIGUSR1] = 0;
    int status = run_bounded(non_root_sender, 10000);
    if (!ok(exited_with(status, 0) && sh->ret == -1 && sh->err == EPERM && hits[SIGUSR1] == 0,
            "an unprivileged process cannot signal a root process (EPERM)"))
        why("child %s, kill returned %d errno %d, parent's handler ran %d times", outcome(status), sh->ret, sh->err,
            hits[SIGUSR1]);
    if (!ok(sh->count == 1 && sh->after == 65534, "si_uid is the sender's uid (65534)"))
        why("handler ran %d times, si_uid %d", sh->count, sh->after);
}

/* ---- SA_RESETHAND and SA_NODEFER ---------------------------------------- */

static int reset_hand(void)
{
    hits[SIGUSR1] = 0;
    if (set_handler(SIGUSR1, on_plain, SA_RESETHAND) != 0)
        return 10;
    raise(SIGUSR1);
    struct sigaction now;
    sigaction(SIGUSR1, NULL, &now);
    sh->count = hits[SIGUSR1];
    sh->flags = now.sa_handler == SIG_DFL;
    raise(SIGUSR1); /* the default action now: termination */
    return 0;
}

static void test_resethand(void)
{
    reset_report();
    int status = run_bounded(reset_hand, 10000);
    if (!ok(sh->count == 1 && sh->flags == 1, "SA_RESETHAND: the handler runs once and the action becomes SIG_DFL"))
        why("handler ran %d times, SIG_DFL afterwards: %d", sh->count, sh->flags);
    if (!ok(killed_by(status, SIGUSR1), "SA_RESETHAND: the second signal takes the default action (terminates)"))
        why("child %s", outcome(status));
}

/* Records the mask in force inside the handler; raises the signal again
 * from the first level to see whether it nests. */
static void on_nest(int sig)
{
    depth++;
    if (depth > max_depth)
        max_depth = depth;
    hits[sig]++;
    if (hits[sig] == 1) {
        sigset_t now;
        sigprocmask(SIG_BLOCK, NULL, &now);
        for (int s = 1; s < 65; s++)
            handler_mask_has[s] = sigismember(&now, s) == 1;
        raise(sig);
    }
    depth--;
}

static void test_nodefer(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_nest;
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGUSR2);
    sigaction(SIGUSR1, &sa, NULL);
    hits[SIGUSR1] = 0;
    max_depth = 0;
    raise(SIGUSR1);
    if (!ok(handler_mask_has[SIGUSR1] && handler_mask_has[SIGUSR2] && !handler_mask_has[SIGHUP],
            "in a handler, its signal and sa_mask are blocked, and nothing else"))
        why("blocked in the handler: SIGUSR1 %d, SIGUSR2 (sa_mask) %d, SIGHUP %d", handler_mask_has[SIGUSR1],
            handler_mask_has[SIGUSR2], handler_mask_has[SIGHUP]);
    if (!ok(hits[SIGUSR1] == 2 && max_depth == 1,
            "a signal raised in its own handler waits until the handler returns, then runs it again"))
        why("handler ran %d times, deepest nesting %d", hits[SIGUSR1], max_depth);
    if (!ok(!is_blocked(SIGUSR1) && !is_blocked(SIGUSR2), "the mask is restored when the handler returns"))
        why("after the handler: SIGUSR1 blocked %d, SIGUSR2 blocked %d", is_blocked(SIGUSR1), is_blocked(SIGUSR2));

    sa.sa_flags = SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR1, &sa, NULL);
    hits[SIGUSR1] = 0;
    max_depth = 0;
    raise(SIGUSR1);
    if (!ok(!handler_mask_has[SIGUSR1] && hits[SIGUSR1] == 2 && max_depth == 2,
            "SA_NODEFER: the signal is not blocked in its handler, which nests"))
        why("blocked in the handler %d, ran %d times, deepest nesting %d", handler_mask_has[SIGUSR1], hits[SIGUSR1],
            max_depth);
    set_handler(SIGUSR1, on_plain, 0);
}

/* ---- SA_RESTART ----------------------------------------------------------- */

static int note_fd = -1;

static void on_alarm_note(int sig)
{
    hits[sig]++;
    if (note_fd >= 0)
        write(note_fd, "n", 1);
}

/* Reads a pipe while a 50 ms interval timer interrupts it. A writer
 * process writes one byte after it has seen three handler runs. With
 * SA_RESTART the read goes on and returns that byte; without it, the
 * first signal ends the read with EINTR. */
static int restart_reader(int restart)
{
    int data[2], note[2];
    if (pipe(data) != 0 || pipe(note) != 0)
        return 10;
    pid_t writer = fork();
    if (writer == 0) {
        close(note[1]);
        char c;
        for (int got = 0; got < 3;) {
            ssize_t r = read(note[0], &c, 1);
            if (r == 1)
                got++;
            else if (r == 0 || errno != EINTR)
                _exit(1);
        }
        write(data[1], "x", 1);
        _exit(0);
    }
    if (writer < 0)
        return 11;
    close(note[0]);
    note_fd = note[1];
    set_handler(SIGPIPE, SIG_IGN, 0); /* the handler may write after the writer is gone */
    hits[SIGALRM] = 0;
    set_handler(SIGALRM, on_alarm_note, restart ? SA_RESTART : 0);
    struct itimerval every = { { 0, 50000 }, { 0, 50000 } }, off;
    memset(&off, 0, sizeof off);
    setitimer(ITIMER_REAL, &every, NULL);
    char c = 0;
    errno = 0;
    sh->ret = (int)read(data[0], &c, 1);
    sh->err = errno;
    setitimer(ITIMER_REAL, &off, NULL);
    sh->after = c;
    sh->count = hits[SIGALRM];
    kill(writer, SIGKILL);
    finish_child(writer, 10000);
    return 0;
}

static int restart_on(void)
{
    return restart_reader(1);
}

static int restart_off(void)
{
    return restart_reader(0);
}

static void test_restart(void)
{
    reset_report();
    int status = run_bounded(restart_on, 20000);
    if (!ok(exited_with(status, 0) && sh->ret == 1 && sh->after == 'x' && sh->count >= 3,
            "SA_RESTART: a read interrupted by handlers goes on and returns the data written later"))
        why("child %s; read returned %d (errno %d) '%c'; the handler ran %d times", outcome(status), sh->ret, sh->err,
            sh->after ? sh->after : '?', sh->count);

    reset_report();
    status = run_bounded(restart_off, 20000);
    if (!ok(exited_with(status, 0) && sh->ret == -1 && sh->err == EINTR && sh->count >= 1,
            "without SA_RESTART: the read fails with EINTR once the handler has run"))
        why("child %s; read returned %d, errno %d; the handler ran %d times", outcome(status), sh->ret, sh->err,
            sh->count);
}

/* ---- masks and pending signals -------------------------------------------- */

static void test_masks(void)
{
    set_handler(SIGUSR1, on_plain, 0);
    hits[SIGUSR1] = 0;
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    int r = sigprocmask(SIG_BLOCK, &block, &old);
    kill(getpid(), SIGUSR1);
    if (!ok(r == 0 && !sigismember(&old, SIGUSR1) && hits[SIGUSR1] == 0 && is_pending(SIGUSR1),
            "a blocked signal is not delivered and sigpending shows it"))
        why("sigprocmask %d, was blocked %d, handler ran %d times, pending %d", r, sigismember(&old, SIGUSR1),
            hits[SIGUSR1], is_pending(SIGUSR1));

    uint32_t raw[2] = { 0, 0 };
    long rr = syscall(SYS_rt_sigpending, raw, 8);
    if (!ok(rr == 0 && (raw[0] & (1u << (SIGUSR1 - 1))), "the rt_sigpending system call shows it too"))
        why("returned %ld (errno %d), set 0x%08x%08x", rr, errno, raw[1], raw[0]);

    sigprocmask(SIG_UNBLOCK, &block, NULL);
    if (!ok(hits[SIGUSR1] == 1 && !is_pending(SIGUSR1), "unblocking delivers it once, before sigprocmask returns"))
        why("handler ran %d times, still pending %d", hits[SIGUSR1], is_pending(SIGUSR1));

    sigset_t all, now, prev;
    sigfillset(&all);
    sigprocmask(SIG_SETMASK, &all, &prev);
    sigprocmask(SIG_SETMASK, &prev, &now);
    if (!ok(sigismember(&now, SIGUSR2) && sigismember(&now, SIGTERM) && !sigismember(&now, SIGKILL) &&
                !sigismember(&now, SIGSTOP),
            "SIG_SETMASK returns the old mask; SIGKILL and SIGSTOP cannot be blocked"))
        why("after blocking all: SIGUSR2 %d, SIGTERM %d, SIGKILL %d, SIGSTOP %d", sigismember(&now, SIGUSR2),
            sigismember(&now, SIGTERM), sigismember(&now, SIGKILL), sigismember(&now, SIGSTOP));

    errno = 0;
    int bad_how = sigprocmask(99, &block, NULL);
    int e1 = errno;
    errno = 0;
    long bad_size = syscall(SYS_rt_sigprocmask, SIG_BLOCK, raw, NULL, 4);
    int e2 = errno;
    if (!ok(bad_how == -1 && e1 == EINVAL && bad_size == -1 && e2 == EINVAL,
            "rt_sigprocmask: a bad 'how' or sigsetsize gives EINVAL"))
        why("how 99: %d errno %d; sigsetsize 4: %ld errno %d", bad_how, e1, bad_size, e2);

    /* Three of a standard signal coalesce; three of a real-time one queue. */
    int rt = SIGRTMIN;
    set_handler(rt, on_plain, 0);
    hits[rt] = 0;
    hits[SIGUSR1] = 0;
    sigaddset(&block, rt);
    sigprocmask(SIG_BLOCK, &block, NULL);
    for (int i = 0; i < 3; i++) {
        kill(getpid(), SIGUSR1);
        kill(getpid(), rt);
    }
    sigprocmask(SIG_UNBLOCK, &block, NULL);
    if (!ok(hits[SIGUSR1] == 1 && hits[rt] == 3,
            "a standard signal sent 3 times is delivered once; a real-time one 3 times"))
        why("SIGUSR1 handled %d times, SIGRTMIN (%d) %d times", hits[SIGUSR1], rt, hits[rt]);
    set_handler(rt, SIG_DFL, 0);

    /* Ignoring a signal discards it even while it is blocked and pending. */
    change_mask(SIG_BLOCK, SIGUSR2);
    kill(getpid(), SIGUSR2);
    int was = is_pending(SIGUSR2);
    set_handler(SIGUSR2, SIG_IGN, 0);
    int still = is_pending(SIGUSR2);
    change_mask(SIG_UNBLOCK, SIGUSR2);
    set_handler(SIGUSR2, on_plain, 0);
    if (!ok(was && !still, "setting SIG_IGN discards a pending blocked signal"))
        why("pending before %d, after SIG_IGN %d", was, still);
}

/* The mask is inherited across fork; pending signals are not. */
static int fork_child_view(void)
{
    sh->flags = is_blocked(SIGUSR1);
    sh->before = is_pending(SIGUSR1);
    return 0;
}

static void test_fork_mask(void)
{
    reset_report();
    set_handler(SIGUSR1, on_plain, 0);
    hits[SIGUSR1] = 0;
    change_mask(SIG_BLOCK, SIGUSR1);
    kill(getpid(), SIGUSR1);
    int status = run_bounded(fork_child_view, 10000);
    int parent_pending = is_pending(SIGUSR1);
    change_mask(SIG_UNBLOCK, SIGUSR1);
    if (!ok(exited_with(status, 0) && sh->flags == 1 && sh->before == 0 && parent_pending && hits[SIGUSR1] == 1,
            "a forked child inherits the mask but not the pending signals"))
        why("child %s: blocked %d, pending %d; parent: pending %d, handled %d", outcome(status), sh->flags,
            sh->before, parent_pending, hits[SIGUSR1]);
}

/* ---- sigsuspend, pause, alarm --------------------------------------------- */

static int suspend_pending(void)
{
    set_handler(SIGUSR1, on_plain, 0);
    hits[SIGUSR1] = 0;
    change_mask(SIG_BLOCK, SIGUSR1);
    kill(getpid(), SIGUSR1);
    sh->before = hits[SIGUSR1];
    sigset_t empty;
    sigemptyset(&empty);
    errno = 0;
    sh->ret = sigsuspend(&empty);
    sh->err = errno;
    sh->after = hits[SIGUSR1];
    sh->flags = is_blocked(SIGUSR1);
    return 0;
}

static int suspend_remote(void)
{
    set_handler(SIGUSR1, on_plain, 0);
    hits[SIGUSR1] = 0;
    change_mask(SIG_BLOCK, SIGUSR1);
    sh->ready = 1; /* from here on the signal waits, pending, if need be */
    sigset_t empty;
    sigemptyset(&empty);
    errno = 0;
    sh->ret = sigsuspend(&empty);
    sh->err = errno;
    sh->after = hits[SIGUSR1];
    return 0;
}

static void test_sigsuspend(void)
{
    reset_report();
    int status = run_bounded(suspend_pending, 10000);
    if (!ok(exited_with(status, 0) && sh->before == 0 && sh->ret == -1 && sh->err == EINTR && sh->after == 1,
            "sigsuspend with a pending blocked signal runs the handler and returns EINTR"))
        why("child %s; handled before %d; sigsuspend returned %d errno %d; handled after %d", outcome(status),
            sh->before, sh->ret, sh->err, sh->after);
    if (!ok(sh->flags == 1, "sigsuspend restores the mask (the signal is blocked again)"))
        why("blocked after sigsuspend: %d", sh->flags);

    reset_report();
    pid_t pid = fork();
    if (pid == 0)
        _exit(suspend_remote());
    int ready = pid > 0 && wait_flag(&sh->ready, 1, 10000);
    int k = ready ? kill(pid, SIGUSR1) : -1;
    status = pid > 0 ? finish_child(pid, 10000) : -1;
    if (!ok(ready && k == 0 && exited_with(status, 0) && sh->ret == -1 && sh->err == EINTR && sh->after == 1,
            "sigsuspend wakes for a signal from another process"))
        why("ready %d, kill %d, child %s; sigsuspend %d errno %d; handled %d", ready, k, outcome(status), sh->ret,
            sh->err, sh->after);
}

static int alarm_pause(void)
{
    set_handler(SIGALRM, on_plain, 0);
    hits[SIGALRM] = 0;
    alarm(1);
    errno = 0;
    sh->ret = pause();
    sh->err = errno;
    sh->count = hits[SIGALRM];
    return 0;
}

static void test_alarm(void)
{
    unsigned first = alarm(5);
    unsigned left = alarm(0);
    unsigned after = alarm(0);
    if (!ok(first == 0 && left >= 4 && left <= 5 && after == 0, "alarm returns the seconds left on the previous alarm"))
        why("alarm(5) gave %u, alarm(0) gave %u then %u", first, left, after);

    reset_report();
    int status = run_bounded(alarm_pause, 15000);
    if (!ok(exited_with(status, 0) && sh->ret == -1 && sh->err == EINTR && sh->count == 1,
            "alarm(1) raises SIGALRM, whose handler ends pause() with EINTR"))
        why("child %s; pause returned %d errno %d; handled %d", outcome(status), sh->ret, sh->err, sh->count);
}

static int periodic_timer(void)
{
    set_handler(SIGALRM, on_plain, 0);
    hits[SIGALRM] = 0;
    change_mask(SIG_BLOCK, SIGALRM);
    struct itimerval every = { { 0, 20000 }, { 0, 20000 } }, off;
    memset(&off, 0, sizeof off);
    setitimer(ITIMER_REAL, &every, NULL);
    sigset_t empty;
    sigemptyset(&empty);
    while (hits[SIGALRM] < 3)
        sigsuspend(&empty);
    setitimer(ITIMER_REAL, &off, NULL);
    sh->count = hits[SIGALRM];
    return 0;
}

static void test_itimer(void)
{
    struct itimerval five = { { 1, 0 }, { 5, 0 } }, got, old, off;
    memset(&off, 0, sizeof off);
    memset(&got, 0, sizeof got);
    int r = setitimer(ITIMER_REAL, &five, NULL);
    int g = getitimer(ITIMER_REAL, &got);
    if (!ok(r == 0 && g == 0 && got.it_value.tv_sec >= 4 && got.it_value.tv_sec <= 5 &&
                (got.it_value.tv_sec < 5 || got.it_value.tv_usec == 0) && got.it_interval.tv_sec == 1 &&
                got.it_interval.tv_usec == 0,
            "getitimer(ITIMER_REAL) shows the time left and the interval"))
        why("setitimer %d, getitimer %d: value %ld.%06ld, interval %ld.%06ld", r, g, (long)got.it_value.tv_sec,
            (long)got.it_value.tv_usec, (long)got.it_interval.tv_sec, (long)got.it_interval.tv_usec);

    memset(&old, 0, sizeof old);
    r = setitimer(ITIMER_REAL, &off, &old);
    g = getitimer(ITIMER_REAL, &got);
    if (!ok(r == 0 && old.it_value.tv_sec >= 4 && old.it_interval.tv_sec == 1 && g == 0 && got.it_value.tv_sec == 0 &&
                got.it_value.tv_usec == 0,
            "setitimer returns the old value; a zero value disarms the timer"))
        why("old value %ld.%06ld interval %ld; then getitimer value %ld.%06ld", (long)old.it_value.tv_sec,
            (long)old.it_value.tv_usec, (long)old.it_interval.tv_sec, (long)got.it_value.tv_sec,
            (long)got.it_value.tv_usec);

    struct itimerval bad = { { 0, 0 }, { 0, 1000000 } };
    errno = 0;
    int b1 = setitimer(ITIMER_REAL, &bad, NULL);
    int e1 = errno;
    errno = 0;
    int b2 = setitimer(99, &five, NULL);
    int e2 = errno;
    if (!ok(b1 == -1 && e1 == EINVAL && b2 == -1 && e2 == EINVAL,
            "setitimer with tv_usec = 1000000 or an unknown timer gives EINVAL"))
        why("tv_usec 1e6: %d errno %d; timer 99: %d errno %d", b1, e1, b2, e2);

    reset_report();
    int status = run_bounded(periodic_timer, 15000);
    if (!ok(exited_with(status, 0) && sh->count >= 3, "a periodic ITIMER_REAL raises SIGALRM again and again"))
        why("child %s, SIGALRM handled %d times", outcome(status), sh->count);
}

/* ---- kill: existence, groups, errors; tkill and tgkill -------------------- */

static void test_kill_existence(void)
{
    int self = kill(getpid(), 0);
    pid_t pid = fork();
    if (pid == 0)
        _exit(0);
    /* Wait (10 s at most) for the child to be a zombie, without reaping it. */
    siginfo_t si;
    int zombie = 0;
    for (int t = 0; pid > 0 && t < 2000 && !zombie; t++) {
        memset(&si, 0, sizeof si);
        zombie = waitid(P_PID, (id_t)pid, &si, WEXITED | WNOWAIT | WNOHANG) == 0 && si.si_pid == pid;
        if (!zombie)
            msleep(5);
    }
    int of_zombie = pid > 0 ? kill(pid, 0) : -2;
    if (!ok(self == 0 && zombie && of_zombie == 0, "kill(pid, 0) succeeds for oneself and for an unreaped child"))
        why("self %d, zombie wait %d, kill of the zombie %d (errno %d)", self, zombie, of_zombie, errno);
    if (pid > 0)
        finish_child(pid, 10000);

    errno = 0;
    int gone = pid > 0 ? kill(pid, 0) : 0;
    int e1 = errno;
    errno = 0;
    int huge = kill(0x7fffffff, SIGUSR1);
    int e2 = errno;
    if (!ok(gone == -1 && e1 == ESRCH && huge == -1 && e2 == ESRCH, "kill of a reaped or unused pid gives ESRCH"))
        why("reaped: %d errno %d; pid 0x7fffffff: %d errno %d", gone, e1, huge, e2);

    errno = 0;
    int group = pid > 0 ? kill(-pid, SIGUSR1) : 0;
    int e3 = errno;
    if (!ok(group == -1 && e3 == ESRCH, "kill of a process group with no members gives ESRCH"))
        why("kill(-%d) returned %d errno %d", pid, group, e3);
}

/* A new group leader with two members: kill(-pgid) reaches the members
 * (killed by the default action) and the sender itself (its handler). */
static int group_leader(void)
{
    if (setpgid(0, 0) != 0)
        return 10;
    hits[SIGUSR2] = 0;
    set_handler(SIGUSR2, on_plain, 0);
    pid_t members[2];
    for (int i = 0; i < 2; i++) {
        members[i] = fork();
        if (members[i] == 0) {
            set_handler(SIGUSR2, SIG_DFL, 0);
            __sync_fetch_and_add(&sh->ready, 1);
            for (int t = 0; t < 3000; t++)
                msleep(10);
            _exit(3);
        }
    }
    if (!wait_flag(&sh->ready, 2, 10000))
        return 11;
    sh->ret = kill(-getpid(), SIGUSR2);
    sh->after = hits[SIGUSR2];
    for (int i = 0; i < 2; i++)
        sh->status[i] = members[i] > 0 ? finish_child(members[i], 10000) : -1;
    return 0;
}

static void test_group_kill(void)
{
    reset_report();
    hits[SIGUSR2] = 0;
    set_handler(SIGUSR2, on_plain, 0);
    int status = run_bounded(group_leader, 30000);
    if (!ok(exited_with(status, 0) && sh->ret == 0 && sh->after == 1 && killed_by(sh->status[0], SIGUSR2) &&
                killed_by(sh->status[1], SIGUSR2),
            "kill(-pgid) after setpgid(0, 0) reaches every member of the group, the sender too"))
        why("leader %s, kill %d, leader handled %d, members: %s", outcome(status), sh->ret, sh->after,
            outcome(sh->status[0])),
            why("and %s", outcome(sh->status[1]));
    if (!ok(hits[SIGUSR2] == 0, "a process outside the group does not receive it"))
        why("the parent handled SIGUSR2 %d times", hits[SIGUSR2]);
}

static void test_bad_signals(void)
{
    errno = 0;
    int k1 = kill(getpid(), 65);
    int e1 = errno;
    errno = 0;
    int k2 = kill(getpid(), -1);
    int e2 = errno;
    errno = 0;
    long t = syscall(SYS_tgkill, getpid(), gettid(), 65);
    int e3 = errno;
    if (!ok(k1 == -1 && e1 == EINVAL && k2 == -1 && e2 == EINVAL && t == -1 && e3 == EINVAL,
            "kill and tgkill with signal 65 or -1 give EINVAL"))
        why("kill 65: %d/%d, kill -1: %d/%d, tgkill 65: %ld/%d", k1, e1, k2, e2, t, e3);

    /* The kernel's sigaction: handler, flags, restorer, mask (8 bytes).
     * Made directly: the C library refuses some of these by itself. */
    struct {
        void *handler;
        unsigned long flags;
        void *restorer;
        uint32_t mask[2];
    } ksa = { (void *)on_plain, 0, NULL, { 0, 0 } }, kold;
    errno = 0;
    long a0 = syscall(SYS_rt_sigaction, 0, &ksa, NULL, 8);
    int e4 = errno;
    errno = 0;
    long a65 = syscall(SYS_rt_sigaction, 65, &ksa, NULL, 8);
    int e5 = errno;
    errno = 0;
    long akill = syscall(SYS_rt_sigaction, SIGKILL, &ksa, NULL, 8);
    int e6 = errno;
    long qkill = syscall(SYS_rt_sigaction, SIGKILL, NULL, &kold, 8);
    if (!ok(a0 == -1 && e4 == EINVAL && a65 == -1 && e5 == EINVAL && akill == -1 && e6 == EINVAL && qkill == 0,
            "rt_sigaction of signal 0, 65 or a handler for SIGKILL gives EINVAL; reading SIGKILL's works"))
        why("0: %ld/%d, 65: %ld/%d, SIGKILL: %ld/%d, reading SIGKILL: %ld", a0, e4, a65, e5, akill, e6, qkill);

    errno = 0;
    long rs = syscall(SYS_rt_sigaction, SIGUSR1, &ksa, NULL, 4);
    int e7 = errno;
    if (!ok(rs == -1 && e7 == EINVAL, "rt_sigaction with sigsetsize 4 gives EINVAL"))
        why("returned %ld errno %d", rs, e7);
}

static void test_tkill(void)
{
    set_info_handler(SIGUSR1, on_info, 0);
    hits[SIGUSR1] = 0;
    memset(&last_info, 0, sizeof last_info);
    long r = syscall(SYS_tkill, gettid(), SIGUSR1);
    if (!ok(r == 0 && hits[SIGUSR1] == 1 && last_info.si_code == SI_TKILL && last_info.si_pid == getpid(),
            "tkill to oneself: the handler runs, si_code SI_TKILL, si_pid the sender"))
        why("tkill %ld, handled %d, si_code %d, si_pid %d", r, hits[SIGUSR1], last_info.si_code, last_info.si_pid);

    hits[SIGUSR1] = 0;
    memset(&last_info, 0, sizeof last_info);
    r = syscall(SYS_tgkill, getpid(), gettid(), SIGUSR1);
    long probe = syscall(SYS_tgkill, getpid(), gettid(), 0);
    if (!ok(r == 0 && hits[SIGUSR1] == 1 && last_info.si_code == SI_TKILL && probe == 0,
            "tgkill to oneself delivers the signal (SI_TKILL); signal 0 only checks"))
        why("tgkill %ld, handled %d, si_code %d; tgkill(0) %ld", r, hits[SIGUSR1], last_info.si_code, probe);

    errno = 0;
    long wrong = syscall(SYS_tgkill, 0x7ffffff0, gettid(), SIGUSR1);
    int e1 = errno;
    errno = 0;
    long zero = syscall(SYS_tgkill, getpid(), 0, SIGUSR1);
    int e2 = errno;
    if (!ok(wrong == -1 && e1 == ESRCH && zero == -1 && e2 == EINVAL && hits[SIGUSR1] == 1,
            "tgkill with a wrong thread group gives ESRCH, with tid 0 EINVAL"))
        why("wrong tgid: %ld errno %d; tid 0: %ld errno %d", wrong, e1, zero, e2);
    set_handler(SIGUSR1, on_plain, 0);
}

/* ---- the legacy signal() --------------------------------------------------- */

static volatile int legacy_arg;

static void on_legacy(int sig)
{
    legacy_arg = sig;
    hits[sig]++;
}

static void test_legacy_signal(void)
{
    set_handler(SIGUSR2, SIG_IGN, 0);
    void (*prev)(int) = signal(SIGUSR2, on_legacy);
    hits[SIGUSR2] = 0;
    legacy_arg = 0;
    raise(SIGUSR2);
    raise(SIGUSR2);
    if (!ok(prev == SIG_IGN && hits[SIGUSR2] == 2 && legacy_arg == SIGUSR2,
            "signal(): returns the previous action; the handler gets the signal number and stays installed"))
        why("previous %p, handled %d times, argument %d", (void *)prev, hits[SIGUSR2], legacy_arg);

    struct sigaction now;
    sigaction(SIGUSR2, NULL, &now);
    if (!ok(now.sa_handler == on_legacy && (now.sa_flags & SA_RESTART) && !(now.sa_flags & SA_RESETHAND),
            "signal() installs a restarting, persistent handler (BSD semantics)"))
        why("handler %p, flags 0x%x", (void *)now.sa_handler, (unsigned)now.sa_flags);

    prev = signal(SIGUSR2, SIG_IGN);
    raise(SIGUSR2);
    errno = 0;
    void (*bad)(int) = signal(SIGKILL, on_legacy);
    int e = errno;
    if (!ok(prev == on_legacy && hits[SIGUSR2] == 2 && bad == SIG_ERR && e == EINVAL,
            "signal(SIG_IGN) ignores the signal; signal(SIGKILL) fails with EINVAL"))
        why("previous %p, handled %d, signal(SIGKILL) %p errno %d", (void *)prev, hits[SIGUSR2], (void *)bad, e);
    set_handler(SIGUSR2, on_plain, 0);
}

/* ---- the alternate signal stack ------------------------------------------- */

#define ALT_SIZE 65536
static char alt_stack[ALT_SIZE] __attribute__((aligned(16)));
static volatile uintptr_t local_address;
static volatile int alt_flags, alt_change, alt_change_errno, try_change;

static void on_stack_probe(int sig)
{
    volatile char local = 0;
    local_address = (uintptr_t)&local;
    hits[sig]++;
    stack_t cur;
    memset(&cur, 0, sizeof cur);
    sigaltstack(NULL, &cur);
    alt_flags = cur.ss_flags;
    if (!try_change)
        return;
    try_change = 0;
    stack_t other = { .ss_sp = alt_stack, .ss_size = ALT_SIZE / 2, .ss_flags = 0 };
    errno = 0;
    alt_change = sigaltstack(&other, NULL);
    alt_change_errno = errno;
}

static int on_alt(void)
{
    uintptr_t lo = (uintptr_t)alt_stack, hi = lo + ALT_SIZE;
    return local_address >= lo && local_address < hi;
}

static void test_altstack(void)
{
    stack_t ss = { .ss_sp = alt_stack, .ss_size = ALT_SIZE, .ss_flags = 0 }, cur;
    int r = sigaltstack(&ss, NULL);
    set_handler(SIGUSR2, on_stack_probe, SA_ONSTACK);
    local_address = 0;
    alt_flags = -1;
    try_change = 1;
    raise(SIGUSR2);
    if (!ok(r == 0 && on_alt() && alt_flags == SS_ONSTACK,
            "SA_ONSTACK: the handler runs on the alternate stack, and sigaltstack says SS_ONSTACK"))
        why("sigaltstack %d; a local at %#lx (stack %p..+%d); ss_flags %d", r, (unsigned long)local_address,
            (void *)alt_stack, ALT_SIZE, alt_flags);
    if (!ok(alt_change == -1 && alt_change_errno == EPERM, "changing the alternate stack while on it gives EPERM"))
        why("returned %d errno %d", alt_change, alt_change_errno);

    memset(&cur, 0, sizeof cur);
    r = sigaltstack(NULL, &cur);
    if (!ok(r == 0 && cur.ss_flags == 0 && cur.ss_sp == alt_stack && cur.ss_size == ALT_SIZE,
            "after the handler, sigaltstack reports the stack, not in use"))
        why("returned %d: flags %d, sp %p, size %lu", r, cur.ss_flags, cur.ss_sp, (unsigned long)cur.ss_size);

    set_handler(SIGUSR2, on_stack_probe, 0);
    raise(SIGUSR2);
    int off_without = !on_alt();
    ss.ss_flags = SS_DISABLE;
    int d = sigaltstack(&ss, NULL);
    set_handler(SIGUSR2, on_stack_probe, SA_ONSTACK);
    raise(SIGUSR2);
    int off_disabled = !on_alt();
    memset(&cur, 0, sizeof cur);
    sigaltstack(NULL, &cur);
    if (!ok(off_without && d == 0 && off_disabled && cur.ss_flags == SS_DISABLE,
            "without SA_ONSTACK, or with the stack disabled, the handler runs on the normal stack"))
        why("off the alternate stack: without SA_ONSTACK %d, disabled %d; disable %d; flags %d", off_without,
            off_disabled, d, cur.ss_flags);

    stack_t small = { .ss_sp = alt_stack, .ss_size = 1024, .ss_flags = 0 };
    errno = 0;
    int s = sigaltstack(&small, NULL);
    int e1 = errno;
    stack_t weird = { .ss_sp = alt_stack, .ss_size = ALT_SIZE, .ss_flags = 99 };
    errno = 0;
    int w = sigaltstack(&weird, NULL);
    int e2 = errno;
    if (!ok(s == -1 && e1 == ENOMEM && w == -1 && e2 == EINVAL,
            "sigaltstack: a 1 KiB stack gives ENOMEM, unknown flags EINVAL"))
        why("small: %d errno %d; flags 99: %d errno %d", s, e1, w, e2);
    set_handler(SIGUSR2, on_plain, 0);
}

/* ---- registers and FPU state across a handler ----------------------------- */

/* regs_probe_int3(out): puts a pattern in every general register, sets the
 * carry and direction flags and executes int3 (SIGTRAP); stores eax, ebx,
 * ecx, edx, esi, edi, ebp and eflags, as they are after the handler, into
 * out[0..7].
 * regs_probe_kill(out, pid): the same around the kill system call made
 * with int $0x80 (eax = 37, ebx = pid, ecx = SIGUSR1): eax must come back
 * as the call's result, 0, and the others unchanged. */
__asm__(".text\n"
        ".globl regs_probe_int3\n"
        "regs_probe_int3:\n"
        "    pushl %ebp\n"
        "    pushl %ebx\n"
        "    pushl %esi\n"
        "    pushl %edi\n"
        "    movl $0x11111111, %eax\n"
        "    movl $0x22222222, %ebx\n"
        "    movl $0x33333333, %ecx\n"
        "    movl $0x44444444, %edx\n"
        "    movl $0x55555555, %esi\n"
        "    movl $0x66666666, %edi\n"
        "    movl $0x77777777, %ebp\n"
        "    stc\n"
        "    std\n"
        "    int3\n"
        "    jmp regs_probe_store\n"
        ".globl regs_probe_kill\n"
        "regs_probe_kill:\n"
        "    pushl %ebp\n"
        "    pushl %ebx\n"
        "    pushl %esi\n"
        "    pushl %edi\n"
        "    movl $37, %eax\n"
        "    movl 24(%esp), %ebx\n"
        "    movl $10, %ecx\n"
        "    movl $0x44444444, %edx\n"
        "    movl $0x55555555, %esi\n"
        "    movl $0x66666666, %edi\n"
        "    movl $0x77777777, %ebp\n"
        "    int $0x80\n"
        "regs_probe_store:\n"
        "    pushfl\n"
        "    cld\n"
        "    pushl %ebp\n"
        "    pushl %edi\n"
        "    pushl %esi\n"
        "    pushl %edx\n"
        "    pushl %ecx\n"
        "    pushl %ebx\n"
        "    pushl %eax\n"
        "    movl 52(%esp), %edi\n"
        "    movl %esp, %esi\n"
        "    movl $8, %ecx\n"
        "    rep movsl\n"
        "    addl $32, %esp\n"
        "    popl %edi\n"
        "    popl %esi\n"
        "    popl %ebx\n"
        "    popl %ebp\n"
        "    ret\n");
void regs_probe_int3(uint32_t *out);
void regs_probe_kill(uint32_t *out, int pid);

static volatile uint32_t handler_eflags;

/* Scrambles every register it can before returning. */
static void on_scramble(int sig)
{
    hits[sig]++;
    handler_eflags = __builtin_ia32_readeflags_u32();
    __asm__ volatile("movl $0xdeadbeef, %%eax\n"
                     "movl $0xdeadbeef, %%ecx\n"
                     "movl $0xdeadbeef, %%edx\n"
                     "movl $0xdeadbeef, %%esi\n"
                     "movl $0xdeadbeef, %%edi\n"
                     "movl $0xdeadbeef, %%ebx\n"
                     "cmc\n"
                     :
                     :
                     : "eax", "ebx", "ecx", "edx", "esi", "edi", "cc");
}

#define EFLAGS_CF 0x001u
#define EFLAGS_DF 0x400u

static void test_registers(void)
{
    static const uint32_t want[7] = { 0x11111111, 0x22222222, 0x33333333, 0x44444444,
                                      0x55555555, 0x66666666, 0x77777777 };
    static const char *const names[7] = { "eax", "ebx", "ecx", "edx", "esi", "edi", "ebp" };
    uint32_t out[8];
    memset(out, 0, sizeof out);
    set_handler(SIGTRAP, on_scramble, 0);
    hits[SIGTRAP] = 0;
    handler_eflags = EFLAGS_DF;
    regs_probe_int3(out);
    int same = memcmp(out, want, sizeof want) == 0;
    if (!ok(hits[SIGTRAP] == 1 && same && (out[7] & EFLAGS_CF) && (out[7] & EFLAGS_DF),
            "after a SIGTRAP handler (int3), all general registers, CF and DF are as before"))
        for (int i = 0; i < 7; i++)
            if (out[i] != want[i])
                why("%s = %#x, want %#x (handled %d)", names[i], out[i], want[i], hits[SIGTRAP]);
    if (!ok(hits[SIGTRAP] == 1 && !(handler_eflags & EFLAGS_DF), "the handler itself starts with DF clear"))
        why("eflags in the handler %#x", handler_eflags);
    set_handler(SIGTRAP, SIG_DFL, 0);

    set_handler(SIGUSR1, on_scramble, 0);
    hits[SIGUSR1] = 0;
    memset(out, 0, sizeof out);
    regs_probe_kill(out, getpid());
    uint32_t want_kill[7] = { 0, (uint32_t)getpid(), SIGUSR1, 0x44444444, 0x55555555, 0x66666666, 0x77777777 };
    if (!ok(hits[SIGUSR1] == 1 && memcmp(out, want_kill, sizeof want_kill) == 0,
            "after a handler run on return from kill, eax is kill's result (0) and the others are unchanged"))
        for (int i = 0; i < 7; i++)
            if (out[i] != want_kill[i])
                why("%s = %#x, want %#x (handled %d)", names[i], out[i], want_kill[i], hits[SIGUSR1]);
    set_handler(SIGUSR1, on_plain, 0);
}

/* fpu_probe(p): loads a control word, an MXCSR, two x87 registers and
 * xmm1 from *p, sends itself SIGUSR1 with the kill system call and stores
 * what it then finds; finally restores the caller's control words. */
struct fpu_probe {
    uint16_t cw_in, cw_out;       /* 0, 2 */
    uint32_t mxcsr_in, mxcsr_out; /* 4, 8 */
    int32_t pid;                  /* 12 */
    uint8_t xmm_in[16];           /* 16 */
    uint8_t xmm_out[16];          /* 32 */
    uint8_t st_in[2][16];         /* 48, 64: st0, st1 (10 bytes each) */
    uint8_t st_out[2][16];        /* 80, 96 */
    uint16_t cw_saved, pad;       /* 112 */
    uint32_t mxcsr_saved;         /* 116 */
};
_Static_assert(offsetof(struct fpu_probe, st_out) == 80 && offsetof(struct fpu_probe, mxcsr_saved) == 116,
               "fpu_probe layout");
__asm__(".text\n"
        ".globl fpu_probe\n"
        "fpu_probe:\n"
        "    pushl %ebx\n"
        "    movl 8(%esp), %edx\n"
        "    fnstcw 112(%edx)\n"
        "    stmxcsr 116(%edx)\n"
        "    fldcw 0(%edx)\n"
        "    ldmxcsr 4(%edx)\n"
        "    fldt 64(%edx)\n"
        "    fldt 48(%edx)\n"
        "    movdqu 16(%edx), %xmm1\n"
        "    movl 12(%edx), %ebx\n"
        "    movl $10, %ecx\n"
        "    movl $37, %eax\n"
        "    int $0x80\n"
        "    movl 8(%esp), %edx\n"
        "    fnstcw 2(%edx)\n"
        "    stmxcsr 8(%edx)\n"
        "    movdqu %xmm1, 32(%edx)\n"
        "    fstpt 80(%edx)\n"
        "    fstpt 96(%edx)\n"
        "    fldcw 112(%edx)\n"
        "    ldmxcsr 116(%edx)\n"
        "    popl %ebx\n"
        "    ret\n");
void fpu_probe(struct fpu_probe *p);

static volatile uint16_t handler_cw, handler_tags;
static volatile uint32_t handler_mxcsr;

/* Records the FPU state a handler starts with, then changes all of it. */
__attribute__((target("sse2"))) static void on_fpu(int sig)
{
    hits[sig]++;
    uint16_t cw;
    uint32_t mxcsr;
    uint32_t env[7];
    __asm__ volatile("fnstcw %0" : "=m"(cw));
    __asm__ volatile("stmxcsr %0" : "=m"(mxcsr));
    __asm__ volatile("fnstenv %0\n\tfldcw %0" : "=m"(env)); /* fnstenv masks exceptions: reload */
    handler_cw = cw;
    handler_mxcsr = mxcsr;
    handler_tags = (uint16_t)env[2];
    static const uint16_t odd_cw = 0x0c7f;
    static const uint32_t odd_mxcsr = 0x3f80;
    __asm__ volatile("fninit\n"
                     "fldcw %0\n"
                     "ldmxcsr %1\n"
                     "fldz\n"
                     "fld1\n"
                     "fldpi\n"
                     "pxor %%xmm1, %%xmm1\n"
                     "fstp %%st(0)\n"
                     "fstp %%st(0)\n"
                     "fstp %%st(0)\n"
                     :
                     : "m"(odd_cw), "m"(odd_mxcsr)
                     : "xmm1", "st");
}

static void test_fpu_state(void)
{
    struct fpu_probe p;
    memset(&p, 0, sizeof p);
    p.cw_in = 0x0f7f;      /* round toward zero, all exceptions masked */
    p.mxcsr_in = 0xff80;   /* flush to zero, round toward zero */
    p.pid = getpid();
    for (int i = 0; i < 16; i++)
        p.xmm_in[i] = (uint8_t)(0xa0 + i);
    long double a = 3.25L, b = -1234.5L;
    memcpy(p.st_in[0], &a, 10);
    memcpy(p.st_in[1], &b, 10);
    set_handler(SIGUSR1, on_fpu, 0);
    hits[SIGUSR1] = 0;
    handler_cw = 0;
    fpu_probe(&p);
    set_handler(SIGUSR1, on_plain, 0);
    if (!ok(hits[SIGUSR1] == 1 && handler_cw == 0x037f && handler_mxcsr == 0x1f80 && handler_tags == 0xffff,
            "a handler starts with a clean FPU: default control word and MXCSR, empty x87 stack"))
        why("handled %d; in the handler: cw %#x, mxcsr %#x, tag word %#x", hits[SIGUSR1], handler_cw, handler_mxcsr,
            handler_tags);
    if (!ok(p.cw_out == p.cw_in && p.mxcsr_out == p.mxcsr_in && !memcmp(p.xmm_out, p.xmm_in, 16) &&
                !memcmp(p.st_out[0], p.st_in[0], 10) && !memcmp(p.st_out[1], p.st_in[1], 10),
            "after the handler the control word, MXCSR, st0, st1 and xmm1 are as before"))
        why("cw %#x (want %#x), mxcsr %#x (want %#x), xmm1 same %d, st0 same %d, st1 same %d", p.cw_out, p.cw_in,
            p.mxcsr_out, p.mxcsr_in, !memcmp(p.xmm_out, p.xmm_in, 16), !memcmp(p.st_out[0], p.st_in[0], 10),
            !memcmp(p.st_out[1], p.st_in[1], 10));
}

/* ---- execve ----------------------------------------------------------------- */

/* In the new image: caught signals are back to SIG_DFL, ignored ones stay
 * ignored, the mask and pending signals survive, the alternate stack is
 * gone. Each failed check sets a bit of the exit code. */
static int exec_check(void)
{
    int bad = 0;
    struct sigaction sa;
    sigaction(SIGUSR1, NULL, &sa);
    if (sa.sa_handler != SIG_DFL)
        bad |= 1;
    sigaction(SIGUSR2, NULL, &sa);
    if (sa.sa_handler != SIG_IGN)
        bad |= 2;
    if (!is_blocked(SIGHUP))
        bad |= 4;
    if (!is_pending(SIGHUP))
        bad |= 8;
    stack_t cur;
    memset(&cur, 0, sizeof cur);
    if (sigaltstack(NULL, &cur) != 0 || cur.ss_flags != SS_DISABLE)
        bad |= 16;
    return bad;
}

static const char *self_path;

static int exec_child(void)
{
    set_handler(SIGUSR1, on_plain, 0);
    set_handler(SIGUSR2, SIG_IGN, 0);
    change_mask(SIG_BLOCK, SIGHUP);
    kill(getpid(), SIGHUP);
    stack_t ss = { .ss_sp = alt_stack, .ss_size = ALT_SIZE, .ss_flags = 0 };
    sigaltstack(&ss, NULL);
    char *argv[] = { (char *)self_path, EXEC_CHECK, NULL };
    char *envp[] = { NULL };
    execve(self_path, argv, envp);
    return 100;
}

static void test_exec(void)
{
    int status = run_bounded(exec_child, 20000);
    if (!ok(exited_with(status, 0),
            "execve resets caught signals, keeps ignored ones, the mask and pending signals, drops the altstack"))
        why("child %s (bits: 1 handler kept, 2 SIG_IGN lost, 4 mask lost, 8 pending lost, 16 altstack kept, "
            "100 exec failed)",
            outcome(status));
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], EXEC_CHECK))
        return exec_check();
    self_path = argv[0];

    sh = shared_memory(sizeof *sh);
    if (!sh) {
        diag("mmap(MAP_SHARED | MAP_ANONYMOUS) failed, errno %d", errno);
        return 1;
    }
    /* Signals a wrong result could send here must not end the test. */
    set_handler(SIGUSR1, on_plain, 0);
    set_handler(SIGUSR2, on_plain, 0);

    plan(55);
    test_siginfo_kill();     /* 3 */
    test_non_root_sender();  /* 2 */
    test_resethand();        /* 2 */
    test_nodefer();          /* 4 */
    test_restart();          /* 2 */
    test_masks();            /* 7 */
    test_fork_mask();        /* 1 */
    test_sigsuspend();       /* 3 */
    test_alarm();            /* 2 */
    test_itimer();           /* 4 */
    test_kill_existence();   /* 3 */
    test_group_kill();       /* 2 */
    test_bad_signals();      /* 3 */
    test_tkill();            /* 3 */
    test_legacy_signal();    /* 3 */
    test_altstack();         /* 5 */
    test_registers();        /* 3 */
    test_fpu_state();        /* 2 */
    test_exec();             /* 1 */
    return done();
}
