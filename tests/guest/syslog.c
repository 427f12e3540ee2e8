/* syslog: the kernel log through syslog(2), as dmesg and klogd use it.
 * Every action: CLOSE and OPEN (nothing), READ (takes what is unread,
 * sleeps while there is nothing, wakes for a new message or a signal),
 * READ_ALL and READ_CLEAR (the newest whole lines), CLEAR (for READ_ALL
 * only), the console level (OFF, ON, LEVEL, as /proc/sys/kernel/printk
 * shows it), SIZE_UNREAD and SIZE_BUFFER; the oldest lines dropped when
 * the log is full; EINVAL, EFAULT, and EPERM without CAP_SYSLOG and
 * CAP_SYS_ADMIN; and /proc/kmsg, which reads as READ does.
 *
 * New messages come from the kernel itself: a tmpfs mount with an unknown
 * option fails with EINVAL and says so in the log, naming the option, on
 * Linux as on Cleave. So each message here carries a word of our own.
 * The test clears the log (READ_CLEAR, CLEAR) and reads what is unread.
 */
#include "bounded.h"

#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/syscall.h>

enum {
    CLOSE = 0, OPEN = 1, READ = 2, READ_ALL = 3, READ_CLEAR = 4, CLEAR = 5,
    CONSOLE_OFF = 6, CONSOLE_ON = 7, CONSOLE_LEVEL = 8, SIZE_UNREAD = 9, SIZE_BUFFER = 10,
};

static long klog(int type, void *buffer, long length)
{
    return syscall(SYS_syslog, type, buffer, length);
}

static char *text;     /* a buffer of the log's size, and a second one */
static char *other;
static long log_size;

/* Makes the kernel log a line naming `word`: a tmpfs mount with the
 * unknown option `word` (the mount fails with EINVAL). */
static int emit(const char *word)
{
    errno = 0;
    return mount("none", "/tmp", "tmpfs", 0, word) == -1 && errno == EINVAL;
}

/* Does text[0..n) hold `word`? */
static int holds(const char *buffer, long n, const char *word)
{
    return n > 0 && memmem(buffer, (size_t)n, word, strlen(word)) != NULL;
}

/* Is text[0..n) whole lines, each "<digit>..."? */
static int whole_lines(const char *buffer, long n)
{
    if (n <= 0 || buffer[n - 1] != '\n')
        return 0;
    for (long i = 0; i < n; i++) {
        if (i == 0 || buffer[i - 1] == '\n') {
            if (i + 2 >= n || buffer[i] != '<' || buffer[i + 1] < '0' || buffer[i + 1] > '7' || buffer[i + 2] != '>')
                return 0;
        }
    }
    return 1;
}

/* Takes everything unread; returns the bytes taken, or -1. */
static long drain(void)
{
    long total = 0, unread;
    while ((unread = klog(SIZE_UNREAD, NULL, 0)) > 0) {
        long n = klog(READ, text, log_size);
        if (n <= 0)
            return -1;
        total += n;
    }
    return unread < 0 ? -1 : total;
}

/* The first number of /proc/sys/kernel/printk: the console level. */
static int console_level(void)
{
    FILE *f = fopen("/proc/sys/kernel/printk", "r");
    int level = -1;
    if (f) {
        if (fscanf(f, "%d", &level) != 1)
            level = -1;
        fclose(f);
    }
    return level;
}

/* ---- sizes and READ_ALL ------------------------------------------------------ */

