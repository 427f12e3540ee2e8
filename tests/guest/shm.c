/* shm: System V shared memory. i386 Linux has two ways in: the direct
 * system calls shmget, shmctl, shmat and shmdt (395-398) and the older
 * ipc() multiplexer (117), which musl uses. Every check runs through
 * both, made directly with the kernel's own structures, and once more
 * through the C library.
 *
 * Creating and finding segments by key, the errors, IPC_STAT, IPC_SET,
 * IPC_RMID with the segment living on until its last detach, IPC_INFO and
 * SHM_INFO, attachments shared with and inherited by a child, detached and
 * read-only memory faulting, attaching at an address, permissions for a
 * user who is not the owner, and the SHMMNI limit.
 */
#include "bounded.h"

#include <stdint.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <time.h>

/* The kernel's commands and flags (the C library may renumber its own). */
#define K_IPC_RMID 0
#define K_IPC_SET 1
#define K_IPC_STAT 2
#define K_IPC_INFO 3
#define K_SHM_INFO 14
#define K_IPC_64 0x100
#define K_IPC_CREAT 01000
#define K_IPC_EXCL 02000
#define K_SHM_RDONLY 010000
#define K_SHM_RND 020000
#define K_SHM_DEST 01000
#define K_SHMLBA 4096

/* ipc() call numbers. */
#define IPCOP_SHMAT 21
#define IPCOP_SHMDT 22
#define IPCOP_SHMGET 23
#define IPCOP_SHMCTL 24

/* The kernel's i386 structures (IPC_64 versions). */
struct k_ipc64_perm {
    int32_t key;
    uint32_t uid, gid, cuid, cgid;
    uint16_t mode, pad1;
    uint16_t seq, pad2;
    uint32_t unused1, unused2;
};
struct k_shmid64_ds {
    struct k_ipc64_perm shm_perm;
    uint32_t shm_segsz;
    uint32_t shm_atime, shm_atime_high, shm_dtime, shm_dtime_high, shm_ctime, shm_ctime_high;
    int32_t shm_cpid, shm_lpid;
    uint32_t shm_nattch, unused4, unused5;
};
struct k_shminfo64 {
    uint32_t shmmax, shmmin, shmmni, shmseg, shmall, unused[4];
};
struct k_shm_info {
    int32_t used_ids;
    uint32_t shm_tot, shm_rss, shm_swp, swap_attempts, swap_successes;
};
_Static_assert(sizeof(struct k_ipc64_perm) == 36 && sizeof(struct k_shmid64_ds) == 84, "i386 shmid64_ds layout");

/* ---- the two ways in ---------------------------------------------------------- */

struct api {
    const char *name;
    long (*get)(int32_t key, uint32_t size, int flags);
    /* 0 and the address in *out, or -1 and errno */
    long (*at)(int id, const void *addr, int flags, void **out);
    long (*dt)(const void *addr);
    long (*ctl)(int id, int cmd, void *buf);
};

static long direct_get(int32_t key, uint32_t size, int flags)
{
    return syscall(SYS_shmget, key, size, flags);
}

static long direct_at(int id, const void *addr, int flags, void **out)
{
    long r = syscall(SYS_shmat, id, addr, flags);
    if (r == -1)
        return -1;
    *out = (void *)r;
    return 0;
}

static long direct_dt(const void *addr)
{
    return syscall(SYS_shmdt, addr);
}

static long direct_ctl(int id, int cmd, void *buf)
{
    return syscall(SYS_shmctl, id, cmd, buf); /* always the 64-bit layout */
}

static long ipc_get(int32_t key, uint32_t size, int flags)
{
    return syscall(SYS_ipc, IPCOP_SHMGET, key, size, flags, NULL, 0);
}

static long ipc_at(int id, const void *addr, int flags, void **out)
{
    unsigned long raddr = 0;
    long r = syscall(SYS_ipc, IPCOP_SHMAT, id, flags, &raddr, addr, 0);
    if (r == 0)
        *out = (void *)raddr;
    return r;
}

static long ipc_dt(const void *addr)
{
    return syscall(SYS_ipc, IPCOP_SHMDT, 0, 0, 0, addr, 0);
}

