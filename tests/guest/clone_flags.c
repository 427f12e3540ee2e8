/* clone_flags: clone(2) and its flags as a user sees them.
 *
 * - EINVAL for CLONE_SIGHAND without CLONE_VM, CLONE_THREAD without
 *   CLONE_SIGHAND, CLONE_NEWNS with CLONE_FS;
 * - CLONE_PARENT: the child is the caller's sibling;
 * - CLONE_PARENT_SETTID, CLONE_CHILD_SETTID, CLONE_CHILD_CLEARTID: the tid
 *   words, and the futex wake at exit;
 * - CLONE_VFORK: the caller waits until the child is done;
 * - an exit signal other than SIGCHLD, or none: a "clone" child, waited
 *   for only with __WALL or __WCLONE, whose exit sends that signal;
 * - CLONE_FILES, CLONE_FS, CLONE_VM, CLONE_SIGHAND: what each shares, and
 *   without them nothing is;
 * - CLONE_THREAD: same pid, its own tid, not a child anyone waits for;
 * - execve in a child that shares the fd table: it gets a table of its
 *   own first, so the close-on-exec fds are closed for it only.
 */
#include "shared_tasks.h"

#include <fcntl.h>

#define BOUND_MS 20000
#define EXEC_CHILD "exec-child"
#define CLOEXEC_FD 62

static struct report {
    volatile int go, flag, value, ppid, tid_seen, ctid_seen;
} *report;

/* clone without a new stack, as fork does: the child returns 0 here, on
 * a copy of the caller's stack, so flags must not include CLONE_VM.
 * Returns the raw result. */
static long raw_fork(unsigned flags, volatile pid_t *ptid, volatile pid_t *ctid)
{
    return sys((long)NR_clone, (long)flags, 0, (long)ptid, 0, (long)ctid);
}

/* A child that should never have been made ends at once. */
static void end_if_child(long r)
{
    if (r == 0)
        sys1(NR_exit, 0);
}

static int return_at_once(void *unused)
{
    (void)unused;
    return 0;
}

/* ---- EINVAL ------------------------------------------------------------------ */

static void test_invalid(void)
{
    long r = raw_fork(CLONE_SIGHAND | SIGCHLD, NULL, NULL);
    end_if_child(r);
    if (r > 0)
        reap(r, BOUND_MS);
    if (!ok(r == -EINVAL, "clone(CLONE_SIGHAND) without CLONE_VM is EINVAL"))
        why("clone returned %s", result_text(r));

    r = spawn(return_at_once, NULL, CLONE_VM | CLONE_THREAD);
    if (!ok(r == -EINVAL, "clone(CLONE_VM|CLONE_THREAD) without CLONE_SIGHAND is EINVAL"))
        why("clone returned %s", result_text(r));

    r = raw_fork(CLONE_THREAD | CLONE_SIGHAND, NULL, NULL);
    end_if_child(r);
    if (!ok(r == -EINVAL, "clone(CLONE_THREAD|CLONE_SIGHAND) without CLONE_VM is EINVAL"))
        why("clone returned %s", result_text(r));

    r = raw_fork(CLONE_NEWNS | CLONE_FS | SIGCHLD, NULL, NULL);
    end_if_child(r);
    if (r > 0)
        reap(r, BOUND_MS);
    if (!ok(r == -EINVAL, "clone(CLONE_NEWNS|CLONE_FS) is EINVAL"))
        why("clone returned %s", result_text(r));
}

/* ---- CLONE_PARENT ------------------------------------------------------------- */

/* The middle process: makes a sibling with CLONE_PARENT. Exit code: 0,
 * or 1 if clone failed, 2 if the middle process could wait for it. */
static int make_sibling(long unused)
{
    (void)unused;
    long r = raw_fork(CLONE_PARENT | SIGCHLD, NULL, NULL);
    if (r == 0) {
        report->ppid = (int)sys0(NR_getppid);
        __sync_synchronize();
        report->flag = 1;
        sys1(NR_exit, 7);
    }
    if (r < 0)
        return 1;
    report->value = (int)r;
    int status;
    long w = sys4(NR_wait4, r, &status, WNOHANG | __WALL, 0);
    return w == -ECHILD ? 0 : 2;
}

