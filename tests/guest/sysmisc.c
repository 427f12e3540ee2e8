/* sysmisc: small process-wide system calls and their errors: sysinfo,
 * prctl (the task name and the parent-death signal), CPU affinity and
 * scheduling priorities, for root and for an ordinary user; swapon and
 * swapoff, which find no swap area.
 */
#include "bounded.h"

#include <fcntl.h>
#include <sched.h>
#include <stdint.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/swap.h>
#include <sys/sysinfo.h>

#define NAME_CHECK "name-check"

static struct report {
    volatile int ready, got, done, value[8];
    volatile long ret[8];
    volatile int err[8];
} *sh;

static void reset_report(void)
{
    memset((void *)sh, 0, sizeof *sh);
}

/* ---- sysinfo -------------------------------------------------------------------- */

static void test_sysinfo(void)
{
    struct sysinfo si;
    memset(&si, 0, sizeof si);
    struct timespec boot;
    clock_gettime(CLOCK_BOOTTIME, &boot);
    int r = sysinfo(&si);
    long diff = (long)si.uptime - (long)boot.tv_sec;
    if (!ok(r == 0 && si.uptime > 0 && diff >= -1 && diff <= 2 && si.mem_unit >= 1 && si.totalram >= si.freeram &&
                (uint64_t)si.totalram * si.mem_unit >= 16u << 20 && si.procs >= 1,
            "sysinfo: uptime agrees with CLOCK_BOOTTIME, memory sizes make sense, there are processes"))
        why("returned %d: uptime %ld (boot time %lld s), mem_unit %u, totalram %lu, freeram %lu, procs %u", r,
            (long)si.uptime, (long long)boot.tv_sec, si.mem_unit, (unsigned long)si.totalram,
            (unsigned long)si.freeram, si.procs);

    errno = 0;
    long bad = syscall(SYS_sysinfo, (void *)16);
    int e = errno;
    if (!ok(bad == -1 && e == EFAULT, "sysinfo with a bad pointer gives EFAULT"))
        why("returned %ld errno %d", bad, e);
}

/* ---- prctl: names ------------------------------------------------------------------ */

static const char *self_path;

static int exec_with_name(void)
{
    prctl(PR_SET_NAME, "renamed", 0, 0, 0);
    char *argv[] = { (char *)self_path, NAME_CHECK, NULL };
    char *envp[] = { NULL };
    execve(self_path, argv, envp);
    return 100;
}

static int name_is(const char *want)
{
    char name[32];
    memset(name, 'x', sizeof name);
    return prctl(PR_GET_NAME, name, 0, 0, 0) == 0 && !strcmp(name, want);
}

static void test_names(void)
{
    char name[32];
    memset(name, 'x', sizeof name);
    int g = prctl(PR_GET_NAME, name, 0, 0, 0);
    name[31] = 0;
    if (!ok(g == 0 && !strcmp(name, "sysmisc"), "PR_GET_NAME: a program starts with its file name (sysmisc)"))
        why("returned %d, name \"%s\"", g, name);

    int s = prctl(PR_SET_NAME, "cleave-test", 0, 0, 0);
    int same = name_is("cleave-test");
    int s2 = prctl(PR_SET_NAME, "abcdefghijklmnopqrstuvwxyz", 0, 0, 0);
    int cut = name_is("abcdefghijklmno");
    if (!ok(s == 0 && same && s2 == 0 && cut, "PR_SET_NAME sets the name; a long name is cut to 15 characters"))
        why("set %d, read back %d; long: set %d, cut to 15 %d", s, same, s2, cut);
    prctl(PR_SET_NAME, "sysmisc", 0, 0, 0);

    int status = run_bounded(exec_with_name, 20000);
    if (!ok(exited_with(status, 0), "execve gives the task the new program's file name"))
        why("child %s (1: the name was kept; 100: execve failed)", outcome(status));

    errno = 0;
    int unknown = prctl(0x7fff1234, 0, 0, 0, 0);
    int e = errno;
    if (!ok(unknown == -1 && e == EINVAL, "prctl with an unknown option gives EINVAL"))
        why("returned %d errno %d", unknown, e);
}

/* ---- prctl: the parent-death signal ---------------------------------------------- */

static void on_usr1(int sig, siginfo_t *si, void *context)
{
    (void)context;
    sh->got = sig;
    sh->value[3] = si->si_pid;
}

/* The grandchild: asks for SIGUSR1 when its parent dies, reports ready,
 * and waits (10 s at most) for the signal. */
