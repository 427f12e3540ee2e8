/* contexts: seeing who shares what, and the fd limit of a table copy.
 *
 * - /proc/<pid>/contexts (Cleave's own): a task made with CLONE_FS and
 *   CLONE_FILES shows the same fs and files objects as its parent, with
 *   two references; after it unshares its fs context, its fs object
 *   differs and each has one reference again. (Skipped on Linux.)
 * - unshare(CLONE_FILES) of a shared table that holds an fd at or above
 *   /proc/sys/fs/nr_open gives EMFILE, as Linux does. */
#define _GNU_SOURCE
#include "tap.h"
#include <fcntl.h>
#include <sched.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>

static char stack[16384] __attribute__((aligned(16)));
static volatile int step; /* shared with the child (CLONE_VM) */

/* The id of context `name` in /proc/<pid>/contexts, or "" if missing. */
static void context_of(pid_t pid, const char *name, char *id, size_t size)
{
    char path[64], text[512];
    snprintf(path, sizeof path, "/proc/%d/contexts", pid);
    id[0] = 0;
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return;
    ssize_t n = read(fd, text, sizeof text - 1);
    close(fd);
    if (n <= 0)
        return;
    text[n] = 0;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        size_t length = strlen(name);
        if (!strncmp(line, name, length) && line[length] == ' ') {
            char *value = line + length;
            while (*value == ' ')
                value++;
            snprintf(id, size, "%s", value);
            return;
        }
    }
}

static int child(void *unused)
{
    (void)unused;
    while (step != 1)
        sched_yield();
    syscall(SYS_unshare, CLONE_FS);
    step = 2;
    while (step != 3)
        sched_yield();
    return 0;
}

static int wait_step(int wanted)
{
    for (int i = 0; i < 200000 && step != wanted; i++)
        sched_yield();
    return step == wanted;
}

static void test_contexts(void)
{
    struct utsname u;
    uname(&u);
    if (!strstr(u.release, "cleave")) {
        skip("/proc/<pid>/contexts is Cleave's own", "a CLONE_FS|CLONE_FILES child shares fs and files, two references each");
        skip("/proc/<pid>/contexts is Cleave's own", "after the child unshares CLONE_FS, its fs object is its own");
        return;
    }
    step = 0;
    pid_t pid = clone(child, stack + sizeof stack, CLONE_VM | CLONE_FS | CLONE_FILES | SIGCHLD, NULL);
    char mine[64], theirs[64], my_files[64], their_files[64];
    context_of(getpid(), "fs", mine, sizeof mine);
    context_of(pid, "fs", theirs, sizeof theirs);
    context_of(getpid(), "files", my_files, sizeof my_files);
    context_of(pid, "files", their_files, sizeof their_files);
    if (!ok(mine[0] && !strcmp(mine, theirs) && strstr(mine, "refs=2") && !strcmp(my_files, their_files) &&
                strstr(my_files, "refs=2"),
            "a CLONE_FS|CLONE_FILES child shares fs and files, two references each"))
        why("fs: ours '%s', the child's '%s'; files: ours '%s', the child's '%s'", mine, theirs, my_files, their_files);
    step = 1;
    int unshared = wait_step(2);
    context_of(getpid(), "fs", mine, sizeof mine);
    context_of(pid, "fs", theirs, sizeof theirs);
    context_of(pid, "files", their_files, sizeof their_files);
    if (!ok(unshared && mine[0] && theirs[0] && strcmp(mine, theirs) && strstr(mine, "refs=1") &&
                strstr(theirs, "refs=1") && strstr(their_files, "refs=2"),
            "after the child unshares CLONE_FS, its fs object is its own (one reference each); files still shared"))
        why("unshared %d; fs: ours '%s', the child's '%s'; the child's files '%s'", unshared, mine, theirs, their_files);
    step = 3;
    waitpid(pid, NULL, 0);
}

static int sharer(void *unused)
{
    (void)unused;
    while (step != 9)
        sched_yield();
    return 0;
}

static int write_nr_open(const char *value)
{
    int fd = open("/proc/sys/fs/nr_open", O_WRONLY);
    if (fd < 0)
        return -1;
    int r = write(fd, value, strlen(value)) == (ssize_t)strlen(value) ? 0 : -1;
    close(fd);
    return r;
}

/* In a child process, so lowering nr_open and the extra fd end with it. */
static void test_nr_open(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        char saved[32] = "";
        int fd = open("/proc/sys/fs/nr_open", O_RDONLY);
        if (fd < 0 || read(fd, saved, sizeof saved - 1) <= 0)
            _exit(10);
        close(fd);
        if (dup2(1, 100) != 100)
            _exit(11);
        step = 0;
        pid_t helper = clone(sharer, stack + sizeof stack, CLONE_VM | CLONE_FILES | SIGCHLD, NULL);
        if (helper < 0)
            _exit(12);
        if (write_nr_open("64"))
            _exit(13);
        long r = syscall(SYS_unshare, CLONE_FILES);
        int e = errno;
        write_nr_open(saved);
        step = 9;
        waitpid(helper, NULL, 0);
        _exit(r == -1 && e == EMFILE ? 0 : 20);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    if (!ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
            "unshare(CLONE_FILES) of a shared table holding fd 100 with nr_open 64 gives EMFILE"))
        why("child status 0x%x (10-13: setup failed, 20: unshare did not give EMFILE)", status);
}

int main(void)
{
    plan(3);
    test_contexts();
    test_nr_open();
    return done();
}
