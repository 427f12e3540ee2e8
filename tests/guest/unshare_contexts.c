/* unshare_contexts: the seed's test 3 (seed/unshare.rst, section 8) for the
 * filesystem context, the file table, the address space and the signal
 * handlers: for each, first the sharing that clone() set up is shown
 * (a change in one task is seen by the other), then one task unshares,
 * and the isolation is checked in both directions. Then the same for
 * flags in combination, including unsharing less than was shared.
 *
 * The other task is a puppet (shared_tasks.h) the test gives orders to,
 * so each check is made by the test itself, step by step.
 *
 * Where Cleave follows the seed and Linux does not (unshare(CLONE_VM) or
 * unshare(CLONE_SIGHAND) by a process that shares memory or handlers with
 * another PROCESS: Cleave gives a private copy, Linux says EINVAL), each
 * kernel's behaviour is asserted, and on Linux that nothing was unshared.
 */
#include "shared_tasks.h"

#include <fcntl.h>

/* Which way a change was seen; FAILED: a call that should not fail did. */
enum { FAILED = -1, NEITHER = 0, SEEN_BY_PARENT = 1, SEEN_BY_CHILD = 2, BOTH = 3 };

static const char *way_text(int way)
{
    static const char *names[] = { "neither way", "only by the parent", "only by the child", "both ways" };
    return way >= 0 && way <= 3 ? names[way] : "(not known: a call failed)";
}

static char what_happened[2048]; /* what the last *_seen() observed, for diagnostics */

/* A word of each kind of private memory: data, heap, an anonymous
 * MAP_PRIVATE mapping. */
static volatile int data_word = 1;
static volatile int *heap_word;
static volatile int *mapped_word;
static int next_value = 100; /* a fresh value for every write */

static char file_a[64], file_b[64];
#define FILE_A_TEXT "abcdefghijklmnopqrstuvwxyz"
#define FILE_B_TEXT "0123456789"

/* ---- observing what is shared ------------------------------------------------ */

/* Is the working directory shared? The child and then the parent chdir. */
static int cwd_seen(struct puppet *child)
{
    char parent_sees[256], child_sees[256];
    long r1 = ask(LOCAL, OP_CHDIR, "/");
    long r2 = ask(child, OP_CHDIR, "/etc");
    cwd_of(LOCAL, parent_sees, sizeof parent_sees);
    long r3 = ask(LOCAL, OP_CHDIR, "/bin");
    cwd_of(child, child_sees, sizeof child_sees);
    int way = (!strcmp(parent_sees, "/etc") ? SEEN_BY_PARENT : 0) | (!strcmp(child_sees, "/bin") ? SEEN_BY_CHILD : 0);
    if (r1 || r2 || r3 || parent_sees[0] != '/' || child_sees[0] != '/')
        way = FAILED;
    snprintf(what_happened, sizeof what_happened,
        "parent chdir(\"/\") %s, child chdir(\"/etc\") %s: parent's cwd \"%s\"; parent chdir(\"/bin\") %s: child's "
        "cwd \"%s\"; seen %s",
        result_text(r1), result_text(r2), parent_sees, result_text(r3), child_sees, way_text(way));
    ask(LOCAL, OP_CHDIR, "/");
    return way;
}

/* A umask() result: octal, or the error. */
static const char *octal_text(long r)
{
    static char bufs[2][32];
    static int next;
    char *b = bufs[next++ % 2];
    if (r < 0)
        return result_text(r);
    snprintf(b, 32, "%#lo", r);
    return b;
}

/* Is the umask shared? umask() returns the previous mask, so setting it
 * shows what the other task set. */
