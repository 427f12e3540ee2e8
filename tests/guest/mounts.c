/* mounts: mount(2), umount(2) and umount2(2). New tmpfs, proc and
 * devtmpfs mounts; bind mounts of directories and of files, recursive
 * or not; read-only mounts and remounts; tmpfs's size limit; the errors
 * (EBUSY, EINVAL for what is not a mount point, ENOENT, ENOTDIR, ENODEV,
 * EROFS, ENOSPC); lazy unmounts; and what /proc/self/mountinfo says. As
 * root, under /tmp/mounts-test. */
#include "tap.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>

#define DIR "/tmp/mounts-test"

static char text[65536];

static int make(const char *path, const char *data)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        return -1;
    write(fd, data, strlen(data));
    close(fd);
    return 0;
}

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

static dev_t device_of(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? st.st_dev : (dev_t)-1;
}

/* The line of /proc/self/mountinfo whose mount point is `point`, or NULL. */
static const char *mountinfo_line(const char *point)
{
    static char line[512];
    int fd = open("/proc/self/mountinfo", O_RDONLY);
    long used = 0, n;
    while ((n = read(fd, text + used, sizeof text - 1 - (size_t)used)) > 0)
        used += n;
    close(fd);
    text[used] = 0;
    const char *found = NULL;
    for (char *p = text; *p;) {
        char *end = strchr(p, '\n');
        if (!end)
            break;
        char mountpoint[256];
        if (sscanf(p, "%*u %*u %*u:%*u %*s %255s", mountpoint) == 1 && !strcmp(mountpoint, point)) {
            size_t len = (size_t)(end - p) < sizeof line - 1 ? (size_t)(end - p) : sizeof line - 1;
            memcpy(line, p, len);
            line[len] = 0;
            found = line; /* the last one: the top of a stack */
        }
        p = end + 1;
    }
    return found;
}

static void test_new_mounts(void)
{
    mkdir(DIR "/t", 0755);
    make(DIR "/t/under", "hidden");
    dev_t before = device_of(DIR "/t");
    succeeds(mount("none", DIR "/t", "tmpfs", 0, "size=64k,mode=0700"), "mount a tmpfs");
    struct stat st;
    ok(device_of(DIR "/t") != before && stat(DIR "/t", &st) == 0 && (st.st_mode & 07777) == 0700,
        "the mount point now shows the new file system's root (mode=0700)");
    ok(!exists(DIR "/t/under"), "and hides what was there");
    const char *line = mountinfo_line(DIR "/t");
    ok(line && strstr(line, " - tmpfs none "), "mountinfo shows it: type tmpfs, source none");
    make(DIR "/t/inside", "x");
    ok(exists(DIR "/t/inside"), "files can be made in it");

    /* size=64k: 16 pages, then ENOSPC. */
    int fd = open(DIR "/t/big", O_WRONLY | O_CREAT, 0644);
    static char block[100000];
    ssize_t n = write(fd, block, sizeof block);
    ok(n > 0 && n <= 65536, "a write larger than the limit is cut short (%zd bytes)", n);
    fails_with(write(fd, block, 4096), ENOSPC, "a write into a full tmpfs");
    struct statfs sf;
    ok(statfs(DIR "/t", &sf) == 0 && sf.f_blocks == 16 && sf.f_bfree == 0, "statfs: 16 blocks of 4 KiB, none free");
    close(fd);
    unlink(DIR "/t/big");
    if (!ok(statfs(DIR "/t", &sf) == 0 && sf.f_bfree == 15, "removing the file frees its blocks (the one of \"inside\" stays used)"))
        why("%llu free", (unsigned long long)sf.f_bfree);

    fd = open(DIR "/t/inside", O_RDONLY);
    fails_with(umount(DIR "/t"), EBUSY, "umount of a mount with an open file in it");
    close(fd);
    chdir(DIR "/t");
    fails_with(umount(DIR "/t"), EBUSY, "umount of a mount that is someone's cwd");
    chdir("/");
    succeeds(umount(DIR "/t"), "umount once nothing uses it");
    ok(exists(DIR "/t/under") && device_of(DIR "/t") == before, "what it covered is back");
    fails_with(umount(DIR "/t"), EINVAL, "umount of a directory that is not a mount point");
    fails_with(umount(DIR "/nothing"), ENOENT, "umount of a missing path");

    mkdir(DIR "/p", 0755);
    ok(mount("proc", DIR "/p", "proc", 0, NULL) == 0 && exists(DIR "/p/self/status"), "mount another proc");
    umount(DIR "/p");
    ok(mount("devtmpfs", DIR "/p", "devtmpfs", 0, NULL) == 0 && exists(DIR "/p/null"), "mount devtmpfs: the same devices");
    ok(syscall(SYS_umount, DIR "/p") == 0 && !exists(DIR "/p/null"), "the old umount system call (22)");
    ok(mount("none", DIR "/p", "tmpfs", 0, NULL) == 0, "a tmpfs without size=");
    struct sysinfo si;
    sysinfo(&si);
    unsigned long long half = (unsigned long long)si.totalram * si.mem_unit / 2 / 4096;
    if (!ok(statfs(DIR "/p", &sf) == 0 && sf.f_blocks == half, "has half of RAM: %llu blocks", half))
        why("f_blocks %llu", (unsigned long long)sf.f_blocks);
    umount(DIR "/p");
    fails_with(mount("none", DIR "/p", "nosuchfs", 0, NULL), ENODEV, "mount of an unknown type");
    fails_with(mount("none", DIR "/nothing", "tmpfs", 0, NULL), ENOENT, "mount on a missing path");
    make(DIR "/file", "f");
    fails_with(mount("none", DIR "/file", "tmpfs", 0, NULL), ENOTDIR, "a tmpfs on a file");
    fails_with(mount("none", DIR "/p", "tmpfs", 0, "colour=blue"), EINVAL, "a tmpfs option it does not know");

    /* Mounts stack; each umount takes the top one. */
    mount("none", DIR "/p", "tmpfs", 0, NULL);
    make(DIR "/p/first", "1");
    mount("none", DIR "/p", "tmpfs", 0, NULL);
    ok(!exists(DIR "/p/first"), "a second mount on the same place covers the first");
    umount(DIR "/p");
    ok(exists(DIR "/p/first"), "umount takes the top one off");
    umount(DIR "/p");
}

