/* dirs: names and directories. mkdir, mkdirat, rmdir, unlink, unlinkat,
 * rename, renameat, link, linkat, symlink, symlinkat, readlink,
 * readlinkat, getdents64 and getdents, chdir, fchdir, getcwd, chroot;
 * every *at call with a real directory fd as well as AT_FDCWD; and the
 * errors Linux gives. Works in a fresh directory under /tmp. */
#include "tap.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#define DIR "/tmp/dirs-test"

static int touch(const char *path)
{
    int fd = open(path, O_WRONLY | O_CREAT, 0644);
    if (fd < 0)
        return -1;
    close(fd);
    return 0;
}

static nlink_t links_of(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0 ? st.st_nlink : 0;
}

static int exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

static void test_mkdir_rmdir(void)
{
    succeeds(mkdir("d", 0750), "mkdir");
    struct stat st;
    ok(stat("d", &st) == 0 && S_ISDIR(st.st_mode) && (st.st_mode & 07777) == 0750, "a directory, mode 0750");
    ok(st.st_nlink == 2, "an empty directory has st_nlink 2");
    nlink_t before = links_of(".");
    mkdir("d/sub", 0755);
    ok(links_of("d") == 3 && links_of(".") == before, "a subdirectory adds a link to its parent");
    fails_with(mkdir("d", 0755), EEXIST, "mkdir of an existing name");
    fails_with(mkdir("d/sub/..", 0755), EEXIST, "mkdir of ..");
    fails_with(mkdir("missing/x", 0755), ENOENT, "mkdir in a missing directory");
    touch("file");
    fails_with(mkdir("file/x", 0755), ENOTDIR, "mkdir below a file");
    succeeds(mkdir("slash/", 0755), "mkdir with a trailing slash");

    fails_with(rmdir("d"), ENOTEMPTY, "rmdir of a non-empty directory");
    fails_with(rmdir("file"), ENOTDIR, "rmdir of a file");
    fails_with(rmdir("d/sub/."), EINVAL, "rmdir of .");
    fails_with(rmdir("d/sub/.."), ENOTEMPTY, "rmdir of ..");
    fails_with(rmdir("nothing"), ENOENT, "rmdir of a missing name");
    fails_with(rmdir("/"), EBUSY, "rmdir of /");
    ok(rmdir("d/sub") == 0 && links_of("d") == 2, "rmdir takes the link away from the parent");
    ok(rmdir("d") == 0 && !exists("d"), "rmdir of an empty directory");

    int dirfd = open(".", O_RDONLY | O_DIRECTORY);
    mkdir("at", 0755);
    int at = open("at", O_RDONLY | O_DIRECTORY);
    ok(mkdirat(at, "inner", 0700) == 0 && exists("at/inner"), "mkdirat with a directory fd");
    ok(mkdirat(AT_FDCWD, "at/cwd", 0700) == 0 && exists("at/cwd"), "mkdirat with AT_FDCWD");
    int file = open("file", O_RDONLY);
    fails_with(mkdirat(file, "x", 0700), ENOTDIR, "mkdirat relative to a file");
    fails_with(mkdirat(1000, "x", 0700), EBADF, "mkdirat relative to a closed fd");
    ok(unlinkat(at, "inner", AT_REMOVEDIR) == 0 && !exists("at/inner"), "unlinkat(AT_REMOVEDIR) with a directory fd");
    fails_with(unlinkat(at, "cwd", 0), EISDIR, "unlinkat without AT_REMOVEDIR of a directory");
    fails_with(unlinkat(at, "cwd", 0x4000), EINVAL, "unlinkat with an unknown flag");
    close(file), close(at), close(dirfd);
}

static void test_unlink(void)
{
    touch("gone");
    int fd = open("gone", O_RDWR);
    ok(unlink("gone") == 0 && !exists("gone"), "unlink removes the name");
    struct stat st;
    ok(write(fd, "still", 5) == 5 && pread(fd, (char[8]){ 0 }, 5, 0) == 5 && fstat(fd, &st) == 0 && st.st_nlink == 0,
        "an unlinked file lives on while open, with st_nlink 0");
    close(fd);
    fails_with(unlink("gone"), ENOENT, "unlink of a missing name");
    mkdir("adir", 0755);
    fails_with(unlink("adir"), EISDIR, "unlink of a directory");
    touch("afile");
    fails_with(unlink("afile/"), ENOTDIR, "unlink of a file named with a trailing slash");
    fails_with(unlink("/"), EISDIR, "unlink of /");
    int dirfd = open(".", O_RDONLY | O_DIRECTORY);
    ok(unlinkat(dirfd, "afile", 0) == 0 && !exists("afile"), "unlinkat with a directory fd");
    close(dirfd);
}

