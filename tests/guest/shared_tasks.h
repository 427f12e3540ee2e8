/* shared_tasks.h: tasks made by clone() that share parts of their context
 * with the test, and a way to drive them one step at a time.
 *
 * - sys(): system calls made with int $0x80 directly. They return what the
 *   kernel returned (-errno on failure) and never touch errno: a task made
 *   with CLONE_VM but without its own thread pointer shares the C
 *   library's errno (and everything else in its TLS) with the test.
 * - spawn(): clone(fn, arg) on a stack of its own, with any flags.
 * - Bounded waits: every wait has a deadline, so a kernel that loses a
 *   task or a wake-up makes a test report "not ok", never hang.
 * - Puppets: a task that runs a command loop. The test writes an order
 *   (chdir, open, read a word of memory, unshare, ...) into a page that
 *   stays shared whatever the two tasks unshare (MAP_SHARED), and waits
 *   for the answer. The same orders can be run by the test itself
 *   (LOCAL), so a check reads the same on either side:
 *
 *       ask(child, OP_CHDIR, "/etc");
 *       cwd_of(LOCAL, buf, sizeof buf);     (is it "/etc" here too?)
 *
 * Header-only, to go with tap.h.
 */
#pragma once
#include "tap.h"

#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/utsname.h>

/* Linux i386 system call numbers, written here so that the raw calls do
 * not depend on which names a C library defines. */
enum {
    NR_exit = 1, NR_read = 3, NR_write = 4, NR_open = 5, NR_close = 6, NR_execve = 11, NR_chdir = 12,
    NR_lseek = 19, NR_getpid = 20, NR_mount = 21, NR_kill = 37, NR_umount2 = 52, NR_umask = 60, NR_dup2 = 63,
    NR_getppid = 64, NR_readlink = 85, NR_wait4 = 114, NR_clone = 120, NR_sched_yield = 158, NR_nanosleep = 162, NR_rt_sigaction = 174,
    NR_getcwd = 183, NR_fcntl64 = 221, NR_gettid = 224, NR_futex = 240, NR_exit_group = 252,
    NR_clock_gettime = 265, NR_unshare = 310,
};

#ifndef CLONE_NEWNS
#define CLONE_NEWNS 0x00020000
#endif
#ifndef __WALL
#define __WALL 0x40000000
#endif
#ifndef __WCLONE
#define __WCLONE 0x80000000
#endif
/* futex operations (the kernel's numbers) */
#define K_FUTEX_WAIT 0
#define K_FUTEX_WAKE 1

TAP_FN long sys(long n, long a, long b, long c, long d, long e)
{
    long r;
    __asm__ volatile("int $0x80" : "=a"(r) : "a"(n), "b"(a), "c"(b), "d"(c), "S"(d), "D"(e) : "memory");
    return r;
}
#define sys0(n) sys((n), 0, 0, 0, 0, 0)
#define sys1(n, a) sys((n), (long)(a), 0, 0, 0, 0)
#define sys2(n, a, b) sys((n), (long)(a), (long)(b), 0, 0, 0)
#define sys3(n, a, b, c) sys((n), (long)(a), (long)(b), (long)(c), 0, 0)
#define sys4(n, a, b, c, d) sys((n), (long)(a), (long)(b), (long)(c), (long)(d), 0)

/* The i386 timespec of the old (32-bit time) calls. */
struct ts32 {
    int32_t sec, nsec;
};

/* Milliseconds of CLOCK_MONOTONIC. */
TAP_FN long long now_ms(void)
{
    struct ts32 t = { 0, 0 };
    sys2(NR_clock_gettime, 1 /* CLOCK_MONOTONIC */, &t);
    return (long long)t.sec * 1000 + t.nsec / 1000000;
}

TAP_FN void sleep_ms(long ms)
{
    struct ts32 t = { (int32_t)(ms / 1000), (int32_t)(ms % 1000 * 1000000) };
    sys2(NR_nanosleep, &t, &t);
}

/* Lets the other tasks run: a yield, and now and then a real sleep so
 * that a task polling a flag does not starve the one that should set it. */
