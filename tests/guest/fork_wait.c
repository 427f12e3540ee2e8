/* fork_wait: fork, exit and wait as a user sees them: exit codes through
 * waitpid and wait4, WNOHANG, ECHILD, pids, orphans handed to init,
 * zombies that keep their status until reaped, and vfork. */
#include "tap.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/resource.h>

#define VFORK_EXEC_CHILD "vfork-exec-child"

/* Waits for pid (retrying EINTR); returns waitpid's result. */
static pid_t wait_pid(pid_t pid, int *status, int options)
{
    pid_t r;
    do
        r = waitpid(pid, status, options);
    while (r < 0 && errno == EINTR);
    return r;
}

static void test_exit_code(int code, int use_wait4)
{
    pid_t pid = fork();
    if (pid == 0)
        exit(code);
    int status = -1;
    struct rusage ru;
    pid_t r = -1;
    if (pid > 0) {
        if (use_wait4) {
            do
                r = wait4(pid, &status, 0, &ru);
            while (r < 0 && errno == EINTR);
        } else {
            r = wait_pid(pid, &status, 0);
        }
    }
    if (!ok(pid > 0 && r == pid && exited_with(status, code & 0xff), "exit(%d) is seen through %s as exit code %d",
            code, use_wait4 ? "wait4" : "waitpid", code & 0xff))
        why("fork returned %d, wait returned %d (errno %d), status %s", pid, r, errno, status_text(status));
}

static void test_wnohang(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        msleep(300);
        _exit(7);
    }
    int status = -1;
    pid_t first = pid > 0 ? wait_pid(pid, &status, WNOHANG) : -1;
    if (!ok(pid > 0 && first == 0, "waitpid(WNOHANG) returns 0 while the child runs"))
        why("fork returned %d, waitpid returned %d (errno %d)", pid, first, errno);

    /* Poll for at most 20 s. */
    pid_t r = 0;
    for (int i = 0; pid > 0 && i < 2000 && r == 0; i++) {
        r = wait_pid(pid, &status, WNOHANG);
        if (r == 0)
            msleep(10);
    }
    if (!ok(pid > 0 && r == pid && exited_with(status, 7), "waitpid(WNOHANG) returns the pid once the child has exited"))
        why("waitpid returned %d (errno %d), status %s", r, errno, status_text(status));
}

static void test_wait_any(void)
{
    pid_t a = fork();
    if (a == 0)
        _exit(3);
    pid_t b = fork();
    if (b == 0)
        _exit(4);
    int s1 = -1, s2 = -1;
    pid_t r1 = wait(&s1);
    pid_t r2 = wait(&s2);
    int good = a > 0 && b > 0 &&
               ((r1 == a && exited_with(s1, 3) && r2 == b && exited_with(s2, 4)) ||
                (r1 == b && exited_with(s1, 4) && r2 == a && exited_with(s2, 3)));
    if (!ok(good, "wait() reaps each of two children once, with its own status"))
        why("children %d, %d; wait gave %d (%s)", a, b, r1, status_text(s1)), why("then %d (%s)", r2, status_text(s2));
}

static void test_echild(void)
{
    errno = 0;
    pid_t r = wait(NULL);
    if (!ok(r == -1 && errno == ECHILD, "wait() with no children gives ECHILD"))
        why("returned %d, errno %d", r, errno);

    int status;
    errno = 0;
    r = waitpid(1, &status, 0);
    if (!ok(r == -1 && errno == ECHILD, "waitpid() of a process that is not a child gives ECHILD"))
        why("returned %d, errno %d", r, errno);
}

static void test_pids(void)
{
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid == 0)
        _exit(getppid() == parent && getpid() != parent ? 0 : 1);
    int status = -1;
    pid_t r = pid > 0 ? wait_pid(pid, &status, 0) : -1;
    if (!ok(pid > 0 && pid != parent && r == pid && exited_with(status, 0),
            "in the child, getppid() is the parent's pid and getpid() differs"))
        why("parent %d, fork returned %d, child %s", parent, pid, status_text(status));

    pid = fork();
    if (pid == 0)
        _exit(getpid() & 0xff);
    r = pid > 0 ? wait_pid(pid, &status, 0) : -1;
    if (!ok(pid > 0 && r == pid && exited_with(status, pid & 0xff), "getpid() in the child is the pid fork() returned"))
        why("fork returned %d, child reported %s (low 8 bits of its getpid)", pid, status_text(status));
}

/* The parent of an orphan becomes pid 1. The grandchild reports what it
 * saw through a shared anonymous page, since its exit status goes to init. */
