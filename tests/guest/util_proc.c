/* util_proc: the utilities about processes: ps, kill, sleep and env
 * (user/bin).
 *
 * - ps: its header; the test's own line (pid, parent, uid 0, command) and
 *   ps's own (its parent is the test). The SHARES column is Cleave's own
 *   (/proc/<pid>/contexts): a child made with clone(CLONE_VM |
 *   CLONE_FILES) and the test are both shown sharing "mm,files"; on
 *   Linux, which has no such file, the column says "?".
 * - kill: signals by name, by number, with -s, and 0; -l; a process that
 *   is gone; bad usage.
 * - sleep: sleeps at least as long as asked, fractions too.
 * - env: prints the environment, adds to it, replaces it with -i, and
 *   reports a command that is not there (status 127). */
#include "shared_tasks.h"
#include "utility.h"

#include <signal.h>
#include <time.h>

/* The line of ps's output whose first field is pid; "" if none. */
static const char *ps_line(const char *out, int pid, char *line, size_t size)
{
    line[0] = 0;
    for (const char *p = out; *p;) {
        const char *end = strchr(p, '\n');
        size_t length = end ? (size_t)(end - p) : strlen(p);
        if (atoi(p) == pid) {
            snprintf(line, size, "%.*s", (int)length, p);
            break;
        }
        p += length + (end ? 1 : 0);
    }
    return line;
}

/* The fields of a ps line (up to its newline): pid ppid uid stat shares
 * command. */
struct ps_fields {
    int pid, ppid, uid;
    char stat[8], shares[64], command[256];
};

static int parse_ps(const char *text, struct ps_fields *f)
{
    char line[512];
    snprintf(line, sizeof line, "%.*s", (int)strcspn(text, "\n"), text);
    int used = 0;
    if (sscanf(line, "%d %d %d %7s %63s %n", &f->pid, &f->ppid, &f->uid, f->stat, f->shares, &used) < 5 || !used)
        return -1;
    snprintf(f->command, sizeof f->command, "%s", line + used);
    return 0;
}

static volatile int child_state; /* shared with the CLONE_VM child */

static int sharing_child(void *unused)
{
    (void)unused;
    child_state = 1;
    wait_word(&child_state, 2, 30000);
    return 0;
}

static void test_ps(void)
{
    struct run r;
    char line[512];
    struct ps_fields f;
    run(&r, "/bin/ps");
    check_run(exited_with(r.status, 0) && !strncmp(r.out, "  PID  PPID   UID STAT SHARES      COMMAND\n", 43), &r,
        "ps prints its header: PID PPID UID STAT SHARES COMMAND");
    ps_line(r.out, getpid(), line, sizeof line);
    int good = parse_ps(line, &f) == 0 && f.ppid == getppid() && f.uid == 0 && !strcmp(f.command, "/bin/util_proc");
    if (!check_run(good, &r, "ps shows the test: its pid, its parent, uid 0, its command line"))
        diag("pid %d, parent %d", getpid(), getppid());
    /* ps's own line: a child of the test, running. Its pid is the
     * largest whose parent is the test. */
    int found = 0;
    for (const char *p = strchr(r.out, '\n'); p && p[1]; p = strchr(p + 1, '\n')) {
        if (parse_ps(p + 1, &f) == 0 && f.ppid == getpid() && !strcmp(f.command, "/bin/ps") && !strcmp(f.stat, "R"))
            found = 1;
    }
    check_run(found, &r, "ps shows itself: parent the test, state R, command /bin/ps");

    ps_line(r.out, getpid(), line, sizeof line);
    parse_ps(line, &f);
    const char *unshared = running_on_cleave() ? "-" : "?";
    if (!check_run(!strcmp(f.shares, unshared), &r, "ps: a process that shares nothing shows SHARES -"))
        diag("SHARES [%s], wanted [%s] (? on a kernel without /proc/<pid>/contexts)", f.shares, unshared);

    child_state = 0;
    long child = spawn(sharing_child, NULL, CLONE_VM | CLONE_FILES | SIGCHLD);
    if (child < 0 || !wait_word(&child_state, 1, 10000)) {
        ok(0, "clone(CLONE_VM | CLONE_FILES) for the SHARES check: %s", result_text(child));
        ok(0, "(no child)");
        return;
    }
    run(&r, "/bin/ps");
    child_state = 2;
    int status = reap(child, 10000);
    if (status != 0)
        diag("the sharing child: %s", reap_text(status));
    struct ps_fields mine, its;
    int parsed = parse_ps(ps_line(r.out, getpid(), line, sizeof line), &mine) == 0
              && parse_ps(ps_line(r.out, (int)child, line, sizeof line), &its) == 0;
    if (running_on_cleave()) {
        check_run(parsed && !strcmp(its.shares, "mm,files") && its.ppid == getpid(), &r,
            "ps: a clone(CLONE_VM | CLONE_FILES) child shows SHARES mm,files");
        check_run(parsed && !strcmp(mine.shares, "mm,files"), &r, "ps: and so does its parent");
    } else {
        check_run(parsed && !strcmp(its.shares, "?") && its.ppid == getpid(), &r,
            "ps on Linux: the child is listed, SHARES ? (no /proc/<pid>/contexts)");
        skip("/proc/<pid>/contexts is Cleave's own", "ps: and so does its parent");
    }
    run(&r, "/bin/ps", "-x");
    expect(&r, 2, "", "usage: ps", "ps -x is a usage error");
}

