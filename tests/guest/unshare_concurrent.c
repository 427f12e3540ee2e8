/* unshare_concurrent: the seed's test 4 (seed/unshare.rst, section 8).
 *
 * "Use shared memory segments and futex on an address in the shm segment
 * to synchronize execution of about 10 threads. Have a couple of threads
 * execute execve, a couple _exit and the rest unshare with different
 * combination of flags. Verify that unsharing is performed as expected and
 * that there are no oops or hangs."
 *
 * Each round makes TASKS tasks with clone() and assorted sharing flags.
 * Each counts itself in at a start barrier (a futex word in a SysV shared
 * memory segment) and sleeps on it; the test releases them all with one
 * FUTEX_WAKE. Then, all at once: two execve this program again (which
 * exits 42 at once), two _exit, and the rest unshare a combination of
 * flags and check that what they change afterwards is their own (a chdir,
 * a close, a new fd, a write to memory). After the round the test checks
 * that none of it reached it. Every wait is bounded: a task that does not
 * finish is killed and counted, so a kernel that hangs makes this report
 * "not ok", not hang.
 *
 * unshare(CLONE_VM) by a task that shares memory with another process:
 * Cleave gives it a private copy (the seed), Linux says EINVAL; each
 * kernel's answer is checked.
 */
#include "shared_tasks.h"

#include <fcntl.h>
#include <limits.h>
#include <sys/shm.h>

#define TASKS 10
#define ROUNDS 100
#define EXEC_CHILD "exec-child"
#define EXEC_EXIT_CODE 42
#define BARRIER_MS 20000 /* for every task to reach the barrier, or to be released from it */
#define ROUND_MS 30000   /* for every task of a round to end */

#define SENTINEL_FD 60 /* open in the test; tasks that unshared their table close it */
#define CLOEXEC_FD 61  /* close-on-exec in the test; the execve tasks must not close the test's */
#define PRIVATE_FD 100 /* + slot: made by tasks after unsharing their table */

enum role {
    EXEC,        /* execve this program */
    EXIT,        /* _exit */
    FS,          /* unshare(CLONE_FS), then chdir */
    FILES,       /* unshare(CLONE_FILES), then close and dup2 */
    FS_FILES,    /* both */
    VM,          /* unshare(CLONE_VM), then write memory (Cleave) */
    ALL,         /* unshare(CLONE_FS|CLONE_FILES|CLONE_VM|CLONE_SYSVSEM), then all of the above (Cleave) */
    FILES_SEM,   /* unshare(CLONE_FILES|CLONE_SYSVSEM), then close and dup2 */
    ROLES
};

static const char *role_names[ROLES] = {
    "execve", "_exit", "unshare(CLONE_FS)", "unshare(CLONE_FILES)", "unshare(CLONE_FS|CLONE_FILES)",
    "unshare(CLONE_VM)", "unshare(CLONE_FS|CLONE_FILES|CLONE_VM|CLONE_SYSVSEM)", "unshare(CLONE_FILES|CLONE_SYSVSEM)",
};

static const struct {
    enum role role;
    unsigned flags;
} tasks[TASKS] = {
    { EXEC, CLONE_VM },
    { EXEC, CLONE_FS | CLONE_FILES },
    { EXIT, CLONE_VM | CLONE_FS | CLONE_FILES },
    { EXIT, 0 },
    { FS, CLONE_FS | CLONE_FILES },
    { FILES, CLONE_VM | CLONE_FILES },
    { FS_FILES, CLONE_VM | CLONE_FS | CLONE_FILES },
    { VM, CLONE_VM | CLONE_FS },
    { ALL, CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SYSVSEM },
    { FILES_SEM, CLONE_FILES | CLONE_SYSVSEM },
};

/* In the SysV segment. */
static struct arena {
    volatile int go;    /* the start barrier's futex word */
    volatile int ready; /* tasks that reached the barrier */
    struct {
        volatile int step;   /* how far a task got (for the diagnostics) */
        volatile long detail; /* the result that made it fail */
    } slot[TASKS];
} *arena;