TAP_FN void pause_briefly(unsigned *round)
{
    if (++*round % 64 == 0)
        sleep_ms(1);
    else
        sys0(NR_sched_yield);
}

/* Polls until *word == want; gives up after ms milliseconds. */
TAP_FN int wait_word(volatile int *word, int want, long ms)
{
    long long deadline = now_ms() + ms;
    unsigned round = 0;
    while (*word != want) {
        if (now_ms() > deadline)
            return 0;
        pause_briefly(&round);
    }
    __sync_synchronize();
    return 1;
}

/* futex(FUTEX_WAIT) with a relative timeout in milliseconds; raw result. */
TAP_FN long futex_wait_ms(volatile int *word, int value, long ms)
{
    struct ts32 t = { (int32_t)(ms / 1000), (int32_t)(ms % 1000 * 1000000) };
    return sys4(NR_futex, word, K_FUTEX_WAIT, value, &t);
}

TAP_FN long futex_wake(volatile int *word, int count)
{
    return sys3(NR_futex, word, K_FUTEX_WAKE, count);
}

/* Is this Cleave? Its uname release says so ("6.1.0-cleave"). */
TAP_FN int on_cleave(void)
{
    static int known = -1;
    if (known < 0) {
        struct utsname u;
        known = uname(&u) == 0 && strstr(u.release, "cleave") != NULL;
    }
    return known;
}

TAP_FN const char *kernel_name(void)
{
    return on_cleave() ? "Cleave" : "Linux";
}

/* Zeroed memory that stays shared with every task made after this call,
 * whatever they unshare. */
