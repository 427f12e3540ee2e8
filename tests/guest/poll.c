/* poll: poll(2), ppoll(2), select(2) and pselect(2) on pipes, regular
 * files and devices: what each reports as ready, waiting until a file
 * becomes ready or the time runs out, POLLHUP, POLLERR and POLLNVAL,
 * signals (EINTR, and the temporary mask of ppoll and pselect), and the
 * errors: EFAULT, EINVAL, EBADF. The raw system calls (poll, ppoll,
 * _newselect, pselect6 and their 64-bit-time twins) are called directly
 * too, since a C library uses only some of them. On Cleave, a fault
 * injection sweep checks that a failed allocation is ENOMEM and leaks
 * nothing. (The terminal's readiness is in tty.c.) */
#include "bounded.h"
#include "fail_nth.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/time.h>
#include <sys/syscall.h>
#include <sys/utsname.h>

static int fds[2];

static long long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* One fd, one poll: the revents, or -1 with errno if poll failed, or -2
 * if poll's count disagreed with revents. */
static int poll_one(int fd, short events, int timeout)
{
    struct pollfd p = { fd, events, 0x7777 };
    int n = poll(&p, 1, timeout);
    if (n < 0)
        return -1;
    if (n != (p.revents != 0))
        return -2;
    return p.revents;
}

static void on_signal(int s) { (void)s; }

/* ---- children ---- */

static int late_writer(void)
{
    close(fds[0]);
    msleep(60);
    return write(fds[1], "x", 1) == 1 ? 0 : 1;
}

static int late_closer(void)
{
    close(fds[0]);
    msleep(60);
    close(fds[1]);
    return 0;
}

static int late_reader(void)
{
    close(fds[1]);
    msleep(60);
    char buf[4096];
    return read(fds[0], buf, sizeof buf) == sizeof buf ? 0 : 1;
}

/* ---- tests ---- */

static void test_pipe_readiness(void)
{
    pipe(fds);
    ok(poll_one(fds[0], POLLIN, 0) == 0, "an empty pipe's read end is not ready (timeout 0 returns 0)");
    int r = poll_one(fds[1], POLLOUT, 0);
    if (!ok(r == (POLLOUT), "an empty pipe's write end is ready for writing (POLLOUT)"))
        why("revents 0x%x", r);
    write(fds[1], "ab", 2);
    r = poll_one(fds[0], POLLIN | POLLOUT, 0);
    if (!ok(r == POLLIN, "with data the read end reports POLLIN, and nothing it was not asked for"))
        why("revents 0x%x", r);
    r = poll_one(fds[0], POLLRDNORM, 0);
    ok(r == POLLRDNORM, "POLLRDNORM is reported as well, when asked for");

    /* A full pipe is not writable. */
    fcntl(fds[1], F_SETFL, O_NONBLOCK);
    char block[4096] = { 0 };
    while (write(fds[1], block, sizeof block) > 0) {
    }
    r = poll_one(fds[1], POLLOUT, 0);
    ok(r == 0, "a full pipe's write end is not ready");
    pid_t pid = fork();
    if (pid == 0)
        _exit(late_reader());
    r = poll_one(fds[1], POLLOUT, 5000);
    ok(r == POLLOUT, "poll on a full pipe wakes when a reader makes room");
    ok(exited_with(finish_child(pid, 5000), 0), "(the reader read)");
    close(fds[0]);
    close(fds[1]);
}

static void test_hangup_and_error(void)
{
    pipe(fds);
    write(fds[1], "z", 1);
    close(fds[1]);
    int r = poll_one(fds[0], POLLIN, 0);
    if (!ok(r == (POLLIN | POLLHUP), "no writer left: POLLHUP, reported though not asked for, with POLLIN for the data"))
        why("revents 0x%x", r);
    char c;
    read(fds[0], &c, 1);
    r = poll_one(fds[0], 0, 0);
    ok(r == POLLHUP, "POLLHUP with events 0 too");
    close(fds[0]);

    pipe(fds);
    close(fds[0]);
    r = poll_one(fds[1], POLLOUT, 0);
    if (!ok(r == (POLLOUT | POLLERR), "no reader left: the write end reports POLLERR"))
        why("revents 0x%x", r);
    close(fds[1]);

    pipe(fds);
    pid_t pid = fork();
    if (pid == 0)
        _exit(late_closer());
    close(fds[1]);
    r = poll_one(fds[0], POLLIN, 5000);
    ok(r == POLLHUP, "a sleeping poll wakes when the last writer closes");
    finish_child(pid, 5000);
    close(fds[0]);
}

