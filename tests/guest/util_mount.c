/* util_mount: mount, umount and unshare (user/bin). The test first takes
 * a mount namespace of its own, so that nothing it or the utilities mount
 * is seen by the other tests, and makes / shared there, so that whether
 * a mount travels is visible.
 *
 * - mount lists /proc/mounts as "SRC on DIR type TYPE (OPTIONS)"; mounts
 *   a tmpfs with data options, binds, remounts read-only, changes the
 *   propagation type (seen in /proc/self/mountinfo); refuses bad usage.
 * - umount takes a mount away; a busy one only with -l (MNT_DETACH).
 * - unshare -m runs a command in a new namespace (its /proc/self/ns/mnt
 *   differs), whose mounts are private by default (a mount made there
 *   does not come back out through the shared /), shared or slaves with
 *   --propagation; --fs --files --vm --sighand are accepted; a user who
 *   is not root gets "unshare failed: Operation not permitted". */
#include "utility.h"

#include <sched.h>
#include <sys/mount.h>

#define DIR "/tmp/util-mount"

/* The line of /proc/self/mountinfo (or of text) about mount point dir;
 * "" if there is none. */
static const char *mountinfo_line(const char *text, const char *dir, char *line, size_t size)
{
    char pattern[256];
    snprintf(pattern, sizeof pattern, " %s ", dir);
    line[0] = 0;
    for (const char *p = text; *p;) {
        const char *end = strchr(p, '\n');
        size_t length = end ? (size_t)(end - p) : strlen(p);
        char one[1024];
        snprintf(one, sizeof one, "%.*s", (int)length, p);
        /* The 5th field is the mount point. */
        char *field = one;
        for (int i = 0; i < 4 && field; i++) {
            field = strchr(field, ' ');
            if (field)
                field++;
        }
        if (field && !strncmp(field, dir, strlen(dir)) && field[strlen(dir)] == ' ') {
            snprintf(line, size, "%s", one);
            break;
        }
        p += length + (end ? 1 : 0);
    }
    return line;
}

static const char *my_mountinfo(char *buf, size_t size)
{
    return read_file("/proc/self/mountinfo", buf, size);
}

static int is_mount_point(const char *dir)
{
    static char info[16384];
    char line[1024];
    return mountinfo_line(my_mountinfo(info, sizeof info), dir, line, sizeof line)[0] != 0;
}

static void test_mount(void)
{
    struct run r;
    char info[16384], line[1024];
    run(&r, "/bin/mount");
    expect(&r, 0, "proc on /proc type proc (rw", "", "mount lists the mounts: proc on /proc type proc (rw,...)");

    mkdir(DIR "/t", 0755);
    run(&r, "/bin/mount", "-t", "tmpfs", "-o", "mode=0700", "demo", DIR "/t");
    struct stat st;
    check_run(exited_with(r.status, 0) && is_mount_point(DIR "/t") && stat(DIR "/t", &st) == 0
            && (st.st_mode & 0777) == 0700,
        &r, "mount -t tmpfs -o mode=0700: a new tmpfs, given its data option");
    run(&r, "/bin/mount");
    expect(&r, 0, "demo on " DIR "/t type tmpfs (rw", "", "mount lists it");

    write_file(DIR "/t/file", "x", 0644);
    mkdir(DIR "/b", 0755);
    run(&r, "/bin/mount", "--bind", DIR "/t", DIR "/b");
    check_run(exited_with(r.status, 0) && exists(DIR "/b/file"), &r, "mount --bind shows the same tree in a second place");

    run(&r, "/bin/mount", "-o", "remount,ro", DIR "/t");
    int fd = open(DIR "/t/new", O_WRONLY | O_CREAT, 0644);
    int e = errno;
    if (fd >= 0)
        close(fd);
    check_run(exited_with(r.status, 0) && fd < 0 && e == EROFS, &r, "mount -o remount,ro: creating a file gives EROFS");
    run(&r, "/bin/mount");
    expect(&r, 0, "demo on " DIR "/t type tmpfs (ro", "", "mount lists it read-only");
    run(&r, "/bin/mount", "-o", "remount,rw", DIR "/t");
    check_run(exited_with(r.status, 0) && write_file(DIR "/t/new", "", 0644) == 0, &r, "mount -o remount,rw: writable again");

    run(&r, "/bin/mount", "--make-private", DIR "/t");
    mountinfo_line(my_mountinfo(info, sizeof info), DIR "/t", line, sizeof line);
    check_run(exited_with(r.status, 0) && line[0] && !strstr(line, "shared:"), &r, "mount --make-private: no shared:N");
    run(&r, "/bin/mount", "--make-shared", DIR "/t");
    mountinfo_line(my_mountinfo(info, sizeof info), DIR "/t", line, sizeof line);
    check_run(exited_with(r.status, 0) && strstr(line, "shared:"), &r, "mount --make-shared: shared:N in mountinfo");
    if (!line[0] || !strstr(line, "shared:"))
        diag("mountinfo line: [%s]", line);
    run(&r, "/bin/mount", "--make-rslave", DIR "/t");
    mountinfo_line(my_mountinfo(info, sizeof info), DIR "/t", line, sizeof line);
    check_run(exited_with(r.status, 0) && !strstr(line, "shared:"), &r,
        "mount --make-rslave: no longer shared (a slave of nothing is private)");

    run(&r, "/bin/mount", "--make-sideways", DIR "/t");
    expect(&r, 2, "", "usage: mount", "mount --make-sideways is a usage error");
    run(&r, "/bin/mount", "demo", DIR "/t");
    expect(&r, 2, "", "usage: mount", "mount without -t (nor --bind) is a usage error");
    run(&r, "/bin/mount", "-t", "tmpfs", "none", DIR "/missing");
    expect_exactly(&r, 1, "", "mount: " DIR "/missing: No such file or directory\n", "mount on a missing directory fails");
    run(&r, "/bin/mount", "-t", "nosuchfs", "none", DIR "/t");
    expect_exactly(&r, 1, "", "mount: " DIR "/t: No such device\n", "mount of an unknown file system type fails");
}

