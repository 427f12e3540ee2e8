/* unshare_newns: CLONE_NEWNS, the mount namespace, in unshare() and clone().
 *
 * - The seed's test 2 (seed/unshare.rst, section 8): unsharing the
 *   namespace without CLONE_FS also unshares the filesystem context; the
 *   file table stays shared.
 * - EPERM without CAP_SYS_ADMIN: as a non-root user, and as root that
 *   dropped CAP_SYS_ADMIN from its effective set; for clone too.
 * - The seed's test 3 for the namespace: a mount made after the unshare,
 *   in either namespace, is not seen in the other; the filesystems
 *   themselves are still the same ones; /proc/self/ns/mnt names the new
 *   namespace.
 * - clone(CLONE_NEWNS | CLONE_FS) is EINVAL; clone(CLONE_NEWNS) makes a
 *   child in a namespace of its own.
 *
 * Runs as root. Needs mkdir, mount(tmpfs), umount2, rmdir and
 * /proc/self/ns/mnt.
 */
#include "shared_tasks.h"

#include <fcntl.h>
#include <sys/stat.h>

#define BOUND_MS 20000

static char top[64], dir_a[80], dir_b[80], file_c[80];

/* ---- the implied CLONE_FS ------------------------------------------------------ */

static void test_implied_fs(void)
{
    struct puppet child;
    puppet_start(&child, CLONE_FS | CLONE_FILES);
    if (child.tid < 0)
        diag("clone(CLONE_FS|CLONE_FILES) failed: %s", result_text(child.tid));
    char cwd[256], child_cwd[256];
    long moved = ask(&child, OP_CHDIR, "/etc");
    cwd_of(LOCAL, cwd, sizeof cwd);
    long r = ask1(&child, OP_UNSHARE, CLONE_NEWNS);
    if (!ok(moved == 0 && !strcmp(cwd, "/etc") && r == 0,
            "a task sharing its fs context (CLONE_FS) can unshare(CLONE_NEWNS) without CLONE_FS"))
        why("before: the child's chdir(\"/etc\") %s, the parent's cwd then \"%s\"; unshare returned %s",
            result_text(moved), cwd, result_text(r));

    long here = sys1(NR_chdir, "/bin");
    cwd_of(&child, child_cwd, sizeof child_cwd);
    long there = ask(&child, OP_CHDIR, "/tmp");
    cwd_of(LOCAL, cwd, sizeof cwd);
    if (!ok(here == 0 && there == 0 && !strcmp(child_cwd, "/etc") && !strcmp(cwd, "/bin"),
            "unshare(CLONE_NEWNS) also unshared the fs context: neither task sees the other's chdir"))
        why("after the parent's chdir(\"/bin\") the child's cwd is \"%s\" (want /etc); after the child's "
            "chdir(\"/tmp\") the parent's is \"%s\" (want /bin)",
            child_cwd, cwd);

    long dup = ask2(&child, OP_DUP2, 1, 95);
    long seen = sys2(NR_fcntl64, 95, F_GETFD);
    if (!ok(r == 0 && dup == 95 && seen >= 0,
            "... and only that: after unshare(CLONE_NEWNS) the fd table (CLONE_FILES) is still shared"))
        why("unshare returned %s; the child's dup2(1, 95) %s; F_GETFD(95) here %s", result_text(r), result_text(dup),
            result_text(seen));
    close(95);
    if (!puppet_stop(&child))
        diag("the CLONE_FS|CLONE_FILES task did not end as asked");
    chdir("/");
}

/* ---- permission ------------------------------------------------------------------ */

/* What the child processes saw, in a MAP_SHARED page. */
static struct results {
    volatile long unshare_newns, clone_newns, unshare_fs;
} *results;

/* As nobody: unshare(CLONE_NEWNS), clone(CLONE_NEWNS), unshare(CLONE_FS).
 * Exit code 64 if setuid failed. */
static int as_nobody(long unused)
{
    (void)unused;
    if (setgid(65534) != 0 || setuid(65534) != 0)
        return 64;
    results->unshare_newns = sys1(NR_unshare, CLONE_NEWNS);
    long r = sys2(NR_clone, CLONE_NEWNS | SIGCHLD, 0);
    if (r == 0)
        sys1(NR_exit, 0); /* a child it should not have made */
    results->clone_newns = r;
    if (r > 0)
        reap(r, BOUND_MS);
    results->unshare_fs = sys1(NR_unshare, CLONE_FS);
    return 0;
}

/* As root without CAP_SYS_ADMIN in the effective set. Exit code: the
 * errno of unshare(CLONE_NEWNS), 100 if it succeeded, 101 if capset failed. */
static int without_sys_admin(long unused)
{
    (void)unused;
    struct { uint32_t version; int pid; } header = { 0x20080522 /* _LINUX_CAPABILITY_VERSION_3 */, 0 };
    struct { uint32_t effective, permitted, inheritable; } data[2];
    if (sys2(184 /* capget */, &header, data) != 0)
        return 101;
    data[0].effective &= ~(1u << 21); /* CAP_SYS_ADMIN */
    if (sys2(185 /* capset */, &header, data) != 0)
        return 101;
    long r = sys1(NR_unshare, CLONE_NEWNS);
    return r == 0 ? 100 : (int)-r;
}

