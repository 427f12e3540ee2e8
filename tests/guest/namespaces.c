/* namespaces: mount namespaces, between a parent and a child that calls
 * unshare(CLONE_NEWNS). A mount made in one is invisible in the other,
 * both ways; /proc/<pid>/ns/mnt and mountinfo differ. Shared mounts keep
 * propagating between the two namespaces both ways; the child can make
 * its copy a slave (the parent's mounts still arrive, its own do not go
 * back), private (nothing either way), and an unbindable mount stays
 * unbindable. Last, a per-user /tmp: a bind mount in a private namespace.
 *
 * Where unshare(CLONE_NEWNS) is not implemented (ENOSYS) every check is
 * skipped. The parent and the child take turns through two pipes. */
#include "tap.h"

#include <fcntl.h>
#include <sched.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/stat.h>

#define DIR "/tmp/namespaces-test"
#define TESTS 21

static int to_child[2], to_parent[2];

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

static int make(const char *path)
{
    int fd = open(path, O_WRONLY | O_CREAT, 0644);
    if (fd < 0)
        return -1;
    close(fd);
    return 0;
}

static int mount_marked(const char *path, const char *marker)
{
    mkdir(path, 0755);
    if (mount("none", path, "tmpfs", 0, NULL) != 0)
        return -1;
    char file[256];
    snprintf(file, sizeof file, "%s/%s", path, marker);
    return make(file);
}

static int has(const char *directory, const char *marker)
{
    char file[256];
    snprintf(file, sizeof file, "%s/%s", directory, marker);
    return exists(file);
}

/* One byte each way: the other side's step is done. A closed pipe (the
 * other side died) reads as 'x'. */
static void say(int fd, char c) { write(fd, &c, 1); }
static char hear(int fd)
{
    char c;
    return read(fd, &c, 1) == 1 ? c : 'x';
}

/* The child reports each of its results as one byte: '1' or '0'. */
static void report(int good) { say(to_parent[1], good ? '1' : '0'); }

static void child(void)
{
    close(to_child[1]), close(to_parent[0]);
    if (unshare(CLONE_NEWNS) != 0) {
        say(to_parent[1], 'n'); /* no namespaces here */
        _exit(0);
    }
    say(to_parent[1], 'u');
    hear(to_child[0]); /* the parent mounted DIR/parent-only */
    report(!has(DIR "/parent-only", "p"));
    mount_marked(DIR "/child-only", "c");
    report(has(DIR "/child-only", "c"));
    say(to_parent[1], 'm');
    hear(to_child[0]);

    /* shared: the copy of DIR/shared is a peer of the parent's */
    hear(to_child[0]); /* the parent mounted shared/from-parent */
    report(has(DIR "/shared/from-parent", "p"));
    mount_marked(DIR "/shared/from-child", "c");
    say(to_parent[1], 'm');
    hear(to_child[0]);

    /* slave */
    report(mount(NULL, DIR "/shared", NULL, MS_SLAVE, NULL) == 0);
    say(to_parent[1], 's');
    hear(to_child[0]); /* the parent mounted shared/to-slave */
    report(has(DIR "/shared/to-slave", "p"));
    mount_marked(DIR "/shared/from-slave", "c");
    say(to_parent[1], 'm');
    hear(to_child[0]);

    /* private */
    report(mount(NULL, DIR "/shared", NULL, MS_PRIVATE, NULL) == 0);
    say(to_parent[1], 'p');
    hear(to_child[0]); /* the parent mounted shared/after-private */
    report(!has(DIR "/shared/after-private", "p"));

    /* unbindable stays unbindable in the copy */
    mkdir(DIR "/bind-target", 0755);
    errno = 0;
    report(mount(DIR "/unbindable", DIR "/bind-target", NULL, MS_BIND, NULL) == -1 && errno == EINVAL);

    /* A per-user /tmp: in this private namespace, nobody's own directory
     * is bound on /tmp. */
    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL);
    report(mount(DIR "/users/nobody", "/tmp", NULL, MS_BIND, NULL) == 0);
    int wrote = setgid(65534) == 0 && setuid(65534) == 0 && make("/tmp/nobodys-file") == 0;
    report(wrote);
    say(to_parent[1], 't');
    hear(to_child[0]);
    _exit(0);
}

static int child_result(const char *what)
{
    char c = hear(to_parent[0]);
    if (!ok(c == '1', "%s", what))
        why("the child said '%c'", c);
    return c == '1';
}

