/* whoami: the name of the effective user (or its number if
 * /etc/passwd has none).
 *
 * System calls: geteuid; the name comes from /etc/passwd. */
#include "util.h"

#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    (void)argv;
    if (argc > 1)
        usage("");
    uid_t uid = geteuid();
    struct user u;
    if (user_by_uid(uid, &u) == 0)
        printf("%s\n", u.name);
    else
        printf("%u\n", (unsigned)uid);
    return EXIT_OK;
}
