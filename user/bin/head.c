/* head [-n N] [file...]: the first N lines (10 unless told) of each file,
 * or of standard input. With several files, each is introduced by a
 * "==> name <==" line.
 *
 * System calls: open, read, write. It stops reading after the Nth line:
 * on a pipe the writer may then get SIGPIPE, which is how a pipeline
 * stops early. */
#include "util.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define USAGE "[-n N] [file...]"

static int head(int fd, const char *name, unsigned long lines)
{
    char buf[4096];
    while (lines > 0) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n == 0)
            return 0;
        if (n < 0) {
            warn_errno(name);
            return -1;
        }
        size_t keep = 0;
        while (keep < (size_t)n && lines > 0) {
            if (buf[keep++] == '\n')
                lines--;
        }
        if (write_all(1, buf, keep) != 0) {
            warn_errno("write error");
            return -1;
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    unsigned long lines = 10;
    int c;
    while ((c = getopt(argc, argv, "n:")) != -1) {
        if (c != 'n' || parse_number(optarg, &lines) != 0)
            usage(USAGE);
    }
    if (optind >= argc)
        return head(0, "-", lines) ? EXIT_FAIL : EXIT_OK;
    int status = EXIT_OK, several = argc - optind > 1;
    for (int i = optind; i < argc; i++) {
        int fd = strcmp(argv[i], "-") ? open(argv[i], O_RDONLY | O_CLOEXEC) : 0;
        if (fd < 0) {
            warn_errno(argv[i]);
            status = EXIT_FAIL;
            continue;
        }
        if (several) {
            char title[4200];
            int n = snprintf(title, sizeof title, "%s==> %s <==\n", i > optind ? "\n" : "", argv[i]);
            write_all(1, title, (size_t)n < sizeof title ? (size_t)n : sizeof title - 1);
        }
        if (head(fd, argv[i], lines))
            status = EXIT_FAIL;
        if (fd)
            close(fd);
    }
    return status;
}
