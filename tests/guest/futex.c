/* futex: the futex system call made directly. Waiting with a value that
 * no longer matches, timeouts (relative, absolute, on either clock),
 * waking a given number of waiters, bitsets, requeueing, the wake-op
 * arithmetic, private futexes, the errors, interruption by a signal, and
 * futexes shared between processes through shared memory (an anonymous
 * MAP_SHARED page and a SysV segment), which the kernel must key by the
 * page, not by the address. Also futex_time64 (422), the 64-bit time
 * version of the call.
 *
 * Waiters are threads that are never joined: each waits on a word of its
 * own and the test watches for it to return with a bound, so a waiter a
 * broken kernel never wakes is just left behind (exit ends it). Whether a
 * waiter is asleep in the kernel cannot be observed, so after a waiter
 * says it is about to wait the test gives it SETTLE_MS to get there.
 */
#include "bounded.h"

#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <sys/shm.h>
#include <sys/syscall.h>

#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_REQUEUE 3
#define FUTEX_CMP_REQUEUE 4
#define FUTEX_WAKE_OP 5
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10
#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_CLOCK_REALTIME 256
#define FUTEX_BITSET_MATCH_ANY 0xffffffffu

#define FUTEX_OP_SET 0
#define FUTEX_OP_ADD 1
#define FUTEX_OP_CMP_EQ 0
#define FUTEX_OP_CMP_GT 4
#define FUTEX_OP(op, oparg, cmp, cmparg) \
    ((int)(((op)&0xfu) << 28 | ((cmp)&0xfu) << 24 | ((oparg)&0xfffu) << 12 | ((cmparg)&0xfffu)))

#define SETTLE_MS 200
#define BOUND_MS 10000

/* The i386 timespec of futex (240), and the 64-bit one of futex_time64. */
struct timespec32 {
    int32_t tv_sec;
    int32_t tv_nsec;
};
struct timespec64 {
    int64_t tv_sec;
    int64_t tv_nsec;
};

static long futex(volatile int *uaddr, int op, int val, const void *timeout, volatile int *uaddr2, int val3)
{
    return syscall(SYS_futex, uaddr, op, val, timeout, uaddr2, val3);
}

/* The requeue and wake-op calls take a count where the timeout goes. */
static long futex2(volatile int *uaddr, int op, int val, int val2, volatile int *uaddr2, int val3)
{
    return syscall(SYS_futex, uaddr, op, val, (void *)(intptr_t)val2, uaddr2, val3);
}

