/* login USER [command [arg...]]: starts a session for USER, with a /tmp
 * of the user's own: the seed's example of what unshare(2) is for
 * (../shared/seed/unshare.rst, 2.1, "polyinstantiated directories").
 * Run by root; there is no password to ask for.
 *
 * Every user sees a directory at /tmp, but each sees a different one:
 *
 *   1. unshare(CLONE_NEWNS): a mount namespace of the session's own, a
 *      copy of the system's mount tree;
 *   2. make every mount of the copy a slave (MS_REC | MS_SLAVE): mounts
 *      the administrator makes later in a shared mount still arrive, but
 *      nothing made in this session travels back out;
 *   3. make /tmp-inst/<uid> (mode 0700, owned by the user) if it is not
 *      there, and bind-mount it over /tmp, in this namespace only;
 *   4. setgroups, setgid, setuid to the user's ids (users.c, become());
 *   5. chdir to the user's home (or /), set HOME, USER, LOGNAME, SHELL and
 *      PATH, and run the command, or else the user's shell.
 *
 * Outside the session, the user's files in /tmp are in /tmp-inst/<uid>,
 * where root can see them; another user's session cannot.
 *
 * Exit status: the command's; 1 if a step failed, 2 usage, 127 if the
 * command was not found, 126 if it could not be run.
 *
 * System calls: unshare, mount (propagation, then MS_BIND), mkdir,
 * chown, lstat, setgroups, setgid, setuid, chdir, execve. */
#include "util.h"

#include <errno.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#define INSTANCES "/tmp-inst"

/* Fails with a message naming the step. */
static void fail(const char *step)
{
    warn("%s: %s", step, strerror(errno));
    exit(EXIT_FAIL);
}

/* The user's own /tmp: /tmp-inst/<uid>, made if missing. It must be a
 * directory that belongs to the user and nobody else may enter: one made
 * in advance by someone else (a link pointing elsewhere, a directory
 * others can write) is refused rather than trusted. */
static void make_instance(const struct user *u, char *path, size_t size)
{
    if (mkdir(INSTANCES, 0700) != 0 && errno != EEXIST)
        fail("mkdir " INSTANCES);
    snprintf(path, size, INSTANCES "/%u", (unsigned)u->uid);
    if (mkdir(path, 0700) == 0) {
        if (chown(path, u->uid, u->gid) != 0)
            fail(path);
    } else if (errno != EEXIST) {
        fail(path);
    }
    struct stat st;
    if (lstat(path, &st) != 0)
        fail(path);
    if (!S_ISDIR(st.st_mode) || st.st_uid != u->uid || (st.st_mode & 077)) {
        warn("%s: not a private directory of %s; not using it", path, u->name);
        exit(EXIT_FAIL);
    }
}

int main(int argc, char **argv)
{
    if (argc < 2 || argv[1][0] == '-')
        usage("user [command [arg...]]");
    struct user u;
    if (user_by_name(argv[1], &u) != 0) {
        warn("%s: no such user", argv[1]);
        return EXIT_FAIL;
    }
    if (geteuid() != 0) {
        errno = EPERM;
        fail("login");
    }

    if (unshare(CLONE_NEWNS) != 0)
        fail("unshare");
    if (mount("none", "/", NULL, MS_REC | MS_SLAVE, NULL) != 0)
        fail("making / a slave");
    char instance[PATH_MAX];
    make_instance(&u, instance, sizeof instance);
    if (mount(instance, "/tmp", NULL, MS_BIND, NULL) != 0)
        fail("bind-mounting the user's /tmp");

    if (become(&u) != 0)
        fail("changing the user ids");
    const char *home = u.home[0] ? u.home : "/";
    if (chdir(home) != 0) {
        warn("%s: %s; starting in /", home, strerror(errno));
        if (chdir("/") != 0)
            fail("chdir /");
    }
    const char *shell = u.shell[0] ? u.shell : "/bin/sh";
    setenv("HOME", home, 1);
    setenv("USER", u.name, 1);
    setenv("LOGNAME", u.name, 1);
    setenv("SHELL", shell, 1);
    setenv("PATH", "/bin:/sbin:/usr/bin:/usr/sbin", 1);

    char *shell_argv[] = { (char *)shell, NULL };
    char **command = argc > 2 ? argv + 2 : shell_argv;
    execvp(command[0], command);
    int e = errno;
    warn_errno(command[0]);
    return e == ENOENT ? 127 : 126;
}