static int umask_seen(struct puppet *child)
{
    long r0 = ask1(LOCAL, OP_UMASK, 022);
    long r1 = ask1(child, OP_UMASK, 077);
    long parent_sees = ask1(LOCAL, OP_UMASK, 027); /* 077 if shared, else 022 */
    long child_sees = ask1(child, OP_UMASK, 022);  /* 027 if shared, else 077 */
    int way = (parent_sees == 077 ? SEEN_BY_PARENT : 0) | (child_sees == 027 ? SEEN_BY_CHILD : 0);
    if (r0 < 0 || r1 < 0 || parent_sees < 0 || child_sees < 0)
        way = FAILED;
    snprintf(what_happened, sizeof what_happened,
        "parent umask(022) %s, child umask(077) %s; then the parent's umask(027) returned %s (077 if shared); the "
        "child's umask(022) returned %s (027 if shared); seen %s",
        result_text(r0), result_text(r1), octal_text(parent_sees), octal_text(child_sees), way_text(way));
    ask1(LOCAL, OP_UMASK, 022);
    return way;
}

/* Is the fd table shared? Each side makes an fd (a dup of stdout at a
 * number nothing else uses) and the other looks for it. */
static int fd_seen(struct puppet *child)
{
    ask1(LOCAL, OP_CLOSE, 90);
    ask1(LOCAL, OP_CLOSE, 91);
    ask1(child, OP_CLOSE, 90);
    ask1(child, OP_CLOSE, 91);
    long r1 = ask2(child, OP_DUP2, 1, 90);
    long parent_sees = ask1(LOCAL, OP_GETFD, 90);
    long r2 = ask2(LOCAL, OP_DUP2, 1, 91);
    long child_sees = ask1(child, OP_GETFD, 91);
    int way = (parent_sees >= 0 ? SEEN_BY_PARENT : 0) | (child_sees >= 0 ? SEEN_BY_CHILD : 0);
    if (r1 != 90 || r2 != 91 || (parent_sees < 0 && parent_sees != -EBADF) || (child_sees < 0 && child_sees != -EBADF))
        way = FAILED;
    snprintf(what_happened, sizeof what_happened,
        "child dup2(1, 90) %s: parent's fcntl(90, F_GETFD) %s; parent dup2(1, 91) %s: child's fcntl(91, F_GETFD) "
        "%s; seen %s",
        result_text(r1), result_text(parent_sees), result_text(r2), result_text(child_sees), way_text(way));
    ask1(LOCAL, OP_CLOSE, 90);
    ask1(LOCAL, OP_CLOSE, 91);
    ask1(child, OP_CLOSE, 90);
    ask1(child, OP_CLOSE, 91);
    return way;
}

/* Is memory shared? Writes to data, heap and a private mapping, each side
 * in turn; counts as seen only if all three are. */
static int memory_seen(struct puppet *child)
{
    int v1 = next_value++, v2 = next_value++, v3 = next_value++;
    long failed = 0;
    failed |= ask2(child, OP_POKE, &data_word, v1);
    failed |= ask2(child, OP_POKE, heap_word, v2);
    failed |= ask2(child, OP_POKE, mapped_word, v3);
    int p1 = data_word, p2 = *heap_word, p3 = *mapped_word;
    int w1 = next_value++, w2 = next_value++, w3 = next_value++;
    data_word = w1;
    *heap_word = w2;
    *mapped_word = w3;
    __sync_synchronize();
    long c1 = ask1(child, OP_PEEK, &data_word), c2 = ask1(child, OP_PEEK, heap_word),
         c3 = ask1(child, OP_PEEK, mapped_word);
    int by_parent = p1 == v1 && p2 == v2 && p3 == v3;
    int by_child = c1 == w1 && c2 == w2 && c3 == w3;
    int way = (by_parent ? SEEN_BY_PARENT : 0) | (by_child ? SEEN_BY_CHILD : 0);
    if (failed || c1 < 0 || c2 < 0 || c3 < 0) /* the values written are all positive */
        way = FAILED;
    snprintf(what_happened, sizeof what_happened,
        "the child wrote %d %d %d (data, heap, mapping), the parent read %d %d %d; the parent wrote %d %d %d, the "
        "child read %ld %ld %ld; seen %s",
        v1, v2, v3, p1, p2, p3, w1, w2, w3, c1, c2, c3, way_text(way));
    return way;
}