static void test_bad_fds(void)
{
    int closed = open("/dev/null", O_RDONLY);
    close(closed);
    struct pollfd p[3] = { { closed, POLLIN, 0 }, { -1, POLLIN, 0x55 }, { 0, 0, 0 } };
    int n = poll(p, 2, 0);
    ok(n == 1 && p[0].revents == POLLNVAL, "a closed fd reports POLLNVAL, and counts as ready");
    ok(p[1].revents == 0, "a negative fd is skipped: revents 0");

    int path_fd = open("/", O_PATH);
    p[0] = (struct pollfd) { path_fd, POLLIN, 0 };
    n = poll(p, 1, 0);
    ok(n == 1 && p[0].revents == POLLNVAL, "an O_PATH fd reports POLLNVAL");
    close(path_fd);

    errno = 0;
    fails_with(syscall(SYS_poll, 8, 1, 0), EFAULT, "poll with a bad array");
    struct rlimit limit;
    getrlimit(RLIMIT_NOFILE, &limit);
    fails_with(poll(p, (nfds_t)limit.rlim_cur + 1, 0), EINVAL, "poll with more fds than RLIMIT_NOFILE");
    n = poll(NULL, 0, 0);
    ok(n == 0, "poll of no fds returns 0");

    /* Root may raise the fd limit very high (fs.nr_open, then
     * RLIMIT_NOFILE): a count whose table would not fit in memory fails
     * (Linux walks the array and faults past p; a kernel may refuse the
     * count), and leaves the kernel working. In a child: it changes limits. */
    pid_t pid = fork();
    if (pid == 0) {
        int fd = open("/proc/sys/fs/nr_open", O_WRONLY);
        if (fd < 0 || write(fd, "1073741792", 10) != 10)
            _exit(10);
        close(fd);
        struct rlimit big = { 1073741792, 1073741792 };
        if (setrlimit(RLIMIT_NOFILE, &big) != 0)
            _exit(11);
        errno = 0;
        long r = syscall(SYS_poll, p, 0x20000001, 0);
        _exit(r == -1 && (errno == EINVAL || errno == EFAULT || errno == ENOMEM) ? 0 : 12);
    }
    int status = -1;
    waitpid(pid, &status, 0);
    if (!ok(WIFEXITED(status) && WEXITSTATUS(status) == 0 && poll(p, 1, 0) >= 0,
            "poll of 2^29+1 fds under a raised limit fails cleanly"))
        why("child status 0x%x", status);
    int fd = open("/proc/sys/fs/nr_open", O_WRONLY);
    if (fd >= 0) {
        (void)!write(fd, "1048576", 7);
        close(fd);
    }
}

static void test_files_and_devices(void)
{
    int file = open("/tmp/poll-file", O_RDWR | O_CREAT | O_TRUNC, 0600);
    int null = open("/dev/null", O_RDWR);
    struct pollfd p[2] = { { file, POLLIN | POLLOUT, 0 }, { null, POLLIN | POLLOUT, 0 } };
    int n = poll(p, 2, 0);
    ok(n == 2 && p[0].revents == (POLLIN | POLLOUT) && p[1].revents == (POLLIN | POLLOUT),
        "a regular file (even empty) and /dev/null are always ready to read and write");
    close(file);
    close(null);
    unlink("/tmp/poll-file");
}

