/* pty: pseudo-terminals. /dev/ptmx makes a pair; the C library's
 * posix_openpt, grantpt, unlockpt, ptsname and openpty work; devpts shows
 * the slave /dev/pts/N (136, N) with its owner and mode, locked until
 * unlockpt. What the master writes goes through the slave's line
 * discipline (echo back on the master, Ctrl-C to the foreground group);
 * what the slave writes comes out processed (ONLCR) on the master. Reads,
 * writes and poll on both sides, flow in both directions until full,
 * window size and SIGWINCH, the slave as a controlling terminal, and how
 * the pair ends: the master's reads fail with EIO once the slave is
 * closed, and closing the master hangs the slave up (SIGHUP for its
 * session, the slave's files dead, /dev/pts/N gone).
 *
 * Runs on Linux too, where devpts is mounted on /dev/pts if it is not
 * yet (with the options Cleave's init uses). */
#include "bounded.h"

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <termios.h>

#define DEVPTS_SUPER_MAGIC 0x1cd1

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Reads from fd until `text` has arrived (1) or ms pass (0); what was read
 * is left in got (NUL-terminated). */
static char got[8192];
static int read_until(int fd, const char *text, long ms)
{
    size_t len = 0;
    long deadline = now_ms() + ms;
    got[0] = 0;
    for (;;) {
        if (strstr(got, text))
            return 1;
        long left = deadline - now_ms();
        if (left <= 0 || len + 1 >= sizeof got)
            return 0;
        struct pollfd p = { fd, POLLIN, 0 };
        if (poll(&p, 1, (int)left) <= 0 || !(p.revents & POLLIN))
            continue;
        ssize_t n = read(fd, got + len, sizeof got - 1 - len);
        if (n <= 0)
            return 0;
        len += (size_t)n;
        got[len] = 0;
    }
}

/* A new pair: the master (O_NOCTTY) and the slave's name, unlocked. */
static int new_master(char *name, size_t size)
{
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    if (m < 0)
        return -1;
    if (grantpt(m) || unlockpt(m) || ptsname_r(m, name, size)) {
        close(m);
        return -1;
    }
    return m;
}

/* A new pair, both ends open (the slave O_NOCTTY). */
static int new_pair(int *master, int *slave, char *name, size_t size)
{
    *master = new_master(name, size);
    if (*master < 0)
        return -1;
    *slave = open(name, O_RDWR | O_NOCTTY);
    if (*slave < 0) {
        close(*master);
        return -1;
    }
    return 0;
}

static int set_raw(int fd)
{
    struct termios t;
    if (tcgetattr(fd, &t))
        return -1;
    cfmakeraw(&t);
    t.c_cc[VMIN] = 1;
    t.c_cc[VTIME] = 0;
    return tcsetattr(fd, TCSANOW, &t);
}

static int set_nonblocking(int fd) { return fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK); }

/* devpts on /dev/pts: already there (Cleave's init mounts it), or mounted
 * here as Cleave's init would. */
static void ensure_devpts(void)
{
    struct statfs sf;
    if (statfs("/dev/pts", &sf) == 0 && sf.f_type == DEVPTS_SUPER_MAGIC)
        return;
    mkdir("/dev/pts", 0755);
    if (mount("devpts", "/dev/pts", "devpts", 0, "mode=620,ptmxmode=000") != 0)
        diag("mounting devpts on /dev/pts: %s", strerror(errno));
}

/* ---- the C library's calls, the files ------------------------------------- */