static void handler_one(int sig) { (void)sig; }
static void handler_two(int sig) { (void)sig; }

/* Are the signal handlers shared? Each side sets one and the other asks. */
static int handlers_seen(struct puppet *child)
{
    long h1 = (long)handler_one, h2 = (long)handler_two;
    long failed = 0;
    failed |= ask2(LOCAL, OP_SIGNAL, SIGUSR1, (long)SIG_DFL);
    failed |= ask2(LOCAL, OP_SIGNAL, SIGUSR2, (long)SIG_DFL);
    failed |= ask2(child, OP_SIGNAL, SIGUSR1, (long)SIG_DFL);
    failed |= ask2(child, OP_SIGNAL, SIGUSR2, (long)SIG_DFL);
    long r1 = ask2(LOCAL, OP_SIGNAL, SIGUSR1, h1);
    long child_sees = ask2(child, OP_SIGNAL, SIGUSR1, -1);
    long r2 = ask2(child, OP_SIGNAL, SIGUSR2, h2);
    long parent_sees = ask2(LOCAL, OP_SIGNAL, SIGUSR2, -1);
    int way = (parent_sees == h2 ? SEEN_BY_PARENT : 0) | (child_sees == h1 ? SEEN_BY_CHILD : 0);
    if (failed < 0 || r1 < 0 || r2 < 0 || child_sees < 0 || parent_sees < 0)
        way = FAILED;
    snprintf(what_happened, sizeof what_happened,
        "the parent set SIGUSR1's handler to %#lx, the child sees %#lx; the child set SIGUSR2's to %#lx, the parent "
        "sees %#lx; seen %s",
        h1, child_sees, h2, parent_sees, way_text(way));
    ask2(LOCAL, OP_SIGNAL, SIGUSR1, (long)SIG_DFL);
    ask2(LOCAL, OP_SIGNAL, SIGUSR2, (long)SIG_DFL);
    return way;
}

/* Reports one visibility check. */
static void check_way(int way, int want, const char *description)
{
    if (!ok(way == want, "%s", description))
        why("%s", what_happened);
}

static void stop(struct puppet *p, const char *name)
{
    if (!puppet_stop(p))
        diag("the %s task did not end as asked (tid %ld)", name, p->tid);
    ask(LOCAL, OP_CHDIR, "/");
    ask1(LOCAL, OP_UMASK, 022);
}

static void check_started(struct puppet *p, const char *name)
{
    if (p->tid < 0)
        diag("clone for the %s task failed: %s", name, result_text(p->tid));
}

static void make_file(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
        diag("cannot make %s: errno %d", path, errno);
    if (fd >= 0)
        close(fd);
}

/* ---- CLONE_FS ------------------------------------------------------------------ */

