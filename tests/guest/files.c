/* files: opening, reading and writing files, and file descriptors.
 * open/openat/creat with every flag the VFS knows, read/write/readv/
 * writev/pread64/pwrite64, lseek/_llseek, dup/dup2/dup3/fcntl, sendfile,
 * fallocate, and the errors Linux gives for each mistake. Works in a
 * fresh directory under /tmp. */
#include "tap.h"

#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>

#define DIR "/tmp/files-test"

static char buf[8192];

static void test_open_flags(void)
{
    int fd = open("new", O_RDWR | O_CREAT | O_EXCL, 0640);
    succeeds(fd, "open(O_CREAT|O_EXCL) makes a new file");
    struct stat st;
    ok(fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0777) == 0640 && st.st_size == 0,
        "the new file is regular, mode 0640 (umask 022 leaves it), empty");
    fails_with(open("new", O_RDWR | O_CREAT | O_EXCL, 0640), EEXIST, "O_CREAT|O_EXCL of an existing file");
    ok(write(fd, "0123456789", 10) == 10, "write 10 bytes");
    close(fd);

    fd = open("new", O_RDONLY);
    ok(read(fd, buf, sizeof buf) == 10 && !memcmp(buf, "0123456789", 10), "they read back after reopening");
    fails_with(write(fd, "x", 1), EBADF, "write to an O_RDONLY fd");
    close(fd);
    fd = open("new", O_WRONLY);
    fails_with(read(fd, buf, 1), EBADF, "read from an O_WRONLY fd");
    close(fd);

    fd = open("new", O_WRONLY | O_APPEND);
    lseek(fd, 0, SEEK_SET);
    write(fd, "ab", 2);
    close(fd);
    fd = open("new", O_RDONLY);
    ok(read(fd, buf, sizeof buf) == 12 && !memcmp(buf + 10, "ab", 2), "O_APPEND writes at the end, whatever the offset");
    close(fd);

    fd = open("new", O_RDWR | O_TRUNC);
    ok(fd >= 0 && fstat(fd, &st) == 0 && st.st_size == 0, "O_TRUNC empties the file");
    close(fd);

    fd = creat("made-by-creat", 0600);
    ok(fd >= 0 && fcntl(fd, F_GETFL) >= 0 && (fcntl(fd, F_GETFL) & O_ACCMODE) == O_WRONLY,
        "creat makes a file open for writing only");
    close(fd);

    fails_with(open("missing", O_RDONLY), ENOENT, "open of a missing file");
    fails_with(open("missing/x", O_RDONLY | O_CREAT, 0600), ENOENT, "O_CREAT in a missing directory");
    fails_with(open("new/x", O_RDONLY), ENOTDIR, "open through a regular file");
    fails_with(open("new", O_RDONLY | O_DIRECTORY), ENOTDIR, "O_DIRECTORY of a regular file");
    fails_with(open(".", O_WRONLY), EISDIR, "open of a directory for writing");
    fails_with(open(".", O_RDONLY | O_CREAT, 0600), EISDIR, "O_CREAT of an existing directory");
    fails_with(open("newdir/", O_RDWR | O_CREAT, 0600), EISDIR, "O_CREAT of a name with a trailing slash");
    fd = open(".", O_RDONLY | O_DIRECTORY);
    succeeds(fd, "O_DIRECTORY of a directory");
    fails_with(read(fd, buf, 1), EISDIR, "read of a directory");
    close(fd);

    symlink("new", "link");
    symlink("nowhere", "dangling");
    fails_with(open("link", O_RDONLY | O_NOFOLLOW), ELOOP, "O_NOFOLLOW of a symbolic link");
    fd = open("link", O_RDONLY);
    succeeds(fd, "open follows a symbolic link");
    close(fd);
    fails_with(open("link", O_RDWR | O_CREAT | O_EXCL, 0600), EEXIST, "O_CREAT|O_EXCL of a symbolic link");
    fails_with(open("dangling", O_RDONLY), ENOENT, "open of a dangling link");
    fd = open("dangling", O_WRONLY | O_CREAT, 0644);
    struct stat lst;
    ok(fd >= 0 && stat("nowhere", &st) == 0 && S_ISREG(st.st_mode) && lstat("dangling", &lst) == 0 && S_ISLNK(lst.st_mode),
        "O_CREAT through a dangling link makes its target");
    close(fd);

    char long_name[300];
    memset(long_name, 'n', 256);
    long_name[256] = 0;
    fails_with(open(long_name, O_RDONLY | O_CREAT, 0600), ENAMETOOLONG, "a name of 256 bytes");
    char *long_path = malloc(PATH_MAX + 10);
    memset(long_path, 'p', PATH_MAX + 5);
    long_path[PATH_MAX + 5] = 0;
    fails_with(open(long_path, O_RDONLY), ENAMETOOLONG, "a path longer than PATH_MAX");
    free(long_path);
    fails_with(open("", O_RDONLY), ENOENT, "open of the empty path");
    fails_with(syscall(SYS_open, (char *)0xC0000000u, O_RDONLY), EFAULT, "open of a path at a kernel address");

    fd = open("new", O_RDONLY | O_CLOEXEC);
    ok(fcntl(fd, F_GETFD) == FD_CLOEXEC, "O_CLOEXEC sets FD_CLOEXEC");
    ok((fcntl(fd, F_GETFL) & O_CLOEXEC) == 0, "F_GETFL does not show O_CLOEXEC");
    close(fd);
    fd = open("new", O_RDONLY | O_NONBLOCK);
    ok(fcntl(fd, F_GETFL) & O_NONBLOCK, "O_NONBLOCK shows in F_GETFL");
    close(fd);
    fails_with(close(fd), EBADF, "close of a closed fd");
    fails_with(close(-1), EBADF, "close(-1)");
}