static volatile int vm_word[TASKS]; /* private memory: written by tasks after unshare(CLONE_VM) */
static char *exec_argv[3];
static char *exec_envp[] = { NULL };
static char *stacks[TASKS];

/* A task's exit codes. */
enum {
    DONE = 0,
    NOT_RELEASED = 90, /* the barrier never opened */
    EXEC_FAILED = 91,
    FAILED_AT = 10, /* + the step that failed; arena->slot[].detail has the result */
};

/* Step n of task i: if cond is false, the task ends with FAILED_AT + n and
 * leaves result for the test to report. */
#define CHECK(n, result, cond)                                                                                         \
    do {                                                                                                               \
        arena->slot[i].step = (n);                                                                                     \
        if (!(cond)) {                                                                                                 \
            arena->slot[i].detail = (result);                                                                          \
            return FAILED_AT + (n);                                                                                    \
        }                                                                                                              \
    } while (0)

static int check_cwd(const char *want)
{
    char buf[64];
    long r = sys2(NR_getcwd, buf, sizeof buf);
    return r > 0 && !strcmp(buf, want);
}

/* What a task does after the barrier opens. Raw system calls only: some
 * tasks share the test's memory (and its C library's state). */
static int task_main(void *arg)
{
    int i = (int)(long)arg;
    __sync_fetch_and_add(&arena->ready, 1);
    long long deadline = now_ms() + BARRIER_MS;
    while (arena->go == 0) {
        if (now_ms() > deadline)
            return NOT_RELEASED;
        futex_wait_ms(&arena->go, 0, 1000);
    }

    long r;
    switch (tasks[i].role) {
    case EXEC:
        sys3(NR_execve, exec_argv[0], exec_argv, exec_envp);
        return EXEC_FAILED;
    case EXIT:
        sys1(NR_exit_group, 20 + i);
        return 1;
    case FS:
        r = sys1(NR_unshare, CLONE_FS);
        CHECK(1, r, r == 0);
        r = sys1(NR_chdir, "/etc");
        CHECK(2, r, r == 0 && check_cwd("/etc"));
        return DONE;
    case FILES:
    case FILES_SEM:
        r = sys1(NR_unshare, tasks[i].role == FILES ? CLONE_FILES : CLONE_FILES | CLONE_SYSVSEM);
        CHECK(1, r, r == 0);
        r = sys1(NR_close, SENTINEL_FD);
        CHECK(2, r, r == 0 && sys2(NR_fcntl64, SENTINEL_FD, 1) == -EBADF);
        r = sys2(NR_dup2, 1, PRIVATE_FD + i);
        CHECK(3, r, r == PRIVATE_FD + i);
        return DONE;
    case FS_FILES:
        r = sys1(NR_unshare, CLONE_FS | CLONE_FILES);
        CHECK(1, r, r == 0);
        r = sys1(NR_chdir, "/bin");
        CHECK(2, r, r == 0 && check_cwd("/bin"));
        r = sys1(NR_close, SENTINEL_FD);
        CHECK(3, r, r == 0);
        r = sys2(NR_dup2, 1, PRIVATE_FD + i);
        CHECK(4, r, r == PRIVATE_FD + i);
        return DONE;
    case VM:
    case ALL:
        r = sys1(NR_unshare, tasks[i].role == VM ? CLONE_VM : CLONE_FS | CLONE_FILES | CLONE_VM | CLONE_SYSVSEM);
        if (!on_cleave()) {
            /* Linux: EINVAL, and then nothing is unshared: touch nothing. */
            CHECK(1, r, r == -EINVAL);
            return DONE;
        }
        CHECK(1, r, r == 0);
        vm_word[i] = 1; /* in the private copy */
        CHECK(2, vm_word[i], vm_word[i] == 1);
        if (tasks[i].role == ALL) {
            r = sys1(NR_chdir, "/tmp");
            CHECK(3, r, r == 0 && check_cwd("/tmp"));
            r = sys1(NR_close, SENTINEL_FD);
            CHECK(4, r, r == 0);
            r = sys2(NR_dup2, 1, PRIVATE_FD + i);
            CHECK(5, r, r == PRIVATE_FD + i);
        }
        return DONE;
    case ROLES:
        break;
    }
    return 1;
}

