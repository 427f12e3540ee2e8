/* init: the first user program, pid 1, started by the kernel as /sbin/init.
 *
 * It has two modes:
 *
 *  - guest-run (test) mode, when the kernel command line has the word
 *    "guest-run" (tools/guest-run boots with it, and writes
 *    /etc/guest-run/programs into the initrd): run every program listed
 *    in that file, one
 *    absolute path a line, in order, and report on the console how each
 *    one ended, then power off. The markers are what tools/guest-run reads:
 *        guest-run: init start kernel=<release> uptime=<s> tsc=<rdtsc>
 *        guest-run: run <path>
 *        guest-run: exit <path> <code>        (or: signal <n>)
 *        guest-run: poweroff tsc=<rdtsc>
 *    Each program gets argv = { path }, cwd /, and the environment
 *    PATH=/bin HOME=/ plus the NAME=VALUE lines of /etc/guest-run/env
 *    (a later PATH or HOME replaces the default).
 *
 *  - otherwise (a normal boot): run /etc/rc with /bin/sh, then a shell on
 *    the console in a session of its own (the console is its controlling
 *    terminal, so job control works), started again whenever it exits.
 *    Orphans are reaped all along. The poweroff command ends the system.
 *
 * All output goes through write(2), one call per message, so that it never
 * sits in a buffer that a fork would copy.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#define PROGRAMS_FILE "/etc/guest-run/programs"
#define ENV_FILE "/etc/guest-run/env"
#define MAX_ENV 64

static unsigned long long rdtsc(void)
{
    unsigned int lo, hi;
    __asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
    return ((unsigned long long)hi << 32) | lo;
}

/* Formats a message and writes it with one write(2) to fd 1. */
static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n >= sizeof buf)
        n = sizeof buf - 1;
    ssize_t w = write(1, buf, (size_t)n);
    (void)w;
}

/* Reads a whole (small) file into buf, NUL-terminated. Returns its length,
 * or -1 if it cannot be opened or read. */
static int read_small_file(const char *path, char *buf, size_t size)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    size_t used = 0;
    while (used < size - 1) {
        ssize_t n = read(fd, buf + used, size - 1 - used);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            close(fd);
            return -1;
        }
        if (n == 0)
            break;
        used += (size_t)n;
    }
    close(fd);
    buf[used] = 0;
    return (int)used;
}

/* Gives init a console on fds 0, 1 and 2 if the kernel did not. */
static void open_console(void)
{
    for (int fd = 0; fd <= 2; fd++) {
        if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
            continue;
        int c = open("/dev/console", O_RDWR);
        if (c < 0)
            return;
        if (c != fd) {
            dup2(c, fd);
            close(c);
        }
    }
}

/* True if something is mounted on `path` (it is on another device than
 * its parent). */
static int is_mounted(const char *path, const char *parent)
{
    struct stat here, above;
    return stat(path, &here) == 0 && stat(parent, &above) == 0 && here.st_dev != above.st_dev;
}

/* The pseudo filesystems, where the kernel has them. Failures are normal
 * (a kernel without a VFS answers ENOSYS) and ignored. The kernel may
 * have mounted /dev already (to give init its console). */
static void mount_pseudo_filesystems(void)
{
    if (!is_mounted("/dev", "/"))
        mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
    mount("proc", "/proc", "proc", 0, NULL);
    mount("tmpfs", "/tmp", "tmpfs", 0, NULL);
    mkdir("/dev/shm", 01777);
    mount("tmpfs", "/dev/shm", "tmpfs", 0, "mode=1777");
    /* The pseudo-terminals' slaves, /dev/pts/N, readable and writable by
     * their owner and writable by the group, as Linux systems mount it. */
    mkdir("/dev/pts", 0755);
    mount("devpts", "/dev/pts", "devpts", 0, "mode=620,ptmxmode=000");
}

static void power_off(const char *marker)
{
    say("%s: poweroff tsc=%llu\n", marker, rdtsc());
    reboot(RB_POWER_OFF);
    /* Only reached if the kernel refused. pid 1 exiting makes the kernel
     * stop, which ends the run sooner than waiting for a time limit. */
    say("%s: reboot(RB_POWER_OFF) failed errno=%d\n", marker, errno);
    _exit(1);
}