static void test_files(void)
{
    struct stat st;
    ok(stat("/dev/ptmx", &st) == 0 && S_ISCHR(st.st_mode) && st.st_rdev == makedev(5, 2)
           && (st.st_mode & 07777) == 0666,
       "/dev/ptmx is the character device (5, 2), mode 666");
    struct statfs sf;
    ok(statfs("/dev/pts", &sf) == 0 && sf.f_type == DEVPTS_SUPER_MAGIC, "/dev/pts is a devpts");
    ok(stat("/dev/pts/ptmx", &st) == 0 && S_ISCHR(st.st_mode) && st.st_rdev == makedev(5, 2)
           && (st.st_mode & 07777) == 0,
       "/dev/pts/ptmx is another (5, 2), mode 000 (ptmxmode)");
    char mounts[4096] = "";
    int fd = open("/proc/mounts", O_RDONLY);
    if (fd >= 0) {
        ssize_t n = read(fd, mounts, sizeof mounts - 1);
        mounts[n > 0 ? n : 0] = 0;
        close(fd);
    }
    char *line = strstr(mounts, "devpts /dev/pts devpts ");
    if (line && strchr(line, '\n'))
        *strchr(line, '\n') = 0;
    if (!ok(line && strstr(line, "mode=620") && strstr(line, "ptmxmode=000"), "/proc/mounts shows it with its options"))
        why("%.200s", mounts);
    mkdir("/tmp/pty_mnt", 0755);
    fails_with(mount("devpts", "/tmp/pty_mnt", "devpts", 0, "nonsense=1"), EINVAL, "devpts with an unknown option");
    rmdir("/tmp/pty_mnt");

    int m = posix_openpt(O_RDWR | O_NOCTTY);
    if (!succeeds(m, "posix_openpt gives a master")) {
        for (int i = 0; i < 9; i++)
            skip("no master", "the pair's files");
        return;
    }
    unsigned number = 999;
    ok(ioctl(m, TIOCGPTN, &number) == 0 && number < 999, "TIOCGPTN: its number");
    char name[64], expected[64];
    snprintf(expected, sizeof expected, "/dev/pts/%u", number);
    ok(grantpt(m) == 0 && ptsname_r(m, name, sizeof name) == 0 && !strcmp(name, expected),
       "grantpt, and ptsname gives /dev/pts/<number>");
    ok(stat(name, &st) == 0 && S_ISCHR(st.st_mode) && st.st_rdev == makedev(136, number)
           && (st.st_mode & 07777) == 0620 && st.st_uid == geteuid() && st.st_gid == getegid(),
       "the slave is (136, N), mode 620, the opener's");
    int locked = -1;
    ok(ioctl(m, TIOCGPTLCK, &locked) == 0 && locked == 1, "a new pair is locked (TIOCGPTLCK)");
    fails_with(open(name, O_RDWR | O_NOCTTY), EIO, "opening a locked slave");
    ok(unlockpt(m) == 0 && ioctl(m, TIOCGPTLCK, &locked) == 0 && locked == 0, "unlockpt unlocks it");
    int s = open(name, O_RDWR | O_NOCTTY);
    char tty_name[64] = "";
    ok(s >= 0 && isatty(s) && ttyname_r(s, tty_name, sizeof tty_name) == 0 && !strcmp(tty_name, name),
       "then the slave opens, a terminal whose ttyname is its name");
    fails_with(ioctl(s, TIOCGPTN, &number), ENOTTY, "TIOCGPTN on the slave");
    int peer = ioctl(m, TIOCGPTPEER, O_RDWR | O_NOCTTY);
    ok(peer >= 0 && fstat(peer, &st) == 0 && st.st_rdev == makedev(136, number) && write(peer, "x", 1) == 1
           && read_until(m, "x", 2000),
       "TIOCGPTPEER opens the slave from the master");
    if (peer >= 0)
        close(peer);
    close(s);
    close(m);
}

static void test_openpty(void)
{
    int m, s;
    char name[64];
    struct winsize ws = { 30, 100, 0, 0 };
    struct winsize got_ws = { 0, 0, 0, 0 };
    int r = openpty(&m, &s, name, NULL, &ws);
    if (!ok(r == 0 && isatty(s) && !strncmp(name, "/dev/pts/", 9) && ioctl(s, TIOCGWINSZ, &got_ws) == 0
                && got_ws.ws_row == 30 && got_ws.ws_col == 100,
            "openpty: a pair, its name and its window size"))
        why("openpty returned %d (%s), name %s", r, strerror(errno), r == 0 ? name : "-");
    if (r == 0) {
        close(s);
        close(m);
    }
}

/* ---- data in both directions ---------------------------------------------- */

