/* util_system: the utilities about the machine: uname, hostname, free,
 * poweroff and reboot (user/bin).
 *
 * - uname prints the fields of uname(2) in its fixed order.
 * - hostname prints the name and sets it (root only; with sethostname(2),
 *   or /proc/sys/kernel/hostname on a kernel without it); the test puts
 *   the old name back.
 * - free's numbers are /proc/meminfo's, and add up.
 * - poweroff and reboot are only run where they must fail: with an
 *   operand (usage), and as nobody (EPERM from reboot(2)); run properly
 *   they would end the test machine. */
#include "utility.h"

#include <sys/syscall.h>
#include <sys/utsname.h>

static void test_uname(void)
{
    struct utsname u;
    uname(&u);
    char want[512];
    struct run r;
    snprintf(want, sizeof want, "%s\n", u.sysname);
    run(&r, "/bin/uname");
    expect_exactly(&r, 0, want, "", "uname prints the kernel's name");
    snprintf(want, sizeof want, "%s %s %s %s %s\n", u.sysname, u.nodename, u.release, u.version, u.machine);
    run(&r, "/bin/uname", "-a");
    expect_exactly(&r, 0, want, "", "uname -a prints all five fields");
    snprintf(want, sizeof want, "%s %s\n", u.release, u.machine);
    run(&r, "/bin/uname", "-m", "-r");
    expect_exactly(&r, 0, want, "", "uname -m -r prints the release, then the machine");
    snprintf(want, sizeof want, "%s %s\n", u.nodename, u.version);
    run(&r, "/bin/uname", "-vn");
    expect_exactly(&r, 0, want, "", "uname -vn prints the host name, then the version");
    run(&r, "/bin/uname", "-x");
    expect(&r, 2, "", "usage: uname", "uname -x is a usage error");
}

static void test_hostname(void)
{
    struct utsname u;
    uname(&u);
    char old[sizeof u.nodename], want[128];
    snprintf(old, sizeof old, "%s", u.nodename);
    struct run r;
    snprintf(want, sizeof want, "%s\n", old);
    run(&r, "/bin/hostname");
    expect_exactly(&r, 0, want, "", "hostname prints the host name");
    run(&r, "/bin/hostname", "util-test-host");
    uname(&u);
    check_run(exited_with(r.status, 0) && !strcmp(u.nodename, "util-test-host"), &r, "hostname NAME sets it (uname sees it)");
    run(&r, "/bin/hostname");
    expect_exactly(&r, 0, "util-test-host\n", "", "hostname prints the new name");
    /* Without sethostname(2) (ENOSYS even for a length it must refuse),
     * hostname writes /proc/sys/kernel/hostname, which nobody may not. */
    int have_call = syscall(SYS_sethostname, NULL, (size_t)-1) == -1 && errno != ENOSYS;
    const char *refusal = have_call ? "hostname: sethostname: Operation not permitted\n"
                                    : "hostname: /proc/sys/kernel/hostname: Permission denied\n";
    struct run_setup nobody = { .prepare = become_nobody };
    run_as(&r, &nobody, "/bin/hostname", "intruder");
    uname(&u);
    check_run(exited_with(r.status, 1) && !strcmp(r.err, refusal)
            && !strcmp(u.nodename, "util-test-host"),
        &r, "hostname NAME as nobody is refused and changes nothing");
    if (!have_call)
        diag("this kernel has no sethostname(2): hostname used /proc/sys/kernel/hostname");
    run(&r, "/bin/hostname", old);
    uname(&u);
    check_run(exited_with(r.status, 0) && !strcmp(u.nodename, old), &r, "hostname puts the old name back");
    run(&r, "/bin/hostname", "a", "b");
    expect(&r, 2, "", "usage: hostname", "hostname with two names is a usage error");
}

/* The value of a /proc/meminfo field in KiB. */
static unsigned long long meminfo(const char *name)
{
    char text[4096];
    read_file("/proc/meminfo", text, sizeof text);
    char pattern[64];
    snprintf(pattern, sizeof pattern, "\n%s:", name);
    char *at = strncmp(text, pattern + 1, strlen(pattern + 1)) ? strstr(text, pattern) : text - 1;
    return at ? strtoull(at + strlen(pattern), NULL, 10) : 0;
}

static void test_free(void)
{
    struct run r;
    run(&r, "/bin/free");
    char label[16];
    unsigned long long total, used, free_kib, shared, cache, available;
    const char *mem = strstr(r.out, "\nMem:");
    int parsed = mem && sscanf(mem + 1, "%15s %llu %llu %llu %llu %llu %llu", label, &total, &used, &free_kib, &shared,
                                &cache, &available) == 7;
    check_run(exited_with(r.status, 0) && strstr(r.out, "total") && strstr(r.out, "buff/cache") && parsed, &r,
        "free prints a header and the Mem: line");
    unsigned long long mem_total = meminfo("MemTotal");
    if (!check_run(parsed && total == mem_total && mem_total > 0, &r, "free: total is MemTotal of /proc/meminfo, in KiB"))
        diag("MemTotal %llu", mem_total);
    check_run(parsed && used + free_kib + cache == total, &r, "free: used + free + buff/cache = total");
    check_run(strstr(r.out, "\nSwap:") != NULL, &r, "free prints the Swap: line");
    run(&r, "/bin/free", "-z");
    expect(&r, 2, "", "usage: free", "free -z is a usage error");
}

static void test_power(void)
{
    struct run r;
    struct run_setup nobody = { .prepare = become_nobody };
    run(&r, "/bin/poweroff", "now");
    expect(&r, 2, "", "usage: poweroff", "poweroff with an operand is a usage error (and does nothing)");
    run_as(&r, &nobody, "/bin/poweroff");
    expect_exactly(&r, 1, "", "poweroff: reboot: Operation not permitted\n", "poweroff as nobody fails with EPERM");
    run(&r, "/bin/reboot", "now");
    expect(&r, 2, "", "usage: reboot", "reboot with an operand is a usage error (and does nothing)");
    run_as(&r, &nobody, "/bin/reboot");
    expect_exactly(&r, 1, "", "reboot: reboot: Operation not permitted\n", "reboot as nobody fails with EPERM");
}

int main(void)
{
    plan(20);
    test_uname();
    test_hostname();
    test_free();
    test_power();
    return done();
}