static void test_fs(void)
{
    struct puppet child;
    puppet_start(&child, CLONE_FS);
    check_started(&child, "CLONE_FS");
    check_way(cwd_seen(&child), BOTH, "CLONE_FS: a chdir in either task is seen by the other");
    check_way(umask_seen(&child), BOTH, "CLONE_FS: a umask set in either task is the other's");

    /* The values the private copy must start with. */
    ask(LOCAL, OP_CHDIR, "/bin");
    ask1(LOCAL, OP_UMASK, 027);
    long r = ask1(&child, OP_UNSHARE, CLONE_FS);
    if (!ok(r == 0, "unshare(CLONE_FS) in the task sharing the fs context succeeds"))
        why("unshare returned %s", result_text(r));

    char cwd[256];
    long old_mask = ask1(&child, OP_UMASK, 027);
    cwd_of(&child, cwd, sizeof cwd);
    if (!ok(!strcmp(cwd, "/bin") && old_mask == 027, "the private copy starts with the shared cwd and umask"))
        why("child's cwd \"%s\" (want /bin), umask %s (want 027)", cwd, octal_text(old_mask));

    check_way(cwd_seen(&child), NEITHER, "after unshare(CLONE_FS), neither task sees the other's chdir");
    check_way(umask_seen(&child), NEITHER, "after unshare(CLONE_FS), neither task sees the other's umask");

    /* Relative paths are looked up from each task's own cwd. */
    ask(LOCAL, OP_CHDIR, "/etc");
    ask(&child, OP_CHDIR, "/tmp");
    long in_parent = ask3(LOCAL, OP_OPEN, "passwd", O_RDONLY, 0, 0);
    long in_child = ask3(&child, OP_OPEN, "passwd", O_RDONLY, 0, 0);
    if (!ok(in_parent >= 0 && in_child == -ENOENT,
            "after unshare(CLONE_FS), a relative path resolves from each task's own cwd"))
        why("open(\"passwd\") from /etc in the parent: %s (want an fd); from /tmp in the child: %s (want ENOENT)",
            result_text(in_parent), result_text(in_child));
    if (in_parent >= 0)
        ask1(LOCAL, OP_CLOSE, in_parent);
    if (in_child >= 0)
        ask1(&child, OP_CLOSE, in_child);
    stop(&child, "CLONE_FS");

    /* The same with the other task unsharing: the one that called clone. */
    puppet_start(&child, CLONE_FS);
    check_started(&child, "CLONE_FS");
    int before = cwd_seen(&child);
    r = ask1(LOCAL, OP_UNSHARE, CLONE_FS);
    if (!ok(before == BOTH && r == 0, "CLONE_FS, the parent unshares: unshare(CLONE_FS) succeeds"))
        why("sharing before: %s; unshare returned %s", way_text(before), result_text(r));
    check_way(cwd_seen(&child), NEITHER, "after the parent's unshare(CLONE_FS), neither task sees the other's chdir");
    stop(&child, "CLONE_FS");
}

/* ---- CLONE_FILES -------------------------------------------------------------- */