static void test_data(void)
{
    int m, s;
    char name[64];
    if (!succeeds(new_pair(&m, &s, name, sizeof name), "a pair for the data checks")) {
        for (int i = 0; i < 13; i++)
            skip("no pair", "data");
        return;
    }
    struct winsize ws = { 1, 1, 1, 1 };
    ok(ioctl(s, TIOCGWINSZ, &ws) == 0 && ws.ws_row == 0 && ws.ws_col == 0, "a new slave's window is 0 x 0");

    char buf[256];
    set_nonblocking(m);
    fails_with(read(m, buf, sizeof buf), EAGAIN, "a non-blocking master read with nothing to read");
    struct pollfd p[2] = { { m, POLLIN | POLLOUT, 0 }, { s, POLLIN | POLLOUT, 0 } };
    ok(poll(p, 2, 0) == 2 && p[0].revents == POLLOUT && p[1].revents == POLLOUT,
       "poll: both writable, neither readable");

    ok(write(m, "hel", 3) == 3 && read_until(m, "hel", 2000), "what the master writes is echoed back to it");
    p[1].revents = 0;
    ok(poll(&p[1], 1, 200) == 1 && p[1].revents == POLLOUT, "half a line: the slave is not readable yet");
    ok(write(m, "lo\r", 3) == 3 && read_until(m, "lo\r\n", 2000), "a carriage return echoes as a new line (ICRNL)");
    p[1].revents = 0;
    int size = -1;
    ok(poll(&p[1], 1, 2000) == 1 && p[1].revents == (POLLIN | POLLOUT) && ioctl(s, FIONREAD, &size) == 0 && size == 6,
       "then the slave has a line: POLLIN, FIONREAD 6");
    ssize_t n = read(s, buf, sizeof buf);
    ok(n == 6 && !memcmp(buf, "hello\n", 6), "the slave reads the line \"hello\\n\"");

    ok(write(s, "a\nb", 3) == 3, "the slave writes \"a\\nb\"");
    p[0].revents = 0;
    ok(poll(&p[0], 1, 2000) == 1 && (p[0].revents & POLLIN) && ioctl(m, FIONREAD, &size) == 0 && size == 4,
       "the master is readable: FIONREAD 4 (ONLCR made 3 bytes 4)");
    n = read(m, buf, sizeof buf);
    ok(n == 4 && !memcmp(buf, "a\r\nb", 4), "the master reads \"a\\r\\nb\"");

    /* tcsetattr on the slave, tcgetattr on the master: one termios. */
    struct termios t;
    tcgetattr(s, &t);
    t.c_oflag &= ~(tcflag_t)OPOST;
    t.c_lflag &= ~(tcflag_t)ECHO;
    tcsetattr(s, TCSANOW, &t);
    struct termios seen;
    ok(tcgetattr(m, &seen) == 0 && !(seen.c_oflag & OPOST) && !(seen.c_lflag & ECHO),
       "the master's tcgetattr shows the slave's settings");
    ok(write(s, "c\n", 2) == 2 && read_until(m, "c\n", 2000) && !strcmp(got, "c\n"),
       "without OPOST the slave's \"\\n\" stays \"\\n\"");
    close(s);
    close(m);
}

/* The master blocks for output, and a slave that closes wakes it with
 * EIO, once what it wrote has been read. */
static int slave_fd_for_child;
static int write_then_close(void)
{
    msleep(300);
    if (write(slave_fd_for_child, "late", 4) != 4)
        return 1;
    close(slave_fd_for_child);
    return 0;
}

static int close_later(void)
{
    msleep(300);
    close(slave_fd_for_child);
    return 0;
}

static void test_ends(void)
{
    int m, s;
    char name[64], buf[64];
    if (!succeeds(new_pair(&m, &s, name, sizeof name), "a pair for the end checks")) {
        for (int i = 0; i < 5; i++)
            skip("no pair", "ends");
        return;
    }
    slave_fd_for_child = s;
    pid_t child = fork();
    if (child == 0) {
        close(m);
        _exit(write_then_close());
    }
    close(s);
    alarm(10);
    ssize_t n = read(m, buf, sizeof buf);
    ok(n == 4 && !memcmp(buf, "late", 4), "a master read waits for the slave's output");
    int status = finish_child(child, 5000);
    /* The child's slave is closed now: no slave file is open. */
    n = read(m, buf, sizeof buf);
    int e = errno;
    ok(n == -1 && e == EIO, "with the slave closed and nothing left, the master's read fails with EIO");
    struct pollfd p = { m, POLLIN, 0 };
    ok(poll(&p, 1, 0) == 1 && (p.revents & POLLHUP), "and poll says POLLHUP");
    (void)status;

    /* Reopened, the slave works again; a blocked read is woken by its close. */
    s = open(name, O_RDWR | O_NOCTTY);
    slave_fd_for_child = s;
    child = fork();
    if (child == 0) {
        close(m);
        _exit(close_later());
    }
    close(s);
    n = read(m, buf, sizeof buf);
    e = errno;
    ok(s >= 0 && n == -1 && e == EIO, "a reopened slave closing wakes a waiting master read with EIO");
    alarm(0);
    finish_child(child, 5000);
    close(m);
    struct stat st;
    fails_with(stat(name, &st), ENOENT, "with the master closed, the slave's name");
}

