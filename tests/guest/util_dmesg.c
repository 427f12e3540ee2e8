/* util_dmesg: dmesg (user/bin/dmesg.c), the kernel's log through
 * syslog(2). It prints the log, which holds what the kernel said at boot
 * (on Linux, "Linux version <release>"; on Cleave, its banner "Cleave"),
 * without the levels ("<6>") the lines begin with; -c clears it, so that the next dmesg prints nothing of it; a bad option
 * is a usage error.
 *
 * Kept apart from the other utility tests: it needs syslog(2), which a
 * kernel may not have yet (dmesg then fails with ENOSYS). */
#include "utility.h"

#include <sys/utsname.h>

int main(void)
{
    plan(5);
    struct utsname u;
    uname(&u);
    char banner[128];
    if (running_on_cleave())
        snprintf(banner, sizeof banner, "Cleave");
    else
        snprintf(banner, sizeof banner, "Linux version %s", u.release);
    struct run r;
    run(&r, "/bin/dmesg");
    if (!check_run(exited_with(r.status, 0) && strstr(r.out, banner), &r, "dmesg prints the kernel's log, boot banner and all"))
        diag("looked for [%s]", banner);
    check_run(r.out[0] != '<', &r, "dmesg leaves out the level (<N>) of each line");
    run(&r, "/bin/dmesg", "-c");
    check_run(exited_with(r.status, 0) && strstr(r.out, banner), &r, "dmesg -c prints the log, then clears it");
    run(&r, "/bin/dmesg");
    check_run(exited_with(r.status, 0) && !strstr(r.out, banner), &r, "after dmesg -c, dmesg prints none of it again");
    run(&r, "/bin/dmesg", "-x");
    expect(&r, 2, "", "usage: dmesg", "dmesg -x is a usage error");
    return done();
}