static long ipc_ctl(int id, int cmd, void *buf)
{
    return syscall(SYS_ipc, IPCOP_SHMCTL, id, cmd | K_IPC_64, 0, buf, 0);
}

static const struct api direct_api = { "shm* system calls", direct_get, direct_at, direct_dt, direct_ctl };
static const struct api ipc_api = { "ipc()", ipc_get, ipc_at, ipc_dt, ipc_ctl };

/* ---- bookkeeping --------------------------------------------------------------- */

static struct report {
    volatile long ret[8];
    volatile int err[8];
    volatile int value[4];
} *sh;

static void reset_report(void)
{
    memset((void *)sh, 0, sizeof *sh);
}

static int32_t key_base;

/* Segments to remove at the end, whatever happened. */
static int made[64], n_made;

static long remember(long id)
{
    if (id >= 0 && n_made < 64)
        made[n_made++] = (int)id;
    return id;
}

static struct k_shmid64_ds stat_of(const struct api *a, long id, long *r)
{
    struct k_shmid64_ds ds;
    memset(&ds, 0xa5, sizeof ds);
    *r = a->ctl((int)id, K_IPC_STAT, &ds);
    return ds;
}

static const struct api *child_api;
static long child_id;
static volatile char *child_addr;

/* ---- per-API checks ---------------------------------------------------------------- */

static void test_create(const struct api *a, int32_t key)
{
    long p1 = remember(a->get(0 /* IPC_PRIVATE */, 4096, K_IPC_CREAT | 0600));
    long p2 = remember(a->get(0, 4096, K_IPC_CREAT | 0600));
    if (!ok(p1 >= 0 && p2 >= 0 && p1 != p2, "%s: IPC_PRIVATE makes a new segment each time", a->name))
        why("ids %ld and %ld (errno %d)", p1, p2, errno);

    long k1 = remember(a->get(key, 10000, K_IPC_CREAT | K_IPC_EXCL | 0600));
    errno = 0;
    long again = a->get(key, 10000, K_IPC_CREAT | K_IPC_EXCL | 0600);
    int e = errno;
    long found = a->get(key, 10000, K_IPC_CREAT | 0600);
    long plain = a->get(key, 0, 0);
    long smaller = a->get(key, 100, 0600);
    if (!ok(k1 >= 0 && again == -1 && e == EEXIST && found == k1 && plain == k1 && smaller == k1,
            "%s: a key with IPC_CREAT | IPC_EXCL is made once (then EEXIST); later gets find it", a->name))
        why("made %ld; again %ld errno %d; IPC_CREAT %ld; no flags %ld; smaller size %ld", k1, again, e, found, plain,
            smaller);

    errno = 0;
    long missing = a->get(key + 1, 4096, 0600);
    e = errno;
    if (!ok(missing == -1 && e == ENOENT, "%s: a missing key without IPC_CREAT gives ENOENT", a->name))
        why("returned %ld errno %d", missing, e);

    struct k_shminfo64 info;
    memset(&info, 0, sizeof info);
    a->ctl(0, K_IPC_INFO, &info);
    errno = 0;
    long huge = info.shmmax < 0xffffffffu ? a->get(key + 2, info.shmmax + 1, K_IPC_CREAT | 0600) : -1;
    int e1 = info.shmmax < 0xffffffffu ? errno : EINVAL;
    errno = 0;
    long empty = a->get(key + 3, 0, K_IPC_CREAT | 0600);
    int e2 = errno;
    errno = 0;
    long bigger = a->get(key, 10000 + 4096, 0600);
    int e3 = errno;
    if (!ok(huge == -1 && e1 == EINVAL && empty == -1 && e2 == EINVAL && bigger == -1 && e3 == EINVAL,
            "%s: EINVAL for a size over SHMMAX, a size of 0, and more than an existing segment has", a->name))
        why("SHMMAX %u + 1: %ld/%d; size 0: %ld/%d; larger than existing: %ld/%d", info.shmmax, huge, e1, empty, e2,
            bigger, e3);
}

