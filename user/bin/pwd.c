/* pwd: prints the current working directory.
 *
 * System calls: getcwd, which asks the kernel for the path of the cwd it
 * keeps in the process's filesystem context (root, cwd, umask). */
#include "util.h"

#include <limits.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    (void)argv;
    if (argc > 1)
        usage("");
    char path[PATH_MAX];
    if (!getcwd(path, sizeof path))
        die_errno("getcwd");
    printf("%s\n", path);
    return EXIT_OK;
}
