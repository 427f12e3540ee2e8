/* mknod: mknod and mknodat (regular files, FIFOs, sockets, device nodes,
 * and the types and users refused), then named pipes: an open for reading
 * waits for a writer and the reverse, O_NONBLOCK's answers, O_RDWR never
 * waits, a signal ends the wait, data flows between opens by name, and is
 * dropped when the last end closes. In a fresh directory under /tmp.
 */
#include "bounded.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#define DIR "/tmp/mknod-test"

static int child_writes_hello(void)
{
    int fd = open("fifo", O_WRONLY);
    if (fd < 0)
        return 1;
    return write(fd, "hello", 5) == 5 ? 0 : 2;
}

static int child_opens_for_reading(void)
{
    int fd = open("fifo", O_RDONLY);
    if (fd < 0)
        return 1;
    char buffer[8] = { 0 };
    ssize_t n = read(fd, buffer, sizeof buffer);
    return n == 3 && !memcmp(buffer, "abc", 3) ? 0 : 2;
}

static volatile int got_signal;
static void on_usr1(int sig) { (void)sig; got_signal = 1; }

static int child_interrupted_open(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1; /* no SA_RESTART */
    sigaction(SIGUSR1, &sa, NULL);
    int fd = open("fifo", O_WRONLY);
    return fd == -1 && errno == EINTR && got_signal ? 0 : 1;
}

/* As nobody, in the sticky /tmp: FIFOs yes, device nodes no. */
static int as_nobody(void)
{
    if (setuid(65534) != 0)
        return 100;
    char name[64];
    snprintf(name, sizeof name, "/tmp/mknod-nobody-%d", getpid());
    int bad = 0;
    bad |= mkfifo(name, 0600) != 0;
    unlink(name);
    errno = 0;
    bad |= !(mknod(name, S_IFCHR | 0600, makedev(1, 3)) == -1 && errno == EPERM) << 1;
    return bad;
}

/* A child that should sleep in open(); true if it still is after 200 ms. */
static int still_blocked(pid_t pid)
{
    msleep(200);
    int status;
    return waitpid(pid, &status, WNOHANG) == 0;
}

static void test_mknod(void)
{
    struct stat st;
    succeeds(mknod("plain", S_IFREG | 0640, 0), "mknod S_IFREG makes a regular file");
    ok(stat("plain", &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 07777) == 0640 && st.st_size == 0,
       "... with the mode asked for, empty");
    ok(mknod("typeless", 0600, 0) == 0 && stat("typeless", &st) == 0 && S_ISREG(st.st_mode),
       "a mode without a type makes a regular file too");
    succeeds(mkfifo("fifo", 0666), "mkfifo");
    ok(stat("fifo", &st) == 0 && S_ISFIFO(st.st_mode) && (st.st_mode & 0777) == 0644 && st.st_size == 0 &&
           st.st_rdev == 0,
       "a FIFO: S_IFIFO, the umask applied, size 0");
    fails_with(mkfifo("fifo", 0600), EEXIST, "mkfifo of a name that exists");
    fails_with(mknod("dir", S_IFDIR | 0755, 0), EPERM, "mknod of a directory");
    fails_with(mknod("odd", 0170000 | 0600, 0), EINVAL, "mknod of no known type");
    fails_with(mknod("none/fifo", S_IFIFO | 0600, 0), ENOENT, "mknod under a missing directory");

    ok(mknod("chr", S_IFCHR | 0600, makedev(240, 7)) == 0 && stat("chr", &st) == 0 && S_ISCHR(st.st_mode) &&
           major(st.st_rdev) == 240 && minor(st.st_rdev) == 7,
       "root makes a character device node: S_IFCHR, its device number");
    ok(mknod("blk", S_IFBLK | 0600, makedev(240, 8)) == 0 && stat("blk", &st) == 0 && S_ISBLK(st.st_mode) &&
           st.st_rdev == makedev(240, 8),
       "and a block device node");
    fails_with(open("chr", O_RDWR), ENXIO, "opening a device number nothing answers for");
    ok(mknod("sock", S_IFSOCK | 0600, makedev(1, 1)) == 0 && stat("sock", &st) == 0 && S_ISSOCK(st.st_mode) &&
           st.st_rdev == 0,
       "a socket node: S_IFSOCK, no device number");
    fails_with(open("sock", O_RDWR), ENXIO, "opening a socket node");

    int dirfd = open(".", O_RDONLY | O_DIRECTORY);
    ok(mknodat(dirfd, "at-fifo", S_IFIFO | 0600, 0) == 0 && fstatat(dirfd, "at-fifo", &st, 0) == 0 &&
           S_ISFIFO(st.st_mode),
       "mknodat relative to a directory fd");
    close(dirfd);

    int status = run_bounded(as_nobody, 10000);
    if (!ok(exited_with(status, 0), "an ordinary user may make a FIFO, not a device node (EPERM)"))
        why("child %s (1: mkfifo failed, 2: mknod of a device did not fail with EPERM)", outcome(status));
}