static void test_waiting(void)
{
    pipe(fds);
    long long start = now_ms();
    int r = poll_one(fds[0], POLLIN, 100);
    long long waited = now_ms() - start;
    if (!ok(r == 0 && waited >= 90, "poll with a timeout of 100 ms returns 0 after waiting that long"))
        why("returned %d after %lld ms", r, waited);

    pid_t pid = fork();
    if (pid == 0)
        _exit(late_writer());
    r = poll_one(fds[0], POLLIN, -1);
    ok(r == POLLIN, "poll with no timeout sleeps until a writer writes");
    finish_child(pid, 5000);
    close(fds[0]);
    close(fds[1]);

    /* Many fds: the one that becomes ready is the last. */
    int pipes[20][2];
    struct pollfd p[20];
    for (int i = 0; i < 20; i++) {
        pipe(pipes[i]);
        p[i] = (struct pollfd) { pipes[i][0], POLLIN, 0 };
    }
    fds[0] = pipes[19][0], fds[1] = pipes[19][1];
    pid = fork();
    if (pid == 0)
        _exit(late_writer());
    int n = poll(p, 20, 5000);
    int others = 0;
    for (int i = 0; i < 19; i++)
        others |= p[i].revents;
    ok(n == 1 && p[19].revents == POLLIN && !others, "poll over 20 pipes wakes for the one written to");
    finish_child(pid, 5000);
    for (int i = 0; i < 20; i++) {
        close(pipes[i][0]);
        close(pipes[i][1]);
    }
}

static void test_signals(void)
{
    struct sigaction sa = { 0 };
    sa.sa_handler = on_signal;
    sa.sa_flags = SA_RESTART; /* poll and select are never restarted after a handler */
    sigaction(SIGALRM, &sa, NULL);
    pipe(fds);

    struct itimerval t = { { 0, 0 }, { 0, 50000 } };
    setitimer(ITIMER_REAL, &t, NULL);
    struct pollfd p = { fds[0], POLLIN, 0 };
    int n = poll(&p, 1, 5000);
    fails_with(n, EINTR, "poll interrupted by a handled signal (even SA_RESTART)");

    setitimer(ITIMER_REAL, &t, NULL);
    fd_set set;
    FD_ZERO(&set);
    FD_SET(fds[0], &set);
    struct timeval tv = { 5, 0 };
    n = select(fds[0] + 1, &set, NULL, NULL, &tv);
    fails_with(n, EINTR, "select interrupted by a handled signal");

    /* ppoll's mask: SIGUSR1 blocked outside, unblocked during the call. */
    sigaction(SIGUSR1, &sa, NULL);
    sigset_t block, old, during;
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigprocmask(SIG_BLOCK, &block, &old);
    kill(getpid(), SIGUSR1); /* pending, blocked */
    sigemptyset(&during);
    struct timespec ts = { 5, 0 };
    n = ppoll(&p, 1, &ts, &during);
    fails_with(n, EINTR, "ppoll: a pending signal its mask unblocks interrupts it at once");
    sigset_t after;
    sigprocmask(SIG_SETMASK, NULL, &after);
    ok(sigismember(&after, SIGUSR1), "after ppoll the caller's own mask is back");

    kill(getpid(), SIGUSR1);
    FD_ZERO(&set);
    FD_SET(fds[0], &set);
    n = pselect(fds[0] + 1, &set, NULL, NULL, &ts, &during);
    fails_with(n, EINTR, "pselect: the same with its mask");
    sigprocmask(SIG_SETMASK, NULL, &after);
    ok(sigismember(&after, SIGUSR1), "after pselect the caller's own mask is back");

    /* A mask that blocks nothing new, with nothing pending: just a timeout. */
    ts = (struct timespec) { 0, 20000000 };
    n = ppoll(&p, 1, &ts, &block);
    ok(n == 0, "ppoll with a timeout and a mask returns 0 when nothing happens");
    sigprocmask(SIG_SETMASK, &old, NULL);
    signal(SIGALRM, SIG_DFL);
    signal(SIGUSR1, SIG_DFL);
    close(fds[0]);
    close(fds[1]);
}

