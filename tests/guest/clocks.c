/* clocks: the CPU-time clocks (CLOCK_PROCESS_CPUTIME_ID and
 * CLOCK_THREAD_CPUTIME_ID count only running), and setting the time of
 * day: clock_settime (32 and 64-bit), settimeofday (and its timezone),
 * stime; the monotonic clock stays put, file times follow; EINVAL, EPERM
 * (also as an ordinary user) and EFAULT. The clock is put back at the end.
 */
#include "bounded.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>

#define NS 1000000000LL

static long long ns_of(clockid_t clock)
{
    struct timespec ts;
    if (clock_gettime(clock, &ts) != 0)
        return -1;
    return ts.tv_sec * NS + ts.tv_nsec;
}

static void spin_ms(long ms)
{
    long long end = ns_of(CLOCK_MONOTONIC) + ms * 1000000LL;
    while (ns_of(CLOCK_MONOTONIC) < end) {
        for (volatile int i = 0; i < 100000; i++) {
        }
    }
}

static void test_cpu_clocks(void)
{
    long long p0 = ns_of(CLOCK_PROCESS_CPUTIME_ID), t0 = ns_of(CLOCK_THREAD_CPUTIME_ID);
    spin_ms(300);
    long long p1 = ns_of(CLOCK_PROCESS_CPUTIME_ID), t1 = ns_of(CLOCK_THREAD_CPUTIME_ID);
    msleep(300);
    long long p2 = ns_of(CLOCK_PROCESS_CPUTIME_ID), t2 = ns_of(CLOCK_THREAD_CPUTIME_ID);
    long spun = (long)((p1 - p0) / 1000000), slept = (long)((p2 - p1) / 1000000);
    if (!ok(p0 >= 0 && spun >= 150 && spun <= 400 && slept <= 60,
            "CLOCK_PROCESS_CPUTIME_ID: 300 ms of spinning count (%ld ms), 300 ms asleep do not (%ld ms)", spun, slept))
        why("%lld %lld %lld", p0, p1, p2);
    spun = (long)((t1 - t0) / 1000000), slept = (long)((t2 - t1) / 1000000);
    if (!ok(t0 >= 0 && spun >= 150 && spun <= 400 && slept <= 60,
            "CLOCK_THREAD_CPUTIME_ID too (%ld ms, %ld ms)", spun, slept))
        why("%lld %lld %lld", t0, t1, t2);
}

/* The 64-bit clock_settime of 32-bit programs (clock_settime64). */
struct timespec64 {
    int64_t tv_sec;
    int64_t tv_nsec;
};
#ifndef SYS_clock_settime64
#define SYS_clock_settime64 404
#endif
/* Raw calls: the C library's settimeofday and gettimeofday ignore the
 * timezone (and a null time) without asking the kernel. */
#define SYS_stime_call 25
#define SYS_gettimeofday_call 78
#define SYS_settimeofday_call 79
struct old_timeval { /* the kernel's 32-bit struct timeval */
    int32_t tv_sec, tv_usec;
};
static long set_tod(const struct old_timeval *tv, const struct timezone *tz) { return syscall(SYS_settimeofday_call, tv, tz); }
static long get_tod(struct old_timeval *tv, struct timezone *tz) { return syscall(SYS_gettimeofday_call, tv, tz); }

static int nobody_refused(void)
{
    if (setuid(65534) != 0)
        return 100;
    struct timespec ts = { 100000, 0 };
    struct old_timeval tv = { 100000, 0 };
    long when = 100000;
    int bad = 0;
    errno = 0;
    bad |= !(clock_settime(CLOCK_REALTIME, &ts) == -1 && errno == EPERM);
    errno = 0;
    bad |= !(set_tod(&tv, NULL) == -1 && errno == EPERM) << 1;
    errno = 0;
    bad |= !(syscall(SYS_stime_call, &when) == -1 && errno == EPERM) << 2;
    errno = 0;
    bad |= !(syscall(SYS_settimeofday_call, NULL, NULL) == -1 && errno == EPERM) << 3;
    return bad;
}

