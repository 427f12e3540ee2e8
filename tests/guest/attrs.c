/* attrs: what stat shows and the calls that change it. stat64, lstat64,
 * fstat64, fstatat64, statx; chmod, fchmod, fchmodat; chown32, lchown32,
 * fchown32, fchownat; truncate, ftruncate; umask; utimensat; access and
 * faccessat; statfs64 and fstatfs64 on every file system. As root, in a
 * fresh directory under /tmp. */
#include "tap.h"

#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>

/* struct statx (linux/stat.h): musl has no wrapper yet. */
struct statx_timestamp {
    int64_t tv_sec;
    uint32_t tv_nsec;
    int32_t reserved;
};
struct statx_buffer {
    uint32_t stx_mask, stx_blksize;
    uint64_t stx_attributes;
    uint32_t stx_nlink, stx_uid, stx_gid;
    uint16_t stx_mode, pad1;
    uint64_t stx_ino, stx_size, stx_blocks, stx_attributes_mask;
    struct statx_timestamp stx_atime, stx_btime, stx_ctime, stx_mtime;
    uint32_t stx_rdev_major, stx_rdev_minor, stx_dev_major, stx_dev_minor;
    uint64_t spare[14];
};
#define STATX_BASIC_STATS 0x7ffu

#define DIR "/tmp/attrs-test"
#define TMPFS_MAGIC 0x01021994
#define PROC_SUPER_MAGIC 0x9fa0

static int make(const char *path, const char *data)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        return -1;
    if (data)
        write(fd, data, strlen(data));
    close(fd);
    return 0;
}