static void test_permission(void)
{
    results->unshare_newns = results->clone_newns = results->unshare_fs = 1;
    int status = in_process(as_nobody, 0, BOUND_MS);
    int ran = status >= 0 && exited_with(status, 0);
    if (!ok(ran && results->unshare_newns == -EPERM && results->unshare_fs == 0,
            "as a non-root user unshare(CLONE_NEWNS) is EPERM (and unshare(CLONE_FS) works)"))
        why("the child %s (64: setuid failed); unshare(CLONE_NEWNS) %s, unshare(CLONE_FS) %s", reap_text(status),
            result_text(results->unshare_newns), result_text(results->unshare_fs));
    if (!ok(ran && results->clone_newns == -EPERM, "as a non-root user clone(CLONE_NEWNS) is EPERM"))
        why("the child %s (64: setuid failed); clone(CLONE_NEWNS) %s", reap_text(status),
            result_text(results->clone_newns));

    status = in_process(without_sys_admin, 0, BOUND_MS);
    if (!ok(status >= 0 && exited_with(status, EPERM),
            "root without CAP_SYS_ADMIN (dropped with capset) gets EPERM from unshare(CLONE_NEWNS)"))
        why("the child %s (its exit code: the errno; 100: unshare succeeded; 101: capget/capset failed)",
            reap_text(status));
}

/* ---- mounts -------------------------------------------------------------------- */

static void test_mounts(void)
{
    char before_parent[256], before_child[256], after_parent[256], after_child[256], path[128];
    struct puppet child;
    puppet_start(&child, 0);
    if (child.tid < 0)
        diag("clone failed: %s", result_text(child.tid));

    text_of(LOCAL, OP_READLINK, "/proc/self/ns/mnt", 0, 0, before_parent, sizeof before_parent);
    text_of(&child, OP_READLINK, "/proc/self/ns/mnt", 0, 0, before_child, sizeof before_child);
    long r = ask1(&child, OP_UNSHARE, CLONE_NEWNS);
    /* Mounts that were shared (propagating) would stay peers: make the new
     * namespace's mounts private, as a program using unshare(CLONE_NEWNS)
     * does. A kernel without mount propagation may refuse; nothing then
     * propagates anyway. */
    ask(&child, OP_MAKE_PRIVATE, NULL);
    text_of(LOCAL, OP_READLINK, "/proc/self/ns/mnt", 0, 0, after_parent, sizeof after_parent);
    text_of(&child, OP_READLINK, "/proc/self/ns/mnt", 0, 0, after_child, sizeof after_child);
    if (!ok(r == 0 && !strncmp(before_parent, "mnt:[", 5) && !strcmp(before_parent, before_child)
                && !strcmp(after_parent, before_parent) && strncmp(after_child, "mnt:[", 5) == 0
                && strcmp(after_child, before_child) != 0,
            "unshare(CLONE_NEWNS) succeeds and /proc/self/ns/mnt then names another namespace"))
        why("unshare returned %s; /proc/self/ns/mnt before: parent \"%s\", child \"%s\"; after: parent \"%s\", child "
            "\"%s\"",
            result_text(r), before_parent, before_child, after_parent, after_child);

    /* A mount in the new namespace. */
    long mounted = ask(&child, OP_MOUNT_TMPFS, dir_a);
    snprintf(path, sizeof path, "%s/inside", dir_a);
    long made = ask3(&child, OP_OPEN, path, O_WRONLY | O_CREAT, 0644, 0);
    if (made >= 0)
        ask1(&child, OP_CLOSE, made);
    long child_sees = ask3(&child, OP_OPEN, path, O_RDONLY, 0, 0);
    if (child_sees >= 0)
        ask1(&child, OP_CLOSE, child_sees);
    if (!ok(mounted == 0 && made >= 0 && child_sees >= 0, "a tmpfs mounted in the new namespace is there for its task"))
        why("mount(tmpfs, %s) %s; creating %s %s; opening it again %s", dir_a, result_text(mounted), path,
            result_text(made), result_text(child_sees));
    int fd = open(path, O_RDONLY);
    int parent_errno = fd < 0 ? errno : 0;
    if (!ok(mounted == 0 && child_sees >= 0 && fd < 0 && parent_errno == ENOENT,
            "... and not in the namespace the task left"))
        why("the child's mount %s, its open %s; the parent's open(%s): %s", result_text(mounted),
            result_text(child_sees), path, fd < 0 ? strerror(parent_errno) : "opened");
    if (fd >= 0)
        close(fd);

    /* A mount in the old namespace, after the unshare. */
    long mounted_b = sys((long)NR_mount, (long)"none", (long)dir_b, (long)"tmpfs", 0, 0);
    snprintf(path, sizeof path, "%s/outside", dir_b);
    fd = open(path, O_WRONLY | O_CREAT, 0644);
    if (fd >= 0)
        close(fd);
    long child_b = ask3(&child, OP_OPEN, path, O_RDONLY, 0, 0);
    if (child_b >= 0)
        ask1(&child, OP_CLOSE, child_b);
    if (!ok(mounted_b == 0 && fd >= 0 && child_b == -ENOENT,
            "a tmpfs mounted in the old namespace after the unshare is not in the new one"))
        why("the parent's mount(tmpfs, %s) %s, creating %s %s; the child's open of it %s (want ENOENT)", dir_b,
            result_text(mounted_b), path, fd >= 0 ? "worked" : strerror(errno), result_text(child_b));
    if (mounted_b == 0)
        sys2(NR_umount2, dir_b, 0);

    /* Only the mount tree was copied: the filesystems are the same. */
    fd = open(file_c, O_WRONLY | O_CREAT, 0644);
    if (fd >= 0)
        close(fd);
    long child_c = ask3(&child, OP_OPEN, file_c, O_RDONLY, 0, 0);
    if (child_c >= 0)
        ask1(&child, OP_CLOSE, child_c);
    if (!ok(fd >= 0 && child_c >= 0,
            "a file the parent creates after the unshare is seen by the child (same filesystems)"))
        why("the parent's create of %s %s; the child's open %s", file_c, fd >= 0 ? "worked" : strerror(errno),
            result_text(child_c));
    if (!puppet_stop(&child))
        diag("the namespace task did not end as asked");
}