static void test_read_all(void)
{
    log_size = klog(SIZE_BUFFER, NULL, 0);
    if (!ok(log_size >= 4096, "SIZE_BUFFER: the log holds at least 4 KiB"))
        why("returned %ld errno %d", log_size, errno);
    if (log_size < 4096)
        log_size = 4096;
    text = malloc((size_t)log_size + 1);
    other = malloc((size_t)log_size + 1);

    ok(klog(CLOSE, NULL, 0) == 0 && klog(OPEN, NULL, 0) == 0, "CLOSE and OPEN do nothing and succeed");

    int emitted = emit("syslog_first");
    long n = klog(READ_ALL, text, log_size);
    if (!ok(emitted && whole_lines(text, n) && holds(text, n, "syslog_first"),
            "READ_ALL: whole lines, each with its <level>, the newest a message just made"))
        why("mount said EINVAL %d; returned %ld, starts \"%.40s\"", emitted, n, n > 0 ? text : "");

    long again = klog(READ_ALL, other, log_size);
    ok(again == n && !memcmp(text, other, (size_t)n), "READ_ALL takes nothing: reading again gives the same");

    emit("syslog_tail");
    n = klog(READ_ALL, text, log_size);
    long small = klog(READ_ALL, other, 200);
    if (!ok(small > 0 && small <= 200 && whole_lines(other, small) && n >= small &&
                !memcmp(other, text + n - small, (size_t)small) && holds(other, small, "syslog_tail"),
            "READ_ALL with a short buffer: the newest whole lines that fit"))
        why("returned %ld of %ld", small, n);

    ok(klog(READ_ALL, text, 0) == 0 && klog(READ, text, 0) == 0, "a length of 0 reads nothing (READ does not sleep)");
}

/* ---- bad arguments --------------------------------------------------------------- */

static void test_errors(void)
{
    fails_with(klog(READ_ALL, NULL, 100), EINVAL, "READ_ALL into NULL");
    fails_with(klog(READ_ALL, text, -1), EINVAL, "READ_ALL of a negative length");
    fails_with(klog(READ, NULL, 100), EINVAL, "READ into NULL");
    fails_with(klog(11, text, 100), EINVAL, "an unknown action (11)");
    fails_with(klog(-1, text, 100), EINVAL, "an unknown action (-1)");
    fails_with(klog(CONSOLE_LEVEL, NULL, 0), EINVAL, "CONSOLE_LEVEL 0");
    fails_with(klog(CONSOLE_LEVEL, NULL, 9), EINVAL, "CONSOLE_LEVEL 9");
    fails_with(klog(READ_ALL, (void *)16, 100), EFAULT, "READ_ALL into an unmapped page");
    fails_with(klog(READ_ALL, (void *)0xc0000000, 100), EFAULT, "READ_ALL into the kernel's half");
    long before = klog(SIZE_UNREAD, NULL, 0);
    fails_with(klog(READ, (void *)0xc0000000, 100), EFAULT, "READ into the kernel's half");
    long after = klog(SIZE_UNREAD, NULL, 0);
    if (!ok(before > 0 && after == before, "... and takes nothing"))
        why("unread %ld before, %ld after", before, after);
}

/* ---- READ and SIZE_UNREAD ----------------------------------------------------------- */

static void test_read(void)
{
    long unread = klog(SIZE_UNREAD, NULL, 0);
    long n = klog(READ, text, 10);
    long left = klog(SIZE_UNREAD, NULL, 0);
    if (!ok(unread > 10 && n == 10 && left == unread - 10, "READ takes what it returns; SIZE_UNREAD counts the rest"))
        why("unread %ld, READ of 10 returned %ld, then unread %ld", unread, n, left);

    long drained = drain();
    if (!ok(drained == left && klog(SIZE_UNREAD, NULL, 0) == 0, "READ until SIZE_UNREAD is 0 takes all that was left"))
        why("took %ld of %ld", drained, left);

    emit("syslog_unread");
    unread = klog(SIZE_UNREAD, NULL, 0);
    n = klog(READ, text, log_size);
    if (!ok(unread > 0 && n == unread && whole_lines(text, n) && holds(text, n, "syslog_unread") &&
                klog(SIZE_UNREAD, NULL, 0) == 0,
            "a new message is unread: READ returns just that line"))
        why("unread %ld, READ returned %ld: \"%.*s\"", unread, n, (int)(n > 0 ? n : 0), text);
}

static volatile int got_usr1;
static void on_usr1(int sig) { (void)sig; got_usr1 = 1; }

/* A child that READs: exit 0 if it got the line with "syslog_wake". */
static int read_wakes(void)
{
    long n = klog(READ, text, log_size);
    return holds(text, n, "syslog_wake") ? 0 : 1;
}

