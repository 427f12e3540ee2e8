/* tap.h: what every guest test program shares. Each test prints TAP on
 * stdout:
 *
 *     1..N
 *     ok 1 - description
 *     not ok 2 - description
 *     # why it failed
 *
 * and exits 0 if and only if all N results were "ok". Every line is one
 * write(2), never kept in a stdio buffer, so that a fork cannot print it
 * twice and a crash cannot lose it. Child processes report to their parent
 * through their exit status only; they never print results.
 *
 * Header-only: each test is one C file.
 */
#pragma once
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Not every test uses every helper. */
#define TAP_FN static __attribute__((unused))

static int tap_planned, tap_count, tap_failures;

TAP_FN void tap_vprint(const char *prefix, const char *fmt, va_list ap)
{
    char buf[1024];
    int n = snprintf(buf, sizeof buf, "%s", prefix);
    int m = vsnprintf(buf + n, sizeof buf - (size_t)n - 1, fmt, ap);
    if (m < 0)
        m = 0;
    size_t len = (size_t)n + (size_t)m;
    if (len > sizeof buf - 2)
        len = sizeof buf - 2;
    buf[len++] = '\n';
    const char *p = buf;
    while (len > 0) {
        ssize_t w = write(1, p, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return;
        p += w;
        len -= (size_t)w;
    }
}

__attribute__((format(printf, 1, 2))) TAP_FN void tap_print_line(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    tap_vprint("", fmt, ap);
    va_end(ap);
}

/* A comment line: "# ...". */
__attribute__((format(printf, 1, 2))) TAP_FN void diag(const char *fmt, ...)
{
    int saved = errno;
    va_list ap;
    va_start(ap, fmt);
    tap_vprint("# ", fmt, ap);
    va_end(ap);
    errno = saved;
}

TAP_FN void plan(int n)
{
    tap_planned = n;
    tap_print_line("1..%d", n);
}

/* Reports one result; returns cond, so that a failure can add why():
 *     if (!ok(r == 0, "thing works")) why("returned %d", r);          */
__attribute__((format(printf, 2, 3))) TAP_FN int ok(int cond, const char *fmt, ...)
{
    int saved = errno;
    char prefix[32];
    tap_count++;
    if (!cond)
        tap_failures++;
    snprintf(prefix, sizeof prefix, "%sok %d - ", cond ? "" : "not ", tap_count);
    va_list ap;
    va_start(ap, fmt);
    tap_vprint(prefix, fmt, ap);
    va_end(ap);
    errno = saved;
    return cond;
}

/* Why the last result failed: a "# " line. */
#define why diag

/* A result that cannot be checked here: "ok N - description # SKIP reason". */
TAP_FN void skip(const char *reason, const char *description)
{
    tap_count++;
    tap_print_line("ok %d - %s # SKIP %s", tap_count, description, reason);
}

/* The exit status of the test: 0 if and only if every planned result was
 * reported and ok. */
TAP_FN int done(void)
{
    if (tap_count != tap_planned) {
        diag("planned %d tests but ran %d", tap_planned, tap_count);
        return 1;
    }
    return tap_failures ? 1 : 0;
}

/* ---- helpers ------------------------------------------------------------- */

/* Describes a wait status: "exit 3", "signal 11", ... (static buffer). */
TAP_FN const char *status_text(int status)
{
    static char buf[48];
    if (WIFEXITED(status))
        snprintf(buf, sizeof buf, "exit %d", WEXITSTATUS(status));
    else if (WIFSIGNALED(status))
        snprintf(buf, sizeof buf, "signal %d", WTERMSIG(status));
    else
        snprintf(buf, sizeof buf, "status 0x%x", (unsigned)status);
    return buf;
}

TAP_FN int exited_with(int status, int code)
{
    return WIFEXITED(status) && WEXITSTATUS(status) == code;
}

TAP_FN int killed_by(int status, int sig)
{
    return WIFSIGNALED(status) && WTERMSIG(status) == sig;
}

/* Reports that a call returned -1 with errno e:
 *     fails_with(unlink("/nothing"), ENOENT, "unlink of a missing file");   */
TAP_FN int fails_with(long r, int e, const char *what)
{
    int got = errno;
    int good = ok(r == -1 && got == e, "%s fails with %s", what, strerror(e));
    if (!good)
        why("returned %ld, errno %d (%s)", r, got, strerror(got));
    errno = got;
    return good;
}

/* Reports that a call returned 0 (or, for calls returning a count or an
 * fd, anything but -1). */
TAP_FN int succeeds(long r, const char *what)
{
    int got = errno;
    int good = ok(r != -1, "%s", what);
    if (!good)
        why("failed: errno %d (%s)", got, strerror(got));
    errno = got;
    return good;
}

/* Sleeps for ms milliseconds (bounded: resumes after EINTR). */
TAP_FN void msleep(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

/* Runs fn in a child process and returns the child's wait status, or -1
 * if fork or waitpid failed. fn's return value is the child's exit code. */
TAP_FN int in_child(int (*fn)(void))
{
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0)
        _exit(fn());
    int status;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR)
            return -1;
    }
    return status;
}