static void test_stat_attach(const struct api *a, int32_t key)
{
    time_t start = time(NULL);
    long id = a->get(key, 0, 0);
    long r;
    struct k_shmid64_ds ds = stat_of(a, id, &r);
    if (!ok(r == 0 && ds.shm_segsz == 10000 && ds.shm_nattch == 0 && ds.shm_cpid == getpid() &&
                ds.shm_lpid == 0 && (ds.shm_perm.mode & 0777) == 0600 && ds.shm_perm.uid == 0 &&
                ds.shm_perm.cuid == 0 && ds.shm_perm.key == key && ds.shm_atime == 0 &&
                ds.shm_ctime + 5 >= (uint32_t)start && ds.shm_ctime <= (uint32_t)time(NULL) + 5,
            "%s: IPC_STAT of a new segment: size as asked, no attaches, creator pid, mode, owner, key", a->name))
        why("returned %ld: segsz %u nattch %u cpid %d lpid %d mode %#o uid %u cuid %u key %#x atime %u ctime %u", r,
            ds.shm_segsz, ds.shm_nattch, ds.shm_cpid, ds.shm_lpid, ds.shm_perm.mode, ds.shm_perm.uid,
            ds.shm_perm.cuid, ds.shm_perm.key, ds.shm_atime, ds.shm_ctime);

    void *p1 = NULL, *p2 = NULL;
    long r1 = a->at((int)id, NULL, 0, &p1);
    long r2 = a->at((int)id, NULL, 0, &p2);
    int shared = 0;
    if (r1 == 0 && r2 == 0 && p1 != p2) {
        ((volatile char *)p1)[9999] = 'q';
        ((volatile char *)p2)[100] = 'w';
        shared = ((volatile char *)p2)[9999] == 'q' && ((volatile char *)p1)[100] == 'w';
    }
    ds = stat_of(a, id, &r);
    if (!ok(r1 == 0 && r2 == 0 && ((uintptr_t)p1 % 4096) == 0 && shared && ds.shm_nattch == 2 &&
                ds.shm_lpid == getpid() && ds.shm_atime != 0,
            "%s: two attaches at different page-aligned addresses share the memory; nattch 2, lpid, atime set",
            a->name))
        why("attach %ld at %p, %ld at %p; shared %d; nattch %u lpid %d atime %u", r1, p1, r2, p2, shared,
            ds.shm_nattch, ds.shm_lpid, ds.shm_atime);

    long d = a->dt(p2);
    ds = stat_of(a, id, &r);
    errno = 0;
    long d2 = a->dt(p2);
    int e = errno;
    if (!ok(d == 0 && ds.shm_nattch == 1 && ds.shm_dtime != 0 && d2 == -1 && e == EINVAL,
            "%s: detach lowers nattch and sets dtime; detaching an address with nothing attached gives EINVAL",
            a->name))
        why("detach %ld, nattch %u, dtime %u; second detach %ld errno %d", d, ds.shm_nattch, ds.shm_dtime, d2, e);

    struct k_shmid64_ds set = ds;
    set.shm_perm.mode = 0640;
    long s = a->ctl((int)id, K_IPC_SET, &set);
    ds = stat_of(a, id, &r);
    if (!ok(s == 0 && (ds.shm_perm.mode & 0777) == 0640 && ds.shm_perm.uid == 0,
            "%s: IPC_SET changes the mode (0640), as IPC_STAT shows", a->name))
        why("IPC_SET %ld (errno %d), mode now %#o", s, errno, ds.shm_perm.mode);
    set.shm_perm.mode = 0600;
    a->ctl((int)id, K_IPC_SET, &set);

    /* Inherited across fork and shared: the child writes, the parent sees;
     * the child counts as an attach while it lives. */
    reset_report();
    child_api = a;
    child_id = id;
    child_addr = p1;
    pid_t pid = fork();
    if (pid == 0) {
        long cr;
        struct k_shmid64_ds cds = stat_of(child_api, child_id, &cr);
        sh->value[0] = (int)cds.shm_nattch;
        child_addr[5] = 'c';
        _exit(0);
    }
    int status = pid > 0 ? finish_child(pid, 10000) : -1;
    ds = stat_of(a, id, &r);
    if (!ok(exited_with(status, 0) && ((volatile char *)p1)[5] == 'c' && sh->value[0] == 2 && ds.shm_nattch == 1,
            "%s: a forked child inherits the attachment (nattch 2), its writes are seen, its exit detaches",
            a->name))
        why("child %s, byte %d, nattch in the child %d, after %u", outcome(status), ((volatile char *)p1)[5],
            sh->value[0], ds.shm_nattch);
    a->dt(p1);
}

