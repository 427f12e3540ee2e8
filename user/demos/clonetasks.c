/* clonetasks: makes tasks that share context objects with it, for the
 * sharing demo (/usr/share/demos/sharing.sh).
 *
 *     clonetasks SHARE...
 *
 * Each SHARE is a comma-separated list of context objects, "vm", "fs",
 * "files", "sighand" (or "none"), and makes one child with clone(2) and
 * those CLONE_* flags: "clonetasks files vm,sighand" makes a child that
 * shares the file table with this process, and one that shares the
 * address space and the signal handlers. The children are processes of
 * their own (no CLONE_THREAD), so each has a pid, a line in ps and a
 * /proc/<pid>/contexts.
 *
 * Then everyone sleeps. On SIGUSR1 the parent tells each child (SIGUSR1
 * again), and each child calls unshare(2) with the flags it was made
 * with: from then on it has private copies, which ps and
 * /proc/<pid>/contexts show. SIGTERM ends the parent and its children.
 *
 * The children run on stacks of their own (a child made with CLONE_VM
 * must not use its parent's stack, which is the same memory) and only
 * call async-signal-safe functions.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_TASKS 8
#define STACK_SIZE (64 * 1024)

static const struct {
    const char *name;
    int flag;
} objects[] = {
    { "vm", CLONE_VM }, { "fs", CLONE_FS }, { "files", CLONE_FILES }, { "sighand", CLONE_SIGHAND },
};

static volatile sig_atomic_t unshare_requested, stop_requested;

static void on_usr1(int sig) { (void)sig; unshare_requested = 1; }
static void on_term(int sig) { (void)sig; stop_requested = 1; }

/* One line with a single write(2): children share nothing with stdio. */
static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n > 0)
        (void)!write(1, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

/* Parses "vm,files" into CLONE_VM | CLONE_FILES; -1 if a name is unknown. */
static int parse_share(const char *text)
{
    if (!strcmp(text, "none"))
        return 0;
    int flags = 0;
    char copy[128];
    snprintf(copy, sizeof copy, "%s", text);
    for (char *save, *word = strtok_r(copy, ",", &save); word; word = strtok_r(NULL, ",", &save)) {
        size_t i;
        for (i = 0; i < sizeof objects / sizeof objects[0]; i++)
            if (!strcmp(word, objects[i].name))
                break;
        if (i == sizeof objects / sizeof objects[0])
            return -1;
        flags |= objects[i].flag;
    }
    /* Linux's rule: sharing the handlers needs a shared address space. */
    if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
        return -1;
    return flags;
}

/* Waits for a signal with SIGUSR1 and SIGTERM blocked in between, so one
 * that arrives between the check and the sleep is not lost. */
static void wait_for_signal(const sigset_t *during)
{
    sigsuspend(during);
}

struct child {
    int flags;
    const char *share;
};

static int child_main(void *arg)
{
    struct child *c = arg;
    sigset_t during;
    sigemptyset(&during);
    while (!stop_requested) {
        if (unshare_requested) {
            unshare_requested = 0;
            if (unshare(c->flags) == 0)
                say("clonetasks: pid %d: unshare(%s) done: its copies are private now\n", getpid(), c->share);
            else
                say("clonetasks: pid %d: unshare(%s) failed: %s\n", getpid(), c->share, strerror(errno));
        }
        wait_for_signal(&during);
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc - 1 > MAX_TASKS) {
        fprintf(stderr, "usage: clonetasks SHARE... (at most %d; SHARE: vm,fs,files,sighand or none)\n", MAX_TASKS);
        return 2;
    }
    static struct child children[MAX_TASKS];
    pid_t pids[MAX_TASKS];
    int n = argc - 1;

    /* Handlers first: children made without CLONE_SIGHAND get a copy of
     * the table as it is now. Both signals stay blocked except while
     * sleeping in sigsuspend. */
    struct sigaction sa = { 0 };
    sa.sa_handler = on_usr1;
    sigaction(SIGUSR1, &sa, NULL);
    sa.sa_handler = on_term;
    sigaction(SIGTERM, &sa, NULL);
    sigset_t blocked;
    sigemptyset(&blocked);
    sigaddset(&blocked, SIGUSR1);
    sigaddset(&blocked, SIGTERM);
    sigprocmask(SIG_BLOCK, &blocked, NULL);

    for (int i = 0; i < n; i++) {
        children[i].share = argv[i + 1];
        children[i].flags = parse_share(argv[i + 1]);
        if (children[i].flags < 0) {
            fprintf(stderr, "clonetasks: bad SHARE '%s' (names: vm fs files sighand none; sighand needs vm)\n", argv[i + 1]);
            return 2;
        }
        char *stack = malloc(STACK_SIZE);
        if (!stack) {
            perror("clonetasks: malloc");
            return 1;
        }
        pids[i] = clone(child_main, stack + STACK_SIZE, children[i].flags | SIGCHLD, &children[i]);
        if (pids[i] < 0) {
            fprintf(stderr, "clonetasks: clone(%s): %s\n", argv[i + 1], strerror(errno));
            return 1;
        }
        say("clonetasks: pid %d shares %s with pid %d\n", pids[i], argv[i + 1], getpid());
    }

    sigset_t during;
    sigemptyset(&during);
    while (!stop_requested) {
        if (unshare_requested) {
            unshare_requested = 0;
            for (int i = 0; i < n; i++)
                kill(pids[i], SIGUSR1);
        }
        wait_for_signal(&during);
    }
    for (int i = 0; i < n; i++) {
        kill(pids[i], SIGTERM);
        waitpid(pids[i], NULL, 0);
    }
    say("clonetasks: done\n");
    return 0;
}
