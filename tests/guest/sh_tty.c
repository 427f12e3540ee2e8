/* sh_tty: the interactive shell on a real terminal: a pseudo-terminal
 * whose other side this test holds, typing keys and reading the screen.
 * Line editing (raw mode), history, Ctrl-C at the prompt, and job control:
 * the foreground job's own process group holding the terminal, Ctrl-C
 * killing it, Ctrl-Z stopping it, fg, bg, jobs, and Ctrl-D ending the shell.
 *
 * Needs pseudo-terminals (/dev/ptmx, devpts): on a kernel without them
 * every check is skipped, except on Cleave, which has them: there every
 * check fails.
 *
 * Helpers as in sh_basic (sh_run.h).
 */
#include "sh_run.h"

#include <poll.h>
#include <sys/mount.h>
#include <sys/utsname.h>
#include <time.h>

#define CHECKS 16

static int master = -1;
static char screen[65536]; /* everything the shell wrote */
static size_t screen_len, seen; /* seen: how far the checks have read */

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Reads what the shell writes until text appears after `seen` (then
 * moves seen past it) or ms pass. */
static int wait_for(const char *text, long ms)
{
    long deadline = now_ms() + ms;
    for (;;) {
        screen[screen_len] = 0;
        char *at = strstr(screen + seen, text);
        if (at) {
            seen = (size_t)(at - screen) + strlen(text);
            return 1;
        }
        long left = deadline - now_ms();
        if (left <= 0 || screen_len + 1 >= sizeof screen)
            return 0;
        struct pollfd p = { master, POLLIN, 0 };
        if (poll(&p, 1, (int)left) <= 0)
            continue;
        ssize_t n = read(master, screen + screen_len, sizeof screen - 1 - screen_len);
        if (n <= 0)
            return 0;
        screen_len += (size_t)n;
    }
}

static void type(const char *keys)
{
    sh_write(master, keys);
}

/* Where the screen has got to, for a failure's diagnostic. */
static void show_screen(void)
{
    screen[screen_len] = 0;
    const char *from = screen_len > 300 ? screen + screen_len - 300 : screen;
    for (const char *p = from; *p;) {
        size_t n = strcspn(p, "\n");
        why("screen: %.*s", (int)n, p);
        p += n + (p[n] == '\n');
    }
}

static int check(int cond, const char *what)
{
    if (!ok(cond, "%s", what))
        show_screen();
    return cond;
}

/* A pseudo-terminal; mounts devpts if it is not there yet. */
static int open_pty(char *name, size_t size)
{
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    if (m < 0) {
        mkdir("/dev/pts", 0755);
        /* The options Cleave's init uses, so tests that run later in the
         * same boot (pty) find the same devpts on both kernels. */
        if (mount("devpts", "/dev/pts", "devpts", 0, "mode=620,ptmxmode=000") == 0)
            m = posix_openpt(O_RDWR | O_NOCTTY);
        if (m < 0)
            m = open("/dev/pts/ptmx", O_RDWR | O_NOCTTY);
    }
    if (m < 0)
        return -1;
    if (grantpt(m) != 0 || unlockpt(m) != 0 || ptsname_r(m, name, size) != 0) {
        close(m);
        return -1;
    }
    return m;
}