static void test_umount(void)
{
    struct run r;
    run(&r, "/bin/umount", DIR "/b");
    check_run(exited_with(r.status, 0) && !is_mount_point(DIR "/b") && !exists(DIR "/b/file"), &r,
        "umount takes the bind mount away");
    int fd = open(DIR "/t/file", O_RDONLY);
    run(&r, "/bin/umount", DIR "/t");
    check_run(exited_with(r.status, 1) && is_mount_point(DIR "/t") && strstr(r.err, "umount: " DIR "/t: Resource busy"),
        &r, "umount of a mount with an open file fails with EBUSY");
    run(&r, "/bin/umount", "-l", DIR "/t");
    char c = 0;
    check_run(exited_with(r.status, 0) && !is_mount_point(DIR "/t") && read(fd, &c, 1) == 1 && c == 'x', &r,
        "umount -l detaches it at once; the open file still reads");
    close(fd);
    run(&r, "/bin/umount", DIR "/t");
    expect_exactly(&r, 1, "", "umount: " DIR "/t: Invalid argument\n", "umount of a directory that is no mount fails");
    run(&r, "/bin/umount");
    expect(&r, 2, "", "usage: umount", "umount without operands is a usage error");
}

static void test_unshare(void)
{
    struct run r;
    char mine[64] = "", line[1024];
    readlink("/proc/self/ns/mnt", mine, sizeof mine - 1);

    run(&r, "/bin/unshare", "-m", "/bin/ls", "-l", "/proc/self/ns/mnt");
    check_run(exited_with(r.status, 0) && strstr(r.out, "-> mnt:[") && !strstr(r.out, mine), &r,
        "unshare -m: the command runs in a mount namespace of its own");

    /* / is shared in the test's namespace (main): by default the copy is
     * made private. */
    run(&r, "/bin/unshare", "-m", "/bin/cat", "/proc/self/mountinfo");
    mountinfo_line(r.out, "/", line, sizeof line);
    check_run(exited_with(r.status, 0) && line[0] && !strstr(r.out, "shared:"), &r,
        "unshare -m makes every mount private (no shared:N in its mountinfo)");
    run(&r, "/bin/unshare", "-m", "--propagation", "unchanged", "/bin/cat", "/proc/self/mountinfo");
    mountinfo_line(r.out, "/", line, sizeof line);
    check_run(exited_with(r.status, 0) && strstr(line, "shared:"), &r,
        "unshare --propagation unchanged keeps / shared (a peer of the test's /)");
    run(&r, "/bin/unshare", "-m", "--propagation", "slave", "/bin/cat", "/proc/self/mountinfo");
    mountinfo_line(r.out, "/", line, sizeof line);
    check_run(exited_with(r.status, 0) && strstr(line, "master:") && !strstr(line, "shared:"), &r,
        "unshare --propagation slave makes / a slave (master:N)");

    /* What the default is for: a mount made inside stays inside. */
    mkdir(DIR "/in", 0755);
    run(&r, "/bin/unshare", "-m", "/bin/mount", "-t", "tmpfs", "none", DIR "/in");
    check_run(exited_with(r.status, 0) && !is_mount_point(DIR "/in"), &r,
        "unshare -m: a mount made inside does not appear outside");
    run(&r, "/bin/unshare", "-m", "--propagation", "unchanged", "/bin/mount", "-t", "tmpfs", "none", DIR "/in");
    check_run(exited_with(r.status, 0) && is_mount_point(DIR "/in"), &r,
        "unshare --propagation unchanged: through the shared /, it does");
    umount2(DIR "/in", MNT_DETACH);

    run(&r, "/bin/unshare", "--fs", "--files", "--vm", "--sighand", "/bin/echo", "alone");
    expect_exactly(&r, 0, "alone\n", "", "unshare --fs --files --vm --sighand runs the command");
    char *env[] = { "SHELL=/bin/pwd", NULL };
    struct run_setup shell = { .envp = env };
    run_as(&r, &shell, "/bin/unshare", "-m");
    expect_exactly(&r, 0, "/\n", "", "unshare without a command runs $SHELL");
    struct run_setup nobody = { .prepare = become_nobody };
    run_as(&r, &nobody, "/bin/unshare", "-m", "/bin/true");
    expect_exactly(&r, 1, "", "unshare: unshare failed: Operation not permitted\n",
        "unshare -m as nobody: unshare failed: Operation not permitted");
    run(&r, "/bin/unshare", "-m", "/nonexistent");
    expect_exactly(&r, 127, "", "unshare: /nonexistent: No such file or directory\n",
        "unshare of a missing command: status 127");
    run(&r, "/bin/unshare", "--propagation", "sideways", "/bin/true");
    expect(&r, 2, "", "usage: unshare", "unshare --propagation sideways is a usage error");
    run(&r, "/bin/unshare", "-x", "/bin/true");
    expect(&r, 2, "", "usage: unshare", "unshare -x is a usage error");
}

int main(void)
{
    plan(31);
    if (unshare(CLONE_NEWNS) != 0 || mount("none", "/", NULL, MS_REC | MS_SHARED, NULL) != 0)
        diag("a shared mount namespace of its own: %s", strerror(errno));
    mkdir(DIR, 0755);
    test_mount();
    test_umount();
    test_unshare();
    rmdir(DIR "/t");
    rmdir(DIR "/b");
    rmdir(DIR "/in");
    rmdir(DIR);
    return done();
}