static void test_bind_mounts(void)
{
    mkdir(DIR "/src", 0755);
    mkdir(DIR "/src/sub", 0755);
    make(DIR "/src/sub/file", "in src");
    mkdir(DIR "/dst", 0755);
    succeeds(mount(DIR "/src/sub", DIR "/dst", NULL, MS_BIND, NULL), "bind mount a directory");
    ok(exists(DIR "/dst/file") && device_of(DIR "/dst") == device_of(DIR "/src/sub"), "the same directory, seen in two places");
    make(DIR "/dst/new", "new");
    ok(exists(DIR "/src/sub/new"), "a file made through one is there in the other");
    const char *line = mountinfo_line(DIR "/dst");
    if (!ok(line && strstr(line, " /mounts-test/src/sub " DIR "/dst "), "mountinfo: its root inside the file system is /mounts-test/src/sub"))
        why("%s", line);
    ok(chdir(DIR "/dst/..") == 0 && exists("src") && chdir("/") == 0, "'..' at a bind mount's root leaves the mount");
    umount(DIR "/dst");

    make(DIR "/f1", "one");
    make(DIR "/f2", "two");
    succeeds(mount(DIR "/f1", DIR "/f2", NULL, MS_BIND, NULL), "bind mount a file on a file");
    int fd = open(DIR "/f2", O_RDONLY);
    char buf[8] = { 0 };
    ok(read(fd, buf, sizeof buf) == 3 && !strcmp(buf, "one"), "the file shows through");
    close(fd);
    fails_with(unlink(DIR "/f2"), EBUSY, "unlink of a file that is a mount point");
    umount(DIR "/f2");
    fails_with(mount(DIR "/f1", DIR "/dst", NULL, MS_BIND, NULL), ENOTDIR, "bind of a file on a directory");
    fails_with(mount(DIR "/nothing", DIR "/dst", NULL, MS_BIND, NULL), ENOENT, "bind of a missing path");

    /* Recursive or not: submounts come along only with MS_REC. */
    mkdir(DIR "/tree", 0755);
    mount("none", DIR "/tree", "tmpfs", 0, NULL);
    mkdir(DIR "/tree/deep", 0755);
    mount("none", DIR "/tree/deep", "tmpfs", 0, NULL);
    make(DIR "/tree/deep/leaf", "leaf");
    mount(DIR "/tree", DIR "/dst", NULL, MS_BIND, NULL);
    ok(exists(DIR "/dst/deep") && !exists(DIR "/dst/deep/leaf"), "a plain bind leaves the submounts behind");
    umount(DIR "/dst");
    mount(DIR "/tree", DIR "/dst", NULL, MS_BIND | MS_REC, NULL);
    ok(exists(DIR "/dst/deep/leaf"), "MS_BIND|MS_REC brings them");
    fails_with(umount(DIR "/dst"), EBUSY, "umount of a mount with a submount");
    succeeds(umount2(DIR "/dst", MNT_DETACH), "umount2(MNT_DETACH) takes the whole tree away");
    ok(!exists(DIR "/dst/deep"), "it is gone from the namespace");
    umount(DIR "/tree/deep");
    umount(DIR "/tree");

    /* A lazy unmount leaves the mount usable by whoever is in it. */
    mount("none", DIR "/dst", "tmpfs", 0, NULL);
    make(DIR "/dst/kept", "k");
    int dirfd = open(DIR "/dst", O_RDONLY | O_DIRECTORY);
    succeeds(umount2(DIR "/dst", MNT_DETACH), "umount2(MNT_DETACH) of a mount in use");
    ok(!exists(DIR "/dst/kept") && faccessat(dirfd, "kept", F_OK, 0) == 0, "gone from the path, still reachable through an open fd");
    close(dirfd);
    fails_with(umount2(DIR "/dst", 0x100), EINVAL, "umount2 with an unknown flag");
}