static int read_after_detach(void)
{
    char *c = (char *)child_addr;
    if (child_api->dt(c) != 0)
        return 10;
    return *(volatile char *)c == 1 ? 3 : 4;
}

static int write_read_only(void)
{
    void *p = NULL;
    if (child_api->at((int)child_id, NULL, K_SHM_RDONLY, &p) != 0)
        return 10;
    if (((volatile char *)p)[7] != 'r')
        return 11; /* reading works */
    ((volatile char *)p)[7] = 'x';
    return 12;
}

static void test_faults_and_addresses(const struct api *a)
{
    long id = remember(a->get(0, 8192, K_IPC_CREAT | 0600));
    void *p = NULL;
    long r = a->at((int)id, NULL, 0, &p);
    if (r == 0)
        ((volatile char *)p)[7] = 'r';
    child_api = a;
    child_id = id;
    child_addr = p;
    int detached = r == 0 ? run_bounded(read_after_detach, 10000) : -1;
    int rdonly = r == 0 ? run_bounded(write_read_only, 10000) : -1;
    if (!ok(killed_by(detached, SIGSEGV) && killed_by(rdonly, SIGSEGV),
            "%s: touching a detached segment, or writing one attached SHM_RDONLY, gives SIGSEGV", a->name))
        why("attach %ld; after detach: %s; read-only: %s", r, outcome(detached), outcome(rdonly));

    /* Attaching at a given address: it must be SHMLBA-aligned unless
     * SHM_RND asks for rounding down. */
    char *where = p;
    if (r == 0)
        a->dt(p);
    void *q = NULL, *rnd = NULL, *exact = NULL;
    errno = 0;
    long unaligned = a->at((int)id, where + 123, 0, &q);
    int e = errno;
    long rounded = a->at((int)id, where + 123, K_SHM_RND, &rnd);
    if (rounded == 0)
        a->dt(rnd);
    long at_exact = a->at((int)id, where, 0, &exact);
    if (at_exact == 0)
        a->dt(exact);
    if (!ok(unaligned == -1 && e == EINVAL && rounded == 0 && rnd == where && at_exact == 0 && exact == where,
            "%s: shmat at an unaligned address gives EINVAL, with SHM_RND it rounds down; an aligned one is kept",
            a->name))
        why("unaligned %ld/%d; SHM_RND %ld at %p (want %p); exact %ld at %p", unaligned, e, rounded, rnd,
            (void *)where, at_exact, exact);

    errno = 0;
    long bad_cmd = a->ctl((int)id, 99, NULL);
    int e1 = errno;
    errno = 0;
    long bad_id = a->ctl((int)id + 1000000, K_IPC_STAT, &(struct k_shmid64_ds){ 0 });
    int e2 = errno;
    void *dummy;
    errno = 0;
    long bad_at = a->at(-1, NULL, 0, &dummy);
    int e3 = errno;
    if (!ok(bad_cmd == -1 && e1 == EINVAL && bad_id == -1 && e2 == EINVAL && bad_at == -1 && e3 == EINVAL,
            "%s: EINVAL for an unknown shmctl command, a wrong id, shmat of id -1", a->name))
        why("cmd 99 %ld/%d; wrong id %ld/%d; shmat(-1) %ld/%d", bad_cmd, e1, bad_id, e2, bad_at, e3);
}

/* IPC_RMID of an attached segment marks it: the key is freed at once, the
 * memory lives until the last detach. */
