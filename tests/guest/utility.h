/* utility.h: running Cleave's utilities (user/bin, installed in /bin) from
 * a guest test, and looking at what they did.
 *
 *     struct run r;
 *     run(&r, "/bin/ls", "-l", "/tmp");          (argv; NULL added)
 *     expect(&r, 0, "total", "", "ls -l lists /tmp");
 *
 * A run captures the exit status, standard output and standard error (in
 * files under /tmp, opened before the fork and unlinked at once, so the
 * utility may change its own /tmp), feeds standard input from a string,
 * and may prepare the child first (become another user, change
 * directory). Each utility gets SIGALRM after RUN_SECONDS, a timer that
 * survives execve, so a hung utility ends the run instead of the test.
 *
 * On Cleave the utilities are in the root file system's /bin; for Linux,
 * tests/guest/linux-check passes them to the Linux VM with --file.
 *
 * Header-only, to go with tap.h. */
#pragma once
#include "tap.h"

#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/utsname.h>

#define RUN_SECONDS 30
#define RUN_OUTPUT 16384

struct run {
    int status;             /* the wait status; -1 if it could not be run */
    char out[RUN_OUTPUT];   /* standard output, NUL-terminated (cut to fit) */
    char err[4096];         /* standard error, likewise */
};

/* What a run is given besides argv. */
struct run_setup {
    const char *input;      /* standard input (NULL: empty) */
    void (*prepare)(void);  /* called in the child before execve */
    char **envp;            /* the environment (NULL: the test's own) */
};

extern char **environ;

/* A file for one kind of output, already unlinked. */
TAP_FN int capture_file(const char *what)
{
    char path[64];
    snprintf(path, sizeof path, "/tmp/.utility-%d-%s", (int)getpid(), what);
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    unlink(path);
    return fd;
}

TAP_FN void read_back(int fd, char *buf, size_t size)
{
    size_t length = 0;
    ssize_t n;
    lseek(fd, 0, SEEK_SET);
    while (length < size - 1 && (n = read(fd, buf + length, size - 1 - length)) > 0)
        length += (size_t)n;
    buf[length] = 0;
    close(fd);
}

TAP_FN int run_with(struct run *r, const struct run_setup *setup, char *const argv[])
{
    r->status = -1;
    r->out[0] = r->err[0] = 0;
    int out = capture_file("out"), err = capture_file("err"), input[2];
    if (out < 0 || err < 0 || pipe(input) != 0)
        return -1;
    /* The input is small: it fits in the pipe before anyone reads it. */
    const char *text = setup && setup->input ? setup->input : "";
    if (write(input[1], text, strlen(text)) != (ssize_t)strlen(text))
        return -1;
    close(input[1]);
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        dup2(input[0], 0);
        dup2(out, 1);
        dup2(err, 2);
        if (setup && setup->prepare)
            setup->prepare();
        alarm(RUN_SECONDS);
        execve(argv[0], argv, setup && setup->envp ? setup->envp : environ);
        dprintf(2, "utility.h: execve %s: %s\n", argv[0], strerror(errno));
        _exit(125);
    }
    close(input[0]);
    while (waitpid(pid, &r->status, 0) < 0 && errno == EINTR) {
    }
    read_back(out, r->out, sizeof r->out);
    read_back(err, r->err, sizeof r->err);
    return r->status;
}

#define run(r, ...) run_with((r), NULL, (char *const[]){ __VA_ARGS__, NULL })
#define run_as(r, setup, ...) run_with((r), (setup), (char *const[]){ __VA_ARGS__, NULL })

/* Prints what a run gave, after a failed check. */
TAP_FN void show_run(const struct run *r)
{
    diag("status: %s", r->status == -1 ? "not run" : status_text(r->status));
    diag("stdout: [%.600s]", r->out);
    diag("stderr: [%.300s]", r->err);
}

/* Checks a run: the exit code, and that stdout and stderr contain the
 * given texts ("" matches anything). */
TAP_FN int expect(const struct run *r, int code, const char *out_has, const char *err_has, const char *what)
{
    int good = exited_with(r->status, code) && strstr(r->out, out_has) && strstr(r->err, err_has);
    if (!ok(good, "%s", what))
        show_run(r);
    return good;
}

/* The same, with stdout and stderr exactly these texts. */
TAP_FN int expect_exactly(const struct run *r, int code, const char *out, const char *err, const char *what)
{
    int good = exited_with(r->status, code) && !strcmp(r->out, out) && !strcmp(r->err, err);
    if (!ok(good, "%s", what)) {
        diag("wanted: %s, stdout [%s], stderr [%s]", code < 0 ? "-" : "exit", out, err);
        show_run(r);
    }
    return good;
}

/* A check with its own condition that shows the run if it fails. */
TAP_FN int check_run(int cond, const struct run *r, const char *what)
{
    if (!ok(cond, "%s", what))
        show_run(r);
    return cond;
}

/* Writes a file (made or truncated) with these contents and mode. */
TAP_FN int write_file(const char *path, const char *text, mode_t mode)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    if (fd < 0)
        return -1;
    ssize_t n = write(fd, text, strlen(text));
    close(fd);
    chmod(path, mode);
    return n == (ssize_t)strlen(text) ? 0 : -1;
}

/* Reads a whole (small) file into buf; "" if it cannot be read. */
TAP_FN const char *read_file(const char *path, char *buf, size_t size)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    buf[0] = 0;
    if (fd >= 0)
        read_back(fd, buf, size);
    return buf;
}

TAP_FN int exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

/* Is this Cleave? Its uname release says so ("6.1.0-cleave"). */
TAP_FN int running_on_cleave(void)
{
    struct utsname u;
    return uname(&u) == 0 && strstr(u.release, "cleave") != NULL;
}

/* For a run as nobody: the setup's prepare. */
TAP_FN void become_nobody(void)
{
    if (setgroups(0, NULL) != 0 || setgid(65534) != 0 || setuid(65534) != 0)
        _exit(124);
}
