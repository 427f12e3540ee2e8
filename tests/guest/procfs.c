/* procfs: /proc and /dev as Linux's tools read them. /proc/self; a
 * process's stat (52 fields, state letters R, S and Z), status, cmdline,
 * environ (read out of the process's memory), fd/, cwd, root, exe,
 * mounts, mountinfo and ns/mnt; meminfo; sys/kernel/pid_max,
 * sys/kernel/hostname and sys/fs/nr_open; the devices in /dev; loadavg,
 * stat, version, cpuinfo, sys/kernel's uname values and <pid>/limits. */
#include "tap.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysinfo.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/utsname.h>

static char text[65536];

/* Reads a whole file into text (NUL-terminated); its length, or -1. */
static long slurp(const char *path)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    long used = 0, n;
    while ((n = read(fd, text + used, sizeof text - 1 - (size_t)used)) > 0)
        used += n;
    close(fd);
    text[used] = 0;
    return n < 0 ? -1 : used;
}

static long slurp_pid(int pid, const char *name)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/%s", pid, name);
    return slurp(path);
}

/* The "Name:\tvalue" line of a status text, or NULL. */
static const char *field(const char *name)
{
    static char value[256];
    char key[64];
    snprintf(key, sizeof key, "\n%s:\t", name);
    const char *at = strncmp(text, key + 1, strlen(key + 1)) == 0 ? text - 1 : strstr(text, key);
    if (!at)
        return NULL;
    at += strlen(key);
    size_t n = strcspn(at, "\n");
    if (n >= sizeof value)
        n = sizeof value - 1;
    memcpy(value, at, n);
    value[n] = 0;
    return value;
}

/* Field n (1-based) of a stat line, after the "(comm)". */
static const char *stat_field(int n)
{
    static char value[64];
    const char *p = strrchr(text, ')');
    if (!p || n < 3)
        return NULL;
    p += 2;
    for (int i = 3; i < n; i++) {
        p = strchr(p, ' ');
        if (!p)
            return NULL;
        p++;
    }
    size_t len = strcspn(p, " \n");
    memcpy(value, p, len < 63 ? len : 63);
    value[len < 63 ? len : 63] = 0;
    return value;
}

static int stat_field_count(void)
{
    const char *p = strrchr(text, ')');
    if (!p)
        return 0;
    int count = 2;
    for (p++; *p && *p != '\n'; p++)
        count += *p == ' ' && p[1] != '\n' && p[1];
    return count;
}

static char state_of(int pid)
{
    if (slurp_pid(pid, "stat") < 0)
        return '?';
    const char *s = stat_field(3);
    return s ? s[0] : '?';
}

static int child_main(int argc, char **argv)
{
    /* Run as: procfs child "two words"  with the environment K=V, L=W. */
    if (argc != 3 || strcmp(argv[2], "two words"))
        return 1;
    long n = slurp("/proc/self/cmdline");
    static const char cmdline[] = "/bin/procfs\0child\0two words";
    if (n != (long)sizeof cmdline || memcmp(text, cmdline, sizeof cmdline))
        return 2;
    n = slurp("/proc/self/environ");
    static const char environ_text[] = "K=V\0L=W";
    if (n != (long)sizeof environ_text || memcmp(text, environ_text, sizeof environ_text))
        return 3;
    return 0;
}