/* Output both ways until it is full: nothing is lost, nothing reordered. */
static void test_flow(void)
{
    int m, s;
    char name[64];
    if (!succeeds(new_pair(&m, &s, name, sizeof name), "a pair for the flow checks")) {
        for (int i = 0; i < 4; i++)
            skip("no pair", "flow");
        return;
    }
    set_raw(s);
    set_nonblocking(m);
    set_nonblocking(s);
    static unsigned char chunk[1024], in[1024];
    long written = 0, got_bytes = 0;
    int order_ok = 1;
    /* Master to slave. */
    for (;;) {
        for (size_t i = 0; i < sizeof chunk; i++)
            chunk[i] = (unsigned char)((written + (long)i) % 251);
        ssize_t n = write(m, chunk, sizeof chunk);
        if (n <= 0 || written > (2 << 20))
            break;
        written += n;
    }
    int e = errno;
    ok(written > 0 && written <= (2 << 20) && e == EAGAIN, "a non-blocking master write stops with EAGAIN when the slave's input is full (after %ld bytes)", written);
    for (;;) {
        struct pollfd p = { s, POLLIN, 0 };
        if (poll(&p, 1, 1000) <= 0)
            break;
        ssize_t n = read(s, in, sizeof in);
        if (n <= 0)
            continue;
        for (ssize_t i = 0; i < n; i++)
            order_ok &= in[i] == (unsigned char)((got_bytes + i) % 251);
        got_bytes += n;
        /* Room again: what the master could not write may go now. */
    }
    ok(got_bytes == written && order_ok, "the slave reads every byte, in order (%ld of %ld)", got_bytes, written);

    /* Slave to master. */
    written = got_bytes = 0;
    order_ok = 1;
    for (;;) {
        for (size_t i = 0; i < sizeof chunk; i++)
            chunk[i] = (unsigned char)((written + (long)i) % 253);
        ssize_t n = write(s, chunk, sizeof chunk);
        if (n <= 0 || written > (2 << 20))
            break;
        written += n;
    }
    e = errno;
    ok(written > 0 && written <= (2 << 20) && e == EAGAIN, "a non-blocking slave write stops with EAGAIN when the master does not read (after %ld bytes)", written);
    for (;;) {
        struct pollfd p = { m, POLLIN, 0 };
        if (poll(&p, 1, 1000) <= 0)
            break;
        ssize_t n = read(m, in, sizeof in);
        if (n <= 0)
            continue;
        for (ssize_t i = 0; i < n; i++)
            order_ok &= in[i] == (unsigned char)((got_bytes + i) % 253);
        got_bytes += n;
    }
    ok(got_bytes == written && order_ok, "the master reads every byte, in order (%ld of %ld)", got_bytes, written);
    close(s);
    close(m);
}

/* ---- the slave as a controlling terminal --------------------------------- */

static char child_name[64];
static int ready_pipe[2];

/* A session leader whose controlling terminal is the slave, in the
 * foreground, that tells the parent it is ready and waits. */
