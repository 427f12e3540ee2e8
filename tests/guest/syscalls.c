/* syscalls: the small system calls a C library needs at every start and
 * that most programs use: unknown numbers, identity, uname, clocks, sleep,
 * random bytes, resource limits, the terminal. Where the C library may
 * answer without the kernel (clocks) or fall back from one call to another
 * (time64, prlimit64), the system call is also made directly. */
#include "tap.h"

#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <termios.h>

/* musl's headers name the 32-bit time calls *_time32. */
#ifndef SYS_clock_nanosleep
#define SYS_clock_nanosleep 267
#endif

/* The i386 structures of the 32-bit time calls. */
struct timespec32 {
    int32_t tv_sec;
    int32_t tv_nsec;
};
struct timeval32 {
    int32_t tv_sec;
    int32_t tv_usec;
};
struct rlimit32 {
    uint32_t rlim_cur;
    uint32_t rlim_max;
};
struct rlimit64_abi {
    uint64_t rlim_cur;
    uint64_t rlim_max;
};

#define JAN_2020 1577836800

/* musl names the 32-bit time calls after their type: these are Linux's
 * clock_gettime (265) and gettimeofday (78). */
#define SYS_clock_gettime SYS_clock_gettime32
#define SYS_gettimeofday SYS_gettimeofday_time32

static int64_t ns_of(const struct timespec *t)
{
    return (int64_t)t->tv_sec * 1000000000 + t->tv_nsec;
}

static void test_unknown(void)
{
    /* 17 was "break" (never implemented); 1000 is past the end of the
     * table; -1 and 0x80000000 must not index anything. */
    static const long numbers[] = { 17, 1000, -1, (long)0x80000000u };
    for (unsigned i = 0; i < sizeof numbers / sizeof numbers[0]; i++) {
        errno = 0;
        long r = syscall(numbers[i], 0, 0, 0);
        if (!ok(r == -1 && errno == ENOSYS, "system call %ld gives ENOSYS", numbers[i]))
            why("returned %ld, errno %d", r, errno);
    }
}

static void test_identity(void)
{
    struct utsname u;
    int r = uname(&u);
    if (!ok(r == 0 && !strcmp(u.sysname, "Linux") && u.release[0] >= '0' && u.release[0] <= '9',
            "uname: sysname \"Linux\", release starts with a digit"))
        why("returned %d; sysname \"%s\", release \"%s\"", r, u.sysname, u.release);
    size_t ml = strlen(u.machine);
    if (!ok(r == 0 && u.machine[0] == 'i' && ml == 4 && !strcmp(u.machine + 2, "86"), "uname: machine is i386..i686"))
        why("machine \"%s\"", u.machine);

    ok(getuid() == 0 && geteuid() == 0 && getgid() == 0 && getegid() == 0, "uid, euid, gid and egid are 0 (root)");
    if (!ok(syscall(SYS_getuid32) == 0 && syscall(SYS_getgid32) == 0 && syscall(SYS_getuid) == 0,
            "getuid32, getgid32 and the 16-bit getuid all say 0"))
        why("getuid32 %ld, getgid32 %ld, getuid %ld", syscall(SYS_getuid32), syscall(SYS_getgid32), syscall(SYS_getuid));

    pid_t pid = getpid();
    long tid = syscall(SYS_gettid);
    static int clear_tid;
    long set = syscall(SYS_set_tid_address, &clear_tid);
    if (!ok(pid > 0 && tid == pid && set == tid, "set_tid_address returns the tid, which is gettid() and getpid()"))
        why("getpid %d, gettid %ld, set_tid_address %ld", pid, tid, set);
    ok(getppid() > 0 && getppid() != pid, "getppid is another process");
}