static void test_process_files(void)
{
    char link[256] = { 0 };
    int pid = getpid();
    ok(readlink("/proc/self", link, sizeof link) > 0 && atoi(link) == pid, "/proc/self is a link to the caller's pid");

    ok(slurp("/proc/self/stat") > 0 && atoi(text) == pid, "stat begins with the pid");
    ok(strstr(text, "(procfs) R ") != NULL, "then the name in parentheses and the state R (running)");
    ok(stat_field_count() == 52, "stat has Linux's 52 fields (%d)", stat_field_count());
    ok(stat_field(4) && atoi(stat_field(4)) == getppid(), "field 4 is the parent's pid");

    ok(slurp("/proc/self/status") > 0 && field("Name") && !strcmp(field("Name"), "procfs"), "status: Name");
    ok(field("State") && !strcmp(field("State"), "R (running)"), "status: State R (running)");
    ok(field("Tgid") && atoi(field("Tgid")) == pid && field("Pid") && atoi(field("Pid")) == pid, "status: Tgid and Pid");
    ok(field("PPid") && atoi(field("PPid")) == getppid(), "status: PPid");
    ok(field("Uid") && !strcmp(field("Uid"), "0\t0\t0\t0") && field("Gid") && !strcmp(field("Gid"), "0\t0\t0\t0"),
        "status: Uid and Gid, real, effective, saved, filesystem");

    /* A sleeping child (blocked in read) and a zombie. */
    int fds[2];
    pipe(fds);
    pid_t sleeper = fork();
    if (sleeper == 0) {
        char c;
        close(fds[1]);
        _exit(read(fds[0], &c, 1) == 1 ? 0 : 1);
    }
    msleep(50);
    ok(state_of(sleeper) == 'S', "a child waiting in read is S (sleeping)");
    write(fds[1], "x", 1);
    close(fds[0]), close(fds[1]);
    msleep(50);
    ok(state_of(sleeper) == 'Z', "once it has exited, before it is reaped, it is Z (zombie)");
    ok(slurp_pid(sleeper, "status") > 0 && field("State") && !strcmp(field("State"), "Z (zombie)"), "status says Z (zombie)");
    waitpid(sleeper, NULL, 0);
    ok(slurp_pid(sleeper, "stat") < 0 && errno == ENOENT, "once reaped, /proc/<pid> is gone (ENOENT)");

    pid_t child = fork();
    if (child == 0) {
        char *argv[] = { "/bin/procfs", "child", "two words", NULL };
        char *envp[] = { "K=V", "L=W", NULL };
        execve(argv[0], argv, envp);
        _exit(99);
    }
    int status;
    waitpid(child, &status, 0);
    if (!ok(exited_with(status, 0), "cmdline and environ are the arguments and environment, NUL-separated"))
        why("child %s", status_text(status));

    char cwd[256];
    getcwd(cwd, sizeof cwd);
    memset(link, 0, sizeof link);
    ok(readlink("/proc/self/cwd", link, sizeof link) > 0 && !strcmp(link, cwd), "cwd links to the working directory");
    memset(link, 0, sizeof link);
    ok(readlink("/proc/self/root", link, sizeof link) == 1 && !strcmp(link, "/"), "root links to /");
    memset(link, 0, sizeof link);
    ok(readlink("/proc/self/exe", link, sizeof link) > 0 && !strcmp(link, "/bin/procfs"), "exe links to the program");
    mkdir("/tmp/procfs-test", 0755);
    chdir("/tmp/procfs-test");
    struct stat a, b;
    ok(stat("/proc/self/cwd", &a) == 0 && stat("/tmp/procfs-test", &b) == 0 && a.st_ino == b.st_ino && a.st_dev == b.st_dev,
        "following cwd leads to the directory itself");

    int fd = open("/tmp/procfs-test/file", O_RDWR | O_CREAT, 0644);
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    memset(link, 0, sizeof link);
    ok(readlink(path, link, sizeof link) > 0 && !strcmp(link, "/tmp/procfs-test/file"), "fd/N links to the open file");
    int again = open(path, O_RDONLY);
    ok(again >= 0 && fstat(again, &a) == 0 && fstat(fd, &b) == 0 && a.st_ino == b.st_ino, "opening fd/N opens that file again");
    close(again);
    int p[2];
    pipe(p);
    snprintf(path, sizeof path, "/proc/self/fd/%d", p[0]);
    memset(link, 0, sizeof link);
    ok(readlink(path, link, sizeof link) > 0 && !strncmp(link, "pipe:[", 6), "fd/N of a pipe says pipe:[inode]");
    int listed = 0, saw_fd = 0;
    int dir = open("/proc/self/fd", O_RDONLY | O_DIRECTORY);
    char buffer[2048];
    long n;
    while ((n = syscall(SYS_getdents64, dir, buffer, sizeof buffer)) > 0) {
        for (long off = 0; off < n;) {
            struct dirent64 {
                unsigned long long ino;
                long long off;
                unsigned short reclen;
                unsigned char type;
                char name[];
            } *d = (void *)(buffer + off);
            listed += d->name[0] != '.';
            saw_fd |= atoi(d->name) == fd && d->name[0] != '.';
            off += d->reclen;
        }
    }
    close(dir);
    ok(saw_fd && listed >= 6, "fd/ lists the open fds (%d)", listed);
    close(p[0]), close(p[1]), close(fd);
    chdir("/");
}