static void test_links(void)
{
    touch("orig");
    ok(link("orig", "hard") == 0 && links_of("orig") == 2, "link adds a name and a link count");
    struct stat a, b;
    stat("orig", &a);
    stat("hard", &b);
    ok(a.st_ino == b.st_ino, "both names are one inode");
    fails_with(link("orig", "hard"), EEXIST, "link to an existing name");
    fails_with(link("nothing", "x"), ENOENT, "link of a missing file");
    mkdir("ldir", 0755);
    fails_with(link("ldir", "ldir2"), EPERM, "link of a directory");
    fails_with(link("orig", "/dirs-test-cross"), EXDEV, "link across mounts (/tmp to /)");
    int dirfd = open("ldir", O_RDONLY | O_DIRECTORY);
    ok(linkat(AT_FDCWD, "orig", dirfd, "third", 0) == 0 && links_of("orig") == 3, "linkat into a directory fd");
    symlink("orig", "sym");
    ok(linkat(AT_FDCWD, "sym", AT_FDCWD, "sym-link", 0) == 0 && S_ISLNK((lstat("sym-link", &a), a.st_mode)),
        "linkat without AT_SYMLINK_FOLLOW links the symbolic link itself");
    ok(linkat(AT_FDCWD, "sym", AT_FDCWD, "sym-follow", AT_SYMLINK_FOLLOW) == 0 && links_of("orig") == 4,
        "linkat with AT_SYMLINK_FOLLOW links the target");
    fails_with(linkat(AT_FDCWD, "orig", AT_FDCWD, "x", 0x1), EINVAL, "linkat with an unknown flag");
    unlink("hard");
    ok(links_of("orig") == 3, "unlink of one name takes one link");
    close(dirfd);

    ok(symlink("target/path", "s1") == 0, "symlink");
    char text[64] = { 0 };
    ok(readlink("s1", text, sizeof text) == 11 && !memcmp(text, "target/path", 11), "readlink gives the target, no NUL");
    ok(readlink("s1", text, 4) == 4 && !memcmp(text, "targ", 4), "readlink truncates to the buffer");
    fails_with(readlink("orig", text, sizeof text), EINVAL, "readlink of a file that is not a link");
    fails_with(syscall(SYS_readlink, "s1", text, 0), EINVAL, "readlink with a size of 0");
    fails_with(readlink("nothing", text, sizeof text), ENOENT, "readlink of a missing name");
    fails_with(symlink("x", "s1"), EEXIST, "symlink to an existing name");
    fails_with(symlink("", "s2"), ENOENT, "symlink with an empty target");
    dirfd = open("ldir", O_RDONLY | O_DIRECTORY);
    ok(symlinkat("../orig", dirfd, "up") == 0 && readlinkat(dirfd, "up", text, sizeof text) == 7, "symlinkat and readlinkat with a directory fd");
    ok(open("ldir/up", O_RDONLY) >= 0, "a relative link target starts from the link's directory");
    close(dirfd);
    symlink("loop2", "loop1");
    symlink("loop1", "loop2");
    fails_with(open("loop1", O_RDONLY), ELOOP, "a loop of symbolic links");
    symlink("orig", "nd");
    ok(lstat("nd", &a) == 0 && S_ISLNK(a.st_mode) && a.st_size == 4, "lstat sees the link, its size the target's length");
    ok(stat("nd", &b) == 0 && S_ISREG(b.st_mode), "stat sees through it");
}