static void test_stat(void)
{
    make("f", "hello");
    struct stat st, lst, fst;
    ok(stat("f", &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 5 && st.st_nlink == 1 && st.st_uid == 0
            && st.st_gid == 0 && st.st_blksize > 0,
        "stat of a file: type, size, links, owner");
    int fd = open("f", O_RDONLY);
    ok(fstat(fd, &fst) == 0 && fst.st_ino == st.st_ino && fst.st_dev == st.st_dev, "fstat agrees with stat");
    close(fd);
    symlink("f", "l");
    ok(lstat("l", &lst) == 0 && S_ISLNK(lst.st_mode) && lst.st_ino != st.st_ino, "lstat sees the link");
    int dirfd = open(".", O_RDONLY | O_DIRECTORY);
    ok(fstatat(dirfd, "l", &lst, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(lst.st_mode), "fstatat(AT_SYMLINK_NOFOLLOW) with a directory fd");
    ok(fstatat(dirfd, "l", &lst, 0) == 0 && lst.st_ino == st.st_ino, "fstatat follows by default");
    fd = open("f", O_RDONLY);
    ok(fstatat(fd, "", &lst, AT_EMPTY_PATH) == 0 && lst.st_ino == st.st_ino, "fstatat(AT_EMPTY_PATH) of an fd");
    fails_with(fstatat(fd, "", &lst, 0), ENOENT, "fstatat of an empty path without AT_EMPTY_PATH");
    close(fd);
    fails_with(fstatat(dirfd, "f", &lst, 0x8), EINVAL, "fstatat with an unknown flag");
    close(dirfd);
    fails_with(stat("nothing", &st), ENOENT, "stat of a missing name");
    fails_with(stat("f/x", &st), ENOTDIR, "stat through a file");
    fails_with(syscall(SYS_stat64, "f", (void *)0xC0000000u), EFAULT, "stat64 into a kernel address");
    struct stat64 raw;
    ok(syscall(SYS_stat64, "f", &raw) == 0 && raw.st_size == 5, "the stat64 system call");
    ok(syscall(SYS_lstat64, "l", &raw) == 0 && S_ISLNK(raw.st_mode), "the lstat64 system call");
    ok(syscall(SYS_fstat64, 1, &raw) == 0 && S_ISCHR(raw.st_mode), "fstat64 of the console: a character device");

    struct statx_buffer sx;
    ok(syscall(SYS_statx, AT_FDCWD, "f", 0, STATX_BASIC_STATS, &sx) == 0 && (sx.stx_mask & STATX_BASIC_STATS) == STATX_BASIC_STATS
            && sx.stx_size == 5 && sx.stx_ino == st.st_ino && S_ISREG(sx.stx_mode),
        "statx gives the basic stats");
    ok(sx.stx_dev_major == major(st.st_dev) && sx.stx_dev_minor == minor(st.st_dev), "statx's device is stat's");
    fails_with(syscall(SYS_statx, AT_FDCWD, "f", 0, 0x80000000u, &sx), EINVAL, "statx with the reserved mask bit");

    mkdir("sd", 0755);
    ok(stat("sd", &st) == 0 && S_ISDIR(st.st_mode) && st.st_nlink == 2, "an empty directory: S_IFDIR, 2 links");
    ok(stat("/dev/null", &st) == 0 && S_ISCHR(st.st_mode) && major(st.st_rdev) == 1 && minor(st.st_rdev) == 3,
        "/dev/null is the character device 1,3");
}

static void test_chmod_chown(void)
{
    make("m", NULL);
    struct stat st;
    ok(chmod("m", 0751) == 0 && stat("m", &st) == 0 && (st.st_mode & 07777) == 0751 && S_ISREG(st.st_mode),
        "chmod changes the permission bits, not the type");
    int fd = open("m", O_RDONLY);
    ok(fchmod(fd, 04700) == 0 && stat("m", &st) == 0 && (st.st_mode & 07777) == 04700, "fchmod (with set-user-ID)");
    int dirfd = open(".", O_RDONLY | O_DIRECTORY);
    ok(fchmodat(dirfd, "m", 0600, 0) == 0 && stat("m", &st) == 0 && (st.st_mode & 07777) == 0600, "fchmodat with a directory fd");
    fails_with(chmod("nothing", 0600), ENOENT, "chmod of a missing name");
    fails_with(fchmod(999, 0600), EBADF, "fchmod of a closed fd");

    ok(chown("m", 1000, 2000) == 0 && stat("m", &st) == 0 && st.st_uid == 1000 && st.st_gid == 2000, "chown (root may give a file away)");
    ok(chown("m", -1, 3000) == 0 && stat("m", &st) == 0 && st.st_uid == 1000 && st.st_gid == 3000, "chown with -1 keeps that id");
    chmod("m", 04755);
    ok(fchown(fd, 0, 0) == 0 && stat("m", &st) == 0 && st.st_uid == 0 && !(st.st_mode & S_ISUID), "fchown, and a chown clears set-user-ID");
    symlink("m", "ml");
    ok(lchown("ml", 7, 7) == 0 && lstat("ml", &st) == 0 && st.st_uid == 7 && stat("m", &st) == 0 && st.st_uid == 0,
        "lchown changes the link, not the target");
    ok(fchownat(dirfd, "ml", 8, 8, AT_SYMLINK_NOFOLLOW) == 0 && lstat("ml", &st) == 0 && st.st_uid == 8, "fchownat(AT_SYMLINK_NOFOLLOW)");
    fails_with(fchownat(dirfd, "ml", 8, 8, 0x8), EINVAL, "fchownat with an unknown flag");
    ok(syscall(SYS_chown32, "m", 5, 6) == 0 && syscall(SYS_fchown32, fd, 0, 0) == 0, "the chown32 and fchown32 system calls");
    close(fd), close(dirfd);
}

static void test_truncate_umask(void)
{
    make("t", "0123456789");
    struct stat st;
    ok(truncate("t", 4) == 0 && stat("t", &st) == 0 && st.st_size == 4, "truncate shortens");
    ok(truncate("t", 100) == 0 && stat("t", &st) == 0 && st.st_size == 100, "truncate lengthens");
    char buf[16] = { 1 };
    int fd = open("t", O_RDWR);
    ok(pread(fd, buf, 8, 2) == 8 && !memcmp(buf, "23\0\0\0\0\0\0", 8), "the cut bytes read as zeros after growing again");
    ok(ftruncate(fd, 1) == 0 && fstat(fd, &st) == 0 && st.st_size == 1, "ftruncate");
    fails_with(ftruncate(fd, -1), EINVAL, "ftruncate to a negative length");
    close(fd);
    fd = open("t", O_RDONLY);
    fails_with(ftruncate(fd, 0), EINVAL, "ftruncate of a file open read-only");
    close(fd);
    fails_with(truncate("sd", 0), EISDIR, "truncate of a directory");
    fails_with(truncate("nothing", 0), ENOENT, "truncate of a missing name");
    fails_with(truncate("t", -5), EINVAL, "truncate to a negative length");
    ok(syscall(SYS_truncate64, "t", 7, 0) == 0 && stat("t", &st) == 0 && st.st_size == 7, "the truncate64 system call");

    mode_t old = umask(027);
    ok(old == 022 && umask(027) == 027, "umask returns the old mask");
    make("u", NULL);
    mkdir("ud", 0777);
    ok(stat("u", &st) == 0 && (st.st_mode & 0777) == 0640 && stat("ud", &st) == 0 && (st.st_mode & 0777) == 0750,
        "new files and directories lose the umask's bits");
    umask(022);
}

static void test_times(void)
{
    make("tm", NULL);
    struct timespec times[2] = { { 1000000000, 111 }, { 1200000000, 222 } };
    struct stat st;
    ok(utimensat(AT_FDCWD, "tm", times, 0) == 0 && stat("tm", &st) == 0 && st.st_atim.tv_sec == 1000000000
            && st.st_mtim.tv_sec == 1200000000 && st.st_mtim.tv_nsec == 222,
        "utimensat sets atime and mtime, to the nanosecond");
    struct timespec omit_now[2] = { { 0, UTIME_OMIT }, { 0, UTIME_NOW } };
    ok(utimensat(AT_FDCWD, "tm", omit_now, 0) == 0 && stat("tm", &st) == 0 && st.st_atim.tv_sec == 1000000000
            && st.st_mtim.tv_sec > 1500000000,
        "UTIME_OMIT keeps one, UTIME_NOW sets the other to now");
    ok(utimensat(AT_FDCWD, "tm", NULL, 0) == 0 && stat("tm", &st) == 0 && st.st_atim.tv_sec > 1500000000, "NULL sets both to now");
    struct timespec bad[2] = { { 0, 1000000000 }, { 0, 0 } };
    fails_with(utimensat(AT_FDCWD, "tm", bad, 0), EINVAL, "utimensat with tv_nsec out of range");
    int fd = open("tm", O_RDONLY);
    ok(futimens(fd, times) == 0 && fstat(fd, &st) == 0 && st.st_mtim.tv_sec == 1200000000, "futimens (utimensat on an fd)");
    close(fd);
    symlink("tm", "tml");
    ok(utimensat(AT_FDCWD, "tml", times, AT_SYMLINK_NOFOLLOW) == 0 && lstat("tml", &st) == 0 && st.st_mtim.tv_sec == 1200000000,
        "utimensat(AT_SYMLINK_NOFOLLOW) on a link");
    fails_with(utimensat(AT_FDCWD, "nothing", NULL, 0), ENOENT, "utimensat of a missing name");
    int dirfd = open(".", O_RDONLY | O_DIRECTORY);
    struct timespec other[2] = { { 1300000000, 0 }, { 1300000000, 0 } };
    ok(utimensat(dirfd, "tm", other, 0) == 0 && stat("tm", &st) == 0 && st.st_mtim.tv_sec == 1300000000,
        "utimensat with a directory fd");
    struct statx_buffer sx;
    ok(syscall(SYS_statx, dirfd, "tm", 0, STATX_BASIC_STATS, &sx) == 0 && sx.stx_mtime.tv_sec == 1300000000,
        "statx with a directory fd");
    close(dirfd);
    fails_with(utimensat(AT_FDCWD, "tm", NULL, 0x8), EINVAL, "utimensat with an unknown flag");
    struct stat before;
    stat("tm", &before);
    fd = open("tm", O_WRONLY);
    write(fd, "x", 1);
    close(fd);
    ok(stat("tm", &st) == 0 && st.st_mtim.tv_sec >= before.st_mtim.tv_sec && st.st_mtim.tv_sec > 1500000000,
        "a write sets mtime to now");
}

static void test_access(void)
{
    make("a", NULL);
    chmod("a", 0644);
    ok(access("a", R_OK | W_OK) == 0, "access(R_OK|W_OK) as root");
    fails_with(access("a", X_OK), EACCES, "access(X_OK) of a file nobody may execute, even as root");
    chmod("a", 0744);
    ok(access("a", X_OK) == 0, "access(X_OK) once someone may execute it");
    ok(access("a", F_OK) == 0, "access(F_OK)");
    fails_with(access("nothing", F_OK), ENOENT, "access of a missing name");
    fails_with(access("a", 8), EINVAL, "access with an unknown mode bit");
    int dirfd = open(".", O_RDONLY | O_DIRECTORY);
    ok(faccessat(dirfd, "a", R_OK, 0) == 0, "faccessat with a directory fd");
    ok(faccessat(AT_FDCWD, "a", R_OK, AT_EACCESS) == 0, "faccessat(AT_EACCESS)");
    close(dirfd);
}

/* st_blocks counts the 512-byte blocks a file's contents occupy: in
 * tmpfs whole pages, and none for a hole (du and ls -s read it). */
static void test_blocks(void)
{
    struct stat st;
    int fd = open("blk", O_RDWR | O_CREAT | O_TRUNC, 0644);
    long empty = fstat(fd, &st) == 0 ? (long)st.st_blocks : -1;
    write(fd, "hello\n", 6);
    long small = fstat(fd, &st) == 0 ? (long)st.st_blocks : -1;
    if (!ok(empty == 0 && small == 8, "st_blocks: an empty file 0, six bytes in tmpfs one page (8)"))
        why("empty %ld, six bytes %ld", empty, small);
    pwrite(fd, "x", 1, 1000000);
    fstat(fd, &st);
    struct statx_buffer sx;
    memset(&sx, 0, sizeof sx);
    syscall(SYS_statx, AT_FDCWD, "blk", 0, STATX_BASIC_STATS, &sx);
    if (!ok(st.st_size == 1000001 && st.st_blocks == 16 && sx.stx_blocks == 16,
            "a sparse file: two pages written, 16 blocks whatever its size (stat and statx)"))
        why("size %lld, st_blocks %lld, stx_blocks %llu", (long long)st.st_size, (long long)st.st_blocks,
            (unsigned long long)sx.stx_blocks);
    ftruncate(fd, 0);
    fstat(fd, &st);
    long cut = (long)st.st_blocks;
    int allocated = fallocate(fd, 0, 0, 3 * 4096) == 0;
    fstat(fd, &st);
    if (!ok(cut == 0 && allocated && st.st_blocks == 24, "truncated to 0: 0 blocks; fallocate of three pages: 24"))
        why("after truncate %ld, fallocate %d, then %lld", cut, allocated, (long long)st.st_blocks);
    close(fd);
    unlink("blk");
}

static void check_statfs(const char *path, long magic, const char *what)
{
    struct statfs sf;
    int r = statfs(path, &sf);
    if (!ok(r == 0 && (magic == 0 || (long)sf.f_type == magic) && sf.f_bsize > 0 && sf.f_namelen > 0,
            "statfs of %s (%s)", path, what))
        why("returned %d (errno %d), f_type 0x%lx", r, errno, (unsigned long)sf.f_type);
}

static void test_statfs(void)
{
    check_statfs("/", 0, "the root");
    check_statfs("/tmp", TMPFS_MAGIC, "tmpfs");
    check_statfs("/proc", PROC_SUPER_MAGIC, "procfs");
    check_statfs("/dev", TMPFS_MAGIC, "devtmpfs");
    struct statfs sf;
    ok(statfs("/tmp", &sf) == 0 && sf.f_blocks > 0 && sf.f_bfree <= sf.f_blocks && sf.f_bavail <= sf.f_blocks,
        "tmpfs counts its blocks");
    int fds[2];
    pipe(fds);
    ok(fstatfs(fds[0], &sf) == 0 && sf.f_type == 0x50495045, "fstatfs of a pipe (PIPEFS_MAGIC)");
    close(fds[0]), close(fds[1]);
    int fd = open("/proc", O_RDONLY | O_DIRECTORY);
    ok(fstatfs(fd, &sf) == 0 && sf.f_type == PROC_SUPER_MAGIC, "fstatfs of /proc");
    close(fd);
    fails_with(statfs("nothing", &sf), ENOENT, "statfs of a missing name");
    fails_with(syscall(SYS_statfs64, "/", 10, &sf), EINVAL, "statfs64 with the wrong structure size");
    fails_with(fstatfs(999, &sf), EBADF, "fstatfs of a closed fd");
}

int main(void)
{
    plan(75);
    umask(022);
    mkdir(DIR, 0755);
    if (chdir(DIR) != 0) {
        diag("cannot chdir to " DIR ": %s", strerror(errno));
        return 1;
    }
    test_stat();
    test_chmod_chown();
    test_truncate_umask();
    test_times();
    test_access();
    test_statfs();
    test_blocks();
    return done();
}
