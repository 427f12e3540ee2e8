/* util_users: the utilities about users: id, whoami, runas, su and login
 * (user/bin).
 *
 * - id and whoami read the process's credentials and name them from
 *   /etc/passwd and /etc/group; id USER shows what login would set.
 * - runas and su switch to another user (groups, gid, uid) and run a
 *   command; su also sets HOME, USER, LOGNAME and SHELL. The test program
 *   itself stands in for a shell: run as "util_users -c probe" it prints
 *   what it runs as.
 * - login gives the user a /tmp of their own: a file written to /tmp in
 *   alice's session is in /tmp-inst/1000 outside it, not in /tmp, and not
 *   in bob's session; even when / is shared, the bind mount stays in the
 *   session. It switches the ids, changes to the home directory and sets
 *   the environment.
 *
 * The users are the root file system's (user/rootfs/etc): alice (1000)
 * and bob (1001), both in group users (100). The Linux VM has only root
 * and nobody, so there the test adds the same lines first. */
#include "utility.h"

#include <sched.h>
#include <sys/mount.h>

#define DEMO_PASSWD "alice:x:1000:1000:Alice:/home/alice:/bin/sh\nbob:x:1001:1001:Bob:/home/bob:/bin/sh\n"
#define DEMO_GROUP "users:x:100:alice,bob\nalice:x:1000:\nbob:x:1001:\n"
#define ALICE_ID "uid=1000(alice) gid=1000(alice) groups=1000(alice),100(users)\n"

static void append(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_APPEND);
    if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
        diag("appending to %s: %s", path, strerror(errno));
    close(fd);
}

/* Cleave's root file system has the demo users; elsewhere add them. */
static void ensure_demo_users(void)
{
    char passwd[4096];
    if (strstr(read_file("/etc/passwd", passwd, sizeof passwd), "\nalice:"))
        return;
    diag("adding alice and bob to /etc/passwd and /etc/group (as Cleave's root file system has them)");
    append("/etc/passwd", DEMO_PASSWD);
    append("/etc/group", DEMO_GROUP);
    mkdir("/home", 0755);
    mkdir("/home/alice", 0755);
    mkdir("/home/bob", 0755);
    chown("/home/alice", 1000, 1000);
    chown("/home/bob", 1001, 1001);
}

/* Run as "util_users -c probe" (by su, as the user's shell). */
static int probe(void)
{
    const char *home = getenv("HOME"), *user = getenv("USER"), *shell = getenv("SHELL"), *logname = getenv("LOGNAME");
    printf("uid=%d gid=%d HOME=%s USER=%s LOGNAME=%s SHELL=%s\n", (int)getuid(), (int)getgid(), home ? home : "-",
        user ? user : "-", logname ? logname : "-", shell ? shell : "-");
    return 0;
}

static void test_id(void)
{
    struct run r;
    run(&r, "/bin/id");
    expect_exactly(&r, 0, "uid=0(root) gid=0(root) groups=0(root)\n", "", "id of root");
    run(&r, "/bin/id", "-u");
    expect_exactly(&r, 0, "0\n", "", "id -u");
    run(&r, "/bin/id", "-gn");
    expect_exactly(&r, 0, "root\n", "", "id -gn");
    run(&r, "/bin/id", "alice");
    expect_exactly(&r, 0, ALICE_ID, "", "id alice: her ids and groups from /etc/passwd and /etc/group");
    run(&r, "/bin/id", "-G", "bob");
    expect_exactly(&r, 0, "1001 100\n", "", "id -G bob");
    run(&r, "/bin/id", "nosuchuser");
    expect_exactly(&r, 1, "", "id: nosuchuser: no such user\n", "id of an unknown user fails");
    run(&r, "/bin/id", "-x");
    expect(&r, 2, "", "usage: id", "id -x is a usage error");
}

static void test_whoami_runas(void)
{
    struct run r;
    run(&r, "/bin/whoami");
    expect_exactly(&r, 0, "root\n", "", "whoami: root");
    run(&r, "/bin/whoami", "x");
    expect(&r, 2, "", "usage: whoami", "whoami with an operand is a usage error");
    run(&r, "/bin/runas", "nobody", "/bin/whoami");
    expect_exactly(&r, 0, "nobody\n", "", "runas nobody whoami: nobody");
    run(&r, "/bin/runas", "alice", "/bin/id");
    expect_exactly(&r, 0, ALICE_ID, "", "runas alice id: her uid, gid and groups");
    run(&r, "/bin/runas", "alice", "-g", "users", "/bin/id");
    expect_exactly(&r, 0, "uid=1000(alice) gid=100(users) groups=100(users)\n", "", "runas alice -g users: another gid");
    run(&r, "/bin/runas", "4242", "/bin/id");
    expect_exactly(&r, 0, "uid=4242 gid=4242 groups=4242\n", "", "runas 4242: a uid nobody has, as a number");
    struct run_setup nobody = { .prepare = become_nobody };
    run_as(&r, &nobody, "/bin/runas", "alice", "/bin/id");
    expect_exactly(&r, 1, "", "runas: cannot become alice: Operation not permitted\n", "runas as nobody fails with EPERM");
    run(&r, "/bin/runas", "nosuchuser", "/bin/id");
    expect_exactly(&r, 1, "", "runas: nosuchuser: no such user\n", "runas of an unknown user fails");
    run(&r, "/bin/runas", "alice", "/nonexistent");
    expect_exactly(&r, 127, "", "runas: /nonexistent: No such file or directory\n", "runas of a missing command: 127");
    run(&r, "/bin/runas", "alice");
    expect(&r, 2, "", "usage: runas", "runas without a command is a usage error");
}