TAP_FN void *shared_page(size_t size)
{
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

/* "-EINVAL", "0", "-ENOSYS" ... for diagnostics (static buffer, rotating). */
TAP_FN const char *result_text(long r)
{
    static char bufs[4][32];
    static int next;
    char *b = bufs[next++ % 4];
    if (r >= 0 || r < -4095) {
        snprintf(b, 32, "%ld", r);
        return b;
    }
    const char *name = NULL;
    switch (-r) {
    case EPERM: name = "EPERM"; break;
    case ENOENT: name = "ENOENT"; break;
    case ESRCH: name = "ESRCH"; break;
    case EBADF: name = "EBADF"; break;
    case ECHILD: name = "ECHILD"; break;
    case EAGAIN: name = "EAGAIN"; break;
    case ENOMEM: name = "ENOMEM"; break;
    case EFAULT: name = "EFAULT"; break;
    case EBUSY: name = "EBUSY"; break;
    case EINVAL: name = "EINVAL"; break;
    case ENOSYS: name = "ENOSYS"; break;
    case ETIMEDOUT: name = "ETIMEDOUT"; break;
    case EINTR: name = "EINTR"; break;
    case ENOTDIR: name = "ENOTDIR"; break;
    }
    if (name)
        snprintf(b, 32, "-%s", name);
    else
        snprintf(b, 32, "-errno %ld", -r);
    return b;
}

/* Copies a string, cut to fit (without the compiler's truncation warnings). */
TAP_FN void set_text(char *dst, size_t size, const char *src)
{
    size_t n = strnlen(src, size - 1);
    memcpy(dst, src, n);
    dst[n] = 0;
}

/* ---- clone ------------------------------------------------------------------ */

#define TASK_STACK_SIZE (64 * 1024)

/* clone(flags) running fn(arg) on a new stack of TASK_STACK_SIZE bytes
 * (malloc'd; never freed, since the task may still be on it when its
 * parent learns it exited). ptid and ctid go to CLONE_PARENT_SETTID and
 * CLONE_CHILD_SETTID / CLONE_CHILD_CLEARTID. Returns the new tid or
 * -errno. */
TAP_FN long spawn_ex(int (*fn)(void *), void *arg, unsigned flags, pid_t *ptid, pid_t *ctid)
{
    char *stack = malloc(TASK_STACK_SIZE);
    if (!stack)
        return -ENOMEM;
    int saved = errno;
    errno = 0;
    long r = clone(fn, stack + TASK_STACK_SIZE, (int)flags, arg, ptid, NULL, ctid);
    if (r < 0)
        r = errno ? -errno : -EINVAL;
    errno = saved;
    if (r < 0)
        free(stack);
    return r;
}

TAP_FN long spawn(int (*fn)(void *), void *arg, unsigned flags)
{
    return spawn_ex(fn, arg, flags, NULL, NULL);
}

/* The result of reap() for a task that had to be killed. */
#define REAP_TIMED_OUT (-1000)

/* Waits (wait4 with WNOHANG and __WALL, polled) at most ms milliseconds
 * for the child tid to end; then kills it and returns REAP_TIMED_OUT.
 * Returns the wait status, or -errno if wait4 failed. */
TAP_FN int reap(long tid, long ms)
{
    int status = 0;
    long long deadline = now_ms() + ms;
    unsigned round = 0;
    for (;;) {
        long r = sys4(NR_wait4, tid, &status, WNOHANG | __WALL, 0);
        if (r == tid)
            return status;
        if (r < 0 && r != -EINTR)
            return (int)r;
        if (now_ms() > deadline)
            break;
        pause_briefly(&round);
    }
    sys2(NR_kill, tid, SIGKILL);
    long long grace = now_ms() + 5000;
    while (sys4(NR_wait4, tid, &status, WNOHANG | __WALL, 0) == 0 && now_ms() < grace)
        sleep_ms(5);
    return REAP_TIMED_OUT;
}

TAP_FN const char *reap_text(int status)
{
    if (status == REAP_TIMED_OUT)
        return "did not finish in time (killed)";
    if (status < 0)
        return result_text(status);
    return status_text(status);
}

/* Runs fn(arg) in a forked child process and returns its wait status
 * (fn's result is the exit code), REAP_TIMED_OUT after ms milliseconds,
 * or -errno if fork failed. */
TAP_FN int in_process(int (*fn)(long), long arg, long ms)
{
    pid_t pid = fork();
    if (pid < 0)
        return -errno;
    if (pid == 0)
        _exit(fn(arg));
    return reap(pid, ms);
}

/* ---- puppets ------------------------------------------------------------- */

enum op {
    OP_NONE,
    OP_EXIT,    /* a: exit code; the task ends with SYS_exit */
    OP_CHDIR,   /* text: path */
    OP_GETCWD,  /* -> text */
    OP_UMASK,   /* a: new mask -> old mask */
    OP_OPEN,    /* text: path, a: flags, b: mode -> fd */
    OP_CLOSE,   /* a: fd */
    OP_READ,    /* a: fd, b: count -> text */
    OP_LSEEK,   /* a: fd, b: offset, c: whence -> position */
    OP_GETFD,   /* a: fd -> fcntl(F_GETFD), so EBADF for a closed fd */
    OP_DUP2,    /* a: old fd, b: new fd */
    OP_PEEK,    /* a: address -> the int there */
    OP_POKE,    /* a: address, b: value */
    OP_UNSHARE, /* a: flags */
    OP_SIGNAL,  /* a: signal, b: new handler, or -1 to only ask -> old handler */
    OP_GETPID,
    OP_GETTID,
    OP_MOUNT_TMPFS, /* text: where */
    OP_MAKE_PRIVATE, /* mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) */
    OP_READLINK,    /* text: path -> text */
};

struct order {
    volatile int seq;  /* the test: the number of the order now given */
    volatile int done; /* the puppet: the number of the last order carried out */
    int op;
    long a, b, c;
    long result;
    char text[256];
};

/* A task driven by orders. LOCAL stands for the test itself. */
struct puppet {
    struct order *order; /* in a MAP_SHARED page */
    long tid;            /* -errno if the clone failed */
    unsigned flags;
    volatile pid_t ctid; /* CLONE_CHILD_CLEARTID word, for threads */
    int lost;            /* an order timed out: the puppet is not trusted */
};
#define LOCAL ((struct puppet *)0)

#define ORDER_TIMEOUT (-100000) /* the result of an order not carried out in time */
#define ORDER_MS 20000
#define PUPPET_IDLE_MS 120000 /* a puppet with no orders for this long ends itself */

/* Carries out one order; used by both the puppet and the test (LOCAL). */
TAP_FN long carry_out(struct order *o)
{
    switch (o->op) {
    case OP_CHDIR:
        return sys1(NR_chdir, o->text);
    case OP_GETCWD: {
        char buf[sizeof o->text];
        long r = sys2(NR_getcwd, buf, sizeof buf);
        if (r >= 0)
            memcpy(o->text, buf, sizeof buf);
        else
            o->text[0] = 0;
        return r;
    }
    case OP_UMASK:
        return sys1(NR_umask, o->a);
    case OP_OPEN:
        return sys3(NR_open, o->text, o->a, o->b);
    case OP_CLOSE:
        return sys1(NR_close, o->a);
    case OP_READ: {
        char buf[sizeof o->text];
        long n = o->b < (long)sizeof buf - 1 ? o->b : (long)sizeof buf - 1;
        long r = sys3(NR_read, o->a, buf, n);
        if (r >= 0) {
            memcpy(o->text, buf, (size_t)r);
            o->text[r] = 0;
        } else {
            o->text[0] = 0;
        }
        return r;
    }
    case OP_LSEEK:
        return sys3(NR_lseek, o->a, o->b, o->c);
    case OP_GETFD:
        return sys2(NR_fcntl64, o->a, 1 /* F_GETFD */);
    case OP_DUP2:
        return sys2(NR_dup2, o->a, o->b);
    case OP_PEEK:
        return *(volatile int *)o->a;
    case OP_POKE:
        *(volatile int *)o->a = (int)o->b;
        return 0;
    case OP_UNSHARE:
        return sys1(NR_unshare, o->a);
    case OP_SIGNAL: {
        /* The kernel's struct sigaction: handler, flags, restorer, mask. */
        struct { long handler; unsigned long flags; long restorer; unsigned mask[2]; } act = { 0 }, old = { 0 };
        act.handler = o->b;
        long r = sys4(NR_rt_sigaction, o->a, o->b == -1 ? NULL : &act, &old, 8);
        return r < 0 ? r : old.handler;
    }
    case OP_GETPID:
        return sys0(NR_getpid);
    case OP_GETTID:
        return sys0(NR_gettid);
    case OP_MOUNT_TMPFS:
        return sys((long)NR_mount, (long)"none", (long)o->text, (long)"tmpfs", 0, 0);
    case OP_MAKE_PRIVATE:
        return sys((long)NR_mount, 0, (long)"/", 0, 0x4000 /* MS_REC */ | 0x40000 /* MS_PRIVATE */, 0);
    case OP_READLINK: {
        char buf[sizeof o->text];
        long r = sys3(NR_readlink, o->text, buf, sizeof buf - 1);
        if (r >= 0) {
            memcpy(o->text, buf, (size_t)r);
            o->text[r] = 0;
        } else {
            o->text[0] = 0;
        }
        return r;
    }
    }
    return -ENOSYS;
}

/* The puppet's command loop. It never uses the C library. */
TAP_FN int puppet_main(void *arg)
{
    struct order *o = arg;
    int last = o->done;
    for (;;) {
        long long idle_deadline = now_ms() + PUPPET_IDLE_MS;
        unsigned round = 0;
        while (o->seq == last) {
            if (now_ms() > idle_deadline)
                return 99;
            pause_briefly(&round);
        }
        __sync_synchronize();
        last = o->seq;
        if (o->op == OP_EXIT) {
            int code = (int)o->a;
            o->result = 0;
            __sync_synchronize();
            o->done = last;
            return code;
        }
        o->result = carry_out(o);
        __sync_synchronize();
        o->done = last;
    }
}

/* Starts a puppet with clone(flags); SIGCHLD is added for a process (not
 * for a thread), CLONE_CHILD_CLEARTID for a thread. p->tid < 0 if clone
 * failed. */
TAP_FN void puppet_start(struct puppet *p, unsigned flags)
{
    memset(p, 0, sizeof *p);
    p->order = shared_page(sizeof *p->order);
    if (!p->order) {
        p->tid = -ENOMEM;
        return;
    }
    if (flags & CLONE_THREAD)
        flags |= CLONE_CHILD_CLEARTID | CLONE_CHILD_SETTID;
    else
        flags |= SIGCHLD;
    p->flags = flags;
    p->tid = spawn_ex(puppet_main, p->order, flags, NULL, (pid_t *)&p->ctid);
}

/* Gives an order and waits for it to be carried out. text may be NULL. */
TAP_FN long ask3(struct puppet *p, int op, const char *text, long a, long b, long c)
{
    struct order local, *o = p ? p->order : &local;
    if (p && (p->tid < 0 || p->lost))
        return ORDER_TIMEOUT;
    o->op = op;
    o->a = a;
    o->b = b;
    o->c = c;
    o->text[0] = 0;
    if (text)
        snprintf(o->text, sizeof o->text, "%s", text);
    if (!p)
        return o->result = carry_out(o);
    __sync_synchronize();
    int seq = o->seq + 1;
    o->seq = seq;
    if (!wait_word(&o->done, seq, ORDER_MS)) {
        p->lost = 1;
        return ORDER_TIMEOUT;
    }
    return o->result;
}

#define ask(p, op, text) ask3((p), (op), (text), 0, 0, 0)
#define ask1(p, op, a) ask3((p), (op), NULL, (long)(a), 0, 0)
#define ask2(p, op, a, b) ask3((p), (op), NULL, (long)(a), (long)(b), 0)

/* The text an order left (getcwd, read). Only valid until the next order
 * to the same side; LOCAL's is kept per call site by copying. */
static char puppet_local_text[256];
TAP_FN const char *ask_text(struct puppet *p, int op, long a, long b)
{
    if (p)
        return ask3(p, op, NULL, a, b, 0) == ORDER_TIMEOUT ? "(timed out)" : p->order->text;
    struct order o;
    memset(&o, 0, sizeof o);
    o.op = op;
    o.a = a;
    o.b = b;
    long r = carry_out(&o);
    set_text(puppet_local_text, sizeof puppet_local_text, r < 0 ? result_text(r) : o.text);
    return puppet_local_text;
}

/* Gives an order that answers with text (getcwd, readlink, read) and
 * copies the text to buf; on failure buf says why ("-ENOENT", "(timed
 * out)"). Returns buf. */
TAP_FN const char *text_of(struct puppet *p, int op, const char *in, long a, long b, char *buf, size_t size)
{
    struct order local, *o = p ? p->order : &local;
    long r;
    if (p) {
        r = ask3(p, op, in, a, b, 0);
    } else {
        memset(&local, 0, sizeof local);
        local.op = op;
        local.a = a;
        local.b = b;
        if (in)
            set_text(local.text, sizeof local.text, in);
        r = carry_out(&local);
    }
    set_text(buf, size, r == ORDER_TIMEOUT ? "(timed out)" : r < 0 ? result_text(r) : o->text);
    return buf;
}

/* The working directory of a side, as text ("-ENOSYS" etc. on error). */
TAP_FN const char *cwd_of(struct puppet *p, char *buf, size_t size)
{
    return text_of(p, OP_GETCWD, NULL, 0, 0, buf, size);
}

/* Ends a puppet and waits for it (a process with wait4, a thread through
 * its CLONE_CHILD_CLEARTID word). Returns 1 if it ended as asked. */
TAP_FN int puppet_stop(struct puppet *p)
{
    if (p->tid < 0)
        return 0;
    if (!p->lost)
        ask1(p, OP_EXIT, 0);
    if (p->flags & CLONE_THREAD) {
        /* A thread cannot be killed alone, nor waited for: watch its tid word. */
        long long deadline = now_ms() + ORDER_MS;
        while (p->ctid != 0 && now_ms() < deadline)
            futex_wait_ms(&p->ctid, p->ctid, 100);
        int ended = p->ctid == 0;
        p->tid = -ESRCH;
        return ended && !p->lost;
    }
    int status = reap(p->tid, p->lost ? 0 : ORDER_MS);
    p->tid = -ESRCH;
    return !p->lost && status >= 0 && exited_with(status, 0);
}
