/* cp [-r] from to, cp [-r] from... dir: copies files (with -r,
 * directories and all they hold; symbolic links inside are copied as
 * links). The copy gets the source's permission bits.
 *
 * System calls: open, read, write, fchmod, mkdir, readlink, symlink,
 * getdents64 (tree.c), stat. */
#include "tree.h"
#include "util.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#define USAGE "[-r] from to | [-r] from... dir"

int main(int argc, char **argv)
{
    int recursive = 0, c;
    while ((c = getopt(argc, argv, "rR")) != -1) {
        if (c != 'r' && c != 'R')
            usage(USAGE);
        recursive = 1;
    }
    int count = argc - optind;
    if (count < 2)
        usage(USAGE);
    const char *last = argv[argc - 1];
    struct stat st;
    int into_directory = stat(last, &st) == 0 && S_ISDIR(st.st_mode);
    if (count > 2 && !into_directory) {
        warn("%s: not a directory", last);
        return EXIT_FAIL;
    }
    int status = EXIT_OK;
    for (int i = optind; i < argc - 1; i++) {
        char *name = last_component(argv[i]);
        char *to = into_directory ? join_path(last, name) : NULL;
        if (copy_path(argv[i], to ? to : last, recursive, 0) != 0)
            status = EXIT_FAIL;
        free(to);
        free(name);
    }
    return status;
}