static void orphan_to_be(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_usr1;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, NULL);
    pid_t parent = getppid();
    sh->ret[0] = prctl(PR_SET_PDEATHSIG, SIGUSR1, 0, 0, 0);
    int sig = -1;
    prctl(PR_GET_PDEATHSIG, &sig, 0, 0, 0);
    sh->value[0] = sig;

    /* Not inherited by a child of its own. */
    pid_t kid = fork();
    if (kid == 0) {
        int s = -1;
        prctl(PR_GET_PDEATHSIG, &s, 0, 0, 0);
        _exit(s == 0 ? 0 : 1);
    }
    sh->value[1] = kid > 0 ? finish_child(kid, 10000) : -1;

    sh->value[4] = parent;
    sh->ready = 1;
    wait_flag(&sh->got, 1, 10000);
    sh->value[2] = getppid() != parent;
    sh->done = 1;
}

static void test_pdeathsig(void)
{
    int sig = -1;
    int g = prctl(PR_GET_PDEATHSIG, &sig, 0, 0, 0);
    errno = 0;
    int bad = prctl(PR_SET_PDEATHSIG, 99, 0, 0, 0);
    int e = errno;
    if (!ok(g == 0 && sig == 0 && bad == -1 && e == EINVAL,
            "PR_GET_PDEATHSIG is 0 at first; PR_SET_PDEATHSIG with signal 99 gives EINVAL"))
        why("get %d: %d; set 99 %d errno %d", g, sig, bad, e);

    reset_report();
    pid_t middle = fork();
    if (middle == 0) {
        pid_t child = fork();
        if (child == 0) {
            orphan_to_be();
            _exit(0);
        }
        /* Exits (and so dies as a parent) once the grandchild is ready. */
        wait_flag(&sh->ready, 1, 10000);
        _exit(child > 0 && sh->ready ? 0 : 1);
    }
    int status = middle > 0 ? finish_child(middle, 20000) : -1;
    wait_flag(&sh->done, 1, 20000);
    if (!ok(exited_with(status, 0) && sh->ret[0] == 0 && sh->value[0] == SIGUSR1 && sh->got == SIGUSR1 &&
                sh->value[2] == 1 && sh->value[3] == middle,
            "PR_SET_PDEATHSIG: a child gets the signal (from its parent's pid) when its parent exits"))
        why("middle %s; set %ld, get %d; got signal %d from pid %d (parent %d); reparented %d", outcome(status),
            sh->ret[0], sh->value[0], sh->got, sh->value[3], middle, sh->value[2]);
    if (!ok(exited_with(sh->value[1], 0), "the parent-death signal is not inherited across fork"))
        why("the grandchild's child %s", outcome(sh->value[1]));
}

/* ---- CPU affinity ----------------------------------------------------------------------- */

static int first_cpu(const cpu_set_t *set)
{
    for (int i = 0; i < CPU_SETSIZE; i++)
        if (CPU_ISSET(i, set))
            return i;
    return -1;
}

static int affinity_child(void)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    sh->ret[0] = sched_getaffinity(0, sizeof set, &set);
    sh->value[0] = CPU_COUNT(&set);
    sh->value[1] = first_cpu(&set);
    if (setgid(65534) != 0 || setuid(65534) != 0)
        return 10;
    errno = 0;
    sh->ret[1] = sched_setaffinity(getppid(), sizeof set, &set);
    sh->err[1] = errno;
    return 0;
}

