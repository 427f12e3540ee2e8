/* reboot: writes what is cached to the file systems, then restarts the
 * machine. Root only (CAP_SYS_BOOT).
 *
 * System calls: sync, reboot. reboot(2) wants two magic numbers before
 * the command, so that a stray call with random arguments cannot restart
 * the machine: 0xfee1dead and 672274793 (0x28121969). The C library's
 * reboot() passes them for us; they are written out here to be seen. */
#include "util.h"

#include <sys/reboot.h>
#include <sys/syscall.h>
#include <unistd.h>

/* linux/reboot.h: LINUX_REBOOT_MAGIC1 and MAGIC2 */
#define MAGIC1 0xfee1deadu
#define MAGIC2 672274793

int main(int argc, char **argv)
{
    (void)argv;
    if (argc > 1)
        usage("");
    sync();
    syscall(SYS_reboot, MAGIC1, MAGIC2, RB_AUTOBOOT, 0);
    die_errno("reboot");
}