static int session_on_slave(int ignore_hup)
{
    if (ignore_hup)
        signal(SIGHUP, SIG_IGN);
    setsid();
    int s = open(child_name, O_RDWR); /* no O_NOCTTY: it becomes ours */
    if (s < 0)
        return 10;
    if (ioctl(s, TIOCSCTTY, 0) != 0)
        return 11;
    pid_t fg = -1, sid = -1;
    if (ioctl(s, TIOCGPGRP, &fg) != 0 || fg != getpgrp() || ioctl(s, TIOCGSID, &sid) != 0 || sid != getpid())
        return 12;
    if (tcsetpgrp(s, getpgrp()) != 0)
        return 13;
    int tty = open("/dev/tty", O_RDWR);
    if (tty < 0 || write(tty, "via-dev-tty\n", 12) != 12)
        return 14;
    close(tty);
    /* tty_nr in /proc/self/stat: field 7. */
    char stat_text[512];
    int fd = open("/proc/self/stat", O_RDONLY);
    ssize_t n = fd >= 0 ? read(fd, stat_text, sizeof stat_text - 1) : -1;
    if (n <= 0)
        return 15;
    stat_text[n] = 0;
    char *after = strrchr(stat_text, ')');
    int ppid, pgrp, session;
    unsigned tty_nr;
    char state;
    if (!after || sscanf(after + 2, "%c %d %d %d %u", &state, &ppid, &pgrp, &session, &tty_nr) != 5)
        return 16;
    struct stat st;
    if (fstat(s, &st) != 0 || tty_nr != (unsigned)st.st_rdev)
        return 17;
    if (write(ready_pipe[1], "r", 1) != 1)
        return 18;
    if (!ignore_hup) {
        for (;;)
            pause();
    }
    /* The master goes away: the read ends (0 or EIO), the file is dead. */
    char c;
    ssize_t r = read(s, &c, 1);
    if (!(r == 0 || (r == -1 && errno == EIO)))
        return 20;
    if (write(s, "x", 1) != -1 || errno != EIO)
        return 21;
    if (read(s, &c, 1) != 0)
        return 22;
    struct pollfd p = { s, POLLIN, 0 };
    if (poll(&p, 1, 0) != 1 || !(p.revents & POLLHUP))
        return 23;
    return 0;
}

static int session_default(void) { return session_on_slave(0); }
static int session_ignoring_hup(void) { return session_on_slave(1); }

/* Starts fn in a child with the master closed there; waits for "ready". */
static pid_t start_session(int m, int (*fn)(void))
{
    if (pipe(ready_pipe) != 0)
        return -1;
    pid_t child = fork();
    if (child == 0) {
        close(m);
        close(ready_pipe[0]);
        _exit(fn());
    }
    close(ready_pipe[1]);
    char c;
    struct pollfd p = { ready_pipe[0], POLLIN, 0 };
    int ready = poll(&p, 1, 5000) == 1 && read(ready_pipe[0], &c, 1) == 1;
    close(ready_pipe[0]);
    if (!ready) {
        int status = finish_child(child, 100);
        why("the session child did not start: %s", outcome(status));
        return -1;
    }
    return child;
}

static void test_session(void)
{
    int m = new_master(child_name, sizeof child_name);
    if (!succeeds(m, "a pair for the session checks")) {
        for (int i = 0; i < 7; i++)
            skip("no pair", "session");
        return;
    }
    pid_t child = start_session(m, session_default);
    ok(child > 0, "a session leader takes the slave as its controlling terminal (TIOCSCTTY, TIOCGPGRP, TIOCGSID, "
                  "tcsetpgrp, /dev/tty, tty_nr (136, N))");
    if (child <= 0) {
        for (int i = 0; i < 6; i++)
            skip("no session", "session");
        close(m);
        return;
    }
    ok(read_until(m, "via-dev-tty\r\n", 2000), "/dev/tty of that session is the slave");
    pid_t fg = -1;
    ok(ioctl(m, TIOCGPGRP, &fg) == 0 && fg == child, "TIOCGPGRP on the master: the slave's foreground group");

    /* A window change: SIGWINCH, which by default does nothing; then ^C. */
    struct winsize ws = { 40, 132, 0, 0 }, seen = { 0, 0, 0, 0 };
    ok(ioctl(m, TIOCSWINSZ, &ws) == 0 && ioctl(m, TIOCGWINSZ, &seen) == 0 && seen.ws_col == 132,
       "TIOCSWINSZ on the master sets the slave's window");
    int status = 0;
    ok(write(m, "\003", 1) == 1 && read_until(m, "^C", 2000), "Ctrl-C written to the master echoes as ^C");
    status = finish_child(child, 5000);
    if (!ok(killed_by(status, SIGINT), "and kills the slave's foreground group with SIGINT"))
        why("%s", outcome(status));

    /* TIOCSIG: a signal for the foreground group from the master. */
    child = start_session(m, session_default);
    ok(child > 0 && ioctl(m, TIOCSIG, SIGTERM) == -1 && errno == EINVAL && ioctl(m, TIOCSIG, SIGINT) == 0
           && killed_by(finish_child(child, 5000), SIGINT),
       "TIOCSIG on the master: SIGINT (not SIGTERM: EINVAL) for the slave's foreground group");
    close(m);
}