int main(void)
{
    plan(TESTS);
    mkdir(DIR, 0755);
    mkdir(DIR "/users", 0755);
    mkdir(DIR "/users/nobody", 0700);
    chown(DIR "/users/nobody", 65534, 65534);
    /* DIR/shared: a shared mount, before the child copies the namespace. */
    mount_marked(DIR "/shared", "s");
    mount(NULL, DIR "/shared", NULL, MS_SHARED, NULL);
    mount_marked(DIR "/unbindable", "u");
    mount(NULL, DIR "/unbindable", NULL, MS_UNBINDABLE, NULL);

    pipe(to_child);
    pipe(to_parent);
    pid_t pid = fork();
    if (pid == 0)
        child();
    close(to_child[0]), close(to_parent[1]);
    if (hear(to_parent[0]) != 'u') {
        for (int i = 0; i < TESTS; i++)
            skip("unshare(CLONE_NEWNS) is not implemented", "mount namespaces");
        waitpid(pid, NULL, 0);
        umount(DIR "/shared");
        umount(DIR "/unbindable");
        return done();
    }

    char mine[64] = { 0 }, theirs[64] = { 0 }, path[64];
    snprintf(path, sizeof path, "/proc/%d/ns/mnt", pid);
    ok(readlink("/proc/self/ns/mnt", mine, sizeof mine) > 0 && readlink(path, theirs, sizeof theirs) > 0
            && strcmp(mine, theirs) && !strncmp(theirs, "mnt:[", 5),
        "after unshare, /proc/<pid>/ns/mnt differs (%s, %s)", mine, theirs);
    struct stat a, b;
    ok(stat("/proc/self/ns/mnt", &a) == 0 && stat(path, &b) == 0 && a.st_ino != b.st_ino, "and so do the inodes it leads to");

    mount_marked(DIR "/parent-only", "p");
    say(to_child[1], 'g');
    child_result("a mount made in the parent's namespace is invisible in the child's");
    child_result("the child's own mount is visible to it");
    hear(to_parent[0]);
    ok(!has(DIR "/child-only", "c"), "a mount made in the child's namespace is invisible in the parent's");
    char file[64];
    snprintf(file, sizeof file, "/proc/%d/mountinfo", pid);
    int fd = open(file, O_RDONLY);
    static char info[32768];
    long n = fd < 0 ? -1 : read(fd, info, sizeof info - 1);
    info[n > 0 ? n : 0] = 0;
    close(fd);
    ok(strstr(info, DIR "/child-only") && !strstr(info, DIR "/parent-only"), "/proc/<pid>/mountinfo lists the child's namespace");
    fd = open("/proc/self/mountinfo", O_RDONLY);
    n = read(fd, info, sizeof info - 1);
    info[n > 0 ? n : 0] = 0;
    close(fd);
    ok(strstr(info, DIR "/parent-only") && !strstr(info, DIR "/child-only"), "and /proc/self/mountinfo the parent's");
    say(to_child[1], 'g');

    mount_marked(DIR "/shared/from-parent", "p");
    say(to_child[1], 'g');
    child_result("shared: a mount in the parent's namespace appears in the child's");
    hear(to_parent[0]);
    ok(has(DIR "/shared/from-child", "c"), "shared: a mount in the child's namespace appears in the parent's");
    say(to_child[1], 'g');

    child_result("the child makes its copy a slave");
    hear(to_parent[0]);
    mount_marked(DIR "/shared/to-slave", "p");
    say(to_child[1], 'g');
    child_result("slave: the parent's mount appears in the child's namespace");
    hear(to_parent[0]);
    ok(!has(DIR "/shared/from-slave", "c"), "slave: the child's mount does not appear in the parent's");
    say(to_child[1], 'g');

    child_result("the child makes its copy private");
    hear(to_parent[0]);
    mount_marked(DIR "/shared/after-private", "p");
    say(to_child[1], 'g');
    child_result("private: the parent's mount no longer appears in the child's namespace");
    child_result("unbindable: the copy of an unbindable mount cannot be bound (EINVAL)");

    child_result("per-user /tmp: nobody's directory is bound on /tmp in the child's namespace");
    child_result("nobody writes a file in its /tmp");
    hear(to_parent[0]);
    ok(exists(DIR "/users/nobody/nobodys-file"), "the file is in nobody's own directory");
    ok(!exists("/tmp/nobodys-file"), "and not in the /tmp the parent sees");
    say(to_child[1], 'g');
    int status;
    waitpid(pid, &status, 0);
    ok(exited_with(status, 0), "the child exits");
    ok(exists(DIR "/shared/from-parent"), "its namespace went away with it, the parent's mounts stay");

    umount(DIR "/shared/after-private");
    umount(DIR "/shared/to-slave");
    umount(DIR "/shared/from-child");
    umount(DIR "/shared/from-parent");
    umount(DIR "/parent-only");
    umount(DIR "/shared");
    umount(DIR "/unbindable");
    return done();
}