static void test_rename(void)
{
    touch("r1");
    ok(rename("r1", "r2") == 0 && !exists("r1") && exists("r2"), "rename a file");
    touch("r3");
    struct stat st;
    stat("r3", &st);
    ok(rename("r3", "r2") == 0 && !exists("r3") && (stat("r2", &st), 1), "rename over an existing file replaces it");
    fails_with(rename("missing", "r9"), ENOENT, "rename of a missing name");
    mkdir("rd", 0755);
    mkdir("rd/inner", 0755);
    fails_with(rename("rd", "rd/inner/x"), EINVAL, "rename of a directory into itself");
    fails_with(rename("r2", "rd"), EISDIR, "rename of a file over a directory");
    fails_with(rename("rd", "r2"), ENOTDIR, "rename of a directory over a file");
    mkdir("full", 0755);
    touch("full/x");
    ok(rename("rd/inner", "empty") == 0 && exists("empty"), "rename a directory");
    mkdir("empty2", 0755);
    ok(rename("empty", "empty2") == 0 && !exists("empty"), "rename a directory over an empty one");
    int e = (rename("empty2", "full"), errno);
    ok(e == ENOTEMPTY || e == EEXIST, "rename over a non-empty directory fails (ENOTEMPTY or EEXIST)");
    fails_with(rename("r2", "/proc/r2"), EXDEV, "rename across mounts");
    fails_with(rename(".", "x"), EBUSY, "rename of .");
    nlink_t before = links_of("rd");
    mkdir("mover", 0755);
    ok(rename("mover", "rd/mover") == 0 && links_of("rd") == before + 1, "a directory moved in adds a link to its new parent");
    link("r2", "r2-link");
    ok(rename("r2", "r2-link") == 0 && exists("r2") && exists("r2-link"), "rename between two links of one file does nothing");
    int a = open(".", O_RDONLY | O_DIRECTORY), b = open("rd", O_RDONLY | O_DIRECTORY);
    ok(renameat(a, "r2", b, "moved") == 0 && exists("rd/moved"), "renameat with directory fds");
    ok(syscall(SYS_renameat2, AT_FDCWD, "rd/moved", AT_FDCWD, "r2-link", 1) == -1 && errno == EEXIST,
        "renameat2(RENAME_NOREPLACE) does not replace");
    close(a), close(b);
}

/* Every name getdents64 lists in `path`, as "name,name,..." sorted. */
static int listing_has(const char *path, const char *name, int *count)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY);
    char buffer[512];
    int found = 0;
    *count = 0;
    for (;;) {
        long n = syscall(SYS_getdents64, fd, buffer, sizeof buffer);
        if (n <= 0)
            break;
        for (long off = 0; off < n;) {
            struct dirent64 *d = (struct dirent64 *)(buffer + off);
            (*count)++;
            if (!strcmp(d->d_name, name))
                found = 1;
            off += d->d_reclen;
        }
    }
    close(fd);
    return found;
}

static void test_getdents(void)
{
    mkdir("list", 0755);
    for (int i = 0; i < 50; i++) {
        char name[64];
        snprintf(name, sizeof name, "list/entry-with-a-longish-name-%02d", i);
        touch(name);
    }
    mkdir("list/subdir", 0755);
    int count = 0;
    ok(listing_has("list", "entry-with-a-longish-name-49", &count) && count == 53,
        "getdents64 lists every entry, with . and .., over several calls");
    ok(listing_has("list", ".", &count) && listing_has("list", "..", &count), ". and .. are listed");
    int fd = open("list", O_RDONLY | O_DIRECTORY);
    char buffer[4096];
    long n = syscall(SYS_getdents64, fd, buffer, sizeof buffer);
    int types_ok = n > 0;
    for (long off = 0; off < n;) {
        struct dirent64 *d = (struct dirent64 *)(buffer + off);
        if (!strcmp(d->d_name, "subdir") && d->d_type != DT_DIR)
            types_ok = 0;
        if (!strncmp(d->d_name, "entry", 5) && d->d_type != DT_REG)
            types_ok = 0;
        off += d->d_reclen;
    }
    ok(types_ok, "d_type is DT_DIR for a directory, DT_REG for a file");
    lseek(fd, 0, SEEK_SET);
    fails_with(syscall(SYS_getdents64, fd, buffer, 10), EINVAL, "getdents64 with a buffer too small for one entry");
    lseek(fd, 0, SEEK_SET);
    n = syscall(SYS_getdents, fd, buffer, sizeof buffer);
    ok(n > 0 && !strcmp(buffer + 10, "."), "the old getdents lists too (linux_dirent layout)");
    close(fd);
    int file = open("list/entry-with-a-longish-name-00", O_RDONLY);
    fails_with(syscall(SYS_getdents64, file, buffer, sizeof buffer), ENOTDIR, "getdents64 of a file");
    close(file);
    fails_with(syscall(SYS_getdents64, 999, buffer, sizeof buffer), EBADF, "getdents64 of a closed fd");

    /* A listing resumes where it stopped, even after the entries it
     * already gave were removed (as rm -r does). */
    fd = open("list", O_RDONLY | O_DIRECTORY);
    n = syscall(SYS_getdents64, fd, buffer, 300);
    char last[300] = "";
    for (long off = 0; off < n;) {
        struct dirent64 *d = (struct dirent64 *)(buffer + off);
        if (d->d_name[0] != '.') {
            char path[300];
            snprintf(path, sizeof path, "list/%s", d->d_name);
            unlink(path);
            snprintf(last, sizeof last, "%s", d->d_name);
        }
        off += d->d_reclen;
    }
    int again = 0, seen = 0;
    while ((n = syscall(SYS_getdents64, fd, buffer, sizeof buffer)) > 0) {
        for (long off = 0; off < n;) {
            struct dirent64 *d = (struct dirent64 *)(buffer + off);
            again |= !strcmp(d->d_name, last) || !strcmp(d->d_name, ".");
            seen++;
            off += d->d_reclen;
        }
    }
    close(fd);
    ok(!again && seen > 40, "after removing what it listed, a listing goes on with the rest (%d more)", seen);
}

