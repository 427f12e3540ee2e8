/* env [-i] [NAME=VALUE]... [command [arg...]]: runs a command with
 * variables added to (or, with -i, instead of) the environment; without a
 * command, prints the environment, one NAME=VALUE a line.
 *
 * The environment is just an array of strings that execve hands to the
 * new program (its third argument), next to argv: the kernel copies both
 * onto the new stack and never looks inside.
 *
 * Exit status: the command's; 127 if it was not found, 126 if it could
 * not be run. System calls: execve (execvp searches PATH). */
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv)
{
    int i = 1;
    if (i < argc && !strcmp(argv[i], "-i")) {
        clearenv();
        i++;
    } else if (i < argc && argv[i][0] == '-' && argv[i][1]) {
        usage("[-i] [NAME=VALUE]... [command [arg...]]");
    }
    for (; i < argc && strchr(argv[i], '='); i++) {
        if (putenv(argv[i]) != 0)
            die_errno("putenv");
    }
    if (i == argc) {
        for (char **e = environ; e && *e; e++)
            printf("%s\n", *e);
        return EXIT_OK;
    }
    execvp(argv[i], argv + i);
    int e = errno;
    warn_errno(argv[i]);
    return e == ENOENT ? 127 : 126;
}
