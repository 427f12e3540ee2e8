/* limits: the resource limits the kernel enforces on files. RLIMIT_NOFILE
 * bounds every new fd (open, dup, pipe: EMFILE; dup2 and dup3: EBADF;
 * F_DUPFD: EINVAL), and its hard limit by /proc/sys/fs/nr_open (EPERM).
 * RLIMIT_FSIZE cuts a write short at the limit and refuses one past it
 * (EFBIG, and SIGXFSZ, which kills by default), and refuses growing a file
 * past it with truncate or fallocate (even keeping the size, as Linux's
 * tmpfs); devices are not files it bounds.
 */
#include "bounded.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>

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

int main(void)
{
    plan(24);
    test_nofile();
    test_fsize();
    return done();
}