static void test_files(void)
{
    long x = ask3(LOCAL, OP_OPEN, file_a, O_RDONLY, 0, 0); /* open before the clone */
    struct puppet child;
    puppet_start(&child, CLONE_FILES);
    check_started(&child, "CLONE_FILES");

    long y = ask3(&child, OP_OPEN, file_a, O_RDONLY, 0, 0);
    const char *text = ask_text(LOCAL, OP_READ, y, 3);
    int read_ok = !strcmp(text, "abc");
    char read_text[64];
    set_text(read_text, sizeof read_text, text);
    long z = ask3(LOCAL, OP_OPEN, file_b, O_RDONLY, 0, 0);
    long child_has_z = ask1(&child, OP_GETFD, z);
    ask1(LOCAL, OP_CLOSE, z);
    long child_after_close = ask1(&child, OP_GETFD, z);
    if (!ok(x >= 0 && y >= 0 && read_ok && z >= 0 && child_has_z >= 0 && child_after_close == -EBADF,
            "CLONE_FILES: an fd the child opens is the parent's, and one the parent closes is closed for the child"))
        why("parent's fd %ld, child's fd %ld, the parent read \"%s\" from it (want \"abc\"); parent's fd %ld: child's "
            "F_GETFD %s, after the parent closed it %s (want EBADF)",
            x, y, read_text, z, result_text(child_has_z), result_text(child_after_close));
    check_way(fd_seen(&child), BOTH, "CLONE_FILES: a new fd in either task is in the other's table");

    long r = ask1(&child, OP_UNSHARE, CLONE_FILES);
    if (!ok(r == 0, "unshare(CLONE_FILES) in the task sharing the fd table succeeds"))
        why("unshare returned %s", result_text(r));

    long px = ask1(LOCAL, OP_GETFD, x), py = ask1(LOCAL, OP_GETFD, y);
    long cx = ask1(&child, OP_GETFD, x), cy = ask1(&child, OP_GETFD, y);
    if (!ok(px >= 0 && py >= 0 && cx >= 0 && cy >= 0, "the fds open before the unshare stay open in both tasks"))
        why("F_GETFD of fds %ld and %ld: parent %s %s, child %s %s", x, y, result_text(px), result_text(py),
            result_text(cx), result_text(cy));

    long set = ask3(LOCAL, OP_LSEEK, NULL, x, 5, SEEK_SET);
    long child_pos = ask3(&child, OP_LSEEK, NULL, x, 0, SEEK_CUR);
    if (!ok(set == 5 && child_pos == 5, "their offsets stay shared: the parent's lseek moves the child's offset"))
        why("the parent's lseek(%ld, 5) returned %s; the child's offset is %s", x, result_text(set),
            result_text(child_pos));
    text = ask_text(&child, OP_READ, x, 2);
    set_text(read_text, sizeof read_text, text);
    long parent_pos = ask3(LOCAL, OP_LSEEK, NULL, x, 0, SEEK_CUR);
    if (!ok(!strcmp(read_text, "fg") && parent_pos == 7, "... and the child's read moves the parent's offset"))
        why("the child read \"%s\" (want \"fg\"); the parent's offset is then %s (want 7)", read_text,
            result_text(parent_pos));

    check_way(fd_seen(&child), NEITHER, "after unshare(CLONE_FILES), a new fd in either task is not in the other's");

    long n = ask3(&child, OP_OPEN, file_b, O_RDONLY, 0, 0);
    long parent_n = ask1(LOCAL, OP_GETFD, n);
    if (!ok(n >= 0 && parent_n == -EBADF,
            "after unshare(CLONE_FILES), a file the child opens is not in the parent's table"))
        why("the child's open gave %s; the parent's F_GETFD of it %s (want EBADF)", result_text(n),
            result_text(parent_n));

    long closed = ask1(&child, OP_CLOSE, x);
    text = ask_text(LOCAL, OP_READ, x, 1);
    set_text(read_text, sizeof read_text, text);
    if (!ok(closed == 0 && !strcmp(read_text, "h"), "a close in the child leaves the parent's fd open (and reading)"))
        why("the child's close(%ld) returned %s; the parent then read \"%s\" (want \"h\")", x, result_text(closed),
            read_text);
    closed = ask1(LOCAL, OP_CLOSE, y);
    text = ask_text(&child, OP_READ, y, 3);
    set_text(read_text, sizeof read_text, text);
    if (!ok(closed == 0 && !strcmp(read_text, "def"), "a close in the parent leaves the child's fd open (and reading)"))
        why("the parent's close(%ld) returned %s; the child then read \"%s\" (want \"def\": the offset the parent "
            "left)",
            y, result_text(closed), read_text);
    stop(&child, "CLONE_FILES");
    ask1(LOCAL, OP_CLOSE, x);

    /* The other task unshares: the one that called clone. */
    puppet_start(&child, CLONE_FILES);
    check_started(&child, "CLONE_FILES");
    long s = ask3(LOCAL, OP_OPEN, file_a, O_RDONLY, 0, 0);
    long child_has_s = ask1(&child, OP_GETFD, s);
    r = ask1(LOCAL, OP_UNSHARE, CLONE_FILES);
    if (!ok(s >= 0 && child_has_s >= 0 && r == 0, "CLONE_FILES, the parent unshares: unshare(CLONE_FILES) succeeds"))
        why("fd %ld, the child's F_GETFD %s; unshare returned %s", s, result_text(child_has_s), result_text(r));
    long child_closed = ask1(&child, OP_CLOSE, s);
    long parent_has_s = ask1(LOCAL, OP_GETFD, s);
    int way = fd_seen(&child);
    if (!ok(child_closed == 0 && parent_has_s >= 0 && way == NEITHER,
            "after the parent's unshare(CLONE_FILES), the child's close and either's new fds are private"))
        why("the child's close(%ld) %s, the parent's F_GETFD after it %s; %s", s, result_text(child_closed),
            result_text(parent_has_s), what_happened);
    stop(&child, "CLONE_FILES");
    ask1(LOCAL, OP_CLOSE, s);
}