static void test_mounts(void)
{
    ok(slurp("/proc/self/mounts") > 0 && strstr(text, " /proc proc ") && strstr(text, " /tmp tmpfs "),
        "mounts lists /proc (proc) and /tmp (tmpfs)");
    ok(slurp("/proc/mounts") > 0 && strstr(text, " /proc proc "), "/proc/mounts is the caller's mounts");
    ok(slurp("/proc/self/mountinfo") > 0, "mountinfo can be read");
    int lines = 0, proc_line = 0, well_formed = 1;
    for (char *line = text; *line; ) {
        char *end = strchr(line, '\n');
        if (!end)
            break;
        *end = 0;
        unsigned id, parent, major_number, minor_number;
        char root[256], point[256];
        if (sscanf(line, "%u %u %u:%u %255s %255s", &id, &parent, &major_number, &minor_number, root, point) != 6
            || !strstr(line, " - "))
            well_formed = 0;
        if (!strcmp(point, "/proc") && strstr(line, " - proc "))
            proc_line = 1;
        lines++;
        line = end + 1;
    }
    ok(well_formed && lines >= 3, "each mountinfo line: id parent major:minor root mountpoint ... - type source (%d lines)", lines);
    ok(proc_line, "mountinfo has /proc, type proc");
    char link[64] = { 0 };
    unsigned number = 0;
    struct stat st;
    ok(readlink("/proc/self/ns/mnt", link, sizeof link) > 0 && sscanf(link, "mnt:[%u]", &number) == 1,
        "ns/mnt links to mnt:[N]");
    ok(stat("/proc/self/ns/mnt", &st) == 0 && st.st_ino == number, "following it gives an inode numbered N");
    char parent_link[64] = { 0 };
    snprintf(text, sizeof text, "/proc/%d/ns/mnt", getppid());
    ok(readlink(text, parent_link, sizeof parent_link) > 0 && !strcmp(parent_link, link), "the parent is in the same namespace");
}

static void test_system_files(void)
{
    ok(slurp("/proc/meminfo") > 0, "meminfo can be read");
    const char *names[] = { "MemTotal:", "MemFree:", "MemAvailable:", "Cached:", "SwapTotal:", "SwapFree:" };
    int layout = 1;
    unsigned long total = 0, free_kb = 0;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char *line = strstr(text, names[i]);
        if (line != text && (!line || line[-1] != '\n')) {
            layout = 0;
            continue;
        }
        /* The name padded to 16 columns, the number right-aligned in 8, " kB". */
        char *end = strchr(line, '\n');
        if (!end || end - line < 27 || memcmp(end - 3, " kB", 3) || line[15] != ' ')
            layout = 0;
        unsigned long value = strtoul(line + 16, NULL, 10);
        if (i == 0)
            total = value;
        if (i == 1)
            free_kb = value;
    }
    ok(layout, "MemTotal, MemFree, MemAvailable, Cached, SwapTotal, SwapFree in Linux's layout");
    ok(total > 0 && free_kb <= total, "MemFree (%lu kB) is at most MemTotal (%lu kB)", free_kb, total);

    ok(slurp("/proc/sys/kernel/pid_max") > 0 && atoi(text) >= 301, "sys/kernel/pid_max (%d)", atoi(text));
    struct utsname u;
    uname(&u);
    char expected[80];
    snprintf(expected, sizeof expected, "%s\n", u.nodename);
    ok(slurp("/proc/sys/kernel/hostname") > 0 && !strcmp(text, expected), "sys/kernel/hostname is uname's nodename");
    int fd = open("/proc/sys/kernel/hostname", O_WRONLY);
    ok(fd >= 0 && write(fd, "procfs-test\n", 12) == 12 && uname(&u) == 0 && !strcmp(u.nodename, "procfs-test"),
        "writing sys/kernel/hostname renames the machine");
    close(fd);
    fd = open("/proc/sys/kernel/hostname", O_WRONLY);
    write(fd, expected, strlen(expected));
    close(fd);

    ok(slurp("/proc/sys/fs/nr_open") > 0 && atoi(text) == 1048576, "sys/fs/nr_open is 1048576");
    fd = open("/proc/sys/fs/nr_open", O_WRONLY);
    ok(fd >= 0 && write(fd, "2000000\n", 8) == 8, "root may write sys/fs/nr_open");
    close(fd);
    ok(slurp("/proc/sys/fs/nr_open") > 0 && atoi(text) == 2000000, "and reads back what it wrote");
    fd = open("/proc/sys/fs/nr_open", O_WRONLY);
    fails_with(write(fd, "many\n", 5), EINVAL, "writing a word to sys/fs/nr_open");
    close(fd);
    fd = open("/proc/sys/fs/nr_open", O_WRONLY);
    write(fd, "1048576\n", 8);
    close(fd);
    fails_with(open("/proc/999999/stat", O_RDONLY), ENOENT, "a pid that does not exist");
}

