/* cat [file...]: copies each file, or standard input for "-" or when no
 * file is given, to standard output.
 *
 * System calls: open, read, write, close. Data goes from the kernel's
 * page cache (or a pipe) into a buffer here and back out: the plain
 * read/write loop every other copy is made of. */
#include "util.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

static char buf[65536];

/* Copies fd to stdout; 0, or -1 after a message. */
static int copy_out(int fd, const char *name)
{
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n == 0)
            return 0;
        if (n < 0) {
            warn_errno(name);
            return -1;
        }
        if (write_all(1, buf, (size_t)n) != 0) {
            warn_errno("write error");
            return -1;
        }
    }
}

int main(int argc, char **argv)
{
    int status = EXIT_OK;
    if (argc < 2)
        return copy_out(0, "-") ? EXIT_FAIL : EXIT_OK;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-") == 0) {
            if (copy_out(0, "-"))
                status = EXIT_FAIL;
            continue;
        }
        int fd = open(argv[i], O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            warn_errno(argv[i]);
            status = EXIT_FAIL;
            continue;
        }
        if (copy_out(fd, argv[i]))
            status = EXIT_FAIL;
        close(fd);
    }
    return status;
}