/* ---- CLONE_VM ------------------------------------------------------------------ */

static void test_vm(void)
{
    struct puppet child;
    puppet_start(&child, CLONE_VM);
    check_started(&child, "CLONE_VM");
    check_way(memory_seen(&child), BOTH, "CLONE_VM: a write by either task is seen by the other");

    volatile int *shared = shared_page(4096); /* made before the unshare */
    int before[3] = { data_word, *heap_word, *mapped_word };
    long r = ask1(&child, OP_UNSHARE, CLONE_VM);
    if (on_cleave()) {
        if (!ok(r == 0, "Cleave: unshare(CLONE_VM) by a process sharing memory with another process succeeds"))
            why("unshare returned %s (the seed: a private copy)", result_text(r));
        long c1 = ask1(&child, OP_PEEK, &data_word), c2 = ask1(&child, OP_PEEK, heap_word),
             c3 = ask1(&child, OP_PEEK, mapped_word);
        if (!ok(c1 == before[0] && c2 == before[1] && c3 == before[2],
                "Cleave: the private copy holds what the memory held"))
            why("the child reads %ld %ld %ld, want %d %d %d", c1, c2, c3, before[0], before[1], before[2]);
        check_way(memory_seen(&child), NEITHER,
            "Cleave: after unshare(CLONE_VM), neither task sees the other's writes");
    } else {
        if (!ok(r == -EINVAL, "Linux: unshare(CLONE_VM) by a process sharing memory with another process is EINVAL"))
            why("unshare returned %s", result_text(r));
        long c1 = ask1(&child, OP_PEEK, &data_word);
        if (!ok(c1 == before[0], "Linux: after the EINVAL the child reads what the memory holds"))
            why("the child reads %ld, want %d", c1, before[0]);
        check_way(memory_seen(&child), BOTH, "Linux: after the EINVAL, memory is still shared both ways");
    }
    /* MAP_SHARED memory stays shared either way (the orders travel through it). */
    long seen = -1;
    if (shared) {
        ask2(&child, OP_POKE, shared, 4242);
        seen = *shared;
    }
    if (!ok(seen == 4242, "%s: MAP_SHARED memory made before is still shared after unshare(CLONE_VM)", kernel_name()))
        why("the parent read %ld after the child wrote 4242", seen);
    stop(&child, "CLONE_VM");

    /* The task that called clone unshares. */
    puppet_start(&child, CLONE_VM);
    check_started(&child, "CLONE_VM");
    int was = memory_seen(&child);
    r = ask1(LOCAL, OP_UNSHARE, CLONE_VM);
    int after = memory_seen(&child);
    if (on_cleave()) {
        if (!ok(was == BOTH && r == 0 && after == NEITHER,
                "Cleave: CLONE_VM, the parent unshares: it gets a private copy, isolated both ways"))
            why("sharing before: %s; unshare returned %s; %s", way_text(was), result_text(r), what_happened);
    } else {
        if (!ok(was == BOTH && r == -EINVAL && after == BOTH,
                "Linux: CLONE_VM, the parent unshares: EINVAL, and memory is still shared"))
            why("sharing before: %s; unshare returned %s; %s", way_text(was), result_text(r), what_happened);
    }
    stop(&child, "CLONE_VM");

    /* A thread (CLONE_THREAD) cannot take its memory away from its group. */
    puppet_start(&child, CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM);
    check_started(&child, "thread");
    long thread_pid = ask(&child, OP_GETPID, NULL);
    long in_thread = ask1(&child, OP_UNSHARE, CLONE_VM);
    long in_main = ask1(LOCAL, OP_UNSHARE, CLONE_VM);
    if (!ok(thread_pid == getpid() && in_thread == -EINVAL && in_main == -EINVAL,
            "unshare(CLONE_VM) with another thread in the group is EINVAL, in the thread and in the main thread"))
        why("the thread's getpid %ld (want %d); unshare in the thread %s, in the main thread %s", thread_pid,
            getpid(), result_text(in_thread), result_text(in_main));
    check_way(memory_seen(&child), BOTH, "after those EINVALs the threads still share memory");
    stop(&child, "thread");
}

