/* unshare_flags: the seed's test 1 (seed/unshare.rst, section 8): which
 * flags unshare() accepts. Bits that are clone's but not unshare's are
 * EINVAL, alone and beside valid flags (and then nothing is unshared);
 * CLONE_THREAD, CLONE_SIGHAND and CLONE_VM are EINVAL while the thread
 * group has another thread, from either thread, while CLONE_FS,
 * CLONE_FILES and CLONE_SYSVSEM are not; in a single-threaded process
 * every valid flag succeeds, and a context that is not shared is left as
 * it is ("If the context is not being shared to begin with, the system
 * call returns success", the patch announcement).
 *
 * CLONE_NEWNS is tested in unshare_newns.
 */
#include "shared_tasks.h"

#include <fcntl.h>

#ifndef CLONE_PIDFD
#define CLONE_PIDFD 0x00001000
#endif
#ifndef CLONE_DETACHED
#define CLONE_DETACHED 0x00400000
#endif
#ifndef CLONE_IO
#define CLONE_IO 0x80000000
#endif

#define BOUND_MS 20000

/* unshare(flags) in a child process: its exit code is the errno (0: success). */
static int unshare_alone(long flags)
{
    long r = sys1(NR_unshare, flags);
    return r < 0 ? (int)-r : 0;
}

static void expect_in_child(unsigned flags, const char *name, int want_errno)
{
    int status = in_process(unshare_alone, (long)flags, BOUND_MS);
    if (!ok(status >= 0 && exited_with(status, want_errno), "unshare(%s) in a single-threaded process: %s", name,
            want_errno ? result_text(-want_errno) : "0"))
        why("the child %s (its exit code is the errno)", reap_text(status));
}

static void test_unknown_bits(void)
{
    static const struct {
        unsigned flag;
        const char *name;
    } bits[] = {
        { CLONE_VFORK, "CLONE_VFORK" },
        { CLONE_PARENT, "CLONE_PARENT" },
        { CLONE_SETTLS, "CLONE_SETTLS" },
        { CLONE_PARENT_SETTID, "CLONE_PARENT_SETTID" },
        { CLONE_CHILD_SETTID, "CLONE_CHILD_SETTID" },
        { CLONE_CHILD_CLEARTID, "CLONE_CHILD_CLEARTID" },
        { CLONE_DETACHED, "CLONE_DETACHED" },
        { CLONE_UNTRACED, "CLONE_UNTRACED" },
        { CLONE_PTRACE, "CLONE_PTRACE" },
        { CLONE_PIDFD, "CLONE_PIDFD" },
        { SIGCHLD, "SIGCHLD (an exit signal)" },
        { CLONE_IO, "bit 31 (CLONE_IO)" },
    };
    for (unsigned i = 0; i < sizeof bits / sizeof bits[0]; i++)
        expect_in_child(bits[i].flag, bits[i].name, EINVAL);
}

/* A valid flag beside an unknown bit: EINVAL, and nothing is unshared. */
static void test_valid_beside_unknown(void)
{
    struct puppet child;
    puppet_start(&child, CLONE_FS | CLONE_FILES);
    if (child.tid < 0)
        diag("clone(CLONE_FS|CLONE_FILES) failed: %s", result_text(child.tid));

    long r = sys1(NR_unshare, CLONE_FS | CLONE_VFORK);
    long moved = ask(&child, OP_CHDIR, "/etc");
    char cwd[256];
    cwd_of(LOCAL, cwd, sizeof cwd);
    if (!ok(r == -EINVAL && moved == 0 && !strcmp(cwd, "/etc"),
            "unshare(CLONE_FS|CLONE_VFORK) is EINVAL and leaves the fs context shared"))
        why("unshare returned %s; after the other task's chdir(\"/etc\") (%s) the cwd is \"%s\"", result_text(r),
            result_text(moved), cwd);

    r = sys1(NR_unshare, CLONE_FILES | CLONE_IO);
    long fd = ask2(&child, OP_DUP2, 1, 93);
    long seen = sys2(NR_fcntl64, 93, F_GETFD);
    if (!ok(r == -EINVAL && fd == 93 && seen >= 0,
            "unshare(CLONE_FILES|bit 31) is EINVAL and leaves the fd table shared"))
        why("unshare returned %s; the other task's dup2(1, 93) %s, then F_GETFD here %s", result_text(r),
            result_text(fd), result_text(seen));
    close(93);
    if (!puppet_stop(&child))
        diag("the CLONE_FS|CLONE_FILES task did not end as asked");
    chdir("/");
}