int main(int argc, char **argv)
{
    int helper = sh_helper(argc, argv);
    if (helper >= 0)
        return helper;
    plan(CHECKS);
    if (sh_setup(argv[0], "sh_tty") < 0) {
        diag("cannot set up the scratch directory");
        return 1;
    }
    char name[64];
    master = open_pty(name, sizeof name);
    if (master < 0) {
        struct utsname u;
        int cleave = uname(&u) == 0 && strstr(u.release, "cleave");
        for (int i = 0; i < CHECKS; i++) {
            if (cleave)
                ok(0, "the interactive shell on a terminal: no pseudo-terminal (%s)", strerror(errno));
            else
                skip("no pseudo-terminals here", "the interactive shell on a terminal");
        }
        return done();
    }

    pid_t shell = fork();
    if (shell == 0) {
        /* A new session, whose controlling terminal the slave becomes. */
        setsid();
        int s = open(name, O_RDWR);
        if (s < 0 || chdir(sh_dir) != 0)
            _exit(125);
        dup2(s, 0), dup2(s, 1), dup2(s, 2);
        if (s > 2)
            close(s);
        close(master);
        alarm(120);
        char *args[] = { "sh", NULL };
        execve("/bin/sh", args, sh_env);
        _exit(125);
    }

    char prompt[200];
    snprintf(prompt, sizeof prompt, "cleave:%s%c ", sh_dir, geteuid() == 0 ? '#' : '$');
    check(wait_for(prompt, 10000), "a terminal on stdin and stderr makes the shell interactive: the prompt");

    type("echo hi\r");
    check(wait_for("\r\nhi\r\n", 10000) && wait_for(prompt, 10000), "a command typed and run, then a new prompt");

    type("echo abd\033[Dc\r");
    check(wait_for("\r\nabcd\r\n", 10000) && wait_for(prompt, 10000), "editing: Left arrow and insertion");

    type("\033[A\r");
    check(wait_for("\r\nabcd\r\n", 10000) && wait_for(prompt, 10000), "Up arrow recalls the last command");

    type("echo nope\003");
    check(wait_for("^C", 10000) && wait_for(prompt, 10000), "Ctrl-C at the prompt: a new prompt");
    type("echo yes\r");
    int good = wait_for("\r\nyes\r\n", 10000);
    check(good && !strstr(screen, "\r\nnope\r\n"), "... and the discarded line never ran");
    wait_for(prompt, 10000);

    type("pgroup\r");
    check(wait_for("own-group has-terminal", 10000) && wait_for(prompt, 10000),
          "a foreground job: its own process group, which has the terminal");
    type("pgroup &\r");
    check(wait_for("own-group no-terminal", 10000), "a background job: its own group, without the terminal");
    type("wait\r");
    check(wait_for("[1]+ Done  pgroup", 10000) && wait_for(prompt, 10000),
          "a finished background job is reported before the prompt");

    long start = now_ms();
    type("msleep 20000\r");
    wait_for("\r\n", 10000);
    msleep(700); /* the job runs and has the terminal */
    type("\003");
    check(wait_for(prompt, 10000) && now_ms() - start < 15000, "Ctrl-C ends the foreground job, not the shell");
    type("echo $?\r");
    check(wait_for("\r\n130\r\n", 10000) && wait_for(prompt, 10000), "... with status 130");

    type("msleep 1500\r");
    wait_for("\r\n", 10000);
    msleep(700);
    type("\032");
    check(wait_for("[1]+ Stopped  msleep 1500", 10000) && wait_for(prompt, 10000),
          "Ctrl-Z stops the foreground job: [1]+ Stopped");
    type("jobs\r");
    check(wait_for("[1]+ Stopped  msleep 1500", 10000) && wait_for(prompt, 10000), "jobs lists it as stopped");
    type("fg\r");
    check(wait_for("msleep 1500\r\n", 10000) && wait_for(prompt, 10000), "fg continues it in the foreground");

    type("msleep 1000\r");
    wait_for("\r\n", 10000);
    msleep(700);
    type("\032");
    wait_for(prompt, 10000);
    type("bg\r");
    good = wait_for("[1]+ msleep 1000 &", 10000) && wait_for(prompt, 10000);
    type("wait\r");
    check(good && wait_for("[1]+ Done  msleep 1000", 10000) && wait_for(prompt, 10000),
          "bg continues a stopped job in the background");

    type("\004");
    int st = -1;
    long deadline = now_ms() + 10000;
    while (now_ms() < deadline && waitpid(shell, &st, WNOHANG) == 0)
        msleep(50);
    if (!check(exited_with(st, 0), "Ctrl-D on an empty line ends the shell"))
        why("%s", status_text(st));
    if (st == -1)
        kill(shell, SIGKILL);
    close(master);
    return done();
}