static void test_rmid(const struct api *a, int32_t key)
{
    long id = remember(a->get(key + 4, 4096, K_IPC_CREAT | K_IPC_EXCL | 0600));
    void *p = NULL;
    long at = a->at((int)id, NULL, 0, &p);
    if (at == 0)
        ((volatile char *)p)[0] = 'k';
    long rm = a->ctl((int)id, K_IPC_RMID, NULL);
    long r;
    struct k_shmid64_ds ds = stat_of(a, id, &r);
    errno = 0;
    long by_key = a->get(key + 4, 4096, 0600);
    int e = errno;
    int alive = 0;
    if (at == 0) {
        ((volatile char *)p)[1] = 'm';
        alive = ((volatile char *)p)[0] == 'k' && ((volatile char *)p)[1] == 'm';
    }
    if (!ok(at == 0 && rm == 0 && r == 0 && (ds.shm_perm.mode & K_SHM_DEST) && ds.shm_perm.key == 0 &&
                ds.shm_nattch == 1 && by_key == -1 && e == ENOENT && alive,
            "%s: IPC_RMID while attached: the key is gone (ENOENT), the segment is marked SHM_DEST and still usable",
            a->name))
        why("attach %ld, rmid %ld, stat %ld: mode %#o key %#x nattch %u; get by key %ld/%d; memory alive %d", at, rm,
            r, ds.shm_perm.mode, ds.shm_perm.key, ds.shm_nattch, by_key, e, alive);

    /* Linux still lets a process attach a marked segment by its id. */
    void *p2 = NULL;
    long at2 = a->at((int)id, NULL, 0, &p2);
    int same = at2 == 0 && ((volatile char *)p2)[0] == 'k';
    if (at2 == 0)
        a->dt(p2);
    if (at == 0)
        a->dt(p);
    struct k_shmid64_ds after = stat_of(a, id, &r);
    int e1 = errno;
    void *p3 = NULL;
    errno = 0;
    long at3 = a->at((int)id, NULL, 0, &p3);
    int e2 = errno;
    if (!ok(same && r == -1 && e1 == EINVAL && at3 == -1 && e2 == EINVAL,
            "%s: a marked segment can still be attached by id; after the last detach it is gone (EINVAL)",
            a->name))
        why("attach of the marked segment %ld (same memory %d); after: stat %ld/%d (nattch %u), shmat %ld/%d", at2,
            same, r, e1, after.shm_nattch, at3, e2);
}

static void test_info(const struct api *a)
{
    long id = remember(a->get(0, 3 * 4096, K_IPC_CREAT | 0600));
    struct k_shminfo64 info;
    memset(&info, 0, sizeof info);
    long hi = a->ctl(0, K_IPC_INFO, &info);
    if (!ok(id >= 0 && hi >= 0 && info.shmmin == 1 && info.shmmni >= 1 && info.shmmax >= 1024 * 1024 &&
                info.shmall >= 1 && info.shmseg >= 1,
            "%s: IPC_INFO: the highest index in use and the limits (SHMMIN 1, SHMMAX >= 1 MiB, ...)", a->name))
        why("returned %ld: shmmax %u shmmin %u shmmni %u shmseg %u shmall %u", hi, info.shmmax, info.shmmin,
            info.shmmni, info.shmseg, info.shmall);

    struct k_shm_info usage;
    memset(&usage, 0, sizeof usage);
    long hi2 = a->ctl(0, K_SHM_INFO, &usage);
    if (!ok(hi2 >= 0 && hi2 == hi && usage.used_ids >= 1 && usage.shm_tot >= 3,
            "%s: SHM_INFO: segments in use and their pages", a->name))
        why("returned %ld (IPC_INFO %ld): used_ids %d, shm_tot %u pages", hi2, hi, usage.used_ids, usage.shm_tot);
}

/* As user and group 65534, against a segment of root's with mode 0600
 * (ret/err 0-4) and one with mode 0644 (5-6). */
static int32_t private_key, readable_key;