/* A child that waits for signals; returns its pid. */
static pid_t waiting_child(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        alarm(60);
        for (;;)
            pause();
    }
    return pid;
}

static void kill_with(const char *what, int sig, char *const args[])
{
    pid_t pid = waiting_child();
    char number[16], *argv[6];
    snprintf(number, sizeof number, "%d", (int)pid);
    int n = 0;
    argv[n++] = "/bin/kill";
    for (int i = 0; args[i]; i++)
        argv[n++] = args[i];
    argv[n++] = number;
    argv[n] = NULL;
    struct run r;
    run_with(&r, NULL, argv);
    int status = 0;
    waitpid(pid, &status, 0);
    if (!ok(exited_with(r.status, 0) && killed_by(status, sig), "%s", what)) {
        diag("the child: %s", status_text(status));
        show_run(&r);
    }
}

static void test_kill(void)
{
    kill_with("kill sends SIGTERM by default", SIGTERM, (char *[]){ NULL });
    kill_with("kill -9 sends SIGKILL", SIGKILL, (char *[]){ "-9", NULL });
    kill_with("kill -HUP sends SIGHUP", SIGHUP, (char *[]){ "-HUP", NULL });
    kill_with("kill -s USR1 sends SIGUSR1", SIGUSR1, (char *[]){ "-s", "USR1", NULL });
    kill_with("kill -SIGINT (with SIG) sends SIGINT", SIGINT, (char *[]){ "-SIGINT", NULL });

    struct run r;
    pid_t pid = waiting_child();
    char number[16];
    snprintf(number, sizeof number, "%d", (int)pid);
    run(&r, "/bin/kill", "-0", number);
    int status = 0;
    check_run(exited_with(r.status, 0) && waitpid(pid, &status, WNOHANG) == 0, &r,
        "kill -0 says the process exists and leaves it alone");
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    run(&r, "/bin/kill", number);
    char message[64];
    snprintf(message, sizeof message, "kill: %s: No such process\n", number);
    expect_exactly(&r, 1, "", message, "kill of a process that is gone fails with ESRCH");

    run(&r, "/bin/kill", "-l");
    expect(&r, 0, " 9 KILL\n", "", "kill -l lists the signals with their numbers");
    run(&r, "/bin/kill", "-l", "15");
    expect_exactly(&r, 0, "TERM\n", "", "kill -l 15 names signal 15");
    run(&r, "/bin/kill", "-l", "137");
    expect_exactly(&r, 0, "KILL\n", "", "kill -l 137 names the signal of a status 128+9");
    run(&r, "/bin/kill", "-NOSUCH", "1");
    expect(&r, 2, "", "usage: kill", "kill -NOSUCH is a usage error");
    run(&r, "/bin/kill");
    expect(&r, 2, "", "usage: kill", "kill without a pid is a usage error");
}

static double now_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void test_sleep(void)
{
    struct run r;
    double start = now_seconds();
    run(&r, "/bin/sleep", "0.3");
    double slept = now_seconds() - start;
    if (!check_run(exited_with(r.status, 0) && slept >= 0.3, &r, "sleep 0.3 sleeps at least 0.3 seconds"))
        diag("slept %.3f s", slept);
    start = now_seconds();
    run(&r, "/bin/sleep", "1");
    slept = now_seconds() - start;
    if (!check_run(exited_with(r.status, 0) && slept >= 1.0, &r, "sleep 1 sleeps at least a second"))
        diag("slept %.3f s", slept);
    run(&r, "/bin/sleep", "soon");
    expect(&r, 2, "", "usage: sleep", "sleep soon is a usage error");
    run(&r, "/bin/sleep");
    expect(&r, 2, "", "usage: sleep", "sleep without a time is a usage error");
}

static void test_env(void)
{
    struct run r;
    char *env[] = { "PATH=/bin", "HOME=/", "GREETING=hello world", NULL };
    struct run_setup given = { .envp = env };
    run_as(&r, &given, "/bin/env");
    expect_exactly(&r, 0, "PATH=/bin\nHOME=/\nGREETING=hello world\n", "", "env prints the environment it was given");
    run_as(&r, &given, "/bin/env", "A=1", "/bin/env");
    expect_exactly(&r, 0, "PATH=/bin\nHOME=/\nGREETING=hello world\nA=1\n", "", "env NAME=VALUE command adds to it");
    run_as(&r, &given, "/bin/env", "-i", "A=1", "B=2", "/bin/env");
    expect_exactly(&r, 0, "A=1\nB=2\n", "", "env -i starts from an empty environment");
    run_as(&r, &given, "/bin/env", "HOME=/tmp", "echo", "by", "PATH");
    expect_exactly(&r, 0, "by PATH\n", "", "env finds a command through PATH");
    run(&r, "/bin/env", "/nonexistent");
    expect_exactly(&r, 127, "", "env: /nonexistent: No such file or directory\n", "env of a missing command: status 127");
    run(&r, "/bin/env", "-z");
    expect(&r, 2, "", "usage: env", "env -z is a usage error");
}

int main(void)
{
    plan(29);
    test_ps();
    test_kill();
    test_sleep();
    test_env();
    return done();
}
