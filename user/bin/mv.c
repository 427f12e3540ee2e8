/* mv from to, mv from... dir: renames files. Across mounts, where the
 * kernel cannot rename (EXDEV: a name cannot point into another file
 * system), copies the file or tree with its owner and times, then
 * removes the original.
 *
 * System calls: rename, and after EXDEV those of cp and rm (tree.c). */
#include "tree.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#define USAGE "from to | from... dir"

static int move(const char *from, const char *to)
{
    if (rename(from, to) == 0)
        return 0;
    if (errno != EXDEV) {
        warn_errno(from);
        return -1;
    }
    /* Another file system: copy, and remove the source only if the whole
     * copy worked. A directory in the way is replaced, as rename does. */
    struct stat st;
    if (lstat(to, &st) == 0 && remove_tree(to) != 0)
        return -1;
    if (copy_path(from, to, 1, 1) != 0)
        return -1;
    return remove_tree(from);
}

int main(int argc, char **argv)
{
    if (argc > 1 && argv[1][0] == '-' && argv[1][1])
        usage(USAGE);
    if (argc < 3)
        usage(USAGE);
    const char *last = argv[argc - 1];
    struct stat st;
    int into_directory = stat(last, &st) == 0 && S_ISDIR(st.st_mode);
    if (argc > 3 && !into_directory) {
        warn("%s: not a directory", last);
        return EXIT_FAIL;
    }
    int status = EXIT_OK;
    for (int i = 1; i < argc - 1; i++) {
        char *name = last_component(argv[i]);
        char *to = into_directory ? join_path(last, name) : NULL;
        if (move(argv[i], to ? to : last) != 0)
            status = EXIT_FAIL;
        free(to);
        free(name);
    }
    return status;
}