static void test_parent(void)
{
    memset((void *)report, 0, sizeof *report);
    int status = in_process(make_sibling, 0, BOUND_MS);
    pid_t sibling = report->value;
    int sibling_status = sibling > 0 ? reap(sibling, BOUND_MS) : -ECHILD;
    wait_word(&report->flag, 1, BOUND_MS);
    if (!ok(exited_with(status, 0) && sibling > 0 && report->ppid == getpid(),
            "CLONE_PARENT: the child's getppid() is the caller's parent"))
        why("the caller %s (1: clone failed, 2: it could wait for the child); the child %d saw getppid() %d, want "
            "%d",
            reap_text(status), sibling, report->ppid, getpid());
    if (!ok(sibling > 0 && sibling_status >= 0 && exited_with(sibling_status, 7),
            "CLONE_PARENT: the caller's parent waits for the child (exit 7), the caller could not (ECHILD)"))
        why("waiting for %d here: %s", sibling, reap_text(sibling_status));
}

/* ---- the tid words ---------------------------------------------------------------- */

static volatile pid_t parent_word, child_word;

static int tid_child(void *unused)
{
    (void)unused;
    report->tid_seen = (int)sys0(NR_gettid);
    report->ctid_seen = child_word;
    __sync_synchronize();
    report->flag = 1;
    wait_word(&report->go, 1, BOUND_MS);
    sleep_ms(200); /* so the parent is asleep on the word when it is cleared */
    return 0;
}

static void test_tid_words(void)
{
    memset((void *)report, 0, sizeof *report);
    parent_word = 0;
    child_word = 0;
    long tid = spawn_ex(tid_child, NULL,
        CLONE_VM | CLONE_PARENT_SETTID | CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | SIGCHLD, (pid_t *)&parent_word,
        (pid_t *)&child_word);
    pid_t at_return = parent_word;
    if (!ok(tid > 0 && at_return == tid,
            "CLONE_PARENT_SETTID: the parent's word holds the child's tid when clone returns"))
        why("clone returned %s; the word held %d", result_text(tid), at_return);

    int started = wait_word(&report->flag, 1, BOUND_MS);
    if (!ok(started && report->tid_seen == tid && report->ctid_seen == tid,
            "CLONE_CHILD_SETTID: the child's word holds its tid when it starts"))
        why("started: %d; the child's gettid %d, its word %d, clone returned %ld", started, report->tid_seen,
            report->ctid_seen, tid);

    report->go = 1;
    long waited = 0;
    long long deadline = now_ms() + BOUND_MS;
    while (tid > 0 && child_word != 0 && now_ms() < deadline) {
        waited = futex_wait_ms(&child_word, tid, 10000);
        if (waited == -ETIMEDOUT)
            break;
    }
    int status = tid > 0 ? reap(tid, BOUND_MS) : -ECHILD;
    if (!ok(child_word == 0 && waited != -ETIMEDOUT && exited_with(status, 0),
            "CLONE_CHILD_CLEARTID: at exit the word is cleared and a FUTEX_WAIT on it is woken"))
        why("the word is %d; the last FUTEX_WAIT returned %s; the child %s", child_word, result_text(waited),
            reap_text(status));

    /* Without CLONE_VM the child's word is in the child's own memory. */
    memset((void *)report, 0, sizeof *report);
    child_word = 0;
    long r = raw_fork(CLONE_CHILD_SETTID | SIGCHLD, NULL, &child_word);
    if (r == 0) {
        report->ctid_seen = child_word;
        report->tid_seen = (int)sys0(NR_gettid);
        sys1(NR_exit, 0);
    }
    status = r > 0 ? reap(r, BOUND_MS) : -ECHILD;
    if (!ok(r > 0 && exited_with(status, 0) && report->ctid_seen == r && child_word == 0,
            "CLONE_CHILD_SETTID without CLONE_VM sets the word in the child's copy of memory only"))
        why("clone returned %s, the child %s; the child's word %d (want its tid), the parent's %d (want 0)",
            result_text(r), reap_text(status), report->ctid_seen, child_word);
}