/* ---- a process with two threads ---------------------------------------------- */

static void test_threads(void)
{
    struct puppet thread;
    puppet_start(&thread, CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM);
    long thread_pid = ask(&thread, OP_GETPID, NULL);
    if (thread.tid < 0 || thread_pid != getpid())
        diag("the thread: clone %s, its getpid %ld (want %d)", result_text(thread.tid), thread_pid, getpid());

    static const struct {
        unsigned flag;
        const char *name;
    } leaving[] = { { CLONE_THREAD, "CLONE_THREAD" }, { CLONE_SIGHAND, "CLONE_SIGHAND" }, { CLONE_VM, "CLONE_VM" } };
    for (int i = 0; i < 3; i++) {
        long r = sys1(NR_unshare, leaving[i].flag);
        if (!ok(r == -EINVAL, "unshare(%s) in the main thread while another thread runs: EINVAL", leaving[i].name))
            why("unshare returned %s", result_text(r));
    }
    long t1 = ask1(&thread, OP_UNSHARE, CLONE_THREAD);
    long t2 = ask1(&thread, OP_UNSHARE, CLONE_SIGHAND);
    long t3 = ask1(&thread, OP_UNSHARE, CLONE_VM);
    if (!ok(t1 == -EINVAL && t2 == -EINVAL && t3 == -EINVAL,
            "unshare(CLONE_THREAD), (CLONE_SIGHAND), (CLONE_VM) in the other thread: EINVAL each"))
        why("the thread's unshare returned %s, %s, %s", result_text(t1), result_text(t2), result_text(t3));

    long f1 = ask1(&thread, OP_UNSHARE, CLONE_FS);
    long f2 = ask1(&thread, OP_UNSHARE, CLONE_FILES);
    long f3 = ask1(&thread, OP_UNSHARE, CLONE_SYSVSEM);
    if (!ok(f1 == 0 && f2 == 0 && f3 == 0,
            "unshare(CLONE_FS), (CLONE_FILES), (CLONE_SYSVSEM) in a thread of a multithreaded process succeed"))
        why("the thread's unshare returned %s, %s, %s", result_text(f1), result_text(f2), result_text(f3));

    long moved = ask(&thread, OP_CHDIR, "/etc");
    long dup = ask2(&thread, OP_DUP2, 1, 94);
    char cwd[256];
    cwd_of(LOCAL, cwd, sizeof cwd);
    long seen = sys2(NR_fcntl64, 94, F_GETFD);
    if (!ok(moved == 0 && dup == 94 && !strcmp(cwd, "/") && seen == -EBADF,
            "after them the thread's cwd and fd table are its own"))
        why("the thread's chdir(\"/etc\") %s, dup2(1, 94) %s; here the cwd is \"%s\" (want /), F_GETFD(94) %s (want "
            "EBADF)",
            result_text(moved), result_text(dup), cwd, result_text(seen));

    int ended = puppet_stop(&thread);
    /* The thread's tid word is cleared a moment before the thread leaves
     * its group (on Linux too), so a bounded retry. */
    long r = -EINVAL;
    long long deadline = now_ms() + 5000;
    while (ended && now_ms() < deadline && (r = sys1(NR_unshare, CLONE_THREAD | CLONE_SIGHAND | CLONE_VM)) == -EINVAL)
        sleep_ms(10);
    if (!ok(ended && r == 0, "once the other thread has exited, unshare(CLONE_THREAD|CLONE_SIGHAND|CLONE_VM) succeeds"))
        why("the thread %s; unshare returned %s", ended ? "exited" : "did not exit as asked", result_text(r));
}

