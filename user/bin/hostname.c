/* hostname [name]: prints the host name, or sets it (root only).
 *
 * The name is the kernel's: uname(2) reads it as "nodename". Setting it
 * is sethostname(2); on a kernel without that call (ENOSYS), the same
 * name is written to /proc/sys/kernel/hostname, the kernel's other door
 * to it.
 *
 * System calls: uname, sethostname (or open and write). */
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

static int set_by_proc(const char *name)
{
    int fd = open("/proc/sys/kernel/hostname", O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int r = write_all(fd, name, strlen(name));
    int e = errno;
    close(fd);
    errno = e;
    return r;
}

int main(int argc, char **argv)
{
    if (argc > 2 || (argc == 2 && argv[1][0] == '-'))
        usage("[name]");
    if (argc == 2) {
        const char *name = argv[1];
        if (sethostname(name, strlen(name)) == 0)
            return EXIT_OK;
        if (errno != ENOSYS)
            die_errno("sethostname");
        if (set_by_proc(name) != 0)
            die_errno("/proc/sys/kernel/hostname");
        return EXIT_OK;
    }
    struct utsname u;
    if (uname(&u) != 0)
        die_errno("uname");
    printf("%s\n", u.nodename);
    return EXIT_OK;
}