/* A child that READs with a SIGUSR1 handler (no SA_RESTART): exit 0 if
 * READ failed with EINTR after the handler ran. */
static int read_interrupted(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sigaction(SIGUSR1, &sa, NULL);
    long n = klog(READ, text, log_size);
    return n == -1 && errno == EINTR && got_usr1 ? 0 : 1;
}

/* Runs fn in a child, which should sleep in READ; returns whether it was
 * still asleep after 200 ms, then (after poke) its wait status. */
static int sleeping_child(int (*fn)(void), void (*poke)(pid_t), int *status)
{
    pid_t pid = fork();
    if (pid < 0) {
        *status = -1;
        return 0;
    }
    if (pid == 0)
        _exit(fn());
    msleep(200);
    int st;
    int asleep = waitpid(pid, &st, WNOHANG) == 0;
    if (asleep)
        poke(pid);
    else
        kill(pid, SIGKILL);
    *status = asleep ? finish_child(pid, 10000) : st;
    return asleep;
}

static void poke_message(pid_t pid) { (void)pid; emit("syslog_wake"); }
static void poke_signal(pid_t pid) { kill(pid, SIGUSR1); }

static void test_read_sleeps(void)
{
    drain();
    int status;
    int asleep = sleeping_child(read_wakes, poke_message, &status);
    if (!ok(asleep && exited_with(status, 0), "READ of an empty log sleeps until a message comes, and returns it"))
        why("asleep %d, child %s", asleep, outcome(status));
    drain();
    asleep = sleeping_child(read_interrupted, poke_signal, &status);
    if (!ok(asleep && exited_with(status, 0), "a signal ends the sleep: EINTR after the handler (no SA_RESTART)"))
        why("asleep %d, child %s", asleep, outcome(status));
}

/* ---- CLEAR and READ_CLEAR ------------------------------------------------------------- */

static void test_clear(void)
{
    emit("syslog_before_clear");
    long cleared = klog(CLEAR, NULL, 0);
    long n = klog(READ_ALL, text, log_size);
    if (!ok(cleared == 0 && n == 0, "CLEAR: READ_ALL then has nothing"))
        why("CLEAR returned %ld, READ_ALL %ld", cleared, n);

    long unread = klog(SIZE_UNREAD, NULL, 0);
    n = klog(READ, text, log_size);
    if (!ok(unread > 0 && n == unread && holds(text, n, "syslog_before_clear"), "CLEAR leaves READ's unread lines"))
        why("unread %ld, READ returned %ld", unread, n);

    emit("syslog_after_clear");
    n = klog(READ_ALL, text, log_size);
    if (!ok(whole_lines(text, n) && holds(text, n, "syslog_after_clear") && !holds(text, n, "syslog_before_clear"),
            "after CLEAR, READ_ALL has only the newer lines"))
        why("READ_ALL returned %ld", n);

    emit("syslog_read_clear");
    long got = klog(READ_CLEAR, other, log_size);
    n = klog(READ_ALL, text, log_size);
    if (!ok(whole_lines(other, got) && holds(other, got, "syslog_after_clear") &&
                holds(other, got, "syslog_read_clear") && n == 0,
            "READ_CLEAR returns what READ_ALL would, then clears"))
        why("READ_CLEAR returned %ld, READ_ALL after it %ld", got, n);
    drain();
}

/* ---- a full log ----------------------------------------------------------------------- */

static void test_full(void)
{
    /* Enough lines to fill the log, with the console quiet meanwhile. */
    long lines = log_size / 40 + 200;
    char word[64];
    int emitted = 1;
    klog(CONSOLE_OFF, NULL, 0);
    for (long i = 0; i < lines; i++) {
        snprintf(word, sizeof word, "syslog_flood_%05ld", i);
        emitted &= emit(word);
    }
    klog(CONSOLE_ON, NULL, 0);

    long n = klog(READ_ALL, text, log_size);
    snprintf(word, sizeof word, "syslog_flood_%05ld'", lines - 1);
    if (!ok(emitted && n > log_size / 2 && n <= log_size && whole_lines(text, n) && holds(text, n, word) &&
                !holds(text, n, "syslog_flood_00000'"),
            "a full log drops its oldest lines, whole: READ_ALL has the newest (%ld lines made)", lines))
        why("READ_ALL returned %ld of %ld; starts \"%.30s\"", n, log_size, n > 0 ? text : "");

    long unread = klog(SIZE_UNREAD, NULL, 0);
    long got = klog(READ, other, log_size);
    if (!ok(unread > 0 && got > 0 && whole_lines(other, got) && !holds(other, got, "syslog_flood_00000'"),
            "READ after the oldest lines were dropped starts at the oldest line kept"))
        why("unread %ld, READ returned %ld, starts \"%.30s\"", unread, got, got > 0 ? other : "");
    drain();
}