static void test_read_only(void)
{
    mkdir(DIR "/ro", 0755);
    mount("none", DIR "/ro", "tmpfs", 0, NULL);
    make(DIR "/ro/file", "data");
    mkdir(DIR "/rob", 0755);
    mount(DIR "/ro", DIR "/rob", NULL, MS_BIND, NULL);
    succeeds(mount(NULL, DIR "/rob", NULL, MS_REMOUNT | MS_BIND | MS_RDONLY, NULL), "remount a bind mount read-only");
    fails_with(open(DIR "/rob/file", O_WRONLY), EROFS, "open for writing on the read-only mount");
    fails_with(open(DIR "/rob/new", O_WRONLY | O_CREAT, 0644), EROFS, "create on it");
    fails_with(mkdir(DIR "/rob/d", 0755), EROFS, "mkdir on it");
    fails_with(unlink(DIR "/rob/file"), EROFS, "unlink on it");
    fails_with(chmod(DIR "/rob/file", 0600), EROFS, "chmod on it");
    int fd = open(DIR "/ro/file", O_WRONLY);
    ok(fd >= 0, "the other mount of the same file system stays writable");
    close(fd);
    const char *line = mountinfo_line(DIR "/rob");
    ok(line && strstr(line, " ro"), "mountinfo shows it ro");
    struct statfs sf;
    ok(statfs(DIR "/rob", &sf) == 0 && (sf.f_flags & ST_RDONLY), "statfs says ST_RDONLY");
    succeeds(mount(NULL, DIR "/rob", NULL, MS_REMOUNT | MS_BIND, NULL), "remount it read-write");
    fd = open(DIR "/rob/file", O_WRONLY);
    ok(fd >= 0, "and it is writable again");
    close(fd);
    umount(DIR "/rob");
    mkdir(DIR "/ro2", 0755);
    ok(mount("none", DIR "/ro2", "tmpfs", MS_RDONLY, NULL) == 0 && mkdir(DIR "/ro2/x", 0755) == -1 && errno == EROFS,
        "a tmpfs mounted MS_RDONLY");
    umount(DIR "/ro2");
    fails_with(mount(NULL, DIR "/ro", NULL, MS_REMOUNT, "nosuchoption=1"), EINVAL, "remount with an option tmpfs does not know");
    fails_with(mount(NULL, DIR, NULL, MS_REMOUNT, NULL), EINVAL, "remount of a directory that is not a mount point");
    umount(DIR "/ro");
}

int main(void)
{
    plan(58);
    mkdir(DIR, 0755);
    test_new_mounts();
    test_bind_mounts();
    test_read_only();
    return done();
}