static void test_affinity(void)
{
    cpu_set_t orig, set;
    CPU_ZERO(&orig);
    int g = sched_getaffinity(0, sizeof orig, &orig);
    int cpu = first_cpu(&orig);
    if (!ok(g == 0 && CPU_COUNT(&orig) >= 1 && cpu >= 0, "sched_getaffinity: the process may run on some CPU"))
        why("returned %d, %d CPUs, first %d", g, CPU_COUNT(&orig), cpu);

    unsigned char raw[128];
    memset(raw, 0, sizeof raw);
    long n = syscall(SYS_sched_getaffinity, 0, sizeof raw, raw);
    errno = 0;
    long odd = syscall(SYS_sched_getaffinity, 0, 2, raw);
    int e1 = errno;
    errno = 0;
    long fault = syscall(SYS_sched_getaffinity, 0, sizeof raw, (void *)16);
    int e2 = errno;
    if (!ok(n > 0 && n <= (long)sizeof raw && n % 4 == 0 && (raw[cpu / 8] & (1 << cpu % 8)) && odd == -1 &&
                e1 == EINVAL && fault == -1 && e2 == EFAULT,
            "the system call returns the mask's size in bytes; EINVAL for a 2-byte buffer, EFAULT for a bad one"))
        why("returned %ld; 2 bytes: %ld/%d; bad pointer: %ld/%d", n, odd, e1, fault, e2);

    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    int s = sched_setaffinity(0, sizeof set, &set);
    cpu_set_t now;
    CPU_ZERO(&now);
    sched_getaffinity(0, sizeof now, &now);
    if (!ok(s == 0 && CPU_COUNT(&now) == 1 && CPU_ISSET(cpu, &now),
            "sched_setaffinity to one CPU: sched_getaffinity then shows just that CPU"))
        why("set %d; now %d CPUs", s, CPU_COUNT(&now));

    reset_report();
    int status = run_bounded(affinity_child, 10000);
    if (!ok(exited_with(status, 0) && sh->ret[0] == 0 && sh->value[0] == 1 && sh->value[1] == cpu,
            "a forked child inherits the affinity"))
        why("child %s; get %ld: %d CPUs, first %d", outcome(status), sh->ret[0], sh->value[0], sh->value[1]);

    CPU_ZERO(&set);
    errno = 0;
    int empty = sched_setaffinity(0, sizeof set, &set);
    int e3 = errno;
    unsigned char far[128];
    memset(far, 0, sizeof far);
    far[127] = 0x80; /* CPU 1023 */
    errno = 0;
    long none = syscall(SYS_sched_setaffinity, 0, sizeof far, far);
    int e4 = errno;
    pid_t gone = fork();
    if (gone == 0)
        _exit(0);
    finish_child(gone, 10000);
    errno = 0;
    int nopid = sched_getaffinity(gone, sizeof set, &set);
    int e5 = errno;
    errno = 0;
    int nopid2 = sched_setaffinity(gone, sizeof orig, &orig);
    int e6 = errno;
    if (!ok(empty == -1 && e3 == EINVAL && none == -1 && e4 == EINVAL && nopid == -1 && e5 == ESRCH &&
                nopid2 == -1 && e6 == ESRCH,
            "EINVAL for an empty mask or one with no existing CPU; ESRCH for a pid with no process"))
        why("empty %d/%d; CPU 1023 only %ld/%d; no process: get %d/%d, set %d/%d", empty, e3, none, e4, nopid, e5,
            nopid2, e6);
    if (!ok(sh->ret[1] == -1 && sh->err[1] == EPERM, "an ordinary user cannot set a root process's affinity (EPERM)"))
        why("returned %ld errno %d", sh->ret[1], sh->err[1]);
    sched_setaffinity(0, sizeof orig, &orig);
}

/* ---- priorities ----------------------------------------------------------------------------- */

static int nice_child(void)
{
    sh->value[0] = getpriority(PRIO_PROCESS, 0);
    /* A new group, niced as a group. */
    setpgid(0, 0);
    sh->ret[0] = setpriority(PRIO_PGRP, 0, 7);
    sh->value[1] = getpriority(PRIO_PROCESS, 0);
    sh->value[2] = getpriority(PRIO_PGRP, 0);

    struct rlimit none = { 0, 0 };
    setrlimit(RLIMIT_NICE, &none); /* no lowering of nice without privilege */
    if (setgid(65534) != 0 || setuid(65534) != 0)
        return 10;
    errno = 0;
    sh->ret[1] = setpriority(PRIO_PROCESS, 0, 10);
    sh->err[1] = errno;
    errno = 0;
    sh->ret[2] = setpriority(PRIO_PROCESS, 0, 5);
    sh->err[2] = errno;
    sh->value[3] = getpriority(PRIO_PROCESS, 0);
    errno = 0;
    sh->ret[3] = setpriority(PRIO_PROCESS, getppid(), 10);
    sh->err[3] = errno;
    errno = 0;
    sh->ret[4] = setpriority(PRIO_USER, 0, 12); /* every process of user 65534: this one */
    sh->err[4] = errno;
    sh->value[4] = getpriority(PRIO_PROCESS, 0);
    return 0;
}