static void test_cwd_root(void)
{
    char cwd[256];
    ok(getcwd(cwd, sizeof cwd) && !strcmp(cwd, DIR), "getcwd gives the absolute path");
    mkdir("c1", 0755);
    mkdir("c1/c2", 0755);
    ok(chdir("c1/c2") == 0 && getcwd(cwd, sizeof cwd) && !strcmp(cwd, DIR "/c1/c2"), "chdir to a relative path");
    ok(chdir("../..") == 0 && getcwd(cwd, sizeof cwd) && !strcmp(cwd, DIR), "chdir(\"../..\")");
    fails_with(chdir("nothing"), ENOENT, "chdir to a missing directory");
    touch("cf");
    fails_with(chdir("cf"), ENOTDIR, "chdir to a file");
    int fd = open("c1", O_RDONLY | O_DIRECTORY);
    ok(fchdir(fd) == 0 && getcwd(cwd, sizeof cwd) && !strcmp(cwd, DIR "/c1"), "fchdir");
    close(fd);
    fd = open(DIR "/cf", O_RDONLY);
    fails_with(fchdir(fd), ENOTDIR, "fchdir to a file");
    close(fd);
    fails_with(fchdir(999), EBADF, "fchdir of a closed fd");
    fails_with(syscall(SYS_getcwd, cwd, 5), ERANGE, "getcwd into a buffer too small");
    fails_with(syscall(SYS_getcwd, (char *)0xC0000000u, sizeof cwd), EFAULT, "getcwd into a kernel address");
    ok(syscall(SYS_getcwd, cwd, sizeof cwd) == (long)strlen(DIR "/c1") + 1, "the getcwd system call returns the length with the NUL");
    chdir(DIR);
    mkdir("gone-dir", 0755);
    chdir("gone-dir");
    rmdir(DIR "/gone-dir");
    fails_with(syscall(SYS_getcwd, cwd, sizeof cwd), ENOENT, "getcwd in a removed directory");
    chdir(DIR);

    /* chroot in a child: the new root is "/", and ".." stops there. */
    mkdir("jail", 0755);
    mkdir("jail/etc", 0755);
    touch("jail/etc/inside");
    pid_t pid = fork();
    if (pid == 0) {
        if (chroot(DIR "/jail") != 0 || chdir("/") != 0)
            _exit(1);
        struct stat st;
        if (stat("/etc/inside", &st) != 0)
            _exit(2);
        if (stat("/../../etc/inside", &st) != 0)
            _exit(3);
        char here[64];
        if (!getcwd(here, sizeof here) || strcmp(here, "/"))
            _exit(4);
        if (stat("/tmp", &st) == 0)
            _exit(5);
        _exit(0);
    }
    int status;
    waitpid(pid, &status, 0);
    if (!ok(exited_with(status, 0), "after chroot, / is the new root and .. cannot leave it"))
        why("child %s", status_text(status));
    fails_with(chroot("nothing"), ENOENT, "chroot to a missing directory");
    fails_with(chroot("cf"), ENOTDIR, "chroot to a file");
}

int main(void)
{
    plan(93);
    umask(022);
    mkdir(DIR, 0755);
    if (chdir(DIR) != 0) {
        diag("cannot chdir to " DIR ": %s", strerror(errno));
        return 1;
    }
    test_mkdir_rmdir();
    test_unlink();
    test_links();
    test_rename();
    test_getdents();
    test_cwd_root();
    return done();
}
