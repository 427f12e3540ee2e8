/* rm [-r] [-f] path...: removes files; with -r, directories and all they
 * hold. -f: a missing file is no error, and no operand is no usage error.
 *
 * System calls: unlink (a name goes; the file itself goes with its last
 * name and last open descriptor), rmdir, lstat, getdents64 (tree.c). */
#include "tree.h"
#include "util.h"

#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

#define USAGE "[-r] [-f] path..."

int main(int argc, char **argv)
{
    int recursive = 0, force = 0, c;
    while ((c = getopt(argc, argv, "rRf")) != -1) {
        switch (c) {
        case 'r':
        case 'R':
            recursive = 1;
            break;
        case 'f':
            force = 1;
            break;
        default:
            usage(USAGE);
        }
    }
    if (optind >= argc && !force)
        usage(USAGE);
    int status = EXIT_OK;
    for (int i = optind; i < argc; i++) {
        struct stat st;
        if (lstat(argv[i], &st) != 0) {
            if (!(force && errno == ENOENT)) {
                warn_errno(argv[i]);
                status = EXIT_FAIL;
            }
            continue;
        }
        if (S_ISDIR(st.st_mode) && !recursive) {
            errno = EISDIR;
            warn_errno(argv[i]);
            status = EXIT_FAIL;
            continue;
        }
        if (remove_tree(argv[i]) != 0)
            status = EXIT_FAIL;
    }
    return status;
}