/* ---- the test's side ------------------------------------------------------------ */

/* Counts and the first failure, per thing checked. */
struct tally {
    int failures;
    char first[400];
};
static long total_woken; /* tasks FUTEX_WAKE found asleep, over all rounds */
static struct tally t_clone, t_barrier, t_roles[ROLES], t_timeout, t_parent;

__attribute__((format(printf, 3, 4))) static void count(struct tally *t, int round, const char *fmt, ...)
{
    if (t->failures++ == 0) {
        int n = snprintf(t->first, sizeof t->first, "round %d: ", round);
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(t->first + n, sizeof t->first - (size_t)n, fmt, ap);
        va_end(ap);
    }
}

static void report_tally(const struct tally *t, const char *description)
{
    if (!ok(t->failures == 0, "%s", description))
        why("%d failure(s) in %d rounds; the first: %s", t->failures, ROUNDS, t->first);
}

static void one_round(int round)
{
    arena->go = 0;
    arena->ready = 0;
    for (int i = 0; i < TASKS; i++) {
        arena->slot[i].step = 0;
        arena->slot[i].detail = 0;
        vm_word[i] = 0;
    }
    __sync_synchronize();

    long tid[TASKS];
    for (int i = 0; i < TASKS; i++) {
        errno = 0;
        tid[i] = clone(task_main, stacks[i] + TASK_STACK_SIZE, (int)(tasks[i].flags | SIGCHLD), (void *)(long)i);
        if (tid[i] < 0) {
            tid[i] = errno ? -errno : -EINVAL;
            count(&t_clone, round, "task %d (%s): clone(%#x) %s", i, role_names[tasks[i].role], tasks[i].flags,
                result_text(tid[i]));
        }
    }
    int made = 0;
    for (int i = 0; i < TASKS; i++)
        made += tid[i] > 0;

    /* The barrier: everyone in, then one wake for all. */
    int all_in = wait_word(&arena->ready, made, BARRIER_MS);
    arena->go = 1;
    __sync_synchronize();
    long woken = futex_wake(&arena->go, INT_MAX);
    if (woken > 0)
        total_woken += woken;
    if (!all_in || woken < 0)
        count(&t_barrier, round, "%d of %d tasks reached the barrier in time; FUTEX_WAKE returned %s", arena->ready,
            made, result_text(woken));

    long long deadline = now_ms() + ROUND_MS;
    for (int i = 0; i < TASKS; i++) {
        if (tid[i] <= 0)
            continue;
        long long left = deadline - now_ms();
        int status = reap(tid[i], left > 0 ? left : 0);
        enum role role = tasks[i].role;
        if (status == REAP_TIMED_OUT) {
            count(&t_timeout, round, "task %d (%s, clone flags %#x) did not end in time, at step %d", i,
                role_names[role], tasks[i].flags, arena->slot[i].step);
            continue;
        }
        int want = role == EXEC ? EXEC_EXIT_CODE : role == EXIT ? 20 + i : DONE;
        if (status >= 0 && exited_with(status, NOT_RELEASED)) {
            count(&t_barrier, round, "task %d (%s) was never released from the barrier", i, role_names[role]);
        } else if (status < 0 || !exited_with(status, want)) {
            count(&t_roles[role], round, "task %d (clone flags %#x) %s, want exit %d%s; failed step %d, result %s",
                i, tasks[i].flags, reap_text(status), want,
                status >= 0 && exited_with(status, EXEC_FAILED) ? " (execve failed)" : "", arena->slot[i].step,
                result_text(arena->slot[i].detail));
        }
    }

    /* Nothing the tasks did after unsharing reached the test. */
    char cwd[64];
    long r = sys2(NR_getcwd, cwd, sizeof cwd);
    if (r <= 0 || strcmp(cwd, "/"))
        count(&t_parent, round, "the test's cwd is \"%s\" (%s), not \"/\"", r > 0 ? cwd : "", result_text(r));
    long sentinel = sys2(NR_fcntl64, SENTINEL_FD, 1);
    long cloexec = sys2(NR_fcntl64, CLOEXEC_FD, 1);
    if (sentinel < 0)
        count(&t_parent, round, "the test's fd %d, which tasks closed after unsharing their tables, is gone: %s",
            SENTINEL_FD, result_text(sentinel));
    if (cloexec != 1)
        count(&t_parent, round,
            "the test's close-on-exec fd %d: F_GETFD %s, want 1 (task 1 shared the table (CLONE_FILES) and called "
            "execve, which must give it a table of its own before closing close-on-exec fds)",
            CLOEXEC_FD, result_text(cloexec));
    if (sentinel < 0)
        dup2(1, SENTINEL_FD);
    if (cloexec != 1) {
        dup2(1, CLOEXEC_FD);
        fcntl(CLOEXEC_FD, F_SETFD, FD_CLOEXEC);
    }
    for (int i = 0; i < TASKS; i++) {
        long fd = sys2(NR_fcntl64, PRIVATE_FD + i, 1);
        if (fd != -EBADF) {
            count(&t_parent, round, "fd %d, made by task %d after it unshared its table, is in the test's (%s)",
                PRIVATE_FD + i, i, result_text(fd));
            close(PRIVATE_FD + i);
        }
        if (vm_word[i] != 0)
            count(&t_parent, round, "task %d's write after unshare(CLONE_VM) reached the test's memory", i);
    }
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], EXEC_CHILD))
        return EXEC_EXIT_CODE;

    plan(ROLES + 5);
    diag("kernel: %s; %d rounds of %d tasks", kernel_name(), ROUNDS, TASKS);
    exec_argv[0] = argv[0];
    exec_argv[1] = EXEC_CHILD;
    exec_argv[2] = NULL;

    int id = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
    arena = id >= 0 ? shmat(id, NULL, 0) : (void *)-1;
    for (int i = 0; i < TASKS; i++)
        stacks[i] = malloc(TASK_STACK_SIZE);
    int set_up = arena != (void *)-1 && dup2(1, SENTINEL_FD) == SENTINEL_FD && dup2(1, CLOEXEC_FD) == CLOEXEC_FD
                 && fcntl(CLOEXEC_FD, F_SETFD, FD_CLOEXEC) == 0 && chdir("/") == 0;
    for (int i = 0; i < TASKS; i++)
        set_up = set_up && stacks[i];
    if (!set_up) {
        diag("setup failed (shmget %d, shmat, dup2, fcntl or malloc): errno %d", id, errno);
        return 1;
    }

    for (int round = 1; round <= ROUNDS; round++)
        one_round(round);

    diag("FUTEX_WAKE found %ld of %d tasks asleep at the barrier (the others had not reached FUTEX_WAIT yet)",
        total_woken, ROUNDS * TASKS);
    report_tally(&t_clone, "every task was made by clone, with its sharing flags");
    report_tally(&t_barrier,
        "every task reached the futex barrier in the SysV segment and one FUTEX_WAKE released all");
    report_tally(&t_timeout, "no task had to be killed: no hang");
    for (int role = 0; role < ROLES; role++) {
        char description[160];
        if (role == EXEC)
            snprintf(description, sizeof description, "the execve tasks ran the new program (exit %d)", EXEC_EXIT_CODE);
        else if (role == EXIT)
            snprintf(description, sizeof description, "the _exit tasks ended with their exit codes");
        else if ((role == VM || role == ALL) && !on_cleave())
            snprintf(description, sizeof description, "Linux: %s by a task sharing memory with the test: EINVAL",
                role_names[role]);
        else
            snprintf(description, sizeof description, "%s: %s, then its changes are private to it", kernel_name(),
                role_names[role]);
        report_tally(&t_roles[role], description);
    }
    report_tally(&t_parent, "after every round the test's cwd, fds (one close-on-exec) and memory are untouched");

    int detached = shmdt((void *)arena);
    int removed = shmctl(id, IPC_RMID, NULL);
    if (!ok(detached == 0 && removed == 0, "the SysV segment is detached and removed at the end"))
        why("shmdt %d, shmctl(IPC_RMID) %d, errno %d", detached, removed, errno);
    return done();
}