/* ---- CLONE_SIGHAND -------------------------------------------------------------- */

static void test_sighand(void)
{
    struct puppet child;
    puppet_start(&child, CLONE_VM | CLONE_SIGHAND);
    check_started(&child, "CLONE_SIGHAND");
    check_way(handlers_seen(&child), BOTH, "CLONE_SIGHAND: a handler set by either task is the other's");

    long h1 = (long)handler_one;
    ask2(LOCAL, OP_SIGNAL, SIGUSR1, h1);
    long r = ask1(&child, OP_UNSHARE, CLONE_SIGHAND);
    long kept = ask2(&child, OP_SIGNAL, SIGUSR1, -1);
    if (on_cleave()) {
        if (!ok(r == 0 && kept == h1,
                "Cleave: unshare(CLONE_SIGHAND) with handlers shared with another process gives a copy of them"))
            why("unshare returned %s; the child's SIGUSR1 handler %#lx (want %#lx)", result_text(r), kept, h1);
        check_way(handlers_seen(&child), NEITHER,
            "Cleave: after unshare(CLONE_SIGHAND), neither task sees the other's handlers");
    } else {
        if (!ok(r == -EINVAL && kept == h1,
                "Linux: unshare(CLONE_SIGHAND) with handlers shared with another process is EINVAL"))
            why("unshare returned %s; the child's SIGUSR1 handler %#lx (want %#lx)", result_text(r), kept, h1);
        check_way(handlers_seen(&child), BOTH, "Linux: after the EINVAL, the handlers are still shared");
    }
    ask2(LOCAL, OP_SIGNAL, SIGUSR1, (long)SIG_DFL);
    stop(&child, "CLONE_SIGHAND");
}

/* ---- combinations ----------------------------------------------------------------- */

/* What the child sees of the three contexts, and what was observed. */
struct seen {
    int fs, files, memory;
    char text[3][1000];
};

static void all_seen(struct puppet *child, unsigned shared_flags, struct seen *s)
{
    s->fs = cwd_seen(child);
    set_text(s->text[0], sizeof s->text[0], what_happened);
    s->files = fd_seen(child);
    set_text(s->text[1], sizeof s->text[1], what_happened);
    s->memory = NEITHER;
    set_text(s->text[2], sizeof s->text[2], "not shared by clone, not checked");
    if (shared_flags & CLONE_VM) {
        s->memory = memory_seen(child);
        set_text(s->text[2], sizeof s->text[2], what_happened);
    }
}

static void why_seen(const struct seen *s)
{
    why("fs: %s", s->text[0]);
    why("files: %s", s->text[1]);
    why("memory: %s", s->text[2]);
}

