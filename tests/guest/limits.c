/* limits: the resource limits the kernel enforces on files. RLIMIT_NOFILE
 * bounds every new fd (open, dup, pipe: EMFILE; dup2 and dup3: EBADF;
 * F_DUPFD: EINVAL), and its hard limit by /proc/sys/fs/nr_open (EPERM).
 * RLIMIT_FSIZE cuts a write short at the limit and refuses one past it
 * (EFBIG, and SIGXFSZ, which kills by default), and refuses growing a file
 * past it with truncate or fallocate (even keeping the size, as Linux's
 * tmpfs); devices are not files it bounds. RLIMIT_AS bounds mmap (but
 * not a MAP_FIXED mapping replacing one as large) and brk. RLIMIT_NPROC
 * bounds an ordinary user's tasks (fork: EAGAIN), not root's.
 */
#include "bounded.h"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#define FILE_NAME "/tmp/limits-test"

/* The lowest free fd. */
static int lowest_free(void)
{
    int fd = dup(0);
    if (fd >= 0)
        close(fd);
    return fd;
}

static void test_nofile(void)
{
    struct rlimit saved;
    getrlimit(RLIMIT_NOFILE, &saved);
    int first = lowest_free();
    int high = dup2(0, first + 20); /* an fd above the limit to come */
    struct rlimit rl = { (rlim_t)first + 2, saved.rlim_max };
    int set = setrlimit(RLIMIT_NOFILE, &rl);
    int a = open("/dev/null", O_RDONLY), b = open("/dev/null", O_RDONLY);
    errno = 0;
    int c = open("/dev/null", O_RDONLY);
    int e = errno;
    if (!ok(set == 0 && a == first && b == first + 1 && c == -1 && e == EMFILE,
            "open takes the fds below RLIMIT_NOFILE (%d), then EMFILE", first + 2))
        why("setrlimit %d; open gave %d, %d, %d (errno %d)", set, a, b, c, e);
    fails_with(dup(0), EMFILE, "dup at the limit");
    close(b);
    int fds[2];
    fails_with(pipe(fds), EMFILE, "pipe with one fd left");
    int again = open("/dev/null", O_RDONLY);
    ok(again == first + 1, "... and the pipe's first end was not left behind (the free fd is %d)", again);
    close(again);
    fails_with(dup2(0, first + 2), EBADF, "dup2 to the limit");
    fails_with(dup3(0, first + 2, 0), EBADF, "dup3 to the limit");
    ok(dup2(0, first + 1) == first + 1, "dup2 below the limit works");
    close(first + 1);
    fails_with(fcntl(0, F_DUPFD, first + 2), EINVAL, "F_DUPFD from the limit");
    ok(fcntl(0, F_DUPFD, 0) == first + 1, "F_DUPFD below it takes the free fd");
    errno = 0;
    ok(fcntl(0, F_DUPFD, 0) == -1 && errno == EMFILE, "F_DUPFD with no free fd below the limit: EMFILE");
    char byte;
    ok(high == first + 20 && read(high, &byte, 0) == 0 && close(high) == 0,
       "an fd opened above the limit before it was lowered still works");
    close(a);
    close(first + 1);

    struct rlimit huge = { 1024, 2000000 };
    fails_with(setrlimit(RLIMIT_NOFILE, &huge), EPERM, "a hard RLIMIT_NOFILE above nr_open");
    setrlimit(RLIMIT_NOFILE, &saved);
}

static volatile int caught;
static void on_xfsz(int sig) { (void)sig; caught++; }