/* ---- CLONE_VFORK ------------------------------------------------------------------ */

static volatile int vfork_flag;

static int slow_vfork_child(void *unused)
{
    (void)unused;
    sleep_ms(300);
    vfork_flag = 1;
    return 0;
}

static void test_vfork(void)
{
    vfork_flag = 0;
    long tid = spawn(slow_vfork_child, NULL, CLONE_VM | CLONE_VFORK | SIGCHLD);
    int seen = vfork_flag;
    int status = tid > 0 ? reap(tid, BOUND_MS) : -ECHILD;
    if (!ok(tid > 0 && seen == 1 && exited_with(status, 0),
            "CLONE_VM|CLONE_VFORK: clone returns only after the child has exited"))
        why("clone returned %s; the child's flag was %d when it returned (want 1); the child %s", result_text(tid),
            seen, reap_text(status));

    memset((void *)report, 0, sizeof *report);
    long r = raw_fork(CLONE_VFORK | SIGCHLD, NULL, NULL);
    if (r == 0) {
        sleep_ms(300);
        report->flag = 2;
        sys1(NR_exit, 0);
    }
    seen = report->flag;
    status = r > 0 ? reap(r, BOUND_MS) : -ECHILD;
    if (!ok(r > 0 && seen == 2 && exited_with(status, 0),
            "CLONE_VFORK without CLONE_VM: clone returns only after the child has exited"))
        why("clone returned %s; the flag was %d when it returned (want 2); the child %s", result_text(r), seen,
            reap_text(status));
}

/* ---- the exit signal ------------------------------------------------------------- */

