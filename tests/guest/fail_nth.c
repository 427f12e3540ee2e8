/* fail_nth: every allocation on the unshare and clone paths can fail, and
 * a failure leaves the task exactly as it was (issue: the process model,
 * item 5). For each unshare flag combination, and for fork: for N = 1, 2,
 * ... make the Nth allocation fail (/proc/self/fail-nth) and call again,
 * until the call succeeds. Each call must succeed or fail with ENOMEM; after
 * a failure the task still shares what it shared (/proc/self/contexts
 * shows the same objects with the same reference counts) and the kernel's
 * frame and heap counters (/proc/cleave) are back where they were.
 *
 * Linux has /proc/self/fail-nth only when built with fault injection, and
 * no /proc/cleave: there the checks are skipped. */
#define _GNU_SOURCE
#include "tap.h"
#include "fail_nth.h"
#include <fcntl.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>

#define MAX_N 400


/* A task that shares everything with us (memory, fs, files, handlers) and
 * waits; it makes our context objects shared, so unshare has work to do. */
static volatile int puppet_done; /* never set: the puppet waits until killed */
static char puppet_stack[16384] __attribute__((aligned(16)));

static int puppet(void *unused)
{
    (void)unused;
    while (!puppet_done)
        syscall(SYS_futex, &puppet_done, 0 /* FUTEX_WAIT */, 0, NULL, NULL, 0);
    return 0;
}

/* One sweep in a fresh process: returns the number of problems, prints why. */
static int sweep(const char *what, int flags, int use_fork)
{
    int problems = 0;
    pid_t helper = clone(puppet, puppet_stack + sizeof puppet_stack,
                         CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND, NULL);
    if (helper < 0) {
        printf("# %s: clone of the sharing task failed: %s\n", what, strerror(errno));
        return 1;
    }
    int n;
    for (n = 1; n <= MAX_N; n++) {
        char contexts_before[512], contexts_after[512], counters_before[256], counters_after[256];
        if (read_file("/proc/self/contexts", contexts_before, sizeof contexts_before) ||
            read_file("/proc/cleave", counters_before, sizeof counters_before)) {
            printf("# %s: cannot read /proc/self/contexts or /proc/cleave\n", what);
            problems++;
            break;
        }
        if (set_fail_nth(n)) {
            printf("# %s: cannot write /proc/self/fail-nth\n", what);
            problems++;
            break;
        }
        long r;
        if (use_fork) {
            r = fork();
            if (r == 0)
                _exit(0);
        } else {
            r = syscall(SYS_unshare, flags);
        }
        int e = errno;
        set_fail_nth(0);
        if (r >= 0) {
            if (use_fork)
                waitpid((pid_t)r, NULL, 0);
            break; /* every earlier N failed cleanly: done */
        }
        if (e != ENOMEM) {
            printf("# %s: with the allocation %d failing, the call gave %s, not ENOMEM\n", what, n, strerror(e));
            problems++;
            continue;
        }
        read_file("/proc/self/contexts", contexts_after, sizeof contexts_after);
        read_file("/proc/cleave", counters_after, sizeof counters_after);
        if (strcmp(contexts_before, contexts_after)) {
            printf("# %s: after failing at allocation %d the contexts changed:\n# before: %s# after: %s", what, n,
                   contexts_before, contexts_after);
            problems++;
        }
        if (strcmp(counters_before, counters_after)) {
            printf("# %s: after failing at allocation %d the kernel's counters changed:\n# before: %s# after: %s",
                   what, n, counters_before, counters_after);
            problems++;
        }
    }
    if (n > MAX_N) {
        printf("# %s: still failing after %d injected faults\n", what, MAX_N);
        problems++;
    } else {
        printf("# %s: succeeded once allocation %d no longer failed\n", what, n);
    }
    /* After unshare(CLONE_VM) we no longer share memory with it: end it
     * with a signal, not a flag. */
    kill(helper, SIGKILL);
    waitpid(helper, NULL, __WALL);
    return problems;
}

/* Runs a sweep in a new process, so each starts from the same shared state. */
static void check(const char *what, int flags, int use_fork)
{
    pid_t pid = fork();
    if (pid == 0)
        _exit(sweep(what, flags, use_fork) ? 1 : 0);
    int status = 0;
    waitpid(pid, &status, 0);
    ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
       "%s: each injected allocation failure is ENOMEM and leaves contexts and counters unchanged", what);
}

int main(void)
{
    struct {
        const char *what;
        int flags;
    } combinations[] = {
        { "unshare(CLONE_FS)", CLONE_FS },
        { "unshare(CLONE_FILES)", CLONE_FILES },
        { "unshare(CLONE_VM)", CLONE_VM },
        { "unshare(CLONE_SIGHAND)", CLONE_SIGHAND },
        { "unshare(CLONE_NEWNS)", CLONE_NEWNS },
        { "unshare(CLONE_FS|CLONE_FILES)", CLONE_FS | CLONE_FILES },
        { "unshare(CLONE_FILES|CLONE_VM)", CLONE_FILES | CLONE_VM },
        { "unshare(CLONE_FS|CLONE_FILES|CLONE_VM)", CLONE_FS | CLONE_FILES | CLONE_VM },
        { "unshare(all four and CLONE_SIGHAND)", CLONE_FS | CLONE_FILES | CLONE_VM | CLONE_NEWNS | CLONE_SIGHAND },
    };
    int count = sizeof combinations / sizeof combinations[0];
    plan(count + 1);

    struct utsname u;
    uname(&u);
    int cleave = strstr(u.release, "cleave") != NULL;
    if (!cleave || access("/proc/self/fail-nth", W_OK) || access("/proc/cleave", R_OK)) {
        for (int i = 0; i <= count; i++)
            skip("no /proc/self/fail-nth and /proc/cleave (a kernel without fault injection)", "fault injection sweep");
        return done();
    }
    for (int i = 0; i < count; i++)
        check(combinations[i].what, combinations[i].flags, 0);
    check("fork()", 0, 1);
    return done();
}
