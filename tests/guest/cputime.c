/* cputime: the CPU time a process used, as times(2), getrusage(2), wait4's
 * rusage and /proc/<pid>/stat report it: user time for a loop, system
 * time for system calls, a thread's time kept by its process after it
 * ends, a child's time given to its parent when it is reaped (and only
 * then), and the errors.
 *
 * The kernel counts in clock ticks (100 a second), so every check allows
 * a few ticks either way; each burns a few hundred milliseconds.
 */
#include "bounded.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/times.h>

#define BURN_MS 300
#define TICKS_PER_S 100

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Spins in user mode for ms milliseconds of wall time. */
static void burn_user(long ms)
{
    volatile unsigned long x = 0;
    long end = now_ms() + ms;
    while (now_ms() < end) {
        for (int i = 0; i < 100000; i++)
            x += (unsigned long)i;
    }
}

/* Spends ms milliseconds in system calls: reads from /dev/zero. */
static void burn_system(long ms)
{
    static char buffer[65536];
    int fd = open("/dev/zero", O_RDONLY);
    long end = now_ms() + ms;
    while (now_ms() < end) {
        for (int i = 0; i < 16; i++)
            if (read(fd, buffer, sizeof buffer) < 0)
                break;
    }
    close(fd);
}

static long ms_of(struct timeval tv) { return tv.tv_sec * 1000 + tv.tv_usec / 1000; }
static long ticks_to_ms(clock_t ticks) { return (long)ticks * 1000 / TICKS_PER_S; }

static void test_self(void)
{
    long clk = sysconf(_SC_CLK_TCK);
    ok(clk == TICKS_PER_S, "sysconf(_SC_CLK_TCK) is %d (got %ld)", TICKS_PER_S, clk);

    struct tms before, after;
    clock_t t0 = times(&before);
    burn_user(BURN_MS);
    clock_t t1 = times(&after);
    long user = ticks_to_ms(after.tms_utime - before.tms_utime);
    long system = ticks_to_ms(after.tms_stime - before.tms_stime);
    long elapsed = ticks_to_ms(t1 - t0);
    if (!ok(elapsed >= BURN_MS - 20 && elapsed <= 10 * BURN_MS, "times() returns clock ticks: %ld ms passed", elapsed))
        why("returned %ld then %ld", (long)t0, (long)t1);
    if (!ok(user >= BURN_MS / 2 && user + system <= elapsed + 30,
            "a loop in user mode is user time (%ld ms of %ld, %ld ms system)", user, elapsed, system))
        why("user %ld ms, system %ld ms, elapsed %ld ms", user, system, elapsed);

    times(&before);
    burn_system(BURN_MS);
    times(&after);
    system = ticks_to_ms(after.tms_stime - before.tms_stime);
    if (!ok(system >= BURN_MS / 4, "reading /dev/zero is system time (%ld ms)", system))
        why("system %ld ms, user %ld ms", system, ticks_to_ms(after.tms_utime - before.tms_utime));

    struct rusage ru;
    struct tms now;
    int r = getrusage(RUSAGE_SELF, &ru);
    times(&now);
    if (!ok(r == 0 && labs(ms_of(ru.ru_utime) - ticks_to_ms(now.tms_utime)) <= 20 &&
                labs(ms_of(ru.ru_stime) - ticks_to_ms(now.tms_stime)) <= 20,
            "getrusage(RUSAGE_SELF) agrees with times()"))
        why("getrusage %d: user %ld ms system %ld ms; times: %ld ms, %ld ms", r, ms_of(ru.ru_utime),
            ms_of(ru.ru_stime), ticks_to_ms(now.tms_utime), ticks_to_ms(now.tms_stime));

    ok(times(NULL) != (clock_t)-1, "times(NULL) only returns the clock");
    errno = 0;
    long bad = syscall(SYS_times, (void *)16);
    int e = errno;
    if (!ok(bad == -1 && e == EFAULT, "times() with a bad pointer gives EFAULT"))
        why("returned %ld errno %d", bad, e);
    fails_with(getrusage(5, &ru), EINVAL, "getrusage(5)");
    errno = 0;
    bad = syscall(SYS_getrusage, RUSAGE_SELF, (void *)16);
    e = errno;
    if (!ok(bad == -1 && e == EFAULT, "getrusage with a bad pointer gives EFAULT"))
        why("returned %ld errno %d", bad, e);
}