static void test_orphan(void)
{
    struct report {
        volatile int done;
        volatile int ppid;
        volatile int first_ppid;
    } *shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (shared == MAP_FAILED) {
        ok(0, "an orphan is reparented to pid 1");
        why("mmap(MAP_SHARED | MAP_ANONYMOUS) failed, errno %d", errno);
        return;
    }
    pid_t middle = fork();
    if (middle == 0) {
        pid_t me = getpid();
        pid_t grandchild = fork();
        if (grandchild == 0) {
            shared->first_ppid = getppid() == me ? 0 : getppid();
            pid_t p = getppid();
            for (int i = 0; i < 2000 && p != 1; i++) {
                msleep(10);
                p = getppid();
            }
            shared->ppid = p;
            __sync_synchronize();
            shared->done = 1;
            _exit(0);
        }
        _exit(grandchild > 0 ? 0 : 1);
    }
    int status = -1;
    pid_t r = middle > 0 ? wait_pid(middle, &status, 0) : -1;
    for (int i = 0; i < 3000 && !shared->done; i++)
        msleep(10);
    __sync_synchronize();
    if (!ok(r == middle && exited_with(status, 0) && shared->done && shared->ppid == 1,
            "an orphan is reparented to pid 1 when its parent exits"))
        why("middle child %s; grandchild done=%d, last getppid()=%d", status_text(status), shared->done, shared->ppid);
    munmap(shared, 4096);
}

static void test_zombie(void)
{
    pid_t first = fork();
    if (first == 0)
        _exit(77);
    msleep(100); /* the first child has almost certainly exited by now */
    pid_t second = fork();
    if (second == 0)
        _exit(5);
    int s2 = -1, s1 = -1;
    pid_t r2 = second > 0 ? wait_pid(second, &s2, 0) : -1;
    pid_t r1 = first > 0 ? wait_pid(first, &s1, 0) : -1;
    if (!ok(first > 0 && second > 0 && r2 == second && exited_with(s2, 5) && r1 == first && exited_with(s1, 77),
            "an exited child keeps its status until it is reaped, while another child is"))
        why("second: %d %s; first: %d %s", r2, status_text(s2), r1, status_text(s1));

    errno = 0;
    pid_t again = first > 0 ? waitpid(first, &s1, WNOHANG) : -2;
    if (!ok(again == -1 && errno == ECHILD, "a reaped child cannot be waited for again (ECHILD)"))
        why("waitpid returned %d, errno %d", again, errno);
}

static volatile int vfork_shared;

static void test_vfork(const char *self)
{
    vfork_shared = 0;
    pid_t pid = vfork();
    if (pid == 0) {
        vfork_shared = 123;
        _exit(12);
    }
    int seen = vfork_shared; /* the child has run and exited by now */
    int status = -1;
    pid_t r = pid > 0 ? wait_pid(pid, &status, 0) : -1;
    if (!ok(pid > 0 && seen == 123, "vfork: the child runs first, in the parent's memory"))
        why("vfork returned %d; the parent saw %d, not 123", pid, seen);
    if (!ok(r == pid && exited_with(status, 12), "vfork: the child's _exit status reaches the parent"))
        why("waitpid returned %d, %s", r, status_text(status));

    vfork_shared = 0;
    pid = vfork();
    if (pid == 0) {
        vfork_shared = 456;
        char *argv[] = { (char *)self, VFORK_EXEC_CHILD, NULL };
        char *envp[] = { NULL };
        execve(self, argv, envp);
        _exit(126);
    }
    seen = vfork_shared;
    status = -1;
    r = pid > 0 ? wait_pid(pid, &status, 0) : -1;
    if (!ok(pid > 0 && seen == 456 && r == pid && exited_with(status, 9),
            "vfork: the parent resumes when the child execs, and the new program runs"))
        why("vfork returned %d; parent saw %d (want 456); child %s (want exit 9; 126 = execve failed)", pid, seen,
            status_text(status));
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], VFORK_EXEC_CHILD))
        return vfork_shared == 0 ? 9 : 10; /* a fresh image: its own memory */

    plan(19);
    test_exit_code(0, 0);
    test_exit_code(1, 0);
    test_exit_code(42, 1);
    test_exit_code(255, 1);
    test_exit_code(256 + 3, 0);
    test_wnohang();
    test_wait_any();
    test_echild();
    test_pids();
    test_orphan();
    test_zombie();
    test_vfork(argv[0]);
    errno = 0;
    pid_t r = wait(NULL);
    if (!ok(r == -1 && errno == ECHILD, "no child is left over at the end"))
        why("wait returned %d", r);
    return done();
}