static void test_clocks(void)
{
    struct timespec a, b;
    int bad = 0, r = 0;
    r |= clock_gettime(CLOCK_MONOTONIC, &a);
    for (int i = 0; i < 1000 && !r; i++) {
        r |= clock_gettime(CLOCK_MONOTONIC, &b);
        if (ns_of(&b) < ns_of(&a) || b.tv_nsec < 0 || b.tv_nsec >= 1000000000)
            bad++;
        a = b;
    }
    if (!ok(r == 0 && bad == 0, "clock_gettime(CLOCK_MONOTONIC) never goes back (1000 reads)"))
        why("returned %d; %d reads went back or were malformed", r, bad);

    struct timespec32 m1, m2;
    long r1 = syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &m1);
    long r2 = syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &m2);
    int64_t n1 = (int64_t)m1.tv_sec * 1000000000 + m1.tv_nsec, n2 = (int64_t)m2.tv_sec * 1000000000 + m2.tv_nsec;
    if (!ok(r1 == 0 && r2 == 0 && n2 >= n1 && m1.tv_nsec >= 0 && m1.tv_nsec < 1000000000,
            "the clock_gettime system call (32-bit time) on CLOCK_MONOTONIC"))
        why("returned %ld, %ld; %lld then %lld", r1, r2, (long long)n1, (long long)n2);

    struct timespec rt;
    r = clock_gettime(CLOCK_REALTIME, &rt);
    if (!ok(r == 0 && rt.tv_sec > JAN_2020, "clock_gettime(CLOCK_REALTIME) is after 2020"))
        why("returned %d, %lld s", r, (long long)rt.tv_sec);

    struct timeval32 tv = { 0, -1 };
    long g = syscall(SYS_gettimeofday, &tv, NULL);
    if (!ok(g == 0 && tv.tv_sec > JAN_2020 && tv.tv_usec >= 0 && tv.tv_usec < 1000000 &&
                tv.tv_sec >= (int32_t)rt.tv_sec - 5 && tv.tv_sec <= (int32_t)rt.tv_sec + 60,
            "the gettimeofday system call agrees with CLOCK_REALTIME"))
        why("returned %ld, %d.%06d s; CLOCK_REALTIME %lld s", g, tv.tv_sec, tv.tv_usec, (long long)rt.tv_sec);

    long t = syscall(SYS_time, NULL);
    if (!ok(t > JAN_2020 && t >= (long)rt.tv_sec - 5 && t <= (long)rt.tv_sec + 60, "the time system call agrees"))
        why("time() = %ld, CLOCK_REALTIME %lld", t, (long long)rt.tv_sec);
}

static void ignore_signal(int s) { (void)s; }

static void test_sleep(void)
{
    struct timespec before, after, ten_ms = { 0, 10 * 1000000 };
    clock_gettime(CLOCK_MONOTONIC, &before);
    int r = nanosleep(&ten_ms, NULL);
    clock_gettime(CLOCK_MONOTONIC, &after);
    int64_t slept = ns_of(&after) - ns_of(&before);
    if (!ok(r == 0 && slept >= 10 * 1000000, "nanosleep(10 ms) lets CLOCK_MONOTONIC advance at least 10 ms"))
        why("returned %d; %lld ns passed", r, (long long)slept);

    struct timespec32 ts32 = { 0, 20 * 1000000 };
    clock_gettime(CLOCK_MONOTONIC, &before);
    long r32 = syscall(SYS_nanosleep, &ts32, NULL);
    clock_gettime(CLOCK_MONOTONIC, &after);
    slept = ns_of(&after) - ns_of(&before);
    if (!ok(r32 == 0 && slept >= 20 * 1000000, "the nanosleep system call (32-bit time) sleeps 20 ms"))
        why("returned %ld; %lld ns passed", r32, (long long)slept);

    struct timespec32 bad = { 0, 1000000000 };
    errno = 0;
    r32 = syscall(SYS_nanosleep, &bad, NULL);
    if (!ok(r32 == -1 && errno == EINVAL, "nanosleep with tv_nsec = 1e9 gives EINVAL"))
        why("returned %ld, errno %d", r32, errno);

    /* Interrupted by a handler, a relative clock_nanosleep says what was
     * left (C libraries build nanosleep on it). */
    struct sigaction on_alarm = { 0 }, old_action;
    on_alarm.sa_handler = ignore_signal;
    sigaction(SIGALRM, &on_alarm, &old_action);
    struct itimerval in_50ms = { { 0, 0 }, { 0, 50000 } };
    setitimer(ITIMER_REAL, &in_50ms, NULL);
    struct timespec32 two_s = { 2, 0 }, left = { -1, -1 };
    errno = 0;
    r32 = syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &two_s, &left);
    int e = errno;
    sigaction(SIGALRM, &old_action, NULL);
    if (!ok(r32 == -1 && e == EINTR && left.tv_sec == 1 && left.tv_nsec >= 0 && left.tv_nsec < 1000000000,
            "clock_nanosleep(2 s) interrupted after 50 ms: EINTR, about 1.95 s left"))
        why("returned %ld, errno %d, left %d.%09d", r32, e, left.tv_sec, left.tv_nsec);

    ok(sched_yield() == 0, "sched_yield returns 0");
}

