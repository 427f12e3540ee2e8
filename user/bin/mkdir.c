/* mkdir [-p] [-m mode] dir...: makes directories. With -p, makes the
 * missing parents too and is content if a directory already exists.
 * -m gives the mode in octal (it is then not limited by the umask).
 *
 * System calls: mkdir (the kernel applies the umask of the process's
 * filesystem context to the mode), stat, chmod for -m. */
#include "util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define USAGE "[-p] [-m mode] dir..."

static int parents;

/* Makes one directory, first its parents with -p. 0, or -1 after a
 * message. */
static int make(char *path, mode_t mode)
{
    if (parents) {
        /* Each prefix ending before a '/': "a", "a/b" of "a/b/c". */
        for (char *p = path + 1; *p; p++) {
            if (*p != '/' || p[-1] == '/')
                continue;
            *p = 0;
            int r = mkdir(path, 0777);
            int e = errno;
            struct stat st;
            if (r != 0 && !(e == EEXIST && stat(path, &st) == 0 && S_ISDIR(st.st_mode))) {
                errno = e == EEXIST ? ENOTDIR : e;
                warn_errno(path);
                *p = '/';
                return -1;
            }
            *p = '/';
        }
    }
    if (mkdir(path, mode) != 0) {
        struct stat st;
        if (parents && errno == EEXIST && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
            return 0;
        warn_errno(path);
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    mode_t mode = 0777;
    int explicit_mode = 0, c;
    while ((c = getopt(argc, argv, "pm:")) != -1) {
        switch (c) {
        case 'p':
            parents = 1;
            break;
        case 'm': {
            char *end;
            unsigned long m = strtoul(optarg, &end, 8);
            if (!*optarg || *end || m > 07777)
                usage(USAGE);
            mode = (mode_t)m;
            explicit_mode = 1;
            break;
        }
        default:
            usage(USAGE);
        }
    }
    if (optind >= argc)
        usage(USAGE);
    int status = EXIT_OK;
    for (int i = optind; i < argc; i++) {
        if (make(argv[i], mode) != 0) {
            status = EXIT_FAIL;
            continue;
        }
        /* -m means exactly this mode, whatever the umask took away. */
        if (explicit_mode && chmod(argv[i], mode) != 0) {
            warn_errno(argv[i]);
            status = EXIT_FAIL;
        }
    }
    return status;
}
