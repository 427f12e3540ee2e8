/* pipe: pipe(2) and pipe2(2). Bytes come out in the order they went in;
 * a read waits for a writer and sees the end of the file once every write
 * end is closed; a write waits for room and fails with EPIPE once every
 * read end is closed; O_NONBLOCK turns both waits into EAGAIN. */
#include "tap.h"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#define CAPACITY 65536 /* Linux's default pipe size */

static int fds[2];

static void expect_errno(long r, int e, const char *what)
{
    int got = errno;
    if (!ok(r == -1 && got == e, "%s fails with %s", what, strerror(e)))
        why("returned %ld, errno %d (%s)", r, got, strerror(got));
}

/* The child writes after the parent has gone to sleep in read(). */
static int late_writer(void)
{
    close(fds[0]);
    msleep(50);
    return write(fds[1], "late", 4) == 4 ? 0 : 1;
}

/* The child writes more than the pipe holds; it must wait for the parent. */
static int big_writer(void)
{
    close(fds[0]);
    static unsigned char data[3 * CAPACITY / 2];
    for (size_t i = 0; i < sizeof data; i++)
        data[i] = (unsigned char)(i * 7);
    ssize_t n = write(fds[1], data, sizeof data);
    return n == (ssize_t)sizeof data ? 0 : 1;
}

static int writer_then_exit(void)
{
    close(fds[0]);
    return write(fds[1], "x", 1) == 1 ? 0 : 1;
}

int main(void)
{
    plan(24);
    char buf[64];
    signal(SIGPIPE, SIG_IGN); /* EPIPE, not death, for the test below */

    ok(pipe(fds) == 0 && fds[0] >= 0 && fds[1] > fds[0], "pipe() gives two new fds");
    ok(write(fds[1], "hello", 5) == 5, "write to the write end");
    ok(read(fds[0], buf, sizeof buf) == 5 && !memcmp(buf, "hello", 5), "read gives the bytes back, no more");
    expect_errno(write(fds[0], "x", 1), EBADF, "write to the read end");
    expect_errno(read(fds[1], buf, 1), EBADF, "read from the write end");
    expect_errno(lseek(fds[0], 0, SEEK_SET), ESPIPE, "lseek on a pipe");
    struct stat st;
    ok(fstat(fds[0], &st) == 0 && S_ISFIFO(st.st_mode), "fstat says it is a FIFO");
    ok(read(fds[0], buf, 0) == 0, "a read of 0 bytes returns 0 at once");

    write(fds[1], "abcdef", 6);
    ok(read(fds[0], buf, 2) == 2 && read(fds[0], buf + 2, 10) == 4 && !memcmp(buf, "abcdef", 6),
        "reads take what is there, in order, without waiting for more");

    pid_t pid = fork();
    if (pid == 0)
        _exit(late_writer());
    close(fds[1]);
    ssize_t n = read(fds[0], buf, sizeof buf);
    ok(n == 4 && !memcmp(buf, "late", 4), "a read of an empty pipe waits for a writer");
    int status = -1;
    waitpid(pid, &status, 0);
    ok(read(fds[0], buf, sizeof buf) == 0, "with every write end closed, read returns 0 (end of file)");
    close(fds[0]);

    pipe(fds);
    close(fds[0]);
    expect_errno(write(fds[1], "x", 1), EPIPE, "write with every read end closed");
    close(fds[1]);

    pipe(fds);
    pid = fork();
    if (pid == 0)
        _exit(big_writer());
    close(fds[1]);
    static unsigned char got[3 * CAPACITY / 2 + 1];
    size_t total = 0;
    while ((n = read(fds[0], got + total, sizeof got - total)) > 0)
        total += (size_t)n;
    int in_order = total == 3 * CAPACITY / 2;
    for (size_t i = 0; in_order && i < total; i++)
        in_order = got[i] == (unsigned char)(i * 7);
    ok(in_order, "a write larger than the pipe waits for the reader; all bytes arrive, in order");
    waitpid(pid, &status, 0);
    if (!ok(exited_with(status, 0), "that write returned its whole length"))
        why("child %s", status_text(status));
    close(fds[0]);

    ok(pipe2(fds, O_NONBLOCK) == 0, "pipe2(O_NONBLOCK)");
    ok((fcntl(fds[0], F_GETFL) & (O_NONBLOCK | O_ACCMODE)) == (O_NONBLOCK | O_RDONLY)
            && (fcntl(fds[1], F_GETFL) & (O_NONBLOCK | O_ACCMODE)) == (O_NONBLOCK | O_WRONLY),
        "both ends are O_NONBLOCK, one O_RDONLY, one O_WRONLY");
    expect_errno(read(fds[0], buf, 1), EAGAIN, "a non-blocking read of an empty pipe");
    static unsigned char big[2 * CAPACITY];
    n = write(fds[1], big, sizeof big);
    if (!ok(n == CAPACITY, "a non-blocking write fills the pipe: %d bytes", CAPACITY))
        why("wrote %zd", n);
    expect_errno(write(fds[1], "x", 1), EAGAIN, "a non-blocking write to a full pipe");
    close(fds[0]);
    close(fds[1]);

    pipe(fds);
    fcntl(fds[0], F_SETFL, O_NONBLOCK);
    expect_errno(read(fds[0], buf, 1), EAGAIN, "F_SETFL O_NONBLOCK on the read end, then a read");
    close(fds[0]);
    close(fds[1]);

    ok(pipe2(fds, O_CLOEXEC) == 0 && fcntl(fds[0], F_GETFD) == FD_CLOEXEC && fcntl(fds[1], F_GETFD) == FD_CLOEXEC,
        "pipe2(O_CLOEXEC) marks both fds close-on-exec");
    close(fds[0]);
    close(fds[1]);
    expect_errno(pipe2(fds, O_APPEND), EINVAL, "pipe2 with a flag it does not take");
    expect_errno(syscall(SYS_pipe, (void *)0xC0000000u), EFAULT, "pipe() into a kernel address");

    /* Two writers (parent and child): the end of the file comes only when both are gone. */
    pipe(fds);
    pid = fork();
    if (pid == 0)
        _exit(writer_then_exit());
    waitpid(pid, &status, 0);
    int flags = fcntl(fds[0], F_GETFL);
    fcntl(fds[0], F_SETFL, flags | O_NONBLOCK);
    n = read(fds[0], buf, sizeof buf);
    errno = 0;
    ssize_t again = read(fds[0], buf, sizeof buf);
    ok(n == 1 && again == -1 && errno == EAGAIN,
        "a child's write arrives; with the parent's write end still open, no end of file yet");
    close(fds[0]);
    close(fds[1]);
    return done();
}