static int as_nobody(void)
{
    if (setgid(65534) != 0 || setuid(65534) != 0)
        return 10;
    const struct api *a = child_api;
    void *p;
    errno = 0;
    sh->ret[0] = a->get(private_key, 0, 0600);
    sh->err[0] = errno;
    errno = 0;
    sh->ret[1] = a->at((int)child_id, NULL, 0, &p);
    sh->err[1] = errno;
    struct k_shmid64_ds ds;
    errno = 0;
    sh->ret[2] = a->ctl((int)child_id, K_IPC_STAT, &ds);
    sh->err[2] = errno;
    errno = 0;
    sh->ret[3] = a->ctl((int)child_id, K_IPC_RMID, NULL);
    sh->err[3] = errno;
    memset(&ds, 0, sizeof ds);
    ds.shm_perm.mode = 0666;
    errno = 0;
    sh->ret[4] = a->ctl((int)child_id, K_IPC_SET, &ds);
    sh->err[4] = errno;

    long readable = a->get(readable_key, 0, 0400);
    errno = 0;
    sh->ret[5] = readable >= 0 ? a->at((int)readable, NULL, K_SHM_RDONLY, &p) : -2;
    sh->err[5] = errno;
    errno = 0;
    sh->ret[6] = readable >= 0 ? a->at((int)readable, NULL, 0, &p) : -2;
    sh->err[6] = errno;
    return 0;
}

static void test_permissions(const struct api *a, int32_t key)
{
    private_key = key + 5;
    readable_key = key + 6;
    long id = remember(a->get(private_key, 4096, K_IPC_CREAT | 0600));
    remember(a->get(readable_key, 4096, K_IPC_CREAT | 0644));
    child_api = a;
    child_id = id;
    reset_report();
    int status = run_bounded(as_nobody, 10000);
    if (!ok(exited_with(status, 0) && sh->ret[0] == -1 && sh->err[0] == EACCES && sh->ret[1] == -1 &&
                sh->err[1] == EACCES && sh->ret[2] == -1 && sh->err[2] == EACCES,
            "%s: another user gets EACCES from shmget, shmat and IPC_STAT of a 0600 segment", a->name))
        why("child %s; shmget %ld/%d, shmat %ld/%d, IPC_STAT %ld/%d", outcome(status), sh->ret[0], sh->err[0],
            sh->ret[1], sh->err[1], sh->ret[2], sh->err[2]);
    if (!ok(sh->ret[3] == -1 && sh->err[3] == EPERM && sh->ret[4] == -1 && sh->err[4] == EPERM,
            "%s: IPC_RMID and IPC_SET by someone who is not the owner give EPERM", a->name))
        why("IPC_RMID %ld/%d, IPC_SET %ld/%d", sh->ret[3], sh->err[3], sh->ret[4], sh->err[4]);
    if (!ok(sh->ret[5] == 0 && sh->ret[6] == -1 && sh->err[6] == EACCES,
            "%s: of a 0644 segment, another user may attach SHM_RDONLY but not read-write (EACCES)", a->name))
        why("read-only %ld/%d, read-write %ld/%d", sh->ret[5], sh->err[5], sh->ret[6], sh->err[6]);
    long r;
    struct k_shmid64_ds ds = stat_of(a, id, &r);
    if (!ok(r == 0 && (ds.shm_perm.mode & 0777) == 0600, "%s: the segment survived the refused IPC_RMID and IPC_SET",
            a->name))
        why("IPC_STAT %ld, mode %#o", r, ds.shm_perm.mode);
}

static void test_api(const struct api *a, int32_t key)
{
    test_create(a, key);             /* 4 */
    test_stat_attach(a, key);        /* 5 */
    test_faults_and_addresses(a);    /* 3 */
    test_rmid(a, key);               /* 2 */
    test_info(a);                    /* 2 */
    test_permissions(a, key);        /* 4 */
}
#define TESTS_PER_API 20

/* ---- the C library, ipc() alone, limits ------------------------------------------ */