/* SIGWINCH: a handler sees it. */
static volatile sig_atomic_t winched;
static void on_winch(int s)
{
    (void)s;
    winched = 1;
}

static int winch_child(void)
{
    signal(SIGWINCH, on_winch);
    setsid();
    int s = open(child_name, O_RDWR);
    if (s < 0 || ioctl(s, TIOCSCTTY, 0) != 0)
        return 10;
    if (write(ready_pipe[1], "r", 1) != 1)
        return 11;
    long deadline = now_ms() + 4000;
    while (!winched && now_ms() < deadline)
        msleep(10);
    struct winsize ws;
    if (!winched)
        return 12;
    return ioctl(s, TIOCGWINSZ, &ws) == 0 && ws.ws_row == 50 && ws.ws_col == 90 ? 0 : 13;
}

static void test_winch_and_hangup(void)
{
    int m = new_master(child_name, sizeof child_name);
    if (!succeeds(m, "a pair for the window and hang-up checks")) {
        for (int i = 0; i < 3; i++)
            skip("no pair", "hang-up");
        return;
    }
    pid_t child = start_session(m, winch_child);
    struct winsize ws = { 50, 90, 0, 0 };
    int status = child > 0 && ioctl(m, TIOCSWINSZ, &ws) == 0 ? finish_child(child, 8000) : -1;
    if (!ok(exited_with(status, 0), "TIOCSWINSZ on the master: SIGWINCH for the slave's foreground group"))
        why("%s", outcome(status));

    child = start_session(m, session_default);
    close(m);
    status = child > 0 ? finish_child(child, 5000) : -1;
    if (!ok(killed_by(status, SIGHUP), "closing the master: SIGHUP for the session leader"))
        why("%s", outcome(status));

    m = new_master(child_name, sizeof child_name);
    child = m >= 0 ? start_session(m, session_ignoring_hup) : -1;
    msleep(100); /* the child waits in read */
    close(m);
    status = child > 0 ? finish_child(child, 5000) : -1;
    if (!ok(exited_with(status, 0), "then the slave is hung up: its read ends, write fails with EIO, "
                                    "read gives 0, poll POLLHUP"))
        why("%s", outcome(status));
}

/* Numbers are reused, lowest first; a pair belongs to its opener. */
static int as_nobody(void)
{
    if (setgid(65534) || setuid(65534))
        return 10;
    char name[64];
    int m = new_master(name, sizeof name);
    struct stat st;
    if (m < 0 || stat(name, &st) != 0)
        return 11;
    if (st.st_uid != 65534 || st.st_gid != 65534 || (st.st_mode & 07777) != 0620)
        return 12;
    int s = open(name, O_RDWR | O_NOCTTY);
    return s >= 0 ? 0 : 13;
}

static void test_numbers(void)
{
    char a[64], b[64];
    int m1 = new_master(a, sizeof a);
    int m2 = new_master(b, sizeof b);
    unsigned n1 = 0, n2 = 0;
    ioctl(m1, TIOCGPTN, &n1);
    ioctl(m2, TIOCGPTN, &n2);
    ok(m1 >= 0 && m2 >= 0 && n1 != n2, "two pairs have two numbers");
    close(m1);
    int m3 = new_master(a, sizeof a);
    unsigned n3 = 999;
    ioctl(m3, TIOCGPTN, &n3);
    ok(m3 >= 0 && n3 == n1, "a closed pair's number is used again");
    close(m2);
    close(m3);
    int status = run_bounded(as_nobody, 5000);
    if (!ok(exited_with(status, 0), "a pair opened by nobody: the slave is nobody's, mode 620"))
        why("%s", outcome(status));
}

int main(void)
{
    plan(56);
    ensure_devpts();
    test_files();            /* 15 */
    test_openpty();          /* 1 */
    test_data();             /* 14 */
    test_ends();             /* 6 */
    test_flow();             /* 5 */
    test_session();          /* 8 */
    test_winch_and_hangup(); /* 4 */
    test_numbers();          /* 3 */
    return done();
}
