/* rmdir dir...: removes empty directories.
 *
 * System calls: rmdir (ENOTEMPTY if the directory still holds entries,
 * EBUSY if something is mounted on it). */
#include "util.h"

#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 2 || argv[1][0] == '-')
        usage("dir...");
    int status = EXIT_OK;
    for (int i = 1; i < argc; i++) {
        if (rmdir(argv[i]) != 0) {
            warn_errno(argv[i]);
            status = EXIT_FAIL;
        }
    }
    return status;
}