static void test_libc(void)
{
    int id = shmget(IPC_PRIVATE, 5000, IPC_CREAT | 0600);
    remember(id);
    char *p = id >= 0 ? shmat(id, NULL, 0) : (char *)-1;
    struct shmid_ds ds;
    memset(&ds, 0, sizeof ds);
    int st = -1;
    if (p != (char *)-1) {
        p[4999] = 'z';
        st = shmctl(id, IPC_STAT, &ds);
    }
    int dt = p != (char *)-1 ? shmdt(p) : -1;
    int rm = id >= 0 ? shmctl(id, IPC_RMID, NULL) : -1;
    if (!ok(id >= 0 && p != (char *)-1 && st == 0 && ds.shm_segsz == 5000 && ds.shm_nattch == 1 &&
                ds.shm_cpid == getpid() && (ds.shm_perm.mode & 0777) == 0600 && ds.shm_atime > 0 && dt == 0 &&
                rm == 0,
            "the C library's shmget, shmat, shmctl(IPC_STAT) and shmdt agree with the kernel"))
        why("id %d, at %p, stat %d: segsz %lu nattch %lu cpid %d mode %#o atime %lld; dt %d rm %d", id, (void *)p, st,
            (unsigned long)ds.shm_segsz, (unsigned long)ds.shm_nattch, ds.shm_cpid, ds.shm_perm.mode,
            (long long)ds.shm_atime, dt, rm);

    errno = 0;
    long r = syscall(SYS_ipc, 99, 0, 0, 0, NULL, 0);
    int e = errno;
    if (!ok(r == -1 && e == ENOSYS, "ipc() with an unknown call number gives ENOSYS"))
        why("returned %ld errno %d", r, e);
}

static void test_limits(void)
{
    struct k_shminfo64 info;
    struct k_shm_info usage;
    memset(&info, 0, sizeof info);
    memset(&usage, 0, sizeof usage);
    long r1 = direct_ctl(0, K_IPC_INFO, &info);
    long r2 = direct_ctl(0, K_SHM_INFO, &usage);
    if (r1 < 0 || r2 < 0 || info.shmmni > 16384 || usage.used_ids < 0) {
        skip("SHMMNI is too large to reach quickly (or IPC_INFO failed)", "SHMMNI: ENOSPC once all ids are used");
    } else {
        /* Fill every free id; the next shmget must give ENOSPC. */
        static int ids[16384];
        int n = 0, want = (int)info.shmmni - usage.used_ids;
        long last = 0;
        while (n <= want) {
            last = direct_get(0, 1, K_IPC_CREAT | 0600);
            if (last < 0)
                break;
            ids[n++] = (int)last;
        }
        int e = errno;
        for (int i = 0; i < n; i++)
            direct_ctl(ids[i], K_IPC_RMID, NULL);
        long again = direct_get(0, 1, K_IPC_CREAT | 0600);
        if (again >= 0)
            direct_ctl((int)again, K_IPC_RMID, NULL);
        if (!ok(n == want && last == -1 && e == ENOSPC && again >= 0,
                "SHMMNI (%u): with every id in use shmget gives ENOSPC; removing them frees the ids", info.shmmni))
            why("made %d of %d free ids, then %ld errno %d; after removal %ld", n, want, last, e, again);
    }

    /* SHMALL counts pages over all segments; it can be checked only if it
     * can be passed without a single segment exceeding SHMMAX. */
    uint64_t free_pages = info.shmall > usage.shm_tot ? (uint64_t)info.shmall - usage.shm_tot : 0;
    uint64_t size = (free_pages + 1) * 4096;
    if (r1 < 0 || r2 < 0 || size > info.shmmax) {
        char reason[96];
        snprintf(reason, sizeof reason, "SHMALL (%u pages) cannot be passed below SHMMAX (%u bytes)", info.shmall,
                 info.shmmax);
        skip(reason, "SHMALL: ENOSPC for a segment that would pass it");
    } else {
        errno = 0;
        long over = direct_get(0, (uint32_t)size, K_IPC_CREAT | 0600);
        int e = errno;
        if (over >= 0)
            direct_ctl((int)over, K_IPC_RMID, NULL);
        if (!ok(over == -1 && e == ENOSPC, "SHMALL: a segment that would pass it gives ENOSPC"))
            why("%llu bytes: %ld errno %d", (unsigned long long)size, over, e);
    }
}

int main(void)
{
    sh = shared_memory(sizeof *sh);
    if (!sh) {
        diag("mmap(MAP_SHARED | MAP_ANONYMOUS) failed, errno %d", errno);
        return 1;
    }
    key_base = 0x53480000 | (getpid() & 0xfff) << 4;

    plan(2 * TESTS_PER_API + 4);
    test_api(&direct_api, key_base);
    test_api(&ipc_api, key_base + 8);
    test_libc();   /* 2 */
    test_limits(); /* 2 */

    for (int i = 0; i < n_made; i++)
        direct_ctl(made[i], K_IPC_RMID, NULL);
    return done();
}
