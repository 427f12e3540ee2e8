/* ps: one line for each process, from the files of /proc:
 *
 *   PID  PPID   UID STAT SHARES      COMMAND
 *     1     0     0 S    -           /sbin/init
 *    42     7  1000 R    mm,files    ./server
 *
 *   PID, PPID, STAT  /proc/<pid>/stat: the pid, the parent's, and the state
 *                    letter (R running, S sleeping, D uninterruptible,
 *                    T stopped, Z zombie)
 *   UID              /proc/<pid>/status: the real user id
 *   SHARES           /proc/<pid>/contexts (Cleave's own): which of the
 *                    context objects clone() can share, mm (CLONE_VM), fs
 *                    (CLONE_FS), files (CLONE_FILES) and sighand
 *                    (CLONE_SIGHAND), this task shares with another task:
 *                    those with more than one reference. "-" for none,
 *                    "?" on a kernel without that file. (Every task shares
 *                    its namespaces with others, so they are not shown.)
 *   COMMAND          /proc/<pid>/cmdline, the arguments read out of the
 *                    process's memory; "[name]" from stat when it has
 *                    none (a kernel thread or a zombie)
 *
 * System calls: getdents64 on /proc, open and read of its files. Nothing
 * here asks the kernel about processes directly: /proc is the interface.
 * See docs/process-model.md for the context objects. */
#include "util.h"

#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Reads /proc/<pid>/<name> into buf (NUL-terminated); the length, or -1. */
static ssize_t read_proc(int pid, const char *name, char *buf, size_t size)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/%s", pid, name);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    size_t length = 0;
    ssize_t n;
    while (length < size - 1 && (n = read(fd, buf + length, size - 1 - length)) > 0)
        length += (size_t)n;
    close(fd);
    buf[length] = 0;
    return (ssize_t)length;
}

/* SHARES: each object of /proc/<pid>/contexts ("mm c0a41000 refs=2") that
 * clone() can share and that has more than one reference. */
static void shares(int pid, char *out, size_t size)
{
    static const char *const shareable[] = { "mm", "fs", "files", "sighand" };
    char text[1024];
    if (read_proc(pid, "contexts", text, sizeof text) < 0) {
        snprintf(out, size, "?");
        return;
    }
    out[0] = 0;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        char name[16];
        unsigned refs;
        if (sscanf(line, "%15s %*s refs=%u", name, &refs) != 2 || refs < 2)
            continue;
        for (size_t i = 0; i < sizeof shareable / sizeof shareable[0]; i++) {
            if (strcmp(name, shareable[i]) == 0) {
                if (out[0])
                    strncat(out, ",", size - strlen(out) - 1);
                strncat(out, name, size - strlen(out) - 1);
            }
        }
    }
    if (!out[0])
        snprintf(out, size, "-");
}

static void show(int pid)
{
    char stat[1024], status[2048], command[4096];
    if (read_proc(pid, "stat", stat, sizeof stat) <= 0)
        return; /* gone since the directory was read */
    /* "pid (name) S ppid ...": the name may hold spaces and parentheses,
     * so the fields after it start after the last ')'. */
    char *open_paren = strchr(stat, '('), *close_paren = strrchr(stat, ')');
    if (!open_paren || !close_paren || close_paren < open_paren)
        return;
    *close_paren = 0;
    const char *name = open_paren + 1;
    char state;
    int ppid;
    if (sscanf(close_paren + 1, " %c %d", &state, &ppid) != 2)
        return;

    long uid = -1;
    if (read_proc(pid, "status", status, sizeof status) > 0) {
        char *line = strstr(status, "\nUid:");
        if (line)
            uid = strtol(line + 5, NULL, 10);
    }

    ssize_t length = read_proc(pid, "cmdline", command, sizeof command);
    if (length > 0) {
        /* The arguments are separated by NULs: show them with spaces. */
        while (length > 0 && command[length - 1] == 0)
            length--;
        for (ssize_t i = 0; i < length; i++)
            if (command[i] == 0)
                command[i] = ' ';
        command[length] = 0;
    } else {
        snprintf(command, sizeof command, "[%s]", name);
    }

    char shared[64];
    shares(pid, shared, sizeof shared);
    printf("%5d %5d %5ld %-4c %-11s %s\n", pid, ppid, uid, state, shared, command);
}

static int by_number(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    (void)argv;
    if (argc > 1)
        usage("");
    DIR *proc = opendir("/proc");
    if (!proc)
        die_errno("/proc");
    /* The pids first, then the lines in order of pid. */
    size_t count = 0, capacity = 64;
    int *pids = malloc(capacity * sizeof *pids);
    struct dirent *d;
    while (pids && (d = readdir(proc))) {
        if (!isdigit((unsigned char)d->d_name[0]))
            continue;
        if (count == capacity && !(pids = realloc(pids, (capacity *= 2) * sizeof *pids)))
            break;
        pids[count++] = atoi(d->d_name);
    }
    closedir(proc);
    if (!pids)
        die_errno("malloc");
    qsort(pids, count, sizeof *pids, by_number);
    printf("%5s %5s %5s %-4s %-11s %s\n", "PID", "PPID", "UID", "STAT", "SHARES", "COMMAND");
    for (size_t i = 0; i < count; i++)
        show(pids[i]);
    free(pids);
    return EXIT_OK;
}