static void test_fifo(void)
{
    /* A writer's open waits for a reader. */
    pid_t pid = fork();
    if (pid == 0)
        _exit(child_writes_hello());
    int blocked = still_blocked(pid);
    int fd = open("fifo", O_RDONLY);
    char buffer[16] = { 0 };
    ssize_t n = fd >= 0 ? read(fd, buffer, sizeof buffer) : -1;
    int status = finish_child(pid, 10000);
    ssize_t end = fd >= 0 ? read(fd, buffer + 8, 8) : -1;
    close(fd);
    if (!ok(blocked && n == 5 && !memcmp(buffer, "hello", 5) && exited_with(status, 0),
            "an open for writing waits for a reader; the data goes through by name"))
        why("blocked %d, read %zd \"%s\", child %s", blocked, n, buffer, outcome(status));
    ok(end == 0, "when the writer is gone, the reader sees the end of the file");

    /* A reader's open waits for a writer. */
    pid = fork();
    if (pid == 0)
        _exit(child_opens_for_reading());
    blocked = still_blocked(pid);
    fd = open("fifo", O_WRONLY);
    n = fd >= 0 ? write(fd, "abc", 3) : -1;
    close(fd);
    status = finish_child(pid, 10000);
    if (!ok(blocked && n == 3 && exited_with(status, 0), "an open for reading waits for a writer"))
        why("blocked %d, wrote %zd, child %s", blocked, n, outcome(status));

    fails_with(open("fifo", O_WRONLY | O_NONBLOCK), ENXIO, "O_WRONLY | O_NONBLOCK without a reader");
    int reader = open("fifo", O_RDONLY | O_NONBLOCK);
    n = reader >= 0 ? read(reader, buffer, sizeof buffer) : -1;
    if (!ok(reader >= 0 && n == 0, "O_RDONLY | O_NONBLOCK opens at once; with no writer, read gives 0"))
        why("fd %d, read %zd errno %d", reader, n, errno);
    struct pollfd p = { reader, POLLIN, 0 };
    int ready = poll(&p, 1, 0);
    if (!ok(ready == 0 && p.revents == 0, "poll: a reader waiting for its first writer sees no hang-up"))
        why("poll %d, revents 0x%x", ready, p.revents);
    int writer = open("fifo", O_WRONLY | O_NONBLOCK);
    n = writer >= 0 ? write(writer, "xy", 2) : -1;
    ssize_t got = read(reader, buffer, sizeof buffer);
    ok(writer >= 0 && n == 2 && got == 2, "with a reader there, O_WRONLY | O_NONBLOCK opens, and data flows");
    close(writer);
    ready = poll(&p, 1, 0);
    if (!ok(ready == 1 && (p.revents & POLLHUP), "poll: once that writer has closed, the reader sees POLLHUP"))
        why("poll %d, revents 0x%x", ready, p.revents);
    close(reader);

    int both = open("fifo", O_RDWR);
    ok(both >= 0 && write(both, "kept?", 5) == 5, "O_RDWR opens at once, with nobody else");
    close(both);
    both = open("fifo", O_RDWR | O_NONBLOCK);
    errno = 0;
    n = read(both, buffer, sizeof buffer);
    if (!ok(n == -1 && errno == EAGAIN, "what was not read is gone once every end was closed"))
        why("read %zd errno %d", n, errno);
    struct stat named, opened;
    ok(stat("fifo", &named) == 0 && fstat(both, &opened) == 0 && S_ISFIFO(opened.st_mode) &&
           opened.st_ino == named.st_ino && opened.st_dev == named.st_dev,
       "fstat of the open FIFO is the named inode");
    close(both);

    pid = fork();
    if (pid == 0)
        _exit(child_interrupted_open());
    blocked = still_blocked(pid);
    kill(pid, SIGUSR1);
    status = finish_child(pid, 10000);
    if (!ok(blocked && exited_with(status, 0), "a signal ends the wait in open: EINTR after the handler"))
        why("blocked %d, child %s", blocked, outcome(status));

    succeeds(unlink("fifo"), "unlink of a FIFO");
}

int main(void)
{
    plan(30);
    umask(022);
    mkdir(DIR, 0755);
    if (chdir(DIR) != 0) {
        diag("cannot chdir to " DIR ": %s", strerror(errno));
        return 1;
    }
    test_mknod();
    test_fifo();
    const char *names[] = { "plain", "typeless", "chr", "blk", "sock", "at-fifo" };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        unlink(names[i]);
    chdir("/");
    succeeds(rmdir(DIR), "everything made here could be removed");
    return done();
}