static void test_exit_signal(void)
{
    sigset_t both, old;
    sigemptyset(&both);
    sigaddset(&both, SIGUSR1);
    sigaddset(&both, SIGCHLD);
    sigprocmask(SIG_BLOCK, &both, &old);
    struct timespec zero = { 0, 0 };
    while (sigtimedwait(&both, NULL, &zero) > 0) {
    }

    memset((void *)report, 0, sizeof *report);
    long r = raw_fork(SIGUSR1, NULL, NULL);
    if (r == 0) {
        wait_word(&report->go, 1, BOUND_MS);
        sys1(NR_exit, 3);
    }
    int status;
    long plain = r > 0 ? sys4(NR_wait4, r, &status, WNOHANG, 0) : r;
    long running = r > 0 ? sys4(NR_wait4, r, &status, WNOHANG | __WCLONE, 0) : r;
    if (!ok(r > 0 && plain == -ECHILD && running == 0,
            "a child with exit signal SIGUSR1 is not waited for without __WALL/__WCLONE (ECHILD)"))
        why("clone returned %s; wait4(WNOHANG) %s (want ECHILD); wait4(WNOHANG|__WCLONE) %s (want 0)",
            result_text(r), result_text(plain), result_text(running));
    report->go = 1;
    status = r > 0 ? reap(r, BOUND_MS) : -ECHILD;
    if (!ok(r > 0 && exited_with(status, 3), "wait4(__WALL) waits for it and gets its exit code"))
        why("the child %s (want exit 3)", reap_text(status));
    sigset_t pending;
    sigemptyset(&pending);
    sigpending(&pending);
    int usr1 = sigismember(&pending, SIGUSR1), chld = sigismember(&pending, SIGCHLD);
    if (!ok(usr1 == 1 && chld == 0, "its exit sent the parent SIGUSR1, and not SIGCHLD"))
        why("pending: SIGUSR1 %d, SIGCHLD %d", usr1, chld);
    while (sigtimedwait(&both, NULL, &zero) > 0) {
    }

    r = raw_fork(0, NULL, NULL);
    if (r == 0)
        sys1(NR_exit, 4);
    status = -1;
    long w = -ECHILD;
    long long deadline = now_ms() + BOUND_MS;
    while (r > 0 && (w = sys4(NR_wait4, r, &status, WNOHANG | __WCLONE, 0)) == 0 && now_ms() < deadline)
        sleep_ms(5);
    if (r > 0 && w == 0)
        reap(r, 0);
    sigpending(&pending);
    if (!ok(r > 0 && w == r && exited_with(status, 4) && !sigismember(&pending, SIGCHLD),
            "a child with no exit signal is waited for with __WCLONE, and sends no signal"))
        why("clone returned %s; wait4(__WCLONE) %s, %s; SIGCHLD pending %d", result_text(r), result_text(w),
            status_text(status), sigismember(&pending, SIGCHLD));
    while (sigtimedwait(&both, NULL, &zero) > 0) {
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
}

/* ---- what is shared ----------------------------------------------------------------- */

static volatile int memory_word;
static void handler(int sig) { (void)sig; }

static void test_sharing(void)
{
    struct puppet p;
    char cwd[256];

    puppet_start(&p, CLONE_FILES);
    long dup = ask2(&p, OP_DUP2, 1, 96);
    long seen = sys2(NR_fcntl64, 96, F_GETFD);
    if (!ok(dup == 96 && seen >= 0, "CLONE_FILES: an fd the child makes is in the parent's table"))
        why("clone %s; the child's dup2(1, 96) %s; F_GETFD here %s", result_text(p.tid), result_text(dup),
            result_text(seen));
    close(96);
    puppet_stop(&p);

    puppet_start(&p, CLONE_FS);
    long moved = ask(&p, OP_CHDIR, "/etc");
    cwd_of(LOCAL, cwd, sizeof cwd);
    if (!ok(moved == 0 && !strcmp(cwd, "/etc"), "CLONE_FS: the child's chdir moves the parent"))
        why("clone %s; the child's chdir(\"/etc\") %s; the parent's cwd \"%s\"", result_text(p.tid),
            result_text(moved), cwd);
    puppet_stop(&p);
    chdir("/");

    memory_word = 0;
    puppet_start(&p, CLONE_VM);
    long poked = ask2(&p, OP_POKE, &memory_word, 1234);
    if (!ok(poked == 0 && memory_word == 1234, "CLONE_VM: the child's write is in the parent's memory"))
        why("clone %s; the child's write %s; the parent reads %d", result_text(p.tid), result_text(poked),
            memory_word);
    puppet_stop(&p);

    signal(SIGUSR2, SIG_DFL);
    puppet_start(&p, CLONE_VM | CLONE_SIGHAND);
    long set = ask2(&p, OP_SIGNAL, SIGUSR2, (long)handler);
    struct sigaction now;
    sigaction(SIGUSR2, NULL, &now);
    if (!ok(set >= 0 && now.sa_handler == handler, "CLONE_SIGHAND: a handler the child sets is the parent's"))
        why("clone %s; the child's rt_sigaction %s; the parent's handler %p", result_text(p.tid), result_text(set),
            (void *)now.sa_handler);
    puppet_stop(&p);
    signal(SIGUSR2, SIG_DFL);

    memory_word = 0;
    puppet_start(&p, 0);
    dup = ask2(&p, OP_DUP2, 1, 96);
    seen = sys2(NR_fcntl64, 96, F_GETFD);
    moved = ask(&p, OP_CHDIR, "/etc");
    cwd_of(LOCAL, cwd, sizeof cwd);
    poked = ask2(&p, OP_POKE, &memory_word, 1234);
    set = ask2(&p, OP_SIGNAL, SIGUSR2, (long)handler);
    sigaction(SIGUSR2, NULL, &now);
    if (!ok(dup == 96 && seen == -EBADF && moved == 0 && !strcmp(cwd, "/") && poked == 0 && memory_word == 0
                && set >= 0 && now.sa_handler == SIG_DFL,
            "without sharing flags, the child's fds, cwd, memory and handlers are its own"))
        why("dup2 %s/F_GETFD here %s; chdir %s/cwd here \"%s\"; write %s/here %d; handler %s/here %p",
            result_text(dup), result_text(seen), result_text(moved), cwd, result_text(poked), memory_word,
            result_text(set), (void *)now.sa_handler);
    puppet_stop(&p);
}

/* ---- CLONE_THREAD ------------------------------------------------------------------ */

static void test_thread(void)
{
    struct puppet t;
    puppet_start(&t, CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM);
    long pid = ask(&t, OP_GETPID, NULL);
    long tid = ask(&t, OP_GETTID, NULL);
    long my_tid = sys0(NR_gettid);
    if (!ok(t.tid > 0 && pid == getpid(), "CLONE_THREAD: the thread's getpid() is the process's"))
        why("clone returned %s; the thread's getpid %ld, the process's %d", result_text(t.tid), pid, getpid());
    if (!ok(t.tid > 0 && tid == t.tid && tid != my_tid, "CLONE_THREAD: its gettid() is its own: what clone returned"))
        why("clone returned %s; the thread's gettid %ld; the main thread's %ld", result_text(t.tid), tid, my_tid);
    int status;
    long w = t.tid > 0 ? sys4(NR_wait4, t.tid, &status, WNOHANG | __WALL, 0) : t.tid;
    int stopped = puppet_stop(&t);
    long w2 = tid > 0 ? sys4(NR_wait4, tid, &status, WNOHANG | __WALL, 0) : tid;
    if (!ok(w == -ECHILD && stopped && w2 == -ECHILD,
            "CLONE_THREAD: a thread is not a child to wait for, running or exited (ECHILD)"))
        why("wait4 while it ran %s, after it exited %s; it %s", result_text(w), result_text(w2),
            stopped ? "exited as asked" : "did not exit as asked");
}

/* ---- execve with a shared fd table ------------------------------------------------ */

static char *exec_argv[3];
static char *exec_envp[] = { NULL };

static int exec_self(void *unused)
{
    (void)unused;
    sys3(NR_execve, exec_argv[0], exec_argv, exec_envp);
    return 91;
}

static void test_exec_shared_files(void)
{
    long made = sys2(NR_dup2, 1, CLOEXEC_FD);
    long set = sys3(NR_fcntl64, CLOEXEC_FD, 2 /* F_SETFD */, FD_CLOEXEC);
    long tid = spawn(exec_self, NULL, CLONE_FILES | SIGCHLD);
    int status = tid > 0 ? reap(tid, BOUND_MS) : (int)tid;
    long after = sys2(NR_fcntl64, CLOEXEC_FD, 1 /* F_GETFD */);
    if (!ok(made == CLOEXEC_FD && set == 0 && exited_with(status, 42) && after == FD_CLOEXEC,
            "execve in a child sharing the fd table (CLONE_FILES) closes its close-on-exec fds for it only"))
        why("the child %s (42: the new program has no fd %d; 43: it still has it; 91: execve failed); the parent's "
            "fd %d afterwards: F_GETFD %s (want 1)",
            reap_text(status), CLOEXEC_FD, CLOEXEC_FD, result_text(after));
    close(CLOEXEC_FD);
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], EXEC_CHILD))
        return sys2(NR_fcntl64, CLOEXEC_FD, 1) == -EBADF ? 42 : 43;
    exec_argv[0] = argv[0];
    exec_argv[1] = EXEC_CHILD;
    exec_argv[2] = NULL;

    plan(25);
    diag("kernel: %s", kernel_name());
    report = shared_page(4096);
    if (!report) {
        diag("mmap(MAP_SHARED) failed");
        return 1;
    }
    test_invalid();
    test_parent();
    test_tid_words();
    test_vfork();
    test_exit_signal();
    test_sharing();
    test_thread();
    test_exec_shared_files();
    return done();
}