static void test_su(void)
{
    struct run r;
    run(&r, "/bin/su", "-s", "/bin/util_users", "alice", "-c", "probe");
    expect_exactly(&r, 0, "uid=1000 gid=1000 HOME=/home/alice USER=alice LOGNAME=alice SHELL=/bin/util_users\n", "",
        "su -s SHELL alice -c CMD: runs SHELL -c CMD as alice, with her environment");
    run(&r, "/bin/su", "-s", "/bin/util_users", "-c", "probe");
    expect_exactly(&r, 0, "uid=0 gid=0 HOME=/root USER=root LOGNAME=root SHELL=/bin/util_users\n", "",
        "su without a user: root");
    run(&r, "/bin/su", "nobody");
    expect_exactly(&r, 1, "", "", "su nobody runs nobody's shell, /bin/false");
    run(&r, "/bin/su", "nosuchuser");
    expect_exactly(&r, 1, "", "su: nosuchuser: no such user\n", "su of an unknown user fails");
    run(&r, "/bin/su", "alice", "bob");
    expect(&r, 2, "", "usage: su", "su with two users is a usage error");
}

/* In a child process: a mount namespace where / is shared, a login
 * session from there, then a look at /tmp from there. Exit 0: the file
 * went to /tmp-inst/1000 and not to this namespace's /tmp; 1: it was in
 * /tmp; 2: it was nowhere; 3: login failed; 4: no namespace. */
static int login_under_shared_root(void)
{
    if (unshare(CLONE_NEWNS) != 0 || mount("none", "/", NULL, MS_REC | MS_SHARED, NULL) != 0)
        return 4;
    static struct run r;
    run(&r, "/bin/login", "alice", "/bin/touch", "/tmp/shared-test");
    if (!exited_with(r.status, 0))
        return 3;
    if (exists("/tmp/shared-test"))
        return 1;
    return exists("/tmp-inst/1000/shared-test") ? 0 : 2;
}

static void test_login(void)
{
    struct run r;
    struct stat st;
    unlink("/tmp/from-alice");
    unlink("/tmp-inst/1000/from-alice");
    run(&r, "/bin/login", "alice", "/bin/touch", "/tmp/from-alice");
    check_run(exited_with(r.status, 0) && !exists("/tmp/from-alice") && stat("/tmp-inst/1000/from-alice", &st) == 0
            && st.st_uid == 1000,
        &r, "login alice: her /tmp/x is /tmp-inst/1000/x outside, hers, and not in /tmp");
    check_run(stat("/tmp-inst/1000", &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == 1000 && (st.st_mode & 0777) == 0700,
        &r, "login made /tmp-inst/1000 for her: mode 0700, owned by her");
    run(&r, "/bin/login", "alice", "/bin/ls", "/tmp");
    expect_exactly(&r, 0, "from-alice\n", "", "login alice: her /tmp holds her file");
    run(&r, "/bin/login", "bob", "/bin/ls", "/tmp");
    expect_exactly(&r, 0, "", "", "login bob: his /tmp is another one, empty");
    run(&r, "/bin/login", "alice", "/bin/id");
    expect_exactly(&r, 0, ALICE_ID, "", "login alice: her uid, gid and groups");
    run(&r, "/bin/login", "alice", "/bin/pwd");
    expect_exactly(&r, 0, "/home/alice\n", "", "login alice: starts in her home");
    run(&r, "/bin/login", "alice", "/bin/env");
    check_run(exited_with(r.status, 0) && strstr(r.out, "HOME=/home/alice\n") && strstr(r.out, "USER=alice\n")
            && strstr(r.out, "LOGNAME=alice\n") && strstr(r.out, "SHELL=/bin/sh\n") && strstr(r.out, "PATH=/bin"),
        &r, "login alice: HOME, USER, LOGNAME, SHELL and PATH set");

    /* Where / is shared, a bind mount over /tmp would travel back out to
     * the peers, unless login makes its copy a slave first. */
    unlink("/tmp-inst/1000/shared-test");
    int status = in_child(login_under_shared_root);
    if (!ok(exited_with(status, 0), "login under a shared /: the bind mount does not propagate out of the session"))
        diag("%s (1: the file was in the outer /tmp, 2: nowhere, 3: login failed, 4: no namespace)",
            status_text(status));
    unlink("/tmp-inst/1000/shared-test");

    struct run_setup nobody = { .prepare = become_nobody };
    run_as(&r, &nobody, "/bin/login", "alice", "/bin/true");
    expect_exactly(&r, 1, "", "login: login: Operation not permitted\n", "login as nobody fails with EPERM");
    run(&r, "/bin/login", "nosuchuser");
    expect_exactly(&r, 1, "", "login: nosuchuser: no such user\n", "login of an unknown user fails");
    run(&r, "/bin/login", "alice", "/nonexistent");
    expect_exactly(&r, 127, "", "login: /nonexistent: No such file or directory\n", "login with a missing command: 127");
    run(&r, "/bin/login");
    expect(&r, 2, "", "usage: login", "login without a user is a usage error");
    unlink("/tmp-inst/1000/from-alice");
}

int main(int argc, char **argv)
{
    if (argc == 3 && !strcmp(argv[1], "-c") && !strcmp(argv[2], "probe"))
        return probe();
    plan(34);
    ensure_demo_users();
    test_id();
    test_whoami_runas();
    test_su();
    test_login();
    return done();
}
