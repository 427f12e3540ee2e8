/* sh_run.h: what the tests of the shell (sh_*.c) share.
 *
 *  - sh_setup() makes a scratch directory /tmp/<test>, with a bin/ of
 *    helper commands first in PATH. The helpers are the test program
 *    itself under other names (symbolic links to it): run as `upper` it
 *    copies standard input to standard output in capitals, and so on
 *    (sh_helper below). So the tests need nothing but /bin/sh and
 *    themselves.
 *  - sh_run() runs /bin/sh with given arguments and standard input, in
 *    the scratch directory, and captures its standard output, standard
 *    error (through files, since a test cannot wait on two pipes at once
 *    without poll) and exit status. An alarm bounds each run: a shell
 *    that hangs is killed by SIGALRM and the check fails.
 */
#pragma once
#include "tap.h"

#include <ctype.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static char sh_dir[128];  /* /tmp/<test> */
static char sh_bin[160];  /* its bin/, first in PATH */
static char sh_self[256]; /* this program */
static char sh_env_path[256], sh_env_home[256], sh_env_dir[256];
static char *sh_env[] = { sh_env_path, sh_env_home, sh_env_dir, NULL };

typedef struct ShResult {
    char out[16384];
    char err[16384];
    int status; /* the wait status; -1 if the shell could not be run */
} ShResult;

/* ---- the helper commands ------------------------------------------------ */

static const char *const sh_helpers[] = {
    "upper",   /* standard input to standard output, in capitals */
    "cat",     /* standard input to standard output, as it is */
    "count",   /* prints the number of lines of standard input */
    "args",    /* prints its arguments as <a><b>... */
    "getenv",  /* getenv NAME: prints the value, or (unset) */
    "exitwith",/* exitwith N: exits with status N */
    "msleep",  /* msleep N: sleeps N milliseconds */
    "writeerr",/* writeerr TEXT: TEXT and a newline on standard error */
    "pgroup",  /* says whether it leads its own process group, and
                * whether that group has the terminal (fd 0) */
    "pid",     /* prints its pid */
    NULL,
};

TAP_FN void sh_write(int fd, const char *s)
{
    size_t n = strlen(s);
    while (n > 0) {
        ssize_t w = write(fd, s, n);
        if (w <= 0)
            return;
        s += w;
        n -= (size_t)w;
    }
}

/* If argv[0] names a helper, runs it and returns its exit status;
 * otherwise -1. */
TAP_FN int sh_helper(int argc, char **argv)
{
    const char *name = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
    char buf[4096];
    ssize_t n;
    if (!strcmp(name, "upper")) {
        while ((n = read(0, buf, sizeof buf)) > 0) {
            for (ssize_t i = 0; i < n; i++)
                buf[i] = (char)toupper((unsigned char)buf[i]);
            if (write(1, buf, (size_t)n) != n)
                return 1;
        }
        return 0;
    }
    if (!strcmp(name, "cat")) {
        while ((n = read(0, buf, sizeof buf)) > 0)
            if (write(1, buf, (size_t)n) != n)
                return 1;
        return 0;
    }
    if (!strcmp(name, "count")) {
        long lines = 0;
        while ((n = read(0, buf, sizeof buf)) > 0)
            for (ssize_t i = 0; i < n; i++)
                lines += buf[i] == '\n';
        snprintf(buf, sizeof buf, "%ld\n", lines);
        sh_write(1, buf);
        return 0;
    }
    if (!strcmp(name, "args")) {
        for (int i = 1; i < argc; i++) {
            sh_write(1, "<");
            sh_write(1, argv[i]);
            sh_write(1, ">");
        }
        sh_write(1, "\n");
        return 0;
    }
    if (!strcmp(name, "getenv")) {
        const char *v = argc > 1 ? getenv(argv[1]) : NULL;
        sh_write(1, v ? v : "(unset)");
        sh_write(1, "\n");
        return 0;
    }
    if (!strcmp(name, "exitwith"))
        return argc > 1 ? atoi(argv[1]) : 0;
    if (!strcmp(name, "msleep")) {
        msleep(argc > 1 ? atol(argv[1]) : 0);
        return 0;
    }
    if (!strcmp(name, "writeerr")) {
        sh_write(2, argc > 1 ? argv[1] : "");
        sh_write(2, "\n");
        return 0;
    }
    if (!strcmp(name, "pid")) {
        snprintf(buf, sizeof buf, "%d\n", (int)getpid());
        sh_write(1, buf);
        return 0;
    }
    if (!strcmp(name, "pgroup")) {
        pid_t group = getpgrp();
        snprintf(buf, sizeof buf, "%s %s\n", group == getpid() ? "own-group" : "shared-group",
                 tcgetpgrp(0) == group ? "has-terminal" : "no-terminal");
        sh_write(1, buf);
        return 0;
    }
    return -1;
}

/* ---- setting up and running ---------------------------------------------- */

TAP_FN void sh_path(char *out, size_t size, const char *name)
{
    snprintf(out, size, "%s/%s", sh_dir, name);
}