static int64_t now_ns(clockid_t clock)
{
    struct timespec t;
    clock_gettime(clock, &t);
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static struct timespec32 ts32_of(int64_t ns)
{
    struct timespec32 t = { (int32_t)(ns / 1000000000), (int32_t)(ns % 1000000000) };
    return t;
}

/* ---- one futex call in a thread of its own ---------------------------------- */

struct call {
    volatile int *addr;
    int op, val;
    const void *timeout;
    unsigned val3;
    long nr; /* system call number */
    volatile int started, finished;
    volatile long ret;
    volatile int err;
    volatile int64_t took_ns;
};

static void *call_thread(void *arg)
{
    struct call *c = arg;
    c->started = 1;
    int64_t t0 = now_ns(CLOCK_MONOTONIC);
    long r = syscall(c->nr ? c->nr : SYS_futex, c->addr, c->op, c->val, c->timeout, NULL, c->val3);
    c->err = errno;
    c->took_ns = now_ns(CLOCK_MONOTONIC) - t0;
    c->ret = r;
    __sync_synchronize();
    c->finished = 1;
    return NULL;
}

/* Starts the call; returns whether the thread could be made. */
static int start(struct call *c)
{
    pthread_t t;
    c->started = c->finished = 0;
    if (pthread_create(&t, NULL, call_thread, c) != 0)
        return 0;
    pthread_detach(t);
    return 1;
}

/* Starts the calls and gives them time to go to sleep in the kernel. */
static void start_waiters(struct call *c, int n)
{
    for (int i = 0; i < n; i++)
        start(&c[i]);
    for (int i = 0; i < n; i++)
        wait_flag(&c[i].started, 1, BOUND_MS);
    msleep(SETTLE_MS);
}

/* Waits at most ms for the call to return; returns whether it did. */
static int finished(struct call *c, int ms)
{
    return wait_flag(&c->finished, 1, ms);
}

static int count_finished(struct call *c, int n)
{
    int k = 0;
    for (int i = 0; i < n; i++)
        k += c[i].finished;
    return k;
}

static struct call waiter(volatile int *addr, int op, int val)
{
    struct call c;
    memset(&c, 0, sizeof c);
    c.addr = addr;
    c.op = op;
    c.val = val;
    c.val3 = FUTEX_BITSET_MATCH_ANY;
    return c;
}

/* Runs one call that is expected to return by itself (an error or a
 * timeout) in a thread, so that a kernel which sleeps instead cannot hang
 * the test. Returns whether it returned within BOUND_MS. */
static int run_call(struct call *c)
{
    return start(c) && finished(c, BOUND_MS);
}

/* ---- tests ------------------------------------------------------------------- */

static void test_wait_errors_and_timeout(void)
{
    static volatile int word = 1;
    struct call c = waiter(&word, FUTEX_WAIT, 0);
    int back = run_call(&c);
    struct call p = waiter(&word, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0);
    int back_p = run_call(&p);
    if (!ok(back && c.ret == -1 && c.err == EAGAIN && back_p && p.ret == -1 && p.err == EAGAIN,
            "FUTEX_WAIT (and its private form) with a value that does not match gives EAGAIN at once"))
        why("returned %d: %ld errno %d; private: %d: %ld errno %d", back, c.ret, c.err, back_p, p.ret, p.err);

    static volatile int zero = 0;
    struct timespec32 rel = { 0, 100 * 1000000 };
    c = waiter(&zero, FUTEX_WAIT, 0);
    c.timeout = &rel;
    back = run_call(&c);
    if (!ok(back && c.ret == -1 && c.err == ETIMEDOUT && c.took_ns >= 100 * 1000000LL,
            "FUTEX_WAIT with a relative timeout of 100 ms gives ETIMEDOUT after at least 100 ms"))
        why("returned %d: %ld errno %d after %lld ns", back, c.ret, c.err, (long long)c.took_ns);

    struct timespec32 bad = { 0, 1000000000 };
    c = waiter(&zero, FUTEX_WAIT, 0);
    c.timeout = &bad;
    back = run_call(&c);
    c.timeout = NULL;
    struct call u = waiter((volatile int *)((uintptr_t)&zero + 1), FUTEX_WAIT, 0);
    int back_u = run_call(&u);
    errno = 0;
    long wake_u = futex((volatile int *)((uintptr_t)&zero + 2), FUTEX_WAKE, 1, NULL, NULL, 0);
    int e = errno;
    if (!ok(back && c.ret == -1 && c.err == EINVAL && back_u && u.ret == -1 && u.err == EINVAL && wake_u == -1 &&
                e == EINVAL,
            "EINVAL for a timeout with tv_nsec = 1e9 and for an unaligned address (wait and wake)"))
        why("bad timeout: %d %ld/%d; unaligned wait: %d %ld/%d; unaligned wake: %ld/%d", back, c.ret, c.err, back_u,
            u.ret, u.err, wake_u, e);

    /* Inaccessible rather than unmapped: an unmapped page could be reused
     * for the stack of the thread that makes the call. */
    int *gone = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    struct call f = waiter(gone, FUTEX_WAIT, 0);
    int back_f = run_call(&f);
    c = waiter(&zero, FUTEX_WAIT, 0);
    c.timeout = gone;
    back = run_call(&c);
    if (!ok(back_f && f.ret == -1 && f.err == EFAULT && back && c.ret == -1 && c.err == EFAULT,
            "EFAULT for a futex word and for a timeout in an inaccessible (PROT_NONE) page"))
        why("word: %d %ld/%d; timeout: %d %ld/%d", back_f, f.ret, f.err, back, c.ret, c.err);
    munmap(gone, 4096);

    errno = 0;
    long unknown = futex(&zero, 99, 0, NULL, NULL, 0);
    int e1 = errno;
    errno = 0;
    long rt_wake = futex(&zero, FUTEX_WAKE | FUTEX_CLOCK_REALTIME, 1, NULL, NULL, 0);
    int e2 = errno;
    errno = 0;
    long nobody = futex(&zero, FUTEX_WAKE, 1, NULL, NULL, 0);
    if (!ok(unknown == -1 && e1 == ENOSYS && rt_wake == -1 && e2 == ENOSYS && nobody == 0,
            "ENOSYS for an unknown operation and for FUTEX_CLOCK_REALTIME on a wake; a wake with no waiter gives 0"))
        why("op 99: %ld/%d; WAKE|CLOCK_REALTIME: %ld/%d; wake nobody: %ld", unknown, e1, rt_wake, e2, nobody);
}

static void test_wake_count(void)
{
    static volatile int word = 0;
    struct call w[4];
    for (int i = 0; i < 4; i++)
        w[i] = waiter(&word, FUTEX_WAIT, 0);
    start_waiters(w, 4);
    int early = count_finished(w, 4);
    long woke = futex(&word, FUTEX_WAKE, 2, NULL, NULL, 0);
    msleep(SETTLE_MS);
    int after_two = count_finished(w, 4);
    if (!ok(early == 0 && woke == 2 && after_two == 2, "FUTEX_WAKE of 2 with 4 waiters wakes 2 and returns 2"))
        why("before: %d had returned; wake returned %ld; then %d had returned", early, woke, after_two);

    long rest = futex(&word, FUTEX_WAKE, INT_MAX, NULL, NULL, 0);
    int all = 1, zeros = 1;
    for (int i = 0; i < 4; i++) {
        all &= finished(&w[i], BOUND_MS);
        zeros &= w[i].ret == 0;
    }
    if (!ok(rest == 2 && all && zeros, "FUTEX_WAKE of INT_MAX wakes the other 2; every woken FUTEX_WAIT returns 0"))
        why("wake returned %ld; all returned %d, all with 0 %d", rest, all, zeros);

    static volatile int priv = 0;
    struct call p = waiter(&priv, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0);
    start_waiters(&p, 1);
    long pw = futex(&priv, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, NULL, NULL, 0);
    if (!ok(pw == 1 && finished(&p, BOUND_MS) && p.ret == 0,
            "FUTEX_WAIT_PRIVATE is woken by FUTEX_WAKE_PRIVATE between threads"))
        why("wake returned %ld; waiter returned %d: %ld", pw, p.finished, p.ret);
}

static void test_bitset(void)
{
    static volatile int word = 0;
    struct call w[2] = { waiter(&word, FUTEX_WAIT_BITSET, 0), waiter(&word, FUTEX_WAIT_BITSET, 0) };
    w[0].val3 = 0x1;
    w[1].val3 = 0x2;
    start_waiters(w, 2);
    long r = futex(&word, FUTEX_WAKE_BITSET, INT_MAX, NULL, NULL, 0x2);
    int b = finished(&w[1], BOUND_MS);
    msleep(SETTLE_MS);
    int a_early = w[0].finished;
    long r2 = futex(&word, FUTEX_WAKE_BITSET, INT_MAX, NULL, NULL, (int)FUTEX_BITSET_MATCH_ANY);
    int a = finished(&w[0], BOUND_MS);
    if (!ok(r == 1 && b && !a_early && r2 == 1 && a,
            "FUTEX_WAKE_BITSET wakes only the waiters whose bitset shares a bit with its mask"))
        why("mask 2 woke %ld (waiter 2 returned %d, waiter 1 %d); then all-ones woke %ld (waiter 1 returned %d)", r,
            b, a_early, r2, a);

    struct call z = waiter(&word, FUTEX_WAIT_BITSET, 0);
    z.val3 = 0;
    int back = run_call(&z);
    errno = 0;
    long wz = futex(&word, FUTEX_WAKE_BITSET, 1, NULL, NULL, 0);
    int e = errno;
    if (!ok(back && z.ret == -1 && z.err == EINVAL && wz == -1 && e == EINVAL,
            "a bitset of 0 gives EINVAL for FUTEX_WAIT_BITSET and FUTEX_WAKE_BITSET"))
        why("wait: %d %ld/%d; wake: %ld/%d", back, z.ret, z.err, wz, e);
}

static void test_absolute_timeouts(void)
{
    static volatile int word = 0;
    int64_t deadline = now_ns(CLOCK_MONOTONIC) + 100 * 1000000LL;
    struct timespec32 abs_mono = ts32_of(deadline);
    struct call c = waiter(&word, FUTEX_WAIT_BITSET, 0);
    c.timeout = &abs_mono;
    int back = run_call(&c);
    int64_t after = now_ns(CLOCK_MONOTONIC);
    if (!ok(back && c.ret == -1 && c.err == ETIMEDOUT && after >= deadline,
            "FUTEX_WAIT_BITSET: an absolute CLOCK_MONOTONIC deadline gives ETIMEDOUT, not before it"))
        why("returned %d: %ld/%d; %lld ns after the deadline", back, c.ret, c.err, (long long)(after - deadline));

    deadline = now_ns(CLOCK_REALTIME) + 100 * 1000000LL;
    struct timespec32 abs_real = ts32_of(deadline);
    c = waiter(&word, FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME, 0);
    c.timeout = &abs_real;
    back = run_call(&c);
    after = now_ns(CLOCK_REALTIME);
    struct timespec32 past = ts32_of(now_ns(CLOCK_REALTIME) - 1000000000LL);
    struct call old = waiter(&word, FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME | FUTEX_PRIVATE_FLAG, 0);
    old.timeout = &past;
    int back_old = run_call(&old);
    if (!ok(back && c.ret == -1 && c.err == ETIMEDOUT && after >= deadline && back_old && old.ret == -1 &&
                old.err == ETIMEDOUT && old.took_ns < 5000000000LL,
            "FUTEX_CLOCK_REALTIME: an absolute realtime deadline gives ETIMEDOUT; one in the past at once"))
        why("returned %d: %ld/%d, %lld ns after the deadline; past deadline: %d %ld/%d", back, c.ret, c.err,
            (long long)(after - deadline), back_old, old.ret, old.err);
}

static void test_requeue(void)
{
    static volatile int a = 0, b = 0;
    struct call w[3];
    for (int i = 0; i < 3; i++)
        w[i] = waiter(&a, FUTEX_WAIT, 0);
    start_waiters(w, 3);
    long r = futex2(&a, FUTEX_REQUEUE, 1, 1, &b, 0);
    msleep(SETTLE_MS);
    int woken = count_finished(w, 3);
    long on_b = futex(&b, FUTEX_WAKE, INT_MAX, NULL, NULL, 0);
    msleep(SETTLE_MS);
    int woken2 = count_finished(w, 3);
    long on_a = futex(&a, FUTEX_WAKE, INT_MAX, NULL, NULL, 0);
    for (int i = 0; i < 3; i++)
        finished(&w[i], BOUND_MS);
    if (!ok(r == 2 && woken == 1 && on_b == 1 && woken2 == 2 && on_a == 1 && count_finished(w, 3) == 3,
            "FUTEX_REQUEUE (wake 1, requeue 1) of 3 waiters: 1 woken, 1 moved to the second word, 1 left"))
        why("requeue returned %ld (woken + requeued), woken %d; wake of the second word %ld (then %d returned); "
            "wake of the first %ld",
            r, woken, on_b, woken2, on_a);

    static volatile int c1 = 0, c2 = 0;
    errno = 0;
    long bad = futex2(&c1, FUTEX_CMP_REQUEUE, 0, INT_MAX, &c2, 5);
    int e = errno;
    struct call v[2] = { waiter(&c1, FUTEX_WAIT, 0), waiter(&c1, FUTEX_WAIT, 0) };
    start_waiters(v, 2);
    long moved = futex2(&c1, FUTEX_CMP_REQUEUE, 0, 1, &c2, 0);
    msleep(SETTLE_MS);
    int none = count_finished(v, 2);
    long from2 = futex(&c2, FUTEX_WAKE, INT_MAX, NULL, NULL, 0);
    long from1 = futex(&c1, FUTEX_WAKE, INT_MAX, NULL, NULL, 0);
    int both = finished(&v[0], BOUND_MS) & finished(&v[1], BOUND_MS);
    if (!ok(bad == -1 && e == EAGAIN, "FUTEX_CMP_REQUEUE gives EAGAIN when the word is not the expected value"))
        why("returned %ld errno %d", bad, e);
    if (!ok(moved == 1 && none == 0 && from2 == 1 && from1 == 1 && both,
            "FUTEX_CMP_REQUEUE (wake 0, requeue 1): one waiter moves, none wakes"))
        why("returned %ld; %d woke; then wake second %ld, first %ld", moved, none, from2, from1);
}

static void test_wake_op(void)
{
    static volatile int a = 0, b = 0;
    struct call w[2] = { waiter(&a, FUTEX_WAIT, 0), waiter(&b, FUTEX_WAIT, 0) };
    start_waiters(w, 2);
    long r = futex2(&a, FUTEX_WAKE_OP, 1, 1, &b, FUTEX_OP(FUTEX_OP_SET, 5, FUTEX_OP_CMP_EQ, 0));
    int both = finished(&w[0], BOUND_MS) & finished(&w[1], BOUND_MS);
    if (!ok(r == 2 && both && b == 5,
            "FUTEX_WAKE_OP: sets the second word to 5 and, as its old value was 0, wakes on both words"))
        why("returned %ld, waiters returned %d %d, second word %d", r, w[0].finished, w[1].finished, b);

    w[0] = waiter(&a, FUTEX_WAIT, 0);
    w[1] = waiter(&b, FUTEX_WAIT, 5);
    start_waiters(w, 2);
    r = futex2(&a, FUTEX_WAKE_OP, 1, 1, &b, FUTEX_OP(FUTEX_OP_ADD, 1, FUTEX_OP_CMP_GT, 100));
    int first = finished(&w[0], BOUND_MS);
    msleep(SETTLE_MS);
    int second_early = w[1].finished;
    long rest = futex(&b, FUTEX_WAKE, 1, NULL, NULL, 0);
    finished(&w[1], BOUND_MS);
    if (!ok(r == 1 && first && !second_early && b == 6 && rest == 1,
            "FUTEX_WAKE_OP: adds 1, and as 5 > 100 is false wakes only on the first word"))
        why("returned %ld, first returned %d, second %d, second word %d, then woke %ld", r, first, second_early, b,
            rest);
}

static void test_time64(void)
{
    static volatile int word = 0, one = 1;
    struct timespec64 rel = { 0, 50 * 1000000 };
    struct call c = waiter(&word, FUTEX_WAIT, 0);
    c.nr = SYS_futex_time64;
    c.timeout = &rel;
    int back = run_call(&c);
    struct call m = waiter(&one, FUTEX_WAIT, 0);
    m.nr = SYS_futex_time64;
    m.timeout = &rel;
    int back_m = run_call(&m);
    if (!ok(back && c.ret == -1 && c.err == ETIMEDOUT && c.took_ns >= 50 * 1000000LL && back_m && m.ret == -1 &&
                m.err == EAGAIN,
            "futex_time64: a 50 ms timeout gives ETIMEDOUT after 50 ms; a mismatch EAGAIN"))
        why("timeout: %d %ld/%d after %lld ns; mismatch: %d %ld/%d", back, c.ret, c.err, (long long)c.took_ns,
            back_m, m.ret, m.err);

    struct call w = waiter(&word, FUTEX_WAIT, 0);
    w.nr = SYS_futex_time64;
    start_waiters(&w, 1);
    long r = syscall(SYS_futex_time64, &word, FUTEX_WAKE, 1, NULL, NULL, 0);
    if (!ok(r == 1 && finished(&w, BOUND_MS) && w.ret == 0, "futex_time64: FUTEX_WAKE wakes a futex_time64 waiter"))
        why("wake returned %ld, waiter returned %d: %ld", r, w.finished, w.ret);
}

/* ---- signals and processes ----------------------------------------------------- */

static struct report {
    volatile int ready, done, handled;
    volatile long ret;
    volatile int err;
    volatile int word, word2;
} *sh;

static void on_usr1(int sig)
{
    (void)sig;
    sh->handled++;
}

static int interrupted_waiter(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1; /* no SA_RESTART */
    sigaction(SIGUSR1, &sa, NULL);
    static volatile int word = 0;
    sh->ready = 1;
    errno = 0;
    sh->ret = futex(&word, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, NULL, NULL, 0);
    sh->err = errno;
    sh->done = 1;
    return 0;
}

static void test_eintr(void)
{
    memset((void *)sh, 0, sizeof *sh);
    pid_t pid = fork();
    if (pid == 0)
        _exit(interrupted_waiter());
    wait_flag(&sh->ready, 1, BOUND_MS);
    /* The first signal may come before the wait has begun: repeat. */
    for (int t = 0; pid > 0 && t < 100 && !sh->done; t++) {
        kill(pid, SIGUSR1);
        wait_flag(&sh->done, 1, 100);
    }
    int status = pid > 0 ? finish_child(pid, BOUND_MS) : -1;
    if (!ok(exited_with(status, 0) && sh->ret == -1 && sh->err == EINTR && sh->handled >= 1,
            "a handler (without SA_RESTART) run during FUTEX_WAIT ends it with EINTR"))
        why("child %s; futex returned %ld errno %d; handled %d", outcome(status), sh->ret, sh->err, sh->handled);
}

/* A child process waits on a word in shared memory; the parent wakes it
 * through its own mapping. A private wake from the parent, another address
 * space, must not find it. */
static int shared_waiter(volatile int *word)
{
    sh->ready = 1;
    errno = 0;
    struct timespec32 limit = { 20, 0 };
    sh->ret = futex(word, FUTEX_WAIT, 0, &limit, NULL, 0);
    sh->err = errno;
    sh->done = 1;
    return 0;
}

static volatile int *child_word;

static int shared_waiter_main(void)
{
    return shared_waiter(child_word);
}

static void cross_process(const char *what, volatile int *parent_word, volatile int *child_view)
{
    sh->ready = sh->done = 0;
    sh->ret = -5;
    *parent_word = 0;
    child_word = child_view;
    pid_t pid = fork();
    if (pid == 0)
        _exit(shared_waiter_main());
    wait_flag(&sh->ready, 1, BOUND_MS);
    msleep(SETTLE_MS);
    long priv = futex(parent_word, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, NULL, NULL, 0);
    long shared = futex(parent_word, FUTEX_WAKE, 1, NULL, NULL, 0);
    int status = pid > 0 ? finish_child(pid, 30000) : -1;
    if (!ok(priv == 0 && shared == 1 && exited_with(status, 0) && sh->ret == 0,
            "%s: a waiter in another process is woken by FUTEX_WAKE, not by FUTEX_WAKE_PRIVATE", what))
        why("private wake %ld, shared wake %ld; child %s, its wait returned %ld errno %d", priv, shared,
            outcome(status), sh->ret, sh->err);
}

static void test_shared_memory(void)
{
    volatile int *page = shared_memory(4096);
    if (!page) {
        ok(0, "MAP_SHARED | MAP_ANONYMOUS: a futex between processes");
        why("mmap failed, errno %d", errno);
    } else {
        cross_process("MAP_SHARED | MAP_ANONYMOUS", page + 10, page + 10);
    }

    int id = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
    volatile int *at1 = id >= 0 ? shmat(id, NULL, 0) : (void *)-1;
    volatile int *at2 = id >= 0 ? shmat(id, NULL, 0) : (void *)-1;
    if (id >= 0)
        shmctl(id, IPC_RMID, NULL);
    if (at1 == (void *)-1 || at2 == (void *)-1 || at1 == at2) {
        ok(0, "SysV shared memory: a futex between processes");
        why("shmget %d, shmat %p and %p, errno %d", id, (void *)at1, (void *)at2, errno);
        ok(0, "SysV shared memory: one segment at two addresses is one futex");
        return;
    }
    /* The child waits through its second attachment, the parent wakes
     * through its first: different addresses, the same page. */
    cross_process("SysV shared memory, attached at two addresses", at1 + 20, at2 + 20);

    at1[30] = 0;
    struct call w = waiter(at2 + 30, FUTEX_WAIT, 0);
    start_waiters(&w, 1);
    long r = futex(at1 + 30, FUTEX_WAKE, 1, NULL, NULL, 0);
    if (!ok(r == 1 && finished(&w, BOUND_MS) && w.ret == 0,
            "SysV shared memory: in one process, a wake through one attachment finds a waiter on the other"))
        why("wake returned %ld; waiter returned %d: %ld errno %d", r, w.finished, w.ret, w.err);
    shmdt((void *)at1);
    shmdt((void *)at2);
}

int main(void)
{
    sh = shared_memory(sizeof *sh);
    if (!sh) {
        diag("mmap(MAP_SHARED | MAP_ANONYMOUS) failed, errno %d", errno);
        return 1;
    }
    plan(23);
    test_wait_errors_and_timeout(); /* 5 */
    test_wake_count();              /* 3 */
    test_bitset();                  /* 2 */
    test_absolute_timeouts();       /* 2 */
    test_requeue();                 /* 3 */
    test_wake_op();                 /* 2 */
    test_time64();                  /* 2 */
    test_eintr();                   /* 1 */
    test_shared_memory();           /* 3 */
    return done();
}
