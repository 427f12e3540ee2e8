/* poweroff, reboot: write what is cached to the file systems, then turn
 * the machine off (poweroff) or restart it (reboot). Root only
 * (CAP_SYS_BOOT). One program, two names: what it does depends on
 * argv[0], as with runas and su.
 *
 * System calls: sync, reboot. reboot(2) wants two magic numbers before
 * the command, so that a stray call with random arguments cannot stop the
 * machine: 0xfee1dead and 672274793 (0x28121969). The C library's
 * reboot() passes them for us; they are written out here to be seen. */
#include "util.h"

#include <errno.h>
#include <string.h>
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
    int command = strcmp(program_invocation_short_name, "reboot") == 0 ? RB_AUTOBOOT : RB_POWER_OFF;
    sync();
    syscall(SYS_reboot, MAGIC1, MAGIC2, command, 0);
    die_errno("reboot");
}