static void test_random(void)
{
    unsigned char a[64], b[64];
    memset(a, 0, sizeof a);
    memset(b, 0, sizeof b);
    ssize_t ra = getrandom(a, sizeof a, 0);
    ssize_t rb = getrandom(b, sizeof b, 0);
    int zero = 1;
    for (unsigned i = 0; i < sizeof a; i++)
        zero &= a[i] == 0;
    if (!ok(ra == 64 && rb == 64 && !zero && memcmp(a, b, sizeof a) != 0,
            "getrandom fills 64 bytes, differently each time"))
        why("returned %zd and %zd, errno %d", ra, rb, errno);
}

static void test_limits(void)
{
    struct rlimit rl;
    int r = getrlimit(RLIMIT_STACK, &rl);
    if (!ok(r == 0 && rl.rlim_cur >= 128 * 1024 && (rl.rlim_max == RLIM_INFINITY || rl.rlim_cur <= rl.rlim_max),
            "getrlimit(RLIMIT_STACK): at least 128 KiB, at most the hard limit"))
        why("returned %d; cur %llu, max %llu", r, (unsigned long long)rl.rlim_cur, (unsigned long long)rl.rlim_max);

    struct rlimit64_abi r64;
    long p = syscall(SYS_prlimit64, 0, RLIMIT_STACK, NULL, &r64);
    if (!ok(p == 0 && r64.rlim_cur == (uint64_t)rl.rlim_cur && r64.rlim_max == (uint64_t)rl.rlim_max,
            "the prlimit64 system call agrees"))
        why("returned %ld, errno %d; cur %llu, max %llu", p, errno, (unsigned long long)r64.rlim_cur,
            (unsigned long long)r64.rlim_max);

    struct rlimit32 r32;
    long u = syscall(SYS_ugetrlimit, RLIMIT_STACK, &r32);
    int same_cur = rl.rlim_cur >= 0xffffffffu ? r32.rlim_cur == 0xffffffffu : r32.rlim_cur == rl.rlim_cur;
    if (!ok(u == 0 && same_cur, "the ugetrlimit system call agrees"))
        why("returned %ld, errno %d; cur %u, max %u", u, errno, r32.rlim_cur, r32.rlim_max);
}

static void test_sysinfo_and_tty(void)
{
    struct sysinfo si;
    int r = sysinfo(&si);
    if (!ok(r == 0 && si.mem_unit > 0 && si.totalram > 0 && si.freeram > 0 && si.freeram <= si.totalram &&
                si.procs >= 1,
            "sysinfo: total and free memory, at least one process"))
        why("returned %d; mem_unit %u, totalram %lu, freeram %lu, procs %u", r, si.mem_unit, si.totalram, si.freeram,
            si.procs);

    struct termios t;
    r = tcgetattr(1, &t);
    if (!ok(r == 0, "ioctl(1, TCGETS) succeeds: stdout is the console, a terminal"))
        why("errno %d (%s)", errno, strerror(errno));
}

int main(void)
{
    plan(26);
    test_unknown();
    test_identity();
    test_clocks();
    test_sleep();
    test_random();
    test_limits();
    test_sysinfo_and_tty();
    return done();
}