static void combination(unsigned shared_flags, const char *shared_name, unsigned unshare_flags,
    const char *unshare_name)
{
    static struct seen before, after;
    struct puppet child;
    puppet_start(&child, shared_flags);
    check_started(&child, shared_name);
    all_seen(&child, shared_flags, &before);
    int want_memory = (shared_flags & CLONE_VM) ? BOTH : NEITHER;
    if (!ok(before.fs == ((shared_flags & CLONE_FS) ? BOTH : NEITHER)
                && before.files == ((shared_flags & CLONE_FILES) ? BOTH : NEITHER) && before.memory == want_memory,
            "clone(%s): exactly those contexts are shared", shared_name))
        why_seen(&before);

    long r = ask1(&child, OP_UNSHARE, unshare_flags);
    /* Linux refuses CLONE_VM for a process sharing memory with another
     * process, and then unshares nothing at all. */
    int refused = !on_cleave() && (unshare_flags & CLONE_VM) && (shared_flags & CLONE_VM);
    unsigned now_private = refused ? 0 : unshare_flags;
    long want_r = refused ? -EINVAL : 0;
    all_seen(&child, shared_flags, &after);
    int want_fs = ((shared_flags & CLONE_FS) && !(now_private & CLONE_FS)) ? BOTH : NEITHER;
    int want_files = ((shared_flags & CLONE_FILES) && !(now_private & CLONE_FILES)) ? BOTH : NEITHER;
    want_memory = ((shared_flags & CLONE_VM) && !(now_private & CLONE_VM)) ? BOTH : NEITHER;
    if (!ok(r == want_r && after.fs == want_fs && after.files == want_files && after.memory == want_memory,
            "%s: clone(%s), then unshare(%s): %s; fs %s, files %s, memory %s", kernel_name(), shared_name,
            unshare_name, want_r ? "EINVAL" : "0", want_fs == BOTH ? "still shared" : "private",
            want_files == BOTH ? "still shared" : "private",
            !(shared_flags & CLONE_VM) ? "private" : want_memory == BOTH ? "still shared" : "private")) {
        why("unshare returned %s", result_text(r));
        why_seen(&after);
    }
    stop(&child, shared_name);
}

static void test_combinations(void)
{
    combination(CLONE_FS | CLONE_FILES, "CLONE_FS|CLONE_FILES", CLONE_FS | CLONE_FILES, "CLONE_FS|CLONE_FILES");
    combination(CLONE_FS | CLONE_FILES, "CLONE_FS|CLONE_FILES", CLONE_FS, "CLONE_FS");
    combination(CLONE_FS | CLONE_FILES, "CLONE_FS|CLONE_FILES", CLONE_FILES, "CLONE_FILES");
    combination(CLONE_FS | CLONE_FILES, "CLONE_FS|CLONE_FILES", 0, "0");
    combination(CLONE_VM | CLONE_FS | CLONE_FILES, "CLONE_VM|CLONE_FS|CLONE_FILES", CLONE_FS | CLONE_FILES,
        "CLONE_FS|CLONE_FILES");
    combination(CLONE_VM | CLONE_FS | CLONE_FILES, "CLONE_VM|CLONE_FS|CLONE_FILES",
        CLONE_FS | CLONE_FILES | CLONE_VM, "CLONE_FS|CLONE_FILES|CLONE_VM");
    combination(CLONE_VM | CLONE_FILES, "CLONE_VM|CLONE_FILES", CLONE_FILES | CLONE_VM, "CLONE_FILES|CLONE_VM");
    combination(CLONE_VM | CLONE_FS, "CLONE_VM|CLONE_FS", CLONE_FS | CLONE_VM, "CLONE_FS|CLONE_VM");
    combination(CLONE_VM | CLONE_FS | CLONE_FILES, "CLONE_VM|CLONE_FS|CLONE_FILES", CLONE_VM, "CLONE_VM");
    combination(CLONE_FS, "CLONE_FS", CLONE_FS | CLONE_FILES | CLONE_VM, "CLONE_FS|CLONE_FILES|CLONE_VM");
}

int main(void)
{
    plan(52);
    diag("kernel: %s", kernel_name());
    heap_word = malloc(sizeof *heap_word);
    mapped_word = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (!heap_word || mapped_word == MAP_FAILED) {
        diag("cannot allocate the test's private memory");
        return 1;
    }
    snprintf(file_a, sizeof file_a, "/tmp/unshare_contexts.%d.a", getpid());
    snprintf(file_b, sizeof file_b, "/tmp/unshare_contexts.%d.b", getpid());
    make_file(file_a, FILE_A_TEXT);
    make_file(file_b, FILE_B_TEXT);

    test_fs();
    test_files();
    test_vm();
    test_sighand();
    test_combinations();

    unlink(file_a);
    unlink(file_b);
    return done();
}