/* ---- /proc/kmsg ---------------------------------------------------------------------- */

static int kmsg_without_capabilities(void);

static void test_kmsg(void)
{
    drain();
    emit("syslog_kmsg");
    int fd = open("/proc/kmsg", O_RDONLY | O_NONBLOCK);
    long n = -1, total = 0;
    int found = 0;
    while (fd >= 0 && (n = read(fd, text, (size_t)log_size)) > 0) {
        found |= holds(text, n, "syslog_kmsg");
        total += n;
    }
    int e = errno;
    if (!ok(fd >= 0 && found && n == -1 && e == EAGAIN && klog(SIZE_UNREAD, NULL, 0) == 0,
            "/proc/kmsg reads what READ would (a new message), then EAGAIN with O_NONBLOCK"))
        why("fd %d, found %d, last read %ld errno %d, %ld bytes", fd, found, n, e, total);
    if (fd >= 0)
        close(fd);
    int status = run_bounded(kmsg_without_capabilities, 10000);
    if (!ok(exited_with(status, 0), "/proc/kmsg: EACCES for an ordinary user, EPERM for root without the capabilities"))
        why("child %s", outcome(status));
}

/* ---- the console level ------------------------------------------------------------- */

static void test_console(void)
{
    int start = console_level();
    if (!ok(start >= 1 && start <= 8, "/proc/sys/kernel/printk shows the console level (%d)", start))
        return;
    int off = (klog(CONSOLE_OFF, NULL, 0) == 0) ? console_level() : -1;
    int on = (klog(CONSOLE_ON, NULL, 0) == 0) ? console_level() : -1;
    if (!ok(off == 1 && on == start, "CONSOLE_OFF sets the level to 1; CONSOLE_ON puts it back"))
        why("off: %d, on: %d, at first %d", off, on, start);

    klog(CONSOLE_OFF, NULL, 0);
    klog(CONSOLE_OFF, NULL, 0);
    klog(CONSOLE_ON, NULL, 0);
    on = console_level();
    if (!ok(on == start, "CONSOLE_OFF twice, then ON: the level from before the first"))
        why("level %d, at first %d", on, start);

    int set = (klog(CONSOLE_LEVEL, NULL, 5) == 0) ? console_level() : -1;
    klog(CONSOLE_ON, NULL, 0);
    int after_on = console_level();
    klog(CONSOLE_LEVEL, NULL, start);
    if (!ok(set == 5 && after_on == 5 && console_level() == start,
            "CONSOLE_LEVEL 5 sets it; a CONSOLE_ON after that changes nothing"))
        why("after LEVEL 5: %d, after ON: %d, restored: %d", set, after_on, console_level());
}

/* ---- permissions ------------------------------------------------------------------- */

static int restricted; /* /proc/sys/kernel/dmesg_restrict */

/* A child without root: exit 0 if syslog answers as dmesg_restrict says. */
static int as_nobody(void)
{
    if (setuid(65534) != 0)
        return 10;
    char buffer[64];
    int bad = 0;
    long r = klog(SIZE_UNREAD, NULL, 0);
    bad |= !(r == -1 && errno == EPERM);
    r = klog(CLEAR, NULL, 0);
    bad |= !(r == -1 && errno == EPERM) << 1;
    r = klog(OPEN, NULL, 0);
    bad |= !(r == -1 && errno == EPERM) << 2;
    r = klog(READ_ALL, buffer, sizeof buffer);
    bad |= (restricted ? !(r == -1 && errno == EPERM) : !(r >= 0)) << 3;
    r = klog(SIZE_BUFFER, NULL, 0);
    bad |= (restricted ? !(r == -1 && errno == EPERM) : !(r > 0)) << 4;
    return bad;
}

