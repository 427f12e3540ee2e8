/* exec: execve as a user sees it. A helper program (exec_helper, built
 * against musl, and exec_helper_glibc, against glibc; both installed next
 * to this program) checks the argv, environment and auxiliary vector it
 * was given; the failures come with the right errno and leave the caller
 * as it was.
 *
 * Needs, in the directory of argv[0]: exec_helper, exec_helper_glibc and
 * not_elf.txt (tools/guest-run --file ...).
 */
#include "tap.h"

#include <fcntl.h>
#include <stdlib.h>

static char dir[256];
static char path_buf[512];

static const char *in_dir(const char *name)
{
    snprintf(path_buf, sizeof path_buf, "%s/%s", dir, name);
    return path_buf;
}

/* Forks, execs path with argv and envp in the child, and returns the
 * child's wait status (or -1). A failed execve exits 126, after printing
 * its errno as a comment. */
static int run(const char *path, char *const argv[], char *const envp[])
{
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        execve(path, argv, envp);
        diag("execve %s failed, errno %d (%s)", path, errno, strerror(errno));
        _exit(126);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return -1;
    return status;
}

static void test_helper(const char *helper)
{
    char path[512];
    snprintf(path, sizeof path, "%s", in_dir(helper));
    char *env_none[] = { NULL };
    char *env[] = { "FOO=bar", "EMPTY=", "SPACES=a b c", "PATH=/nowhere", NULL };

    char *argv_argv[] = { "helper-argv0", "argv", "second arg", "", "last", NULL };
    int st = run(path, argv_argv, env_none);
    if (!ok(exited_with(st, 0), "%s: execve passes argv exactly (argc, strings, NULL end, writable)", helper))
        why("helper: %s (the count of failed checks; 126: execve failed)", status_text(st));

    char *argv_envp[] = { "helper", "envp", NULL };
    st = run(path, argv_envp, env);
    if (!ok(exited_with(st, 0), "%s: execve passes the environment exactly, after argv on the stack", helper))
        why("helper: %s", status_text(st));

    char *argv_auxv[] = { "helper", "auxv", path, NULL };
    st = run(path, argv_auxv, env_none);
    if (!ok(exited_with(st, 0), "%s: the auxiliary vector (PAGESZ, PHDR/PHENT/PHNUM, ENTRY, RANDOM, ids, SECURE, EXECFN)",
            helper))
        why("helper: %s", status_text(st));
}

/* 25 arguments of 4000 bytes: 100 KB, many pages, must work. */
static void test_big_arguments(void)
{
    enum { N = 25, LEN = 4000 };
    static char strings[N][LEN + 1];
    char *argv[N + 5] = { "helper", "big", "25", "4000" };
    for (int i = 0; i < N; i++) {
        memset(strings[i], 'a' + i % 26, LEN);
        strings[i][LEN] = 0;
        argv[4 + i] = strings[i];
    }
    argv[4 + N] = NULL;
    char *env[] = { NULL };
    char path[512];
    snprintf(path, sizeof path, "%s", in_dir("exec_helper"));
    int st = run(path, argv, env);
    if (!ok(exited_with(st, 0), "execve copies 100 KB of arguments intact"))
        why("helper: %s", status_text(st));
}

/* Values that a failed execve must leave alone. */
static int global_value = 1234;

static int caller_intact(int *on_stack, int *on_heap)
{
    return global_value == 1234 && *on_stack == 5678 && *on_heap == 9012;
}

static void test_failures(void)
{
    int on_stack = 5678;
    int *on_heap = malloc(sizeof *on_heap);
    *on_heap = 9012;
    char *argv[] = { "x", NULL };
    char *env[] = { NULL };

    errno = 0;
    int r = execve("/nonexistent/program", argv, env);
    if (!ok(r == -1 && errno == ENOENT, "execve of a missing file gives ENOENT"))
        why("returned %d, errno %d", r, errno);

    errno = 0;
    r = execve(in_dir("not_elf.txt"), argv, env);
    if (!ok(r == -1 && errno == ENOEXEC, "execve of an executable text file (not ELF, no #!) gives ENOEXEC"))
        why("returned %d, errno %d (%s)", r, errno, strerror(errno));

    errno = 0;
    r = execve(dir, argv, env);
    if (!ok(r == -1 && errno == EACCES, "execve of a directory gives EACCES"))
        why("execve(\"%s\") returned %d, errno %d", dir, r, errno);

    errno = 0;
    char through_file[600];
    snprintf(through_file, sizeof through_file, "%s/x", in_dir("exec_helper"));
    r = execve(through_file, argv, env);
    if (!ok(r == -1 && errno == ENOTDIR, "execve of a path through a regular file gives ENOTDIR"))
        why("execve(\"%s\") returned %d, errno %d", through_file, r, errno);

    /* 3 MB of arguments in 30 strings of 100 KB: above Linux's limit of a
     * quarter of the 8 MB stack limit (each string is below the 128 KB
     * limit of one argument). */
    enum { N = 30, LEN = 100 * 1000 };
    char **big = malloc((N + 2) * sizeof *big);
    char *text = malloc(LEN + 1);
    if (!big || !text) {
        ok(0, "execve with 3 MB of arguments gives E2BIG");
        why("malloc failed");
    } else {
        memset(text, 'x', LEN);
        text[LEN] = 0;
        big[0] = "helper";
        for (int i = 1; i <= N; i++)
            big[i] = text;
        big[N + 1] = NULL;
        errno = 0;
        char path[512];
        snprintf(path, sizeof path, "%s", in_dir("exec_helper"));
        r = execve(path, big, env);
        if (!ok(r == -1 && errno == E2BIG, "execve with 3 MB of arguments gives E2BIG"))
            why("returned %d, errno %d (%s)", r, errno, strerror(errno));
    }
    free(big);
    free(text);

    if (!ok(caller_intact(&on_stack, on_heap), "after failed execve calls the caller's memory is intact"))
        why("global %d, stack %d, heap %d", global_value, on_stack, *on_heap);
    char *argv_ok[] = { "helper-argv0", "argv", "second arg", "", "last", NULL };
    char path[512];
    snprintf(path, sizeof path, "%s", in_dir("exec_helper"));
    int st = run(path, argv_ok, env);
    if (!ok(exited_with(st, 0), "after failed execve calls the caller can still fork and exec"))
        why("helper: %s", status_text(st));
    free(on_heap);
}

int main(int argc, char **argv)
{
    (void)argc;
    snprintf(dir, sizeof dir, "%s", argv[0]);
    char *slash = strrchr(dir, '/');
    if (slash && slash != dir)
        *slash = 0;
    else
        snprintf(dir, sizeof dir, "%s", slash ? "/" : ".");

    plan(14);
    test_helper("exec_helper");
    test_helper("exec_helper_glibc");
    test_big_arguments();
    test_failures();
    return done();
}