static void test_priority(void)
{
    errno = 0;
    int p = getpriority(PRIO_PROCESS, 0);
    long raw = syscall(SYS_getpriority, PRIO_PROCESS, 0);
    if (!ok(p == 0 && errno == 0 && raw == 20, "getpriority is 0 (the system call returns 20 - nice = 20)"))
        why("getpriority %d, system call %ld", p, raw);

    int s = setpriority(PRIO_PROCESS, 0, 5);
    int p5 = getpriority(PRIO_PROCESS, 0);
    long raw5 = syscall(SYS_getpriority, PRIO_PROCESS, getpid());
    if (!ok(s == 0 && p5 == 5 && raw5 == 15, "setpriority(5): getpriority then gives 5 (the system call 15)"))
        why("set %d, get %d, system call %ld", s, p5, raw5);

    setpriority(PRIO_PROCESS, 0, 100);
    int high = getpriority(PRIO_PROCESS, 0);
    setpriority(PRIO_PROCESS, 0, -100);
    int low = getpriority(PRIO_PROCESS, 0);
    int back = setpriority(PRIO_PROCESS, 0, 3);
    if (!ok(high == 19 && low == -20 && back == 0 && getpriority(PRIO_PROCESS, 0) == 3,
            "nice values are clamped to 19 and -20; root may lower its nice value"))
        why("100 gave %d, -100 gave %d, then 3: %d", high, low, back);

    reset_report();
    int status = run_bounded(nice_child, 10000);
    if (!ok(exited_with(status, 0) && sh->value[0] == 3, "a forked child inherits the nice value"))
        why("child %s, its nice value %d", outcome(status), sh->value[0]);
    if (!ok(sh->ret[0] == 0 && sh->value[1] == 7 && sh->value[2] == 7, "PRIO_PGRP sets and reads a process group's"))
        why("set %ld; process %d, group %d", sh->ret[0], sh->value[1], sh->value[2]);
    if (!ok(sh->ret[1] == 0 && sh->ret[2] == -1 && sh->err[2] == EACCES && sh->value[3] == 10,
            "an ordinary user may raise its nice value but not lower it again (EACCES)"))
        why("raise to 10: %ld/%d; lower to 5: %ld/%d; now %d", sh->ret[1], sh->err[1], sh->ret[2], sh->err[2],
            sh->value[3]);
    if (!ok(sh->ret[3] == -1 && sh->err[3] == EPERM && sh->ret[4] == 0 && sh->value[4] == 12,
            "an ordinary user cannot renice another user's process (EPERM); PRIO_USER covers its own"))
        why("renice root's process %ld/%d; PRIO_USER %ld/%d, now %d", sh->ret[3], sh->err[3], sh->ret[4], sh->err[4],
            sh->value[4]);

    pid_t gone = fork();
    if (gone == 0)
        _exit(0);
    finish_child(gone, 10000);
    errno = 0;
    int gp = getpriority(PRIO_PROCESS, gone);
    int e1 = errno;
    errno = 0;
    int sp = setpriority(PRIO_PROCESS, gone, 1);
    int e2 = errno;
    errno = 0;
    int gw = getpriority(99, 0);
    int e3 = errno;
    errno = 0;
    int sw = setpriority(99, 0, 1);
    int e4 = errno;
    if (!ok(gp == -1 && e1 == ESRCH && sp == -1 && e2 == ESRCH && gw == -1 && e3 == EINVAL && sw == -1 && e4 == EINVAL,
            "ESRCH for a pid with no process, EINVAL for an unknown 'which'"))
        why("get %d/%d, set %d/%d; which 99: get %d/%d, set %d/%d", gp, e1, sp, e2, gw, e3, sw, e4);
    setpriority(PRIO_PROCESS, 0, 0);
}

/* ---- swap ------------------------------------------------------------------------ */

/* swapon and swapoff of files that hold no swap area: Linux's errors. */
static int swap_as_nobody(void)
{
    if (setuid(65534) != 0)
        return 100;
    errno = 0;
    int bad = !(swapon("/tmp/sysmisc-swap", 0) == -1 && errno == EPERM);
    errno = 0;
    bad |= !(swapoff("/tmp/sysmisc-swap") == -1 && errno == EPERM) << 1;
    return bad;
}

static void test_swap(void)
{
    int fd = open("/tmp/sysmisc-swap", O_RDWR | O_CREAT | O_TRUNC, 0644);
    char page[4096];
    memset(page, 0, sizeof page);
    for (int i = 0; i < 16; i++)
        write(fd, page, sizeof page);
    close(fd);
    fails_with(swapon("/tmp/sysmisc-swap", 0), EINVAL, "swapon of a file with no swap area");
    fails_with(swapoff("/tmp/sysmisc-swap"), EINVAL, "swapoff of a file that is not swap in use");
    fails_with(swapon("/tmp/no-such-swap", 0), ENOENT, "swapon of a missing file");
    fails_with(swapon("/tmp", 0), EISDIR, "swapon of a directory");
    fails_with(swapon("/tmp/sysmisc-swap", 0x80000), EINVAL, "swapon with an unknown flag");
    int status = run_bounded(swap_as_nobody, 10000);
    if (!ok(exited_with(status, 0), "an ordinary user gets EPERM from swapon and swapoff"))
        why("child %s", outcome(status));
    unlink("/tmp/sysmisc-swap");
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], NAME_CHECK))
        return name_is("sysmisc") ? 0 : 1;
    self_path = argv[0];
    sh = shared_memory(sizeof *sh);
    if (!sh) {
        diag("mmap(MAP_SHARED | MAP_ANONYMOUS) failed, errno %d", errno);
        return 1;
    }
    plan(29);
    test_sysinfo();   /* 2 */
    test_names();     /* 4 */
    test_pdeathsig(); /* 3 */
    test_affinity();  /* 6 */
    test_priority();  /* 8 */
    test_swap();      /* 6 */
    return done();
}
