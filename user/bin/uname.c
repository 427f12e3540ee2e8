/* uname [-a] [-s] [-n] [-r] [-v] [-m]: facts about the kernel and the
 * machine, as uname(2) gives them: -s the kernel's name, -n the host
 * name, -r its release, -v its version (build), -m the machine; -a all of
 * them. With no option, -s. They are printed in that order, whatever the
 * order of the options.
 *
 * System calls: uname. */
#include "util.h"

#include <stdio.h>
#include <sys/utsname.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    enum { SYSNAME = 1, NODENAME = 2, RELEASE = 4, VERSION = 8, MACHINE = 16 };
    int show = 0, c;
    while ((c = getopt(argc, argv, "asnrvm")) != -1) {
        switch (c) {
        case 'a': show |= SYSNAME | NODENAME | RELEASE | VERSION | MACHINE; break;
        case 's': show |= SYSNAME; break;
        case 'n': show |= NODENAME; break;
        case 'r': show |= RELEASE; break;
        case 'v': show |= VERSION; break;
        case 'm': show |= MACHINE; break;
        default: usage("[-a] [-s] [-n] [-r] [-v] [-m]");
        }
    }
    if (optind < argc)
        usage("[-a] [-s] [-n] [-r] [-v] [-m]");
    if (!show)
        show = SYSNAME;
    struct utsname u;
    if (uname(&u) != 0)
        die_errno("uname");
    const char *fields[] = { u.sysname, u.nodename, u.release, u.version, u.machine };
    const char *space = "";
    for (int i = 0; i < 5; i++) {
        if (show & (1 << i)) {
            printf("%s%s", space, fields[i]);
            space = " ";
        }
    }
    printf("\n");
    return EXIT_OK;
}