/* A child that writes past its limit with SIGXFSZ at its default. */
static int writes_past_limit(void)
{
    struct rlimit rl = { 100, 100 };
    setrlimit(RLIMIT_FSIZE, &rl);
    int fd = open(FILE_NAME, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    char buffer[200] = { 0 };
    write(fd, buffer, 100);
    write(fd, buffer, 100); /* at the limit: SIGXFSZ */
    return 0;
}

static void test_fsize(void)
{
    struct rlimit saved;
    getrlimit(RLIMIT_FSIZE, &saved);
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_xfsz;
    sigaction(SIGXFSZ, &sa, &old);

    int fd = open(FILE_NAME, O_RDWR | O_CREAT | O_TRUNC, 0644);
    struct rlimit rl = { 1000, saved.rlim_max };
    setrlimit(RLIMIT_FSIZE, &rl);
    char buffer[600];
    memset(buffer, 'x', sizeof buffer);
    ssize_t w1 = write(fd, buffer, 600);
    ssize_t w2 = write(fd, buffer, 600);
    int before = caught;
    errno = 0;
    ssize_t w3 = write(fd, buffer, 600);
    int e = errno;
    struct stat st;
    fstat(fd, &st);
    if (!ok(w1 == 600 && w2 == 400 && w3 == -1 && e == EFBIG && st.st_size == 1000,
            "a write crossing RLIMIT_FSIZE is cut at it, one past it is EFBIG"))
        why("writes %zd, %zd, %zd (errno %d), size %lld", w1, w2, w3, e, (long long)st.st_size);
    ok(caught == before + 1, "... and sends SIGXFSZ (caught: %d)", caught - before);
    ok(write(fd, buffer, 0) == 0, "a write of nothing at the limit is fine");
    ok(pwrite(fd, buffer, 10, 995) == 5, "pwrite crossing the limit is cut too");
    ok(write(open("/dev/null", O_WRONLY), buffer, 600) == 600, "a device is not a file the limit bounds");

    fails_with(ftruncate(fd, 2000), EFBIG, "ftruncate growing past the limit");
    ok(ftruncate(fd, 1000) == 0 && ftruncate(fd, 10) == 0, "ftruncate to the limit, or shrinking, is fine");
    fails_with(truncate(FILE_NAME, 1001), EFBIG, "truncate growing past the limit");
    fails_with(fallocate(fd, 0, 0, 4096), EFBIG, "fallocate growing past the limit");
    fails_with(fallocate(fd, FALLOC_FL_KEEP_SIZE, 0, 4096), EFBIG, "fallocate past the limit keeping the size");
    ok(fallocate(fd, 0, 0, 1000) == 0, "fallocate up to the limit is fine");
    close(fd);

    setrlimit(RLIMIT_FSIZE, &saved);
    sigaction(SIGXFSZ, &old, NULL);
    int status = run_bounded(writes_past_limit, 10000);
    if (!ok(WIFSIGNALED(status) && WTERMSIG(status) == SIGXFSZ, "by default SIGXFSZ ends the writer"))
        why("child %s", outcome(status));
    unlink(FILE_NAME);
}

/* VmSize of /proc/self/status, in KiB (-1 if unreadable). */
static long vm_size_kb(void)
{
    char text[2048] = { 0 };
    int fd = open("/proc/self/status", O_RDONLY);
    ssize_t n = fd >= 0 ? read(fd, text, sizeof text - 1) : -1;
    if (fd >= 0)
        close(fd);
    const char *at = n > 0 ? strstr(text, "\nVmSize:") : NULL;
    return at ? strtol(at + 8, NULL, 10) : -1;
}

static void test_as(void)
{
    struct rlimit saved;
    getrlimit(RLIMIT_AS, &saved);
    long kb = vm_size_kb();
    long brk_now = syscall(SYS_brk, 0);
    struct rlimit rl = { (rlim_t)(kb + 1024) * 1024, saved.rlim_max }; /* 1 MiB of room */
    int set = kb > 0 ? setrlimit(RLIMIT_AS, &rl) : -1;
    void *big = mmap(NULL, 4 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    int e = errno;
    void *small = mmap(NULL, 512 << 10, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (!ok(set == 0 && big == MAP_FAILED && e == ENOMEM && small != MAP_FAILED,
            "RLIMIT_AS: mmap past it is ENOMEM, within it works (VmSize %ld KiB, 1 MiB of room)", kb))
        why("setrlimit %d; 4 MiB: %p errno %d; 512 KiB: %p", set, big, e, small);
    void *again = small != MAP_FAILED
        ? mmap(small, 512 << 10, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0)
        : MAP_FAILED;
    ok(again == small, "MAP_FIXED over a mapping only counts what it adds");
    long grown = syscall(SYS_brk, brk_now + (4 << 20));
    ok(grown == brk_now, "brk past the limit leaves the break where it was");
    setrlimit(RLIMIT_AS, &saved);
    if (small != MAP_FAILED)
        munmap(small, 512 << 10);
}

/* As nobody with RLIMIT_NPROC 4: fork works until the user has 4 tasks
 * (this one included), then EAGAIN; once they are reaped, it works again.
 * Exit 0 if so. */
static int nproc_as_nobody(void)
{
    if (setuid(65534) != 0)
        return 100;
    struct rlimit rl = { 4, 4 };
    setrlimit(RLIMIT_NPROC, &rl);
    pid_t kids[8];
    int made = 0, e = 0;
    for (int i = 0; i < 8; i++) {
        pid_t pid = fork();
        if (pid == 0) {
            pause();
            _exit(0);
        }
        if (pid < 0) {
            e = errno;
            break;
        }
        kids[made++] = pid;
    }
    for (int i = 0; i < made; i++) {
        kill(kids[i], SIGKILL);
        waitpid(kids[i], NULL, 0);
    }
    pid_t again = fork();
    if (again == 0)
        _exit(0);
    if (again > 0)
        waitpid(again, NULL, 0);
    if (made < 1 || made > 3 || e != EAGAIN)
        return 1;
    return again > 0 ? 0 : 2;
}

/* As root with RLIMIT_NPROC 1: root is not held to it. */
static int nproc_as_root(void)
{
    struct rlimit rl = { 1, 1 };
    setrlimit(RLIMIT_NPROC, &rl);
    pid_t pid = fork();
    if (pid == 0)
        _exit(0);
    if (pid < 0)
        return 1;
    waitpid(pid, NULL, 0);
    return 0;
}

static void test_nproc(void)
{
    int status = run_bounded(nproc_as_nobody, 20000);
    if (!ok(exited_with(status, 0), "RLIMIT_NPROC: an ordinary user's fork fails with EAGAIN at the limit"))
        why("child %s (1: wrong count or errno, 2: fork failed after the reaping)", outcome(status));
    status = run_bounded(nproc_as_root, 20000);
    if (!ok(exited_with(status, 0), "root is not held to RLIMIT_NPROC"))
        why("child %s", outcome(status));
}

int main(void)
{
    plan(29);
    test_nofile();
    test_fsize();
    test_as();
    test_nproc();
    return done();
}