static void test_select(void)
{
    pipe(fds);
    int null = open("/dev/null", O_RDWR);
    fd_set r, w, e;
    FD_ZERO(&r);
    FD_ZERO(&w);
    FD_ZERO(&e);
    FD_SET(fds[0], &r);
    FD_SET(fds[1], &w);
    FD_SET(fds[0], &e);
    struct timeval tv = { 0, 0 };
    int n = select(FD_SETSIZE, &r, &w, &e, &tv);
    ok(n == 1 && !FD_ISSET(fds[0], &r) && FD_ISSET(fds[1], &w) && !FD_ISSET(fds[0], &e),
        "select: an empty pipe is writable, not readable; the sets say which");

    write(fds[1], "x", 1);
    FD_ZERO(&r);
    FD_ZERO(&w);
    FD_SET(fds[0], &r);
    FD_SET(null, &r);
    FD_SET(null, &w);
    n = select(null + 1, &r, &w, NULL, &tv);
    ok(n == 3 && FD_ISSET(fds[0], &r) && FD_ISSET(null, &r) && FD_ISSET(null, &w),
        "select counts bits, not fds: /dev/null readable and writable counts twice");

    int closed = open("/dev/null", O_RDONLY);
    close(closed);
    FD_ZERO(&r);
    FD_SET(closed, &r);
    fails_with(select(closed + 1, &r, NULL, NULL, &tv), EBADF, "select with a closed fd in a set");
    fails_with(select(-1, NULL, NULL, NULL, &tv), EINVAL, "select with a negative nfds");
    FD_ZERO(&r);
    FD_SET(fds[0], &r);
    fails_with(select(fds[0] + 1, (fd_set *)8, NULL, NULL, &tv), EFAULT, "select with a bad set");
    tv = (struct timeval) { 0, -1 };
    fails_with(select(0, NULL, NULL, NULL, &tv), EINVAL, "select with a negative tv_usec");

    /* The raw call writes back the time left (Linux's behaviour; libraries
     * may hide it). */
    char c;
    read(fds[0], &c, 1);
    struct { long sec, usec; } left = { 0, 80000 };
    FD_ZERO(&r);
    FD_SET(fds[0], &r);
    long long start = now_ms();
    long rr = syscall(SYS__newselect, fds[0] + 1, &r, NULL, NULL, &left);
    long long waited = now_ms() - start;
    ok(rr == 0 && !FD_ISSET(fds[0], &r) && waited >= 70 && left.sec == 0 && left.usec < 20000,
        "_newselect times out after 80 ms, clears the set and writes back the time left");

    left.sec = 2, left.usec = 0;
    pid_t pid = fork();
    if (pid == 0)
        _exit(late_writer());
    FD_ZERO(&r);
    FD_SET(fds[0], &r);
    rr = syscall(SYS__newselect, fds[0] + 1, &r, NULL, NULL, &left);
    ok(rr == 1 && FD_ISSET(fds[0], &r) && left.sec >= 1 && (left.sec < 2 || left.usec > 0),
        "a sleeping _newselect wakes for the writer, with most of its time left");
    finish_child(pid, 5000);
    close(fds[0]);
    close(fds[1]);
    close(null);
}

/* The calls a C library may or may not use, directly. */
static void test_raw_calls(void)
{
    pipe(fds);
    write(fds[1], "x", 1);
    struct pollfd p[2] = { { fds[0], POLLIN, 0 }, { fds[1], POLLIN, 0 } };
    long r = syscall(SYS_poll, p, 2, 0);
    ok(r == 1 && p[0].revents == POLLIN && p[1].revents == 0, "poll (168)");

    struct { int32_t sec, nsec; } ts32 = { 0, 0 };
    struct { int64_t sec, nsec; } ts64 = { 0, 0 };
    p[0].revents = p[1].revents = 0;
    r = syscall(SYS_ppoll, p, 2, &ts32, NULL, 8);
    ok(r == 1 && p[0].revents == POLLIN, "ppoll (309)");
#ifdef SYS_ppoll_time64
    p[0].revents = 0;
    r = syscall(SYS_ppoll_time64, p, 2, &ts64, NULL, 8);
    ok(r == 1 && p[0].revents == POLLIN, "ppoll_time64 (414)");
    ts64.nsec = 1000000000;
    r = syscall(SYS_ppoll_time64, p, 2, &ts64, NULL, 8);
    fails_with(r, EINVAL, "ppoll_time64 with tv_nsec of a whole second");
    ts64.nsec = 0;
#else
    skip("no SYS_ppoll_time64 in this C library's headers", "ppoll_time64 (414)");
    skip("no SYS_ppoll_time64 in this C library's headers", "ppoll_time64 with a bad timeout");
#endif
    sigset_t none;
    sigemptyset(&none);
    r = syscall(SYS_ppoll, p, 2, &ts32, &none, 4);
    fails_with(r, EINVAL, "ppoll with a signal set size other than 8");

    fd_set set;
    FD_ZERO(&set);
    FD_SET(fds[0], &set);
    struct { void *mask; size_t size; } sigarg = { NULL, 8 };
    r = syscall(SYS_pselect6, fds[0] + 1, &set, NULL, NULL, &ts32, &sigarg);
    ok(r == 1 && FD_ISSET(fds[0], &set), "pselect6 (308)");
#ifdef SYS_pselect6_time64
    FD_ZERO(&set);
    FD_SET(fds[0], &set);
    r = syscall(SYS_pselect6_time64, fds[0] + 1, &set, NULL, NULL, &ts64, &sigarg);
    ok(r == 1 && FD_ISSET(fds[0], &set), "pselect6_time64 (413)");
#else
    skip("no SYS_pselect6_time64 in this C library's headers", "pselect6_time64 (413)");
#endif
    struct { void *mask; size_t size; } badarg = { &none, 16 };
    r = syscall(SYS_pselect6, fds[0] + 1, &set, NULL, NULL, &ts32, &badarg);
    fails_with(r, EINVAL, "pselect6 with a signal set size other than 8");
    close(fds[0]);
    close(fds[1]);
}