/* Waits for the child pid, reaping any other child (an orphan handed to
 * init) on the way. Returns its wait status, or -1 (errno set). */
static int wait_for(pid_t pid)
{
    for (;;) {
        int status = 0;
        pid_t r = waitpid(-1, &status, 0);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return -1;
        if (r == pid)
            return status;
    }
}

/* Splits buf into lines in place: each '\n' (and '\r') becomes a NUL.
 * Stores up to max pointers to non-empty lines; returns how many. */
static int split_lines(char *buf, char **lines, int max)
{
    int n = 0;
    char *p = buf;
    while (*p && n < max) {
        char *end = p + strcspn(p, "\r\n");
        char next = *end;
        *end = 0;
        if (*p)
            lines[n++] = p;
        if (!next)
            break;
        p = end + 1;
    }
    return n;
}

/* ---- guest-run mode ------------------------------------------------------ */

static char *env[MAX_ENV + 1];

static void build_environment(void)
{
    static char env_text[8192];
    static char *lines[MAX_ENV];
    int ne = 0;
    env[ne++] = "PATH=/bin";
    env[ne++] = "HOME=/";
    if (read_small_file(ENV_FILE, env_text, sizeof env_text) > 0) {
        int n = split_lines(env_text, lines, MAX_ENV);
        for (int i = 0; i < n; i++) {
            char *e = lines[i];
            size_t k = strcspn(e, "=");
            int j;
            for (j = 0; j < ne; j++)
                if (!strncmp(env[j], e, k) && env[j][k] == '=')
                    break;
            if (j == ne && ne == MAX_ENV)
                break;
            env[j] = e;
            if (j == ne)
                ne++;
        }
    }
    env[ne] = NULL;
}

static void run_program(char *path)
{
    say("guest-run: run %s\n", path);
    pid_t pid = fork();
    if (pid < 0) {
        say("guest-run: exit %s fork-failed errno=%d\n", path, errno);
        return;
    }
    if (pid == 0) {
        char *argv[] = { path, NULL };
        if (chdir("/") != 0)
            say("guest-run: chdir / failed errno=%d\n", errno);
        execve(path, argv, env);
        say("guest-run: execve %s failed errno=%d\n", path, errno);
        _exit(127);
    }
    int status = wait_for(pid);
    if (status == -1)
        say("guest-run: exit %s wait-failed errno=%d\n", path, errno);
    else if (WIFEXITED(status))
        say("guest-run: exit %s %d\n", path, WEXITSTATUS(status));
    else if (WIFSIGNALED(status))
        say("guest-run: exit %s signal %d\n", path, WTERMSIG(status));
    else
        say("guest-run: exit %s status 0x%x\n", path, (unsigned)status);
}

static void guest_run(char *list, unsigned long long tsc0)
{
    static char *programs[256];

    char up[64] = "?";
    if (read_small_file("/proc/uptime", up, sizeof up) > 0)
        up[strcspn(up, " \n")] = 0;
    else
        strcpy(up, "?");
    struct utsname u;
    if (uname(&u) != 0)
        strcpy(u.release, "?");
    say("guest-run: init start kernel=%s uptime=%s tsc=%llu\n", u.release, up, tsc0);

    build_environment();
    int n = split_lines(list, programs, 256);
    for (int i = 0; i < n; i++)
        run_program(programs[i]);
    power_off("guest-run");
}

/* ---- normal mode: the console and its shell ------------------------------ */

#define SHELL "/bin/sh"

static char *shell_env[] = {
    "PATH=/bin:/sbin:/usr/bin:/usr/sbin", "HOME=/root", "SHELL=/bin/sh",
    "USER=root", "LOGNAME=root", "TERM=vt100", NULL,
};

/* Runs /etc/rc with the shell, if there is such a file, and waits for it.
 * It is where the system's boot-time set-up lives (the hostname, say). */