/* Keeps only the effective and permitted capabilities in `keep` (bits
 * 0..63), as root; exit 0 if READ_ALL works exactly when it should. */
static int with_capabilities(unsigned long long keep, int should_work)
{
    /* capget and capset's structures (linux/capability.h), version 3. */
    struct { uint32_t version; int pid; } header = { 0x20080522, 0 };
    struct { uint32_t effective, permitted, inheritable; } data[2];
    if (syscall(SYS_capget, &header, data) != 0)
        return 10;
    for (int i = 0; i < 2; i++) {
        unsigned mask = (unsigned)(keep >> (32 * i));
        data[i].effective &= mask;
        data[i].permitted &= mask;
        data[i].inheritable &= mask;
    }
    if (syscall(SYS_capset, &header, data) != 0)
        return 11;
    char buffer[64];
    long r = klog(READ_ALL, buffer, sizeof buffer);
    if (should_work)
        return r >= 0 ? 0 : 1;
    return r == -1 && errno == EPERM ? 0 : 2;
}

static int kmsg_without_capabilities(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        if (setuid(65534) != 0)
            _exit(100);
        errno = 0;
        _exit(open("/proc/kmsg", O_RDONLY) == -1 && errno == EACCES ? 0 : 1);
    }
    int status;
    waitpid(pid, &status, 0);
    if (!exited_with(status, 0))
        return 2;
    struct { uint32_t version; int pid; } header = { 0x20080522, 0 };
    struct { uint32_t effective, permitted, inheritable; } data[2];
    if (syscall(SYS_capget, &header, data) != 0)
        return 10;
    data[0].effective &= ~(1u << 21); /* CAP_SYS_ADMIN */
    data[1].effective &= ~(1u << (34 - 32)); /* CAP_SYSLOG */
    if (syscall(SYS_capset, &header, data) != 0)
        return 11;
    errno = 0;
    return open("/proc/kmsg", O_RDONLY) == -1 && errno == EPERM ? 0 : 3;
}

#define CAP(n) (1ull << (n))
#define CAP_SYS_ADMIN 21
#define CAP_SYSLOG 34
static int only_sys_admin(void) { return with_capabilities(~CAP(CAP_SYSLOG), 1); }
static int only_syslog(void) { return with_capabilities(~CAP(CAP_SYS_ADMIN), 1); }
static int neither(void) { return with_capabilities(~(CAP(CAP_SYSLOG) | CAP(CAP_SYS_ADMIN)), 0); }

static void test_permissions(void)
{
    FILE *f = fopen("/proc/sys/kernel/dmesg_restrict", "r");
    restricted = 1;
    if (f) {
        if (fscanf(f, "%d", &restricted) != 1)
            restricted = 1;
        fclose(f);
    }
    int status = run_bounded(as_nobody, 10000);
    if (!ok(exited_with(status, 0), "an ordinary user gets EPERM (dmesg_restrict %d)", restricted))
        why("child %s (a bit for each action that answered wrongly)", outcome(status));
    status = run_bounded(only_sys_admin, 10000);
    if (!ok(exited_with(status, 0), "CAP_SYS_ADMIN without CAP_SYSLOG may read"))
        why("child %s", outcome(status));
    status = run_bounded(only_syslog, 10000);
    if (!ok(exited_with(status, 0), "CAP_SYSLOG without CAP_SYS_ADMIN may read"))
        why("child %s", outcome(status));
    status = run_bounded(neither, 10000);
    if (!ok(exited_with(status, 0), "root without either capability gets EPERM"))
        why("child %s", outcome(status));
}

int main(void)
{
    plan(38);
    test_read_all();
    test_errors();
    test_read();
    test_read_sleeps();
    test_clear();
    test_full();
    test_kmsg();
    test_console();
    test_permissions();
    return done();
}
