/* exec_files: execve and the file system. A program is loaded from
 * wherever the VFS finds it (another mount, through a symbolic link); a
 * file nobody may execute gives EACCES (root too), as does a noexec
 * mount; the fds marked close-on-exec are closed, the others stay open
 * (a pipe still works across the exec). */
#include "tap.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/stat.h>

#define DIR "/tmp/exec-files-test"

static int copy(const char *from, const char *to, mode_t mode)
{
    int in = open(from, O_RDONLY), out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    char buf[4096];
    ssize_t n;
    while (in >= 0 && out >= 0 && (n = read(in, buf, sizeof buf)) > 0)
        write(out, buf, (size_t)n);
    close(in);
    close(out);
    return chmod(to, mode);
}

/* Runs `path` with argv {path, args...}; returns its wait status, or
 * 1000 + errno if execve failed. */
static int run(const char *path, char *a1, char *a2, char *a3)
{
    int report[2];
    pipe2(report, O_CLOEXEC);
    pid_t pid = fork();
    if (pid == 0) {
        char *argv[] = { (char *)path, a1, a2, a3, NULL };
        char *envp[] = { NULL };
        execve(path, argv, envp);
        int e = errno;
        write(report[1], &e, sizeof e);
        _exit(127);
    }
    close(report[1]);
    int e = 0, status = 0;
    ssize_t n = read(report[0], &e, sizeof e);
    close(report[0]);
    waitpid(pid, &status, 0);
    return n == sizeof e ? 1000 + e : status;
}

/* The program run again: "fds A B P" checks that fd A is closed, fd B
 * open, and reads "hi" from the pipe fd P. */
static int child(int argc, char **argv)
{
    if (argc == 2 && !strcmp(argv[1], "hello"))
        return 42;
    if (argc != 5 || strcmp(argv[1], "fds"))
        return 1;
    int closed = atoi(argv[2]), open_fd = atoi(argv[3]), from_pipe = atoi(argv[4]);
    if (fcntl(closed, F_GETFD) != -1 || errno != EBADF)
        return 2;
    if (fcntl(open_fd, F_GETFD) != 0)
        return 3;
    char buf[3] = { 0 };
    if (read(from_pipe, buf, 2) != 2 || strcmp(buf, "hi"))
        return 4;
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1)
        return child(argc, argv);
    plan(7);
    mkdir(DIR, 0755);
    mkdir(DIR "/mnt", 0755);
    mount("none", DIR "/mnt", "tmpfs", 0, NULL);

    copy("/proc/self/exe", DIR "/mnt/prog", 0755);
    int st = run(DIR "/mnt/prog", "hello", NULL, NULL);
    if (!ok(WIFEXITED(st) && WEXITSTATUS(st) == 42, "a program copied to a tmpfs mount runs from there"))
        why("status %d", st);
    symlink(DIR "/mnt/prog", DIR "/link");
    st = run(DIR "/link", "hello", NULL, NULL);
    ok(WIFEXITED(st) && WEXITSTATUS(st) == 42, "and through a symbolic link");

    copy("/proc/self/exe", DIR "/mnt/plain", 0644);
    st = run(DIR "/mnt/plain", "hello", NULL, NULL);
    if (!ok(st == 1000 + EACCES, "a file without execute permission gives EACCES, even for root"))
        why("status %d", st);
    chmod(DIR "/mnt/plain", 0744);
    st = run(DIR "/mnt/plain", "hello", NULL, NULL);
    ok(WIFEXITED(st) && WEXITSTATUS(st) == 42, "with one execute bit root may run it");

    mkdir(DIR "/noexec", 0755);
    mount(DIR "/mnt", DIR "/noexec", NULL, MS_BIND, NULL);
    mount(NULL, DIR "/noexec", NULL, MS_REMOUNT | MS_BIND | MS_NOEXEC, NULL);
    st = run(DIR "/noexec/prog", "hello", NULL, NULL);
    if (!ok(st == 1000 + EACCES, "a program on a noexec mount gives EACCES"))
        why("status %d", st);
    umount(DIR "/noexec");

    int closed = open("/", O_RDONLY | O_CLOEXEC);
    int kept = open("/", O_RDONLY);
    int fds[2];
    pipe(fds);
    write(fds[1], "hi", 2);
    char a[12], b[12], c[12];
    snprintf(a, sizeof a, "%d", closed);
    snprintf(b, sizeof b, "%d", kept);
    snprintf(c, sizeof c, "%d", fds[0]);
    pid_t pid = fork();
    if (pid == 0) {
        char *args[] = { DIR "/mnt/prog", "fds", a, b, c, NULL };
        char *envp[] = { NULL };
        execve(args[0], args, envp);
        _exit(127);
    }
    int status;
    waitpid(pid, &status, 0);
    if (!ok(exited_with(status, 0), "after execve, O_CLOEXEC fds are closed, the others open, a pipe still works"))
        why("child %s", status_text(status));
    close(fds[0]), close(fds[1]), close(closed), close(kept);
    umount(DIR "/mnt");
    fails_with(execve(DIR "/mnt/prog", argv, NULL), ENOENT, "after the umount the program is gone");
    return done();
}