static void test_openat(void)
{
    mkdir("sub", 0755);
    int dirfd = open("sub", O_RDONLY | O_DIRECTORY);
    int fd = openat(dirfd, "inside", O_WRONLY | O_CREAT, 0644);
    write(fd, "in", 2);
    close(fd);
    struct stat st;
    ok(stat("sub/inside", &st) == 0 && st.st_size == 2, "openat creates relative to a real directory fd");
    fd = openat(AT_FDCWD, "sub/inside", O_RDONLY);
    succeeds(fd, "openat(AT_FDCWD) is relative to the cwd");
    close(fd);
    fd = openat(12345, DIR "/new", O_RDONLY);
    succeeds(fd, "openat with an absolute path ignores dirfd, even a bad one");
    close(fd);
    int file = open("new", O_RDONLY);
    fails_with(openat(file, "x", O_RDONLY), ENOTDIR, "openat relative to a file that is not a directory");
    fails_with(openat(54321, "x", O_RDONLY), EBADF, "openat relative to a closed fd");
    close(file);
    close(dirfd);
}

static void test_read_write(void)
{
    int fd = open("data", O_RDWR | O_CREAT | O_TRUNC, 0644);
    struct iovec out[3] = { { "abc", 3 }, { "", 0 }, { "defgh", 5 } };
    ok(writev(fd, out, 3) == 8, "writev writes every vector, in order");
    char a[4] = { 0 }, b[8] = { 0 };
    struct iovec in[2] = { { a, 3 }, { b, 8 } };
    lseek(fd, 0, SEEK_SET);
    ok(readv(fd, in, 2) == 8 && !memcmp(a, "abc", 3) && !memcmp(b, "defgh", 5), "readv fills the vectors in order");
    ok(pwrite(fd, "XY", 2, 1) == 2 && lseek(fd, 0, SEEK_CUR) == 8, "pwrite writes at an offset, leaving the file offset");
    ok(pread(fd, buf, 4, 0) == 4 && !memcmp(buf, "aXYd", 4), "pread reads at an offset");
    fails_with(pread(fd, buf, 4, -1), EINVAL, "pread at a negative offset");
    ok(pread(fd, buf, 4, 100) == 0, "pread past the end reads nothing");

    ok(lseek(fd, 100, SEEK_SET) == 100 && write(fd, "z", 1) == 1, "write after a seek past the end");
    ok(pread(fd, buf, 10, 50) == 10 && buf[0] == 0 && buf[9] == 0, "the hole reads as zeros");
    ok(lseek(fd, 0, SEEK_END) == 101, "SEEK_END is the size");
    ok(lseek(fd, -1, SEEK_CUR) == 100, "SEEK_CUR moves relative");
    fails_with(lseek(fd, -1000, SEEK_SET), EINVAL, "lseek to a negative offset");
    fails_with(lseek(fd, 0, 7), EINVAL, "lseek with a bad whence");
    loff_t result = 0;
    ok(syscall(SYS__llseek, fd, 1, 0, &result, SEEK_SET) == 0 && result == 0x100000000LL,
        "_llseek takes and gives 64-bit offsets");
    ok(write(fd, "big", 3) == 3, "write at 4 GiB (a sparse file)");
    struct stat st;
    ok(fstat(fd, &st) == 0 && st.st_size == 0x100000003LL, "the size is past 4 GiB");
    ftruncate(fd, 0);

    fails_with(write(fd, (void *)0xC0000000u, 4), EFAULT, "write from a kernel address");
    fails_with(read(99, buf, 1), EBADF, "read from a closed fd");
    fails_with(write(99, buf, 1), EBADF, "write to a closed fd");
    ok(write(fd, buf, 0) == 0, "write of 0 bytes");
    close(fd);
}