/* A thread may unshare its namespace too (and with it its fs context). */
static void test_thread(void)
{
    struct puppet thread;
    puppet_start(&thread, CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM);
    long r = ask1(&thread, OP_UNSHARE, CLONE_NEWNS);
    long moved = ask(&thread, OP_CHDIR, "/etc");
    char cwd[256];
    cwd_of(LOCAL, cwd, sizeof cwd);
    if (!ok(r == 0 && moved == 0 && !strcmp(cwd, "/"),
            "a thread of a multithreaded process can unshare(CLONE_NEWNS), and its cwd is then its own"))
        why("the thread's unshare %s, chdir(\"/etc\") %s; the main thread's cwd \"%s\" (want /)", result_text(r),
            result_text(moved), cwd);
    if (!puppet_stop(&thread))
        diag("the thread did not end as asked");
}

/* ---- clone --------------------------------------------------------------------- */

static volatile char *child_ns; /* MAP_SHARED: what the clone(CLONE_NEWNS) child saw */

static int report_namespace(void *unused)
{
    (void)unused;
    char buf[128];
    long r = sys3(NR_readlink, "/proc/self/ns/mnt", buf, sizeof buf - 1);
    if (r < 0)
        return 1;
    buf[r] = 0;
    memcpy((char *)child_ns, buf, (size_t)r + 1);
    return 0;
}

static void test_clone(void)
{
    long r = sys2(NR_clone, CLONE_NEWNS | CLONE_FS | SIGCHLD, 0);
    if (r == 0)
        sys1(NR_exit, 0); /* a child that should not exist */
    if (r > 0)
        reap(r, BOUND_MS);
    if (!ok(r == -EINVAL, "clone(CLONE_NEWNS|CLONE_FS) is EINVAL"))
        why("clone returned %s", result_text(r));

    char mine[128];
    text_of(LOCAL, OP_READLINK, "/proc/self/ns/mnt", 0, 0, mine, sizeof mine);
    child_ns[0] = 0;
    long tid = spawn(report_namespace, NULL, CLONE_NEWNS | SIGCHLD);
    int status = tid > 0 ? reap(tid, BOUND_MS) : (int)tid;
    if (!ok(tid > 0 && exited_with(status, 0) && !strncmp(mine, "mnt:[", 5) && !strncmp((char *)child_ns, "mnt:[", 5)
                && strcmp(mine, (char *)child_ns) != 0,
            "clone(CLONE_NEWNS) makes a child in a mount namespace of its own"))
        why("clone returned %s, the child %s; /proc/self/ns/mnt: parent \"%s\", child \"%s\"", result_text(tid),
            reap_text(status), mine, (char *)child_ns);
}

int main(void)
{
    plan(14);
    diag("kernel: %s", kernel_name());
    child_ns = shared_page(4096);
    results = shared_page(sizeof *results);
    snprintf(top, sizeof top, "/tmp/unshare_newns.%d", getpid());
    snprintf(dir_a, sizeof dir_a, "%s/a", top);
    snprintf(dir_b, sizeof dir_b, "%s/b", top);
    snprintf(file_c, sizeof file_c, "%s/c", top);
    if (!child_ns || !results) {
        diag("mmap(MAP_SHARED) failed");
        return 1;
    }
    if (mkdir(top, 0755) != 0 || mkdir(dir_a, 0755) != 0 || mkdir(dir_b, 0755) != 0)
        diag("setup: mkdir under /tmp failed: %s", strerror(errno));

    test_implied_fs();
    test_permission();
    test_mounts();
    test_thread();
    test_clone();

    unlink(file_c);
    rmdir(dir_a);
    rmdir(dir_b);
    rmdir(top);
    return done();
}