static void test_setting(void)
{
    long long real0 = ns_of(CLOCK_REALTIME), mono0 = ns_of(CLOCK_MONOTONIC);
    /* The time of day this test should leave behind: as if untouched. */
#define REAL_NOW() (real0 + (ns_of(CLOCK_MONOTONIC) - mono0))

    struct timespec ts = { (time_t)(real0 / NS) + 100000, 0 };
    int r = clock_settime(CLOCK_REALTIME, &ts);
    long long real1 = ns_of(CLOCK_REALTIME), mono1 = ns_of(CLOCK_MONOTONIC);
    time_t t = time(NULL);
    struct old_timeval tv;
    get_tod(&tv, NULL);
    if (!ok(r == 0 && real1 / NS - ts.tv_sec <= 2 && real1 >= ts.tv_sec * NS && t - ts.tv_sec <= 2 &&
                tv.tv_sec - ts.tv_sec <= 2,
            "clock_settime(CLOCK_REALTIME) moves the time of day: clock_gettime, time and gettimeofday"))
        why("returned %d errno %d; now %lld s, time %ld, gettimeofday %ld, wanted %ld", r, errno, real1 / NS, (long)t,
            (long)tv.tv_sec, (long)ts.tv_sec);
    ok(mono1 - mono0 >= 0 && mono1 - mono0 < 2 * NS, "CLOCK_MONOTONIC does not move with it");

    int fd = open("/tmp/clocks-test", O_RDWR | O_CREAT | O_TRUNC, 0644);
    struct stat st;
    fstat(fd, &st);
    close(fd);
    unlink("/tmp/clocks-test");
    ok(st.st_mtime >= ts.tv_sec && st.st_mtime - ts.tv_sec <= 2, "a file made now has the new time");

    struct timespec64 wide = { real0 / NS + 200000, 500000000 };
    r = (int)syscall(SYS_clock_settime64, CLOCK_REALTIME, &wide);
    long long real2 = ns_of(CLOCK_REALTIME);
    if (!ok(r == 0 && real2 >= wide.tv_sec * NS + wide.tv_nsec && real2 / NS - wide.tv_sec <= 2,
            "clock_settime64 with nanoseconds"))
        why("returned %d errno %d, now %lld", r, errno, real2);

    long when = (long)(real0 / NS) + 300000;
    r = (int)syscall(SYS_stime_call, &when);
    t = time(NULL);
    ok(r == 0 && t >= when && t - when <= 2, "stime sets whole seconds");

    long long back = REAL_NOW();
    struct old_timeval restore = { (int32_t)(back / NS), (int32_t)(back % NS / 1000) };
    r = (int)set_tod(&restore, NULL);
    long long real3 = ns_of(CLOCK_REALTIME);
    if (!ok(r == 0 && llabs(real3 - REAL_NOW()) < 2 * NS, "settimeofday puts it back"))
        why("returned %d errno %d", r, errno);

    /* With a time too: Linux moves the clock by the timezone the first
     * time one is set without a time (for a CMOS clock in local time). */
    struct timezone tz = { -120, 0 }, got = { 0, 0 };
    back = REAL_NOW();
    restore = (struct old_timeval) { (int32_t)(back / NS), (int32_t)(back % NS / 1000) };
    r = (int)set_tod(&restore, &tz);
    get_tod(&tv, &got);
    ok(r == 0 && got.tz_minuteswest == -120, "settimeofday's timezone is what gettimeofday gives back");
    tz.tz_minuteswest = 0;
    set_tod(NULL, &tz);

    fails_with(clock_settime(CLOCK_MONOTONIC, &ts), EINVAL, "setting CLOCK_MONOTONIC");
    fails_with(clock_settime(CLOCK_PROCESS_CPUTIME_ID, &ts), EINVAL, "setting CLOCK_PROCESS_CPUTIME_ID");
    fails_with(clock_settime(99, &ts), EINVAL, "setting clock 99");
    struct timespec bad = { ts.tv_sec, NS };
    fails_with(clock_settime(CLOCK_REALTIME, &bad), EINVAL, "a time with a whole second of nanoseconds");
    bad.tv_sec = -1, bad.tv_nsec = 0;
    fails_with(clock_settime(CLOCK_REALTIME, &bad), EINVAL, "a time before 1970");
    long long far[2] = { 1ll << 40, 0 }; /* a struct __kernel_timespec */
    fails_with(syscall(SYS_clock_settime64, CLOCK_REALTIME, far), EINVAL,
        "a time 2^40 seconds after 1970 (nanoseconds would overflow)");
    struct old_timeval bad_tv = { tv.tv_sec, 1000000 };
    fails_with(set_tod(&bad_tv, NULL), EINVAL, "settimeofday with a million microseconds");
    tz.tz_minuteswest = 16 * 60;
    fails_with(set_tod(NULL, &tz), EINVAL, "a timezone 16 hours west");
    fails_with(syscall(SYS_clock_settime64, CLOCK_REALTIME, (void *)16), EFAULT, "clock_settime from a bad pointer");
    fails_with(set_tod((void *)16, NULL), EFAULT, "settimeofday from a bad pointer");

    int status = run_bounded(nobody_refused, 10000);
    if (!ok(exited_with(status, 0), "an ordinary user gets EPERM from clock_settime, settimeofday and stime"))
        why("child %s (a bit for each call that did not fail with EPERM)", outcome(status));
    long long end = ns_of(CLOCK_REALTIME);
    if (!ok(llabs(end - REAL_NOW()) < 2 * NS, "the clock is where it would have been"))
        why("off by %lld ms", (end - REAL_NOW()) / 1000000);
}

int main(void)
{
    plan(21);
    test_cpu_clocks();
    test_setting();
    return done();
}