/* The files that describe the machine: loadavg (and the load average
 * moving), stat, version, cpuinfo, sys/kernel's uname values, and a
 * process's limits. */
static void spin_ms(long ms)
{
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    do {
        for (volatile int i = 0; i < 100000; i++) {
        }
        clock_gettime(CLOCK_MONOTONIC, &b);
    } while ((b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000 < ms);
}

static int read_loadavg(double *one, int *running, int *total, int *last)
{
    double five, fifteen;
    return slurp("/proc/loadavg") > 0 && sscanf(text, "%lf %lf %lf %d/%d %d", one, &five, &fifteen, running, total, last) == 6;
}

/* The "cpu " line of /proc/stat: user + nice + system, and idle. */
static int read_cpu(unsigned long long *busy, unsigned long long *idle)
{
    unsigned long long user, nice, system;
    if (slurp("/proc/stat") <= 0 || sscanf(text, "cpu %llu %llu %llu %llu", &user, &nice, &system, idle) != 4)
        return 0;
    *busy = user + nice + system;
    return 1;
}

/* /proc/cmdline: the kernel's command line, one line. Both kernels are
 * booted with one that is not empty (Cleave's has "guest-run", which puts
 * init in its test mode). */
static void test_cmdline(void)
{
    long n = slurp("/proc/cmdline");
    int one_line = n > 1 && text[n - 1] == '\n' && !memchr(text, '\n', (size_t)n - 1);
    if (!ok(one_line, "/proc/cmdline is the kernel command line, one line"))
        why("read %ld bytes: \"%s\"", n, n > 0 ? text : "");
}

static void test_machine_files(void)
{
    double one;
    int running, total, last;
    int got = read_loadavg(&one, &running, &total, &last);
    if (!ok(got && running >= 1 && total >= running && last >= getpid(),
            "loadavg: three averages, running/total tasks (%d/%d), the last pid (%d)", running, total, last))
        why("read \"%s\"", text);
    /* Every 5 s the averages move towards the number of runnable tasks:
     * this one, spinning. */
    double now = one;
    for (int waited = 0; waited < 11000 && now == one; waited += 250) {
        spin_ms(250);
        read_loadavg(&now, &running, &total, &last);
    }
    ok(now != one && now > 0, "the 1-minute load average moves while a task spins (%.2f, then %.2f)", one, now);

    unsigned long long busy0, idle0, busy1, idle1;
    int first = read_cpu(&busy0, &idle0);
    spin_ms(200);
    int second = read_cpu(&busy1, &idle1);
    if (!ok(first && second && busy1 >= busy0 + 10 && idle1 >= idle0,
            "stat: the cpu line counts 200 ms of spinning as busy time (%llu ticks)", busy1 - busy0))
        why("busy %llu -> %llu, idle %llu -> %llu", busy0, busy1, idle0, idle1);
    long btime = -1, processes = -1, procs_running = -1;
    const char *at;
    if ((at = strstr(text, "\nbtime ")))
        btime = atol(at + 7);
    if ((at = strstr(text, "\nprocesses ")))
        processes = atol(at + 11);
    if ((at = strstr(text, "\nprocs_running ")))
        procs_running = atol(at + 15);
    struct sysinfo si;
    sysinfo(&si);
    long boot = (long)time(NULL) - si.uptime;
    if (!ok(labs(btime - boot) <= 3 && processes >= 1 && procs_running >= 1 && !strncmp(text, "cpu ", 4) &&
                strstr(text, "\ncpu0 "),
            "stat: cpu and cpu0 lines, btime (the boot time), processes, procs_running"))
        why("btime %ld (boot %ld), processes %ld, running %ld", btime, boot, processes, procs_running);

    struct utsname u;
    uname(&u);
    char want[200];
    snprintf(want, sizeof want, "Linux version %s ", u.release);
    ok(slurp("/proc/version") > 0 && !strncmp(text, want, strlen(want)), "version: \"%s...\"", want);
    ok(slurp("/proc/cpuinfo") > 0 && !strncmp(text, "processor\t: 0\n", 14) && strstr(text, "\nflags\t\t: fpu"),
        "cpuinfo: processor 0, its flags (fpu first)");
    snprintf(want, sizeof want, "%s\n", u.sysname);
    int ostype = slurp("/proc/sys/kernel/ostype") > 0 && !strcmp(text, want);
    snprintf(want, sizeof want, "%s\n", u.release);
    int osrelease = slurp("/proc/sys/kernel/osrelease") > 0 && !strcmp(text, want);
    snprintf(want, sizeof want, "%s\n", u.version);
    int version = slurp("/proc/sys/kernel/version") > 0 && !strcmp(text, want);
    ok(ostype && osrelease && version, "sys/kernel/ostype, osrelease and version are uname's");

    struct rlimit rl = { 100, 200 };
    setrlimit(RLIMIT_NOFILE, &rl);
    int limits = slurp("/proc/self/limits") > 0;
    const char *files = strstr(text, "\nMax open files ");
    unsigned long soft = 0, hard = 0;
    char unit[16] = "";
    if (files)
        sscanf(files + 26, "%lu %lu %15s", &soft, &hard, unit);
    if (!ok(limits && !strncmp(text, "Limit                     Soft Limit           Hard Limit           Units", 72) &&
                strstr(text, "\nMax cpu time              unlimited            unlimited            seconds") &&
                soft == 100 && hard == 200 && !strcmp(unit, "files"),
            "self/limits: Linux's table; Max open files shows setrlimit's 100 and 200"))
        why("open files %lu %lu %s", soft, hard, unit);
}

/* What /proc refuses, with Linux's errors: a new name (ENOENT: the name
 * is not there, and cannot be), a write to a file that has none (EIO). */
static void test_refusals(void)
{
    errno = 0;
    int bad = 0;
    bad |= !(mkdir("/proc/new-dir", 0755) == -1 && errno == ENOENT);
    errno = 0;
    bad |= !(open("/proc/new-file", O_WRONLY | O_CREAT, 0644) == -1 && errno == ENOENT) << 1;
    errno = 0;
    bad |= !(symlink("x", "/proc/new-link") == -1 && errno == ENOENT) << 2;
    errno = 0;
    bad |= !(mknod("/proc/self/new-fifo", S_IFIFO | 0600, 0) == -1 && errno == ENOENT) << 3;
    if (!ok(!bad, "no name can be made in /proc: mkdir, open(O_CREAT), symlink, mknod give ENOENT"))
        why("failed checks (bits): %#x", bad);
    int fd = open("/proc/uptime", O_WRONLY);
    errno = 0;
    ssize_t n = fd >= 0 ? write(fd, "1\n", 2) : -2;
    int e = errno;
    close(fd);
    if (!ok(fd >= 0 && n == -1 && e == EIO, "root may open /proc/uptime for writing, but a write gives EIO"))
        why("fd %d, write %zd errno %d", fd, n, e);
}

static void test_devices(void)
{
    struct {
        const char *path;
        unsigned major_number, minor_number;
    } devices[] = { { "/dev/null", 1, 3 }, { "/dev/zero", 1, 5 }, { "/dev/full", 1, 7 }, { "/dev/random", 1, 8 },
        { "/dev/urandom", 1, 9 }, { "/dev/tty", 5, 0 }, { "/dev/console", 5, 1 } };
    int all = 1;
    for (size_t i = 0; i < sizeof devices / sizeof devices[0]; i++) {
        struct stat st;
        if (stat(devices[i].path, &st) != 0 || !S_ISCHR(st.st_mode) || major(st.st_rdev) != devices[i].major_number
            || minor(st.st_rdev) != devices[i].minor_number) {
            all = 0;
            why("%s", devices[i].path);
        }
    }
    ok(all, "/dev has console, tty, null, zero, full, random, urandom with Linux's numbers");
    int fd = open("/dev/full", O_RDWR);
    char buf[16] = { 1 };
    ok(read(fd, buf, sizeof buf) == sizeof buf && buf[0] == 0, "/dev/full reads as zeros");
    fails_with(write(fd, "x", 1), ENOSPC, "a write to /dev/full");
    close(fd);
    fd = open("/dev/urandom", O_RDONLY);
    char r1[16], r2[16];
    ok(read(fd, r1, 16) == 16 && read(fd, r2, 16) == 16 && memcmp(r1, r2, 16), "/dev/urandom gives different bytes each time");
    close(fd);
    fd = open("/dev/null", O_RDWR);
    ok(write(fd, "x", 1) == 1 && read(fd, buf, 1) == 0, "/dev/null swallows writes, reads as empty");
    close(fd);
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "child"))
        return child_main(argc, argv);
    plan(58);
    test_process_files();
    test_mounts();
    test_system_files();
    test_devices();
    test_machine_files();
    test_cmdline();
    test_refusals();
    return done();
}
