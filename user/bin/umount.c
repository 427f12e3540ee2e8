/* umount [-l] [-f] dir...: takes mounts away. -l (MNT_DETACH): at once,
 * even if the mount is busy; it lives on, unreachable by path, until the
 * last file open in it or cwd inside it is gone. -f (MNT_FORCE) is passed
 * to the kernel as asked.
 *
 * System calls: umount2. */
#include "util.h"

#include <sys/mount.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    int flags = 0, c;
    while ((c = getopt(argc, argv, "lf")) != -1) {
        if (c == 'l')
            flags |= MNT_DETACH;
        else if (c == 'f')
            flags |= MNT_FORCE;
        else
            usage("[-l] [-f] dir...");
    }
    if (optind >= argc)
        usage("[-l] [-f] dir...");
    int status = EXIT_OK;
    for (int i = optind; i < argc; i++) {
        if (umount2(argv[i], flags) != 0) {
            warn_errno(argv[i]);
            status = EXIT_FAIL;
        }
    }
    return status;
}
