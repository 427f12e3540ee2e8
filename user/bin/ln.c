/* ln [-s] target name, ln [-s] target... dir: makes a hard link (a second
 * name for the same inode), or with -s a symbolic link (a small file that
 * holds a path, followed when looked up).
 *
 * System calls: link, symlink, stat. */
#include "tree.h"
#include "util.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#define USAGE "[-s] target name | [-s] target... dir"

int main(int argc, char **argv)
{
    int symbolic = 0, c;
    while ((c = getopt(argc, argv, "s")) != -1) {
        if (c != 's')
            usage(USAGE);
        symbolic = 1;
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
        const char *where = to ? to : last;
        if ((symbolic ? symlink(argv[i], where) : link(argv[i], where)) != 0) {
            warn_errno(where);
            status = EXIT_FAIL;
        }
        free(to);
        free(name);
    }
    return status;
}
