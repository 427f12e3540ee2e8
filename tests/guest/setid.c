/* setid: execve of set-user-ID and set-group-ID programs. The owner
 * (group) of such a file becomes the effective (and saved) user (group);
 * AT_SECURE says so; a mount with nosuid ignores the bits; the saved ids
 * follow the effective ones at every execve; the set-group-ID bit needs
 * the group execute bit. Copies of this program, made by root, are run
 * by children that became "nobody".
 *
 * The copies run in report mode (SETID_REPORT in their environment) and
 * write "uid euid suid gid egid sgid secure" to REPORT.
 */
#include "bounded.h"
#include <sched.h>

#include <fcntl.h>
#include <stdlib.h>
#include <grp.h>
#include <sys/auxv.h>
#include <sys/mount.h>
#include <sys/stat.h>

#define DIR "/tmp/setid-test"
#define REPORT DIR "/report"
#define NOBODY 65534

static char self[256];

static int report(void)
{
    uid_t r, e, s;
    gid_t gr, ge, gs;
    getresuid(&r, &e, &s);
    getresgid(&gr, &ge, &gs);
    FILE *f = fopen(REPORT, "w");
    if (!f)
        return 1;
    fprintf(f, "%u %u %u %u %u %u %lu", r, e, s, gr, ge, gs, getauxval(AT_SECURE));
    fclose(f);
    return 0;
}

/* Copies this program to `path` with owner 0, group 0 and `mode`. */
static int install_copy(const char *path, mode_t mode)
{
    int in = open(self, O_RDONLY), out = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0700);
    char buffer[8192];
    ssize_t n;
    while (in >= 0 && out >= 0 && (n = read(in, buffer, sizeof buffer)) > 0)
        write(out, buffer, (size_t)n);
    close(in);
    close(out);
    return chown(path, 0, 0) == 0 && chmod(path, mode) == 0 ? 0 : -1;
}

static const char *program;
static uid_t as_uid;
static gid_t as_gid;
static uid_t as_euid; /* (uid_t)-1: as_uid */

/* A child: becomes as_uid/as_gid (euid as_euid), then runs `program`. */
static int become_and_exec(void)
{
    if (setgroups(0, NULL) != 0 || setresgid(as_gid, as_gid, as_gid) != 0)
        return 100;
    uid_t euid = as_euid == (uid_t)-1 ? as_uid : as_euid;
    if (setresuid(as_uid, euid, 0) != 0 && setresuid(as_uid, euid, euid) != 0)
        return 101;
    char *argv[] = { (char *)program, NULL };
    char *envp[] = { "SETID_REPORT=1", NULL };
    execve(program, argv, envp);
    return 102;
}

static char got[128];
static int last_status;

static void read_report(void)
{
    got[0] = 0;
    int fd = open(REPORT, O_RDONLY);
    if (fd >= 0) {
        ssize_t n = read(fd, got, sizeof got - 1);
        got[n > 0 ? n : 0] = 0;
        close(fd);
    }
}

static int run_as(const char *path, uid_t uid, gid_t gid, uid_t euid)
{
    program = path, as_uid = uid, as_gid = gid, as_euid = euid;
    unlink(REPORT);
    int status = run_bounded(become_and_exec, 10000);
    last_status = status;
    read_report();
    return exited_with(status, 0);
}

/* The same, from a child made by clone(CLONE_FS): it shares this
 * process's filesystem context (cwd, root, umask), which this process
 * could change under a set-ID program, so such an exec keeps the
 * caller's ids (Linux: an "unsafe" exec). */
static char clone_stack[64 * 1024];
static int clone_child(void *unused)
{
    (void)unused;
    _exit(become_and_exec());
}

static void expect_sharing_fs(const char *what, const char *path, const char *want)
{
    program = path, as_uid = NOBODY, as_gid = NOBODY, as_euid = (uid_t)-1;
    unlink(REPORT);
    pid_t pid = clone(clone_child, clone_stack + sizeof clone_stack, CLONE_FS | SIGCHLD, NULL);
    int status = -1;
    if (pid > 0)
        waitpid(pid, &status, 0);
    read_report();
    if (!ok(pid > 0 && exited_with(status, 0) && !strcmp(got, want), "%s", what))
        why("got \"%s\", want \"%s\" (child %s)", got, want, pid > 0 ? outcome(status) : "not made");
}

static void expect(const char *what, const char *path, uid_t uid, gid_t gid, uid_t euid, const char *want)
{
    int ran = run_as(path, uid, gid, euid);
    if (!ok(ran && !strcmp(got, want), "%s", what))
        why("got \"%s\", want \"%s\" (child %s)", got, want, ran ? "exit 0" : outcome(last_status));
}

int main(void)
{
    if (getenv("SETID_REPORT"))
        return report();
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0)
        return 1;
    self[n] = 0;
    plan(10);
    mkdir(DIR, 0777);
    chmod(DIR, 0777); /* the children, as nobody, write the report here */

    ok(install_copy(DIR "/plain", 0755) == 0 && install_copy(DIR "/suid", 04755) == 0 &&
           install_copy(DIR "/sgid", 02755) == 0 && install_copy(DIR "/sgid-noexec", 02745) == 0,
       "root made copies of this program: plain, set-user-ID, set-group-ID (one without group execute)");

    expect("a plain program keeps nobody's ids; AT_SECURE 0", DIR "/plain", NOBODY, NOBODY, (uid_t)-1,
           "65534 65534 65534 65534 65534 65534 0");
    expect("set-user-ID root: effective and saved uid 0, AT_SECURE 1", DIR "/suid", NOBODY, NOBODY, (uid_t)-1,
           "65534 0 0 65534 65534 65534 1");
    expect("set-group-ID root: effective and saved gid 0, AT_SECURE 1", DIR "/sgid", NOBODY, NOBODY, (uid_t)-1,
           "65534 65534 65534 65534 0 0 1");
    expect("set-group-ID without group execute changes nothing", DIR "/sgid-noexec", NOBODY, NOBODY, (uid_t)-1,
           "65534 65534 65534 65534 65534 65534 0");
    expect("execve sets the saved uid to the effective one (root, euid nobody); AT_SECURE 1", DIR "/plain", 0, 0,
           NOBODY, "0 65534 65534 0 0 0 1");

    expect_sharing_fs("set-user-ID is not honoured for a process sharing its fs context (CLONE_FS); AT_SECURE 1",
        DIR "/suid", "65534 65534 65534 65534 65534 65534 1");

    /* The same set-user-ID program on a nosuid mount. */
    mkdir(DIR "/nosuid", 0755);
    int mounted = mount("none", DIR "/nosuid", "tmpfs", MS_NOSUID, "mode=0777") == 0;
    ok(mounted && install_copy(DIR "/nosuid/suid", 04755) == 0, "a tmpfs mounted nosuid, with a set-user-ID copy");
    expect("on a nosuid mount the bit is ignored", DIR "/nosuid/suid", NOBODY, NOBODY, (uid_t)-1,
           "65534 65534 65534 65534 65534 65534 0");
    unlink(DIR "/nosuid/suid");
    umount(DIR "/nosuid");
    rmdir(DIR "/nosuid");

    const char *names[] = { "plain", "suid", "sgid", "sgid-noexec", "report" };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char path[128];
        snprintf(path, sizeof path, DIR "/%s", names[i]);
        unlink(path);
    }
    ok(rmdir(DIR) == 0, "everything made could be removed");
    return done();
}