/* Writes text to the file name (in the scratch directory) with mode. */
TAP_FN int sh_write_file(const char *name, const char *text, mode_t mode)
{
    char path[256];
    sh_path(path, sizeof path, name);
    unlink(path);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
    if (fd < 0)
        return -1;
    sh_write(fd, text);
    fchmod(fd, mode);
    close(fd);
    return 0;
}

/* Reads the file name (in the scratch directory) into buf. */
TAP_FN int sh_read_file(const char *name, char *buf, size_t size)
{
    char path[256];
    sh_path(path, sizeof path, name);
    buf[0] = 0;
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    size_t used = 0;
    ssize_t n;
    while (used + 1 < size && (n = read(fd, buf + used, size - 1 - used)) > 0)
        used += (size_t)n;
    buf[used] = 0;
    close(fd);
    return (int)used;
}

/* Makes /tmp/<test> and its bin/ of helpers; sets the environment the
 * shell gets: PATH=<bin>:/bin HOME=<dir>/home TESTDIR=<dir>. Returns 0,
 * or -1 after a diagnostic. */
TAP_FN int sh_setup(const char *argv0, const char *test)
{
    if (argv0[0] == '/')
        snprintf(sh_self, sizeof sh_self, "%s", argv0);
    else
        snprintf(sh_self, sizeof sh_self, "/bin/%s", test);
    snprintf(sh_dir, sizeof sh_dir, "/tmp/%s", test);
    snprintf(sh_bin, sizeof sh_bin, "%s/bin", sh_dir);
    mkdir(sh_dir, 0755);
    mkdir(sh_bin, 0755);
    char home[200];
    snprintf(home, sizeof home, "%s/home", sh_dir);
    mkdir(home, 0755);
    for (int i = 0; sh_helpers[i]; i++) {
        char link[256];
        snprintf(link, sizeof link, "%s/%s", sh_bin, sh_helpers[i]);
        unlink(link);
        if (symlink(sh_self, link) != 0) {
            diag("symlink %s -> %s: %s", link, sh_self, strerror(errno));
            return -1;
        }
    }
    snprintf(sh_env_path, sizeof sh_env_path, "PATH=%s:/bin", sh_bin);
    snprintf(sh_env_home, sizeof sh_env_home, "HOME=%s", home);
    snprintf(sh_env_dir, sizeof sh_env_dir, "TESTDIR=%s", sh_dir);
    return 0;
}

/* Runs /bin/sh with argv (argv[0] included) in the scratch directory,
 * with input (or nothing) as standard input. Returns the pid it ran as. */
TAP_FN pid_t sh_run(ShResult *r, char *const argv[], const char *input)
{
    char in[256], out[256], err[256];
    sh_path(in, sizeof in, ".stdin");
    sh_path(out, sizeof out, ".stdout");
    sh_path(err, sizeof err, ".stderr");
    sh_write_file(".stdin", input ? input : "", 0644);
    r->out[0] = r->err[0] = 0;
    r->status = -1;
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        int fd0 = open(in, O_RDONLY);
        int fd1 = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int fd2 = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd0 < 0 || fd1 < 0 || fd2 < 0 || chdir(sh_dir) != 0)
            _exit(125);
        dup2(fd0, 0), dup2(fd1, 1), dup2(fd2, 2);
        close(fd0), close(fd1), close(fd2);
        alarm(30); /* a hung shell dies of SIGALRM */
        execve("/bin/sh", argv, sh_env);
        _exit(125);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return -1;
    r->status = status;
    sh_read_file(".stdout", r->out, sizeof r->out);
    sh_read_file(".stderr", r->err, sizeof r->err);
    return pid;
}

/* sh -c script */
TAP_FN pid_t sh_c(ShResult *r, const char *script)
{
    char *argv[] = { "sh", "-c", (char *)script, NULL };
    return sh_run(r, argv, NULL);
}

/* Reports whether the run gave exactly want_out on standard output,
 * want_err on standard error (NULL: anything) and exit status
 * want_status. */
TAP_FN int sh_expect(ShResult *r, const char *want_out, const char *want_err, int want_status,
                     const char *what)
{
    int good = exited_with(r->status, want_status) && !strcmp(r->out, want_out) &&
               (!want_err || !strcmp(r->err, want_err));
    if (!ok(good, "%s", what)) {
        why("status: %s (want exit %d)", r->status == -1 ? "not run" : status_text(r->status), want_status);
        why("stdout: \"%s\" (want \"%s\")", r->out, want_out);
        why("stderr: \"%s\"%s%s%s", r->err, want_err ? " (want \"" : "", want_err ? want_err : "",
            want_err ? "\")" : "");
    }
    return good;
}

/* sh -c script, then sh_expect. */
TAP_FN int sh_check(const char *script, const char *want_out, const char *want_err, int want_status,
                    const char *what)
{
    static ShResult r;
    sh_c(&r, script);
    int good = sh_expect(&r, want_out, want_err, want_status, what);
    if (!good)
        why("script: %s", script);
    return good;
}