/* ---- a process that shares nothing ------------------------------------------- */

static volatile int *report; /* a MAP_SHARED page: a child's word for the parent */

/* Nothing shared: unshare(CLONE_FS|CLONE_FILES|CLONE_VM) succeeds and the
 * process carries on as before. Exit code: a bit per thing that broke. */
static int still_works(long unused)
{
    (void)unused;
    static volatile int data = 7;
    int *heap = malloc(sizeof *heap);
    if (!heap)
        return 64;
    *heap = 8;
    int fd = open("/etc/passwd", O_RDONLY);
    char before[8] = "", after[8] = "";
    if (fd < 0 || read(fd, before, 4) != 4 || chdir("/etc") != 0)
        return 64;
    int code = 0;
    if (sys1(NR_unshare, CLONE_FS | CLONE_FILES | CLONE_VM) != 0)
        code |= 1;
    char cwd[64];
    if (sys2(NR_getcwd, cwd, sizeof cwd) < 0 || strcmp(cwd, "/etc"))
        code |= 2;
    if (lseek(fd, 0, SEEK_SET) != 0 || read(fd, after, 4) != 4 || memcmp(before, after, 4))
        code |= 4;
    if (data != 7 || *heap != 8)
        code |= 8;
    *report = 55; /* still shared with the parent */
    data = 9;
    if (data != 9)
        code |= 16;
    return code;
}

/* The handlers of a process that shares them with nobody stay in place. */
static void handler(int sig) { (void)sig; }
static int handlers_kept(long unused)
{
    (void)unused;
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    if (sigaction(SIGUSR1, &sa, NULL) != 0)
        return 64;
    if (sys1(NR_unshare, CLONE_SIGHAND) != 0)
        return 1;
    if (sigaction(SIGUSR1, NULL, &old) != 0 || old.sa_handler != handler)
        return 2;
    return 0;
}

static void test_single_threaded(void)
{
    static const struct {
        unsigned flags;
        const char *name;
    } sets[] = {
        { 0, "0" },
        { CLONE_THREAD, "CLONE_THREAD" },
        { CLONE_SIGHAND, "CLONE_SIGHAND" },
        { CLONE_VM, "CLONE_VM" },
        { CLONE_FS, "CLONE_FS" },
        { CLONE_FILES, "CLONE_FILES" },
        { CLONE_SYSVSEM, "CLONE_SYSVSEM" },
        { CLONE_FS | CLONE_FILES | CLONE_VM | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM,
            "CLONE_FS|CLONE_FILES|CLONE_VM|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM" },
    };
    for (unsigned i = 0; i < sizeof sets / sizeof sets[0]; i++)
        expect_in_child(sets[i].flags, sets[i].name, 0);

    *report = 0;
    int status = in_process(still_works, 0, BOUND_MS);
    if (!ok(status >= 0 && exited_with(status, 0) && *report == 55,
            "with nothing shared, unshare(CLONE_FS|CLONE_FILES|CLONE_VM) succeeds and cwd, fds and memory are as "
            "they were"))
        why("the child %s (bits: 1 unshare failed, 2 cwd, 4 fd, 8 memory, 16 writes, 64 setup); the shared word "
            "%d (want 55)",
            reap_text(status), *report);

    status = in_process(handlers_kept, 0, BOUND_MS);
    if (!ok(status >= 0 && exited_with(status, 0),
            "with handlers shared with nobody, unshare(CLONE_SIGHAND) succeeds and keeps them"))
        why("the child %s (1: unshare failed, 2: the handler is gone, 64: setup)", reap_text(status));
}

int main(void)
{
    plan(31);
    diag("kernel: %s", kernel_name());
    report = shared_page(4096);
    if (!report) {
        diag("mmap(MAP_SHARED) failed");
        return 1;
    }
    test_unknown_bits();
    test_valid_beside_unknown();
    test_threads();
    test_single_threaded();
    return done();
}