/* /proc/self/stat: utime (14), stime (15) and starttime (22). */
static void test_proc_stat(void)
{
    char text[1024] = { 0 };
    int fd = open("/proc/self/stat", O_RDONLY);
    ssize_t n = fd >= 0 ? read(fd, text, sizeof text - 1) : -1;
    if (fd >= 0)
        close(fd);
    struct tms now;
    times(&now);
    unsigned long long field[53] = { 0 };
    const char *p = n > 0 ? strrchr(text, ')') : NULL;
    int count = 0; /* the last field read */
    if (p) {
        count = 3; /* the state letter, after ") " */
        p = strchr(p + 2, ' ');
        while (p && p[1] && count < 52) {
            field[++count] = strtoull(p + 1, NULL, 10);
            p = strchr(p + 1, ' ');
        }
    }
    double uptime = 0;
    FILE *f = fopen("/proc/uptime", "r");
    if (f) {
        if (fscanf(f, "%lf", &uptime) != 1)
            uptime = 0;
        fclose(f);
    }
    long utime = (long)field[14], stime = (long)field[15];
    if (!ok(count >= 22 && labs(utime - (long)now.tms_utime) <= 2 && labs(stime - (long)now.tms_stime) <= 2,
            "/proc/self/stat's utime and stime are times()'s"))
        why("stat %ld %ld, times %ld %ld (%d fields)", utime, stime, (long)now.tms_utime, (long)now.tms_stime, count);
    unsigned long long start = field[22];
    if (!ok(count >= 22 && uptime > 0 && start > 0 && start <= uptime * TICKS_PER_S + 1,
            "/proc/self/stat's starttime is in ticks since boot (%llu, uptime %.2f s)", start, uptime))
        why("%d fields", count);
}

static void *thread_burn(void *arg)
{
    (void)arg;
    burn_user(BURN_MS);
    return NULL;
}

static void test_thread(void)
{
    struct rusage self_before, self_after, thread_after;
    getrusage(RUSAGE_SELF, &self_before);
    struct rusage mine_before;
    getrusage(RUSAGE_THREAD, &mine_before);
    pthread_t t;
    int made = pthread_create(&t, NULL, thread_burn, NULL) == 0;
    if (made)
        pthread_join(t, NULL);
    getrusage(RUSAGE_SELF, &self_after);
    getrusage(RUSAGE_THREAD, &thread_after);
    long process = ms_of(self_after.ru_utime) - ms_of(self_before.ru_utime);
    long mine = ms_of(thread_after.ru_utime) - ms_of(mine_before.ru_utime);
    if (!ok(made && process >= BURN_MS / 2, "an ended thread's time stays with its process (%ld ms)", process))
        why("thread made %d", made);
    if (!ok(made && mine < process - BURN_MS / 4, "RUSAGE_THREAD is the calling thread's alone (%ld ms)", mine))
        why("process %ld ms, this thread %ld ms", process, mine);
}

static int child_burns(void)
{
    burn_user(BURN_MS);
    return 0;
}

static void test_children(void)
{
    struct tms before, during, after;
    times(&before);
    pid_t pid = fork();
    if (pid == 0)
        _exit(child_burns());
    /* Wait for it to end, without reaping it: its time is not ours yet. */
    siginfo_t si;
    memset(&si, 0, sizeof si);
    int waited = waitid(P_PID, (id_t)pid, &si, WEXITED | WNOWAIT) == 0;
    times(&during);
    struct rusage ru;
    int status = 0;
    pid_t reaped = wait4(pid, &status, 0, &ru);
    times(&after);
    long unreaped = ticks_to_ms(during.tms_cutime - before.tms_cutime);
    long reaped_ms = ticks_to_ms(after.tms_cutime - before.tms_cutime);
    if (!ok(waited && unreaped == 0, "a child that ended but was not reaped adds nothing to tms_cutime"))
        why("waitid %d, cutime grew %ld ms", waited, unreaped);
    if (!ok(reaped == pid && reaped_ms >= BURN_MS / 2, "reaped, its user time is the parent's tms_cutime (%ld ms)",
            reaped_ms))
        why("wait4 returned %d", reaped);
    if (!ok(reaped == pid && labs(ms_of(ru.ru_utime) - reaped_ms) <= 20, "wait4's rusage is the child's time (%ld ms)",
            ms_of(ru.ru_utime)))
        why("rusage %ld ms, cutime %ld ms", ms_of(ru.ru_utime), reaped_ms);
    struct rusage children;
    getrusage(RUSAGE_CHILDREN, &children);
    if (!ok(labs(ms_of(children.ru_utime) - ticks_to_ms(after.tms_cutime)) <= 20,
            "getrusage(RUSAGE_CHILDREN) is times()'s tms_cutime"))
        why("%ld ms against %ld ms", ms_of(children.ru_utime), ticks_to_ms(after.tms_cutime));

    /* A grandchild's time reaches us through the child that reaped it. */
    times(&before);
    pid = fork();
    if (pid == 0) {
        pid_t grandchild = fork();
        if (grandchild == 0)
            _exit(child_burns());
        waitpid(grandchild, NULL, 0);
        _exit(0);
    }
    waitpid(pid, NULL, 0);
    times(&after);
    long nested = ticks_to_ms(after.tms_cutime - before.tms_cutime);
    ok(nested >= BURN_MS / 2, "a reaped grandchild's time comes with the child that reaped it (%ld ms)", nested);
}

int main(void)
{
    plan(18);
    test_self();
    test_proc_stat();
    test_thread();
    test_children();
    return done();
}