static void run_rc(void)
{
    if (access("/etc/rc", R_OK) != 0)
        return;
    pid_t pid = fork();
    if (pid == 0) {
        char *argv[] = { SHELL, "/etc/rc", NULL };
        execve(SHELL, argv, shell_env);
        say("init: cannot run /etc/rc with %s: %s\n", SHELL, strerror(errno));
        _exit(127);
    }
    if (pid < 0) {
        say("init: fork for /etc/rc failed: %s\n", strerror(errno));
        return;
    }
    int status = wait_for(pid);
    if (status != -1 && !(WIFEXITED(status) && WEXITSTATUS(status) == 0))
        say("init: /etc/rc failed (status 0x%x)\n", (unsigned)status);
}

/* The console's terminal under the name that can be a controlling
 * terminal. (As on Linux, /dev/console itself never is one, so a shell on
 * it could not do job control; /dev/ttyS0 is the same terminal: the serial
 * line, and the keyboard and screen too.) */
#define CONSOLE_TTY "/dev/ttyS0"

/* Starts the shell in a session of its own whose controlling terminal is
 * the console, as a login would: then Ctrl-C and Ctrl-Z reach the shell's
 * foreground job, and the shell can do job control. Returns its pid. */
static pid_t start_shell(void)
{
    pid_t pid = fork();
    if (pid != 0)
        return pid;
    setsid();
    /* A session leader without a terminal that opens one gets it as its
     * controlling terminal; TIOCSCTTY says so explicitly. */
    int fd = open(CONSOLE_TTY, O_RDWR);
    if (fd < 0)
        fd = open("/dev/console", O_RDWR);
    if (fd >= 0) {
        ioctl(fd, TIOCSCTTY, 0);
        for (int i = 0; i <= 2; i++)
            dup2(fd, i);
        if (fd > 2)
            close(fd);
    }
    if (chdir("/root") != 0)
        chdir("/");
    char *argv[] = { "sh", NULL };
    execve(SHELL, argv, shell_env);
    say("init: cannot run %s: %s\n", SHELL, strerror(errno));
    _exit(127);
}

/* pid 1's life on a normal boot: a shell on the console, started again
 * whenever it exits (a person typed "exit", or it crashed), and every
 * orphan reaped on the way (wait_for). Powering off is the poweroff
 * command's job (reboot(2)); init never returns. */
static void console_shell(void)
{
    run_rc();
    int quick_exits = 0;
    for (;;) {
        time_t started = time(NULL);
        pid_t pid = start_shell();
        if (pid < 0) {
            say("init: fork failed: %s\n", strerror(errno));
            sleep(5);
            continue;
        }
        int status = wait_for(pid);
        if (status != -1 && WIFSIGNALED(status))
            say("\ninit: the shell was killed by signal %d; starting a new one\n", WTERMSIG(status));
        else
            say("\ninit: the shell exited; starting a new one (type poweroff to stop the system)\n");
        /* A shell that cannot start would otherwise be restarted in a
         * tight loop; after a few quick exits, wait before the next try. */
        quick_exits = time(NULL) - started < 2 ? quick_exits + 1 : 0;
        if (quick_exits >= 3) {
            say("init: the shell keeps exiting at once; waiting 5 seconds\n");
            sleep(5);
        }
    }
}

/* True if the kernel command line (/proc/cmdline) has `word` as a word. */
static int kernel_cmdline_has(const char *word)
{
    char line[1024];
    if (read_small_file("/proc/cmdline", line, sizeof line) < 0)
        return 0;
    for (char *save, *w = strtok_r(line, " \t\n", &save); w; w = strtok_r(NULL, " \t\n", &save))
        if (!strcmp(w, word))
            return 1;
    return 0;
}

int main(void)
{
    static char programs[16384];
    unsigned long long tsc0 = rdtsc();
    mount_pseudo_filesystems();
    open_console();
    if (kernel_cmdline_has("guest-run")) {
        if (read_small_file(PROGRAMS_FILE, programs, sizeof programs) < 0) {
            say("guest-run: no %s in this root file system: %s\n", PROGRAMS_FILE, strerror(errno));
            power_off("guest-run");
        }
        guest_run(programs, tsc0);
    }
    console_shell();
    return 0;
}
