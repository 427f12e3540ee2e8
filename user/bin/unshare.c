/* unshare [options] [command [arg...]]: runs a command with parts of its
 * context of its own, made by unshare(2). Without a command, $SHELL (or
 * /bin/sh).
 *
 *   -m, --mount      a mount namespace of its own (CLONE_NEWNS): a copy of
 *                    the mount tree, where mounts and unmounts are not seen
 *                    by the rest of the system
 *   --propagation private|shared|slave|unchanged
 *                    after -m, the propagation type given to every mount
 *                    of the copy (mount(2) on "/" with MS_REC). private by
 *                    default: a mount made inside then does not travel
 *                    back out through a shared mount, which is what -m is
 *                    usually for. unchanged keeps the types the copy has.
 *   --fs             a filesystem context of its own (CLONE_FS: root, cwd,
 *                    umask), if it shared one
 *   --files          a table of descriptors of its own (CLONE_FILES)
 *   --vm             an address space of its own (CLONE_VM)
 *   --sighand        signal handlers of its own (CLONE_SIGHAND)
 *
 * The last four only matter for a task made by clone() with the sharing
 * flags; for a process that shares nothing, unshare(2) succeeds and does
 * nothing. The kernel adds the flags one implies (docs/process-model.md:
 * CLONE_NEWNS implies CLONE_FS, CLONE_VM implies CLONE_SIGHAND).
 *
 * Exit status: the command's; 1 if unshare(2) or mount(2) failed
 * ("unshare: unshare failed: Operation not permitted" for a user who is
 * not root), 2 usage, 127 command not found, 126 not runnable.
 *
 * System calls: unshare, mount (MS_REC | MS_PRIVATE and friends), execve. */
#include "util.h"

#include <errno.h>
#include <getopt.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#define USAGE "[-m] [--propagation private|shared|slave|unchanged]\n" \
              "       [--fs] [--files] [--vm] [--sighand] [command [arg...]]"

enum { OPT_PROPAGATION = 256, OPT_FS, OPT_FILES, OPT_VM, OPT_SIGHAND };

static const struct option options[] = {
    { "mount", no_argument, NULL, 'm' },
    { "propagation", required_argument, NULL, OPT_PROPAGATION },
    { "fs", no_argument, NULL, OPT_FS },
    { "files", no_argument, NULL, OPT_FILES },
    { "vm", no_argument, NULL, OPT_VM },
    { "sighand", no_argument, NULL, OPT_SIGHAND },
    { NULL, 0, NULL, 0 },
};

/* The MS_ flag of a --propagation word; 0 for unchanged, -1 if unknown. */
static long propagation_flag(const char *word)
{
    if (!strcmp(word, "private"))
        return MS_PRIVATE;
    if (!strcmp(word, "shared"))
        return MS_SHARED;
    if (!strcmp(word, "slave"))
        return MS_SLAVE;
    if (!strcmp(word, "unchanged"))
        return 0;
    return -1;
}

int main(int argc, char **argv)
{
    int flags = 0, c;
    long propagation = MS_PRIVATE;
    /* "+": stop at the command, whose own options are not ours. */
    while ((c = getopt_long(argc, argv, "+m", options, NULL)) != -1) {
        switch (c) {
        case 'm': flags |= CLONE_NEWNS; break;
        case OPT_FS: flags |= CLONE_FS; break;
        case OPT_FILES: flags |= CLONE_FILES; break;
        case OPT_VM: flags |= CLONE_VM; break;
        case OPT_SIGHAND: flags |= CLONE_SIGHAND; break;
        case OPT_PROPAGATION:
            if ((propagation = propagation_flag(optarg)) < 0) {
                warn("unsupported propagation mode: %s", optarg);
                usage(USAGE);
            }
            break;
        default: usage(USAGE);
        }
    }

    if (unshare(flags) != 0) {
        warn("unshare failed: %s", strerror(errno));
        return EXIT_FAIL;
    }
    /* The new namespace's mounts are copies of the old ones, with their
     * propagation: a shared mount here would still send mounts to (and
     * receive them from) its peers outside. */
    if ((flags & CLONE_NEWNS) && propagation && mount("none", "/", NULL, MS_REC | propagation, NULL) != 0) {
        warn("cannot change the propagation of /: %s", strerror(errno));
        return EXIT_FAIL;
    }

    char *shell_argv[] = { getenv("SHELL") ? getenv("SHELL") : "/bin/sh", NULL };
    char **command = optind < argc ? argv + optind : shell_argv;
    execvp(command[0], command);
    int e = errno;
    warn_errno(command[0]);
    return e == ENOENT ? 127 : 126;
}