/* ---- fault injection (Cleave) ---- */

/* poll over 20 pipes (more than one block of subscriptions) and select over
 * the same, each allocation made to fail in turn: ENOMEM or success, and
 * the kernel's counters back where they were after each failure. */
static int sweep(int use_select)
{
    int pipes[20][2];
    struct pollfd p[20];
    fd_set set;
    FD_ZERO(&set);
    for (int i = 0; i < 20; i++) {
        if (pipe(pipes[i]))
            return 1;
        p[i] = (struct pollfd) { pipes[i][0], POLLIN, 0 };
        FD_SET(pipes[i][0], &set);
    }
    /* n = 0 first: a round with nothing failing touches every page of
     * stack and data the later rounds use, so that they allocate no
     * memory of their own for it. */
    for (int n = 0; n <= 100; n++) {
        char before[256], after[256];
        if (read_file("/proc/cleave", before, sizeof before) || set_fail_nth(n))
            return 2;
        int r;
        if (use_select) {
            fd_set copy = set;
            struct timeval tv = { 0, 10000 };
            r = select(FD_SETSIZE, &copy, NULL, NULL, &tv);
        } else {
            r = poll(p, 20, 10);
        }
        int e = errno;
        set_fail_nth(0);
        if (r == 0 && n > 0)
            return n > 1 ? 0 : 6; /* timed out normally: every earlier failure was clean (and there was one) */
        if (n == 0)
            continue;
        if (r > 0 || e != ENOMEM) {
            printf("# allocation %d failing: returned %d, errno %d\n", n, r, e);
            return 3;
        }
        read_file("/proc/cleave", after, sizeof after);
        if (strcmp(before, after)) {
            for (char *c = before; *c; c++)
                *c = *c == '\n' ? ' ' : *c;
            for (char *c = after; *c; c++)
                *c = *c == '\n' ? ' ' : *c;
            printf("# allocation %d failing: counters changed:\n# before: %s\n# after:  %s\n", n, before, after);
            return 4;
        }
    }
    return 5;
}

static int sweep_poll(void) { return sweep(0); }
static int sweep_select(void) { return sweep(1); }

int main(void)
{
    plan(47);
    test_pipe_readiness();
    test_hangup_and_error();
    test_bad_fds();
    test_files_and_devices();
    test_waiting();
    test_signals();
    test_select();
    test_raw_calls();

    struct utsname u;
    uname(&u);
    if (!strstr(u.release, "cleave") || access("/proc/self/fail-nth", W_OK) || access("/proc/cleave", R_OK)) {
        skip("no fault injection (not Cleave)", "poll: every failed allocation is ENOMEM and leaks nothing");
        skip("no fault injection (not Cleave)", "select: every failed allocation is ENOMEM and leaks nothing");
    } else {
        int status = run_bounded(sweep_poll, 20000);
        if (!ok(exited_with(status, 0), "poll: every failed allocation is ENOMEM and leaks nothing"))
            why("%s", status_text(status));
        status = run_bounded(sweep_select, 20000);
        if (!ok(exited_with(status, 0), "select: every failed allocation is ENOMEM and leaks nothing"))
            why("%s", status_text(status));
    }
    return done();
}
