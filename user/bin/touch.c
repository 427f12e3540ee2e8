/* touch [-c] file...: sets a file's access and modification times to
 * now, creating it (empty) if it does not exist, unless -c.
 *
 * System calls: utimensat (with no times: "now", which the owner, or
 * anyone who may write the file, may set), open with O_CREAT. */
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    int create = 1, c;
    while ((c = getopt(argc, argv, "c")) != -1) {
        if (c != 'c')
            usage("[-c] file...");
        create = 0;
    }
    if (optind >= argc)
        usage("[-c] file...");
    int status = EXIT_OK;
    for (int i = optind; i < argc; i++) {
        if (utimensat(AT_FDCWD, argv[i], NULL, 0) == 0)
            continue;
        if (errno == ENOENT && !create)
            continue;
        if (errno == ENOENT) {
            int fd = open(argv[i], O_WRONLY | O_CREAT | O_CLOEXEC, 0666);
            if (fd >= 0) {
                close(fd);
                continue;
            }
        }
        warn_errno(argv[i]);
        status = EXIT_FAIL;
    }
    return status;
}