static void test_descriptors(void)
{
    int fd = open("new", O_RDONLY);
    int copy = dup(fd);
    ok(copy > fd, "dup gives the lowest free fd");
    lseek(fd, 3, SEEK_SET);
    ok(lseek(copy, 0, SEEK_CUR) == 3, "dup shares the offset (one open file description)");
    ok(dup2(fd, 50) == 50 && fcntl(50, F_GETFD) == 0, "dup2 to a chosen fd, without FD_CLOEXEC");
    ok(dup2(fd, fd) == fd, "dup2 of an fd onto itself returns it");
    fails_with(dup2(77, 78), EBADF, "dup2 of a closed fd");
    fails_with(dup2(fd, -1), EBADF, "dup2 to a negative fd");
    fails_with(dup2(fd, 100000), EBADF, "dup2 past the fd limit");
    ok(dup3(fd, 51, O_CLOEXEC) == 51 && fcntl(51, F_GETFD) == FD_CLOEXEC, "dup3(O_CLOEXEC)");
    fails_with(dup3(fd, fd, 0), EINVAL, "dup3 of an fd onto itself");
    fails_with(syscall(SYS_dup3, fd, 52, O_APPEND), EINVAL, "dup3 with a flag other than O_CLOEXEC");
    int at = fcntl(fd, F_DUPFD, 60);
    ok(at == 60, "F_DUPFD gives the lowest free fd from its argument");
    ok(fcntl(fd, F_DUPFD_CLOEXEC, 60) == 61 && fcntl(61, F_GETFD) == FD_CLOEXEC, "F_DUPFD_CLOEXEC");
    fails_with(fcntl(fd, F_DUPFD, 100000), EINVAL, "F_DUPFD past the fd limit");
    ok(fcntl(fd, F_SETFD, FD_CLOEXEC) == 0 && fcntl(fd, F_GETFD) == FD_CLOEXEC, "F_SETFD, F_GETFD");
    ok((fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDONLY, "F_GETFL gives the access mode");
    ok(fcntl(fd, F_SETFL, O_APPEND | O_NONBLOCK | O_RDWR) == 0
            && (fcntl(fd, F_GETFL) & (O_APPEND | O_NONBLOCK | O_ACCMODE)) == (O_APPEND | O_NONBLOCK | O_RDONLY),
        "F_SETFL changes O_APPEND and O_NONBLOCK, not the access mode");
    fails_with(fcntl(99, F_GETFD), EBADF, "fcntl of a closed fd");
    ok(syscall(SYS_fcntl, fd, F_GETFD) == FD_CLOEXEC, "the old fcntl system call (55) too");
    fails_with(fcntl(fd, 9999), EINVAL, "fcntl with an unknown command");
    close(fd), close(copy), close(50), close(51), close(60), close(61);
    sync();
    int synced = open("new", O_RDWR);
    ok(syscall(SYS_sync) == 0 && fsync(synced) == 0 && fdatasync(synced) == 0, "sync, and fsync and fdatasync of a file");
    fails_with(fsync(1), EINVAL, "fsync of the console (nothing to sync there)");
    close(synced);

    /* The fd limit: 1024 (RLIMIT_NOFILE's default) */
    int last = -1, opened = 0;
    errno = 0;
    for (;;) {
        int n = dup(0);
        if (n < 0)
            break;
        last = n;
        opened++;
    }
    int e = errno;
    ok(e == EMFILE && last == 1023, "dup fails with EMFILE once fd 1023 is taken");
    if (e != EMFILE || last != 1023)
        why("last fd %d, errno %d", last, e);
    for (int i = 3; i <= last; i++)
        close(i);
}

static void test_sendfile_fallocate(void)
{
    int in = open("src", O_RDWR | O_CREAT | O_TRUNC, 0644);
    for (int i = 0; i < 3000; i++)
        write(in, "0123456789", 10);
    int out = open("dst", O_RDWR | O_CREAT | O_TRUNC, 0644);
    off_t offset = 5;
    ok(sendfile(out, in, &offset, 20000) == 20000 && offset == 20005 && lseek(in, 0, SEEK_CUR) == 30000,
        "sendfile with an offset copies and moves that offset, not the file's");
    ok(pread(out, buf, 10, 0) == 10 && !memcmp(buf, "5678901234", 10), "the bytes arrived");
    lseek(in, 29990, SEEK_SET);
    ok(sendfile(out, in, NULL, 100) == 10 && lseek(in, 0, SEEK_CUR) == 30000, "sendfile without an offset stops at the end");
    int wo = open("src", O_WRONLY);
    fails_with(sendfile(out, wo, NULL, 10), EBADF, "sendfile from a file not open for reading");
    close(wo);

    int fds[2];
    pipe(fds);
    ok(sendfile(fds[1], in, &(off_t){ 0 }, 10) == 10 && read(fds[0], buf, 10) == 10 && !memcmp(buf, "0123456789", 10),
        "sendfile into a pipe");
    fails_with(sendfile(out, fds[0], NULL, 10), EINVAL, "sendfile from a pipe");
    close(fds[0]), close(fds[1]);

    int f = open("alloc", O_RDWR | O_CREAT | O_TRUNC, 0644);
    struct stat st;
    ok(fallocate(f, 0, 0, 10000) == 0 && fstat(f, &st) == 0 && st.st_size == 10000, "fallocate extends the file");
    ok(fallocate(f, FALLOC_FL_KEEP_SIZE, 0, 50000) == 0 && fstat(f, &st) == 0 && st.st_size == 10000,
        "fallocate(FALLOC_FL_KEEP_SIZE) keeps the size");
    fails_with(fallocate(f, 0, 0, 0), EINVAL, "fallocate of 0 bytes");
    fails_with(fallocate(f, 0, -1, 10), EINVAL, "fallocate at a negative offset");
    int ro = open("alloc", O_RDONLY);
    fails_with(fallocate(ro, 0, 0, 10), EBADF, "fallocate of a file open read-only");
    close(ro), close(f), close(in), close(out);
}

int main(void)
{
    plan(90);
    umask(022);
    mkdir(DIR, 0755);
    if (chdir(DIR) != 0) {
        diag("cannot chdir to " DIR ": %s", strerror(errno));
        return 1;
    }
    test_open_flags();
    test_openat();
    test_read_write();
    test_descriptors();
    test_sendfile_fallocate();
    return done();
}
