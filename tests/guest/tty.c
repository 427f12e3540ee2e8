/* tty: the terminal. The line discipline (canonical reads and their
 * editing, end of file, raw mode with VMIN and VTIME, CR and NL mapping),
 * its signals (Ctrl-C, Ctrl-\ and Ctrl-Z to the foreground process group
 * only), sessions and the controlling terminal (TIOCSCTTY, TIOCNOTTY,
 * /dev/tty, a session leader's exit), background process groups (SIGTTIN,
 * SIGTTOU, TOSTOP, EIO for orphans), tcsetpgrp's rules and the other
 * ioctls.
 *
 * The console is the terminal, on Cleave and on Linux (where it is the
 * serial line). Each check runs in a child that makes a session of its
 * own, takes the console as its controlling terminal (TIOCSCTTY) and
 * "types" with TIOCSTI, with echo off so that nothing typed reaches this
 * output. It gives the terminal back as it found it (settings, nothing
 * left typed, no session), so the programs that run after this one see
 * the console as it was. */
#include "bounded.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <termios.h>

#define CONSOLE "/dev/console"

static struct termios original; /* the console's settings when we started */
static int term = -1;           /* in a session child: the terminal */
static volatile int *failed_line; /* shared: where a session child's check failed */
static pid_t spawned[8];        /* in a session child: the groups it started (spawn_group) */
static int spawned_count;

#define CHECK(cond)                          \
    do {                                     \
        if (!(cond)) {                       \
            *failed_line = __LINE__;         \
            return 1;                        \
        }                                    \
    } while (0)

static void type(const char *text)
{
    for (; *text; text++)
        ioctl(term, TIOCSTI, text);
}

static void type_char(char c) { ioctl(term, TIOCSTI, &c); }

/* Reads once and compares with what is expected. */
static int reads(const char *expected, size_t size)
{
    char buf[256];
    ssize_t n = read(term, buf, size);
    return n == (ssize_t)strlen(expected) && !memcmp(buf, expected, (size_t)n);
}

static int set_lflag(tcflag_t on, tcflag_t off)
{
    struct termios t;
    if (tcgetattr(term, &t))
        return -1;
    t.c_lflag = (t.c_lflag | on) & ~off;
    return tcsetattr(term, TCSANOW, &t);
}

static int set_raw(int min, int time)
{
    struct termios t;
    if (tcgetattr(term, &t))
        return -1;
    t.c_lflag &= ~ICANON;
    t.c_cc[VMIN] = (cc_t)min;
    t.c_cc[VTIME] = (cc_t)time;
    return tcsetattr(term, TCSANOW, &t);
}

static long long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* ---- sessions ---- */

/* A session of our own, with the console as its controlling terminal and
 * echo off. */
static int take_terminal(void)
{
    if (setsid() < 0)
        return 101;
    term = open(CONSOLE, O_RDWR | O_NOCTTY);
    if (term < 0)
        return 102;
    if (ioctl(term, TIOCSCTTY, 0) < 0)
        return 103;
    struct termios t = original;
    t.c_lflag &= ~(ECHO | ECHONL);
    if (tcsetattr(term, TCSAFLUSH, &t) < 0)
        return 104;
    return 0;
}

/* The settings as they were, nothing left typed, and no session (from
 * the background too: SIGTTOU blocked). TIOCNOTTY sends SIGHUP to the
 * foreground group, which may be ours. */
static void release_terminal(void)
{
    sigset_t ttou;
    sigemptyset(&ttou);
    sigaddset(&ttou, SIGTTOU);
    sigprocmask(SIG_BLOCK, &ttou, NULL);
    signal(SIGHUP, SIG_IGN);
    tcsetattr(term, TCSAFLUSH, &original);
    ioctl(term, TIOCNOTTY);
    close(term);
    for (int i = 0; i < spawned_count; i++) {
        kill(spawned[i], SIGKILL);
        waitpid(spawned[i], NULL, 0);
    }
}

static int (*session_body)(void);

static int session_child(void)
{
    int r = take_terminal();
    if (r)
        return r;
    r = session_body();
    release_terminal();
    return r;
}

/* Runs body in a new session that has the terminal; reports as one test. */
static void in_session(int (*body)(void), const char *description)
{
    *failed_line = 0;
    session_body = body;
    int status = run_bounded(session_child, 10000);
    if (!ok(exited_with(status, 0), "%s", description)) {
        if (*failed_line)
            why("%s, check at line %d", status_text(status), *failed_line);
        else
            why("%s", status == TIMED_OUT ? "timed out" : status_text(status));
    }
    /* In case the child died on the way: the console as we found it. */
    tcsetattr(1, TCSANOW, &original);
    tcflush(1, TCIFLUSH);
}

/* A child in a process group of its own, that runs fn (its return value is
 * the exit code). Killed when the session ends, if a failed check left it. */
static pid_t spawn_group(int (*fn)(void))
{
    pid_t pid = fork();
    if (pid == 0) {
        setpgid(0, 0);
        _exit(fn());
    }
    setpgid(pid, pid);
    if (spawned_count < 8)
        spawned[spawned_count++] = pid;
    return pid;
}

static int sleeper(void)
{
    for (;;)
        pause();
    return 0;
}

static int terminal_reader(void)
{
    char buf[16];
    return read(term, buf, sizeof buf) < 0 ? errno : 0;
}

/* ---- the line discipline ---- */

static int canonical_reads(void)
{
    type("hello\n");
    CHECK(reads("hello\n", 100));
    type("abcdef\n");
    CHECK(reads("abc", 3));
    CHECK(reads("def\n", 100));
    type("one\ntwo\n");
    CHECK(reads("one\n", 100));
    CHECK(reads("two\n", 100));
    type("x\r"); /* ICRNL: Enter sends CR, read sees NL */
    CHECK(reads("x\n", 100));
    return 0;
}

static int editing(void)
{
    type("abx\177c\n");
    CHECK(reads("abc\n", 100));
    type("junk\025ok\n");
    CHECK(reads("ok\n", 100));
    type("foo bar\027baz\n");
    CHECK(reads("foo baz\n", 100));
    type("foo-bar  \027x\n"); /* WERASE takes the blanks, then the word */
    CHECK(reads("foo-x\n", 100));
    type("\177\177z\n"); /* nothing to erase */
    CHECK(reads("z\n", 100));
    type("a\n\177b\n"); /* a complete line cannot be erased */
    CHECK(reads("a\n", 100));
    CHECK(reads("b\n", 100));
    type("\026\003\026\177\n"); /* LNEXT: the next character is data */
    CHECK(reads("\003\177\n", 100));
    return 0;
}

static int end_of_file(void)
{
    type("\004");
    CHECK(reads("", 100));
    type("abc\004");
    CHECK(reads("abc", 100));
    type("x\n"); /* the EOF went with "abc" */
    CHECK(reads("x\n", 100));
    type("abc\004"); /* read 3 bytes: the EOF right after them goes too */
    CHECK(reads("abc", 3));
    int n = -1;
    CHECK(ioctl(term, FIONREAD, &n) == 0 && n == 0);
    type("abc\n"); /* but a newline stays for the next read */
    CHECK(reads("abc", 3));
    CHECK(reads("\n", 100));
    return 0;
}

static int other_line_ends(void)
{
    struct termios t;
    tcgetattr(term, &t);
    t.c_cc[VEOL] = ';';
    CHECK(tcsetattr(term, TCSANOW, &t) == 0);
    type("a;b\n");
    CHECK(reads("a;", 100));
    CHECK(reads("b\n", 100));
    t.c_cc[VEOL] = 0;
    t.c_iflag |= IGNCR;
    CHECK(tcsetattr(term, TCSANOW, &t) == 0);
    type("x\ry\n");
    CHECK(reads("xy\n", 100));
    t.c_iflag &= ~(IGNCR | ICRNL);
    CHECK(tcsetattr(term, TCSANOW, &t) == 0);
    type("a\rb\n"); /* CR is an ordinary character now */
    CHECK(reads("a\rb\n", 100));
    t.c_iflag |= INLCR;
    t.c_lflag &= ~ICANON;
    CHECK(tcsetattr(term, TCSANOW, &t) == 0);
    type("\n");
    CHECK(reads("\r", 100));
    return 0;
}

static int fionread_and_flush(void)
{
    int n = -1;
    type("abc\nde");
    CHECK(ioctl(term, FIONREAD, &n) == 0 && n == 4); /* only complete lines */
    CHECK(set_raw(1, 0) == 0); /* in raw mode everything typed is readable */
    CHECK(ioctl(term, FIONREAD, &n) == 0 && n == 6);
    CHECK(reads("abc\nde", 100));
    type("xyz");
    CHECK(tcflush(term, TCIFLUSH) == 0);
    CHECK(ioctl(term, FIONREAD, &n) == 0 && n == 0);
    type("xyz");
    struct termios t;
    tcgetattr(term, &t);
    CHECK(tcsetattr(term, TCSAFLUSH, &t) == 0);
    CHECK(ioctl(term, FIONREAD, &n) == 0 && n == 0);
    errno = 0;
    CHECK(tcflush(term, 7) == -1 && errno == EINVAL);
    errno = 0;
    CHECK(tcflow(term, 9) == -1 && errno == EINVAL);
    CHECK(tcflow(term, TCOON) == 0);
    CHECK(tcdrain(term) == 0);
    return 0;
}

static int mode_switches(void)
{
    type("ab"); /* half a line, then raw mode: readable at once */
    CHECK(set_raw(1, 0) == 0);
    CHECK(reads("ab", 100));
    type("xy"); /* back to canonical mode: what was typed is a line */
    CHECK(set_lflag(ICANON, 0) == 0);
    CHECK(reads("xy", 100));
    return 0;
}

static int late_typist(void)
{
    msleep(60);
    type("c");
    return 0;
}

static int late_line(void)
{
    msleep(60);
    type("z\n");
    return 0;
}

static int raw_reads(void)
{
    char buf[16];
    CHECK(set_raw(0, 0) == 0); /* MIN 0, TIME 0: what is there, at once */
    CHECK(read(term, buf, sizeof buf) == 0);
    CHECK(set_raw(0, 2) == 0); /* MIN 0, TIME 0.2 s: nothing comes */
    long long start = now_ms();
    CHECK(read(term, buf, sizeof buf) == 0);
    CHECK(now_ms() - start >= 150);
    CHECK(set_raw(1, 0) == 0);
    type("xy");
    CHECK(reads("xy", 100));
    type("\177"); /* no editing in raw mode */
    CHECK(reads("\177", 100));
    CHECK(set_raw(3, 0) == 0); /* MIN 3: a read waits for three bytes */
    type("ab");
    struct pollfd p = { term, POLLIN, 0 };
    CHECK(poll(&p, 1, 0) == 0); /* poll agrees: fewer than MIN */
    pid_t pid = fork();
    if (pid == 0)
        _exit(late_typist());
    CHECK(reads("abc", 10));
    waitpid(pid, NULL, 0);
    CHECK(set_raw(2, 1) == 0); /* MIN 2, TIME 0.1 s after a byte */
    type("q");
    start = now_ms();
    CHECK(reads("q", 10));
    CHECK(now_ms() - start >= 50);
    CHECK(set_raw(1, 0) == 0);
    fcntl(term, F_SETFL, O_NONBLOCK);
    errno = 0;
    CHECK(read(term, buf, sizeof buf) == -1 && errno == EAGAIN);
    CHECK(set_lflag(ICANON, 0) == 0);
    type("ab");
    errno = 0;
    CHECK(read(term, buf, sizeof buf) == -1 && errno == EAGAIN);
    fcntl(term, F_SETFL, 0);
    return 0;
}

static int readiness(void)
{
    struct pollfd p = { term, POLLIN | POLLOUT, 0 };
    CHECK(poll(&p, 1, 0) == 1 && p.revents == POLLOUT);
    type("ab");
    CHECK(poll(&p, 1, 0) == 1 && p.revents == POLLOUT); /* half a line is not readable */
    type("\n");
    CHECK(poll(&p, 1, 0) == 1 && p.revents == (POLLIN | POLLOUT));
    CHECK(reads("ab\n", 100));
    pid_t pid = fork();
    if (pid == 0)
        _exit(late_line());
    p.events = POLLIN;
    CHECK(poll(&p, 1, 5000) == 1 && p.revents == POLLIN);
    CHECK(reads("z\n", 100));
    waitpid(pid, NULL, 0);
    pid = fork();
    if (pid == 0)
        _exit(late_line());
    fd_set set;
    FD_ZERO(&set);
    FD_SET(term, &set);
    struct timeval tv = { 5, 0 };
    CHECK(select(term + 1, &set, NULL, NULL, &tv) == 1 && FD_ISSET(term, &set));
    CHECK(reads("z\n", 100));
    waitpid(pid, NULL, 0);
    return 0;
}

/* ---- signals from the keyboard ---- */

static int keyboard_signal(int c, int s, int stops)
{
    pid_t reader = spawn_group(terminal_reader);
    pid_t other = spawn_group(sleeper);
    CHECK(tcsetpgrp(term, reader) == 0);
    msleep(30); /* let the reader block in read */
    type_char((char)c);
    int status = 0;
    CHECK(waitpid(reader, &status, stops ? WUNTRACED : 0) == reader);
    if (stops)
        CHECK(WIFSTOPPED(status) && WSTOPSIG(status) == s);
    else
        CHECK(WIFSIGNALED(status) && WTERMSIG(status) == s);
    CHECK(waitpid(other, &status, WNOHANG) == 0); /* not in the foreground: untouched */
    kill(reader, SIGKILL);
    kill(other, SIGKILL);
    waitpid(reader, NULL, 0);
    waitpid(other, NULL, 0);
    return 0;
}

static int interrupt(void) { return keyboard_signal('\003', SIGINT, 0); }
static int quit(void) { return keyboard_signal('\034', SIGQUIT, 0); }
static int suspend(void) { return keyboard_signal('\032', SIGTSTP, 1); }

static int signal_flushes(void)
{
    signal(SIGINT, SIG_IGN); /* we are the foreground group */
    type("abc\003d\n");
    CHECK(reads("d\n", 100));
    CHECK(set_lflag(NOFLSH, 0) == 0);
    type("abc\003d\n");
    CHECK(reads("abcd\n", 100));
    CHECK(set_lflag(0, ISIG) == 0); /* no signals: ^C is data */
    type("\003\n");
    CHECK(reads("\003\n", 100));
    return 0;
}

/* Our own group is orphaned (our parent is in another session): Ctrl-Z
 * must not stop it, or nobody could continue it. */
static int orphan_not_stopped(void)
{
    type("\032");
    CHECK(getpid() > 0); /* still running */
    return 0;
}

/* ---- background groups ---- */

/* Through /dev/tty: reads through /dev/console have no job control. */
static int reads_in_background(void)
{
    char buf[4];
    int fd = open("/dev/tty", O_RDONLY);
    if (fd < 0)
        return 4;
    return read(fd, buf, sizeof buf) < 0 ? (errno == EIO ? 5 : 6) : 0;
}

static int reads_console_in_background(void)
{
    char buf[4];
    return read(term, buf, sizeof buf) == 2 && buf[0] == 'k' ? 0 : 6;
}

static int reads_ignoring_ttin(void)
{
    signal(SIGTTIN, SIG_IGN);
    return reads_in_background();
}

static int reads_blocking_ttin(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTTIN);
    sigprocmask(SIG_BLOCK, &set, NULL);
    return reads_in_background();
}

/* Runs fn in a background group; returns its wait status (stopped or ended). */
static int in_background(int (*fn)(void))
{
    pid_t pid = spawn_group(fn);
    int status = 0;
    if (waitpid(pid, &status, WUNTRACED) != pid)
        return -1;
    if (WIFSTOPPED(status)) {
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
    }
    return status;
}

static int stopped_by(int status, int s) { return WIFSTOPPED(status) && WSTOPSIG(status) == s; }

static int background_reads(void)
{
    int status = in_background(reads_in_background);
    CHECK(stopped_by(status, SIGTTIN));
    CHECK(exited_with(in_background(reads_ignoring_ttin), 5)); /* EIO */
    CHECK(exited_with(in_background(reads_blocking_ttin), 5));
    type("k\n"); /* /dev/console has no job control, as on Linux */
    CHECK(exited_with(in_background(reads_console_in_background), 0));
    /* We ourselves, in the background: an orphaned group gets EIO. */
    pid_t other = spawn_group(sleeper);
    CHECK(tcsetpgrp(term, other) == 0);
    CHECK(reads_in_background() == 5);
    kill(other, SIGKILL);
    waitpid(other, NULL, 0);
    return 0;
}

static int takes_foreground(void) { return tcsetpgrp(term, getpgrp()) == 0 && tcgetpgrp(term) == getpgrp() ? 0 : 7; }

static int takes_foreground_blocking_ttou(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTTOU);
    sigprocmask(SIG_BLOCK, &set, NULL);
    if (takes_foreground())
        return 7;
    return tcsetpgrp(term, getppid()) == 0 ? 0 : 8; /* and gives it back to its parent's group */
}

static int changes_settings(void)
{
    struct termios t;
    tcgetattr(term, &t);
    return tcsetattr(term, TCSANOW, &t) == 0 ? 0 : 9;
}

static int changes_settings_ignoring_ttou(void)
{
    signal(SIGTTOU, SIG_IGN);
    return changes_settings();
}

static int writes_through_tty(void)
{
    int fd = open("/dev/tty", O_WRONLY);
    const char line[] = "# (a background write through /dev/tty)\n";
    return fd >= 0 && write(fd, line, sizeof line - 1) == sizeof line - 1 ? 0 : 10;
}

static int writes_through_console(void)
{
    int fd = open(CONSOLE, O_WRONLY | O_NOCTTY);
    const char line[] = "# (a background write through /dev/console)\n";
    return fd >= 0 && write(fd, line, sizeof line - 1) == sizeof line - 1 ? 0 : 11;
}

static int background_changes(void)
{
    CHECK(stopped_by(in_background(takes_foreground), SIGTTOU));
    CHECK(exited_with(in_background(takes_foreground_blocking_ttou), 0));
    CHECK(tcgetpgrp(term) == getpgrp());
    CHECK(stopped_by(in_background(changes_settings), SIGTTOU));
    CHECK(exited_with(in_background(changes_settings_ignoring_ttou), 0));
    /* Writes: allowed from the background unless TOSTOP... */
    CHECK(exited_with(in_background(writes_through_tty), 0));
    CHECK(set_lflag(TOSTOP, 0) == 0);
    CHECK(stopped_by(in_background(writes_through_tty), SIGTTOU));
    /* ... which writes through /dev/console ignore, as on Linux. */
    CHECK(exited_with(in_background(writes_through_console), 0));
    CHECK(set_lflag(0, TOSTOP) == 0);
    /* We ourselves, in the background and orphaned: ENOTTY from
     * tcsetpgrp (Linux turns EIO into that), EIO from tcsetattr, unless
     * SIGTTOU is blocked. */
    pid_t other = spawn_group(sleeper);
    CHECK(tcsetpgrp(term, other) == 0);
    errno = 0;
    CHECK(tcsetpgrp(term, getpgrp()) == -1 && errno == ENOTTY);
    struct termios t;
    tcgetattr(term, &t);
    errno = 0;
    CHECK(tcsetattr(term, TCSANOW, &t) == -1 && errno == EIO);
    sigset_t ttou;
    sigemptyset(&ttou);
    sigaddset(&ttou, SIGTTOU);
    sigprocmask(SIG_BLOCK, &ttou, NULL);
    CHECK(tcsetpgrp(term, getpgrp()) == 0);
    kill(other, SIGKILL);
    waitpid(other, NULL, 0);
    return 0;
}

/* ---- sessions and the controlling terminal ---- */

static int child_of_group(void)
{
    /* A process in our group that leads no group: Linux lets tcsetpgrp
     * name it (its session is ours). */
    return sleeper();
}

/* Fields 7 and 8 of /proc/self/stat: tty_nr and tpgid. */
static int stat_terminal(unsigned *tty_nr, int *tpgid)
{
    char buf[512];
    int fd = open("/proc/self/stat", O_RDONLY);
    ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0)
        return -1;
    buf[n] = 0;
    char *after_name = strrchr(buf, ')');
    return after_name && sscanf(after_name, ") %*c %*d %*d %*d %u %d", tty_nr, tpgid) == 2 ? 0 : -1;
}

static int foreground_rules(void)
{
    unsigned tty_nr;
    int tpgid;
    CHECK(stat_terminal(&tty_nr, &tpgid) == 0 && tty_nr == makedev(4, 64) && tpgid == getpgrp());
    CHECK(tcgetpgrp(term) == getpgrp());
    CHECK(tcgetsid(term) == getsid(0));
    errno = 0;
    CHECK(tcsetpgrp(term, getppid()) == -1 && errno == EPERM); /* another session */
    errno = 0;
    CHECK(tcsetpgrp(term, 99999) == -1 && errno == ESRCH);
    errno = 0;
    CHECK(tcsetpgrp(term, -1) == -1 && errno == EINVAL);
    pid_t member = fork();
    if (member == 0)
        _exit(child_of_group());
    CHECK(tcsetpgrp(term, member) == 0 && tcgetpgrp(term) == member);
    signal(SIGTTOU, SIG_IGN);
    CHECK(tcsetpgrp(term, getpgrp()) == 0);
    kill(member, SIGKILL);
    waitpid(member, NULL, 0);
    return 0;
}

static int tries_to_take_it(void)
{
    /* Not a session leader: EPERM. */
    return ioctl(term, TIOCSCTTY, 0) == -1 && errno == EPERM ? 0 : 12;
}

static int steals_it(void)
{
    if (setsid() < 0)
        return 13;
    if (ioctl(term, TIOCSCTTY, 0) != -1 || errno != EPERM)
        return 14; /* another session's terminal */
    if (ioctl(term, TIOCSCTTY, 1) != 0)
        return 15; /* root may take it, asking with 1 */
    if (tcgetsid(term) != getpid())
        return 16;
    signal(SIGHUP, SIG_IGN);
    return ioctl(term, TIOCNOTTY) == 0 ? 0 : 17;
}

static int controlling_terminal_rules(void)
{
    CHECK(ioctl(term, TIOCSCTTY, 0) == 0); /* ours already */
    pid_t pid = fork();
    if (pid == 0)
        _exit(tries_to_take_it());
    int status;
    waitpid(pid, &status, 0);
    CHECK(exited_with(status, 0));
    int tty = open("/dev/tty", O_RDWR);
    struct stat st;
    CHECK(tty >= 0 && fstat(tty, &st) == 0 && S_ISCHR(st.st_mode) && major(st.st_rdev) == 5 && minor(st.st_rdev) == 0);
    type("q\n");
    char buf[8];
    CHECK(read(tty, buf, sizeof buf) == 2 && buf[0] == 'q');
    close(tty);
    pid = fork();
    if (pid == 0)
        _exit(steals_it());
    waitpid(pid, &status, 0);
    CHECK(exited_with(status, 0));
    errno = 0;
    CHECK(tcgetpgrp(term) == -1 && errno == ENOTTY); /* it is gone */
    errno = 0;
    CHECK(open("/dev/tty", O_RDWR) == -1 && errno == ENXIO);
    CHECK(ioctl(term, TIOCSCTTY, 0) == 0); /* free again: ours again */
    CHECK(tcgetpgrp(term) == getpgrp());
    return 0;
}

static void exit_on_hangup(int s)
{
    (void)s;
    _exit(7);
}

static int gives_it_up(void)
{
    if (ioctl(term, TIOCNOTTY) != 0)
        return 18;
    if (tcgetpgrp(term) != -1 || errno != ENOTTY)
        return 19;
    return open("/dev/tty", O_RDWR) == -1 && errno == ENXIO ? 0 : 20;
}

static int giving_up(void)
{
    /* A process that is not the leader gives up only its own. */
    pid_t pid = fork();
    if (pid == 0)
        _exit(gives_it_up());
    int status;
    waitpid(pid, &status, 0);
    CHECK(exited_with(status, 0));
    CHECK(tcgetpgrp(term) == getpgrp());
    /* The leader gives it up for the session: the foreground group gets
     * SIGHUP and SIGCONT, so even a stopped one hears it. */
    signal(SIGHUP, exit_on_hangup);
    pid_t foreground = spawn_group(sleeper);
    signal(SIGHUP, SIG_IGN);
    CHECK(tcsetpgrp(term, foreground) == 0);
    kill(foreground, SIGSTOP);
    CHECK(waitpid(foreground, &status, WUNTRACED) == foreground && WIFSTOPPED(status));
    CHECK(ioctl(term, TIOCNOTTY) == 0);
    CHECK(waitpid(foreground, &status, 0) == foreground && exited_with(status, 7));
    errno = 0;
    CHECK(tcgetpgrp(term) == -1 && errno == ENOTTY);
    return 0;
}

static volatile sig_atomic_t window_changes;
static void on_winch(int s)
{
    (void)s;
    window_changes++;
}

static int window_size(void)
{
    struct winsize before, size, after;
    CHECK(ioctl(term, TIOCGWINSZ, &before) == 0);
    signal(SIGWINCH, on_winch);
    size = before;
    size.ws_row = (unsigned short)(before.ws_row + 7);
    size.ws_col = 132;
    CHECK(ioctl(term, TIOCSWINSZ, &size) == 0);
    CHECK(window_changes == 1); /* we are the foreground group */
    CHECK(ioctl(term, TIOCGWINSZ, &after) == 0 && after.ws_row == size.ws_row && after.ws_col == 132);
    CHECK(ioctl(term, TIOCSWINSZ, &size) == 0);
    CHECK(window_changes == 1); /* no change, no signal */
    CHECK(ioctl(term, TIOCSWINSZ, &before) == 0);
    CHECK(window_changes == 2);
    return 0;
}

/* ---- a session leader's exit ---- */

static int hangup_pipe[2];

static void report_hangup(int s)
{
    (void)s;
    write(hangup_pipe[1], "H", 1);
    _exit(0);
}

/* Leaves the terminal to a foreground group of its own and exits. */
static int leader_exits(void)
{
    int r = take_terminal();
    if (r)
        return r;
    signal(SIGHUP, report_hangup);
    pid_t foreground = spawn_group(sleeper);
    signal(SIGHUP, SIG_DFL);
    if (tcsetpgrp(term, foreground) != 0)
        return 21;
    sigset_t ttou;
    sigemptyset(&ttou);
    sigaddset(&ttou, SIGTTOU);
    sigprocmask(SIG_BLOCK, &ttou, NULL);
    tcsetattr(term, TCSAFLUSH, &original);
    return 0;
}

/* Exits with its own group in the foreground (as a shell does), where a
 * child of its own group waits. */
static int leader_exits_in_foreground(void)
{
    int r = take_terminal();
    if (r)
        return r;
    signal(SIGHUP, report_hangup);
    pid_t member = fork();
    if (member == 0)
        _exit(sleeper());
    signal(SIGHUP, SIG_DFL);
    tcsetattr(term, TCSAFLUSH, &original);
    return 0;
}

static int stops_itself(void)
{
    raise(SIGSTOP);
    return sleeper();
}

/* Leaves a stopped background group behind, which its exit orphans. */
static int leader_leaves_stopped_group(void)
{
    int r = take_terminal();
    if (r)
        return r;
    signal(SIGHUP, report_hangup);
    pid_t stopped = spawn_group(stops_itself);
    signal(SIGHUP, SIG_IGN);
    int status;
    if (waitpid(stopped, &status, WUNTRACED) != stopped || !WIFSTOPPED(status))
        return 22;
    tcsetattr(term, TCSAFLUSH, &original);
    ioctl(term, TIOCNOTTY); /* the terminal plays no part */
    return 0;
}

static int free_again(void) { return 0; }

static void leader_exit(int (*leader)(void), const char *description)
{
    pipe(hangup_pipe);
    int status = run_bounded(leader, 10000);
    struct pollfd p = { hangup_pipe[0], POLLIN, 0 };
    char c = 0;
    int heard = poll(&p, 1, 3000) == 1 && read(hangup_pipe[0], &c, 1) == 1 && c == 'H';
    if (!ok(exited_with(status, 0) && heard, "%s", description))
        why("leader: %s; heard %d", status_text(status), heard);
    close(hangup_pipe[0]);
    close(hangup_pipe[1]);
    tcsetattr(1, TCSANOW, &original);
}

static void test_leader_exit(void)
{
    leader_exit(leader_exits, "the session leader exits: its terminal's foreground group gets SIGHUP");
    leader_exit(leader_exits_in_foreground, "the leader exits in the foreground: the rest of its own group gets SIGHUP");
    in_session(free_again, "after the leader's exit the terminal is free: a new session can take it");
    leader_exit(leader_leaves_stopped_group, "a group that an exit orphans, with a stopped member, gets SIGHUP and SIGCONT");
}

/* ---- opening makes it the controlling terminal ---- */

static int opens_to_take_it(void)
{
    if (setsid() < 0)
        return 40;
    int fd = open(CONSOLE, O_RDWR);
    if (fd < 0 || tcgetpgrp(fd) != -1 || errno != ENOTTY)
        return 41; /* /dev/console: never by opening */
    fd = open("/dev/ttyS0", O_RDWR | O_NOCTTY);
    if (fd < 0 || tcgetpgrp(fd) != -1 || errno != ENOTTY)
        return 42; /* not with O_NOCTTY */
    fd = open("/dev/ttyS0", O_RDWR);
    if (fd < 0 || tcgetsid(fd) != getpid() || tcgetpgrp(fd) != getpgrp())
        return 43; /* a session leader without one gets it */
    term = fd;
    release_terminal();
    return 0;
}

static void test_open_takes_it(void)
{
    int status = run_bounded(opens_to_take_it, 10000);
    if (!ok(exited_with(status, 0), "a session leader that opens /dev/ttyS0 (not /dev/console, not O_NOCTTY) gets it"))
        why("%s", status == TIMED_OUT ? "timed out" : status_text(status));
    tcsetattr(1, TCSANOW, &original);
}

/* ---- outside any session ---- */

static int injects_without_rights(void)
{
    if (setuid(65534))
        return 30;
    char c = 'x';
    return ioctl(1, TIOCSTI, &c) == -1 && errno == EPERM ? 0 : 31;
}

static void test_without_controlling_terminal(void)
{
    /* This process has no controlling terminal (init does not give it one,
     * on Linux as on Cleave). */
    fails_with(open("/dev/tty", O_RDWR), ENXIO, "open(/dev/tty) without a controlling terminal");
    fails_with(tcgetpgrp(1), ENOTTY, "tcgetpgrp on a terminal that is not ours");
    fails_with(tcsetpgrp(1, getpgrp()), ENOTTY, "tcsetpgrp on a terminal that is not ours");
    fails_with(tcgetsid(1), ENOTTY, "TIOCGSID on a terminal that is not ours");
    fails_with(tcsetpgrp(1, -1), EINVAL, "tcsetpgrp of a negative group (checked before the terminal)");
    int fd = open(CONSOLE, O_RDWR | O_NOCTTY);
    fails_with(ioctl(fd, TIOCNOTTY), ENOTTY, "TIOCNOTTY on a terminal that is not ours");
    fails_with(ioctl(fd, TIOCSCTTY, 0), EPERM, "TIOCSCTTY by a process that leads no session");
    close(fd);
    int status = in_child(injects_without_rights);
    ok(exited_with(status, 0), "TIOCSTI by a user without the terminal fails with EPERM");
    unsigned tty_nr = 1;
    int tpgid = 0;
    ok(stat_terminal(&tty_nr, &tpgid) == 0 && tty_nr == 0 && tpgid == -1,
        "/proc/self/stat: no controlling terminal (tty_nr 0, tpgid -1)");
}

static void test_settings(void)
{
    struct termios t;
    ok(tcgetattr(1, &t) == 0, "tcgetattr on the console");
    tcflag_t lflags = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN;
    if (!ok(t.c_iflag == (ICRNL | IXON) && t.c_oflag == (OPOST | ONLCR) && t.c_lflag == lflags && (t.c_cflag & CSIZE) == CS8
                && (t.c_cflag & CREAD),
            "a fresh terminal's modes, as Linux sets them"))
        why("iflag %#o oflag %#o cflag %#o lflag %#o", t.c_iflag, t.c_oflag, t.c_cflag, t.c_lflag);
    const cc_t expected[] = { [VINTR] = 3, [VQUIT] = 034, [VERASE] = 0177, [VKILL] = 025, [VEOF] = 4, [VTIME] = 0,
        [VMIN] = 1, [VSTART] = 021, [VSTOP] = 023, [VSUSP] = 032, [VEOL] = 0, [VREPRINT] = 022, [VDISCARD] = 017,
        [VWERASE] = 027, [VLNEXT] = 026, [VEOL2] = 0 };
    ok(!memcmp(t.c_cc, expected, sizeof expected), "and its control characters");

    struct termios changed = t, back;
    changed.c_lflag |= TOSTOP | NOFLSH;
    changed.c_lflag &= ~ECHOCTL;
    changed.c_cc[VEOL] = 'q';
    changed.c_cc[VMIN] = 5;
    ok(tcsetattr(1, TCSADRAIN, &changed) == 0 && tcgetattr(1, &back) == 0 && back.c_lflag == changed.c_lflag
            && back.c_cc[VEOL] == 'q' && back.c_cc[VMIN] == 5 && back.c_iflag == t.c_iflag,
        "tcsetattr, then tcgetattr gives the same settings back");
    ok(tcsetattr(1, TCSANOW, &original) == 0 && tcgetattr(1, &back) == 0 && back.c_lflag == original.c_lflag,
        "and the original ones once more");
    struct winsize w;
    ok(ioctl(1, TIOCGWINSZ, &w) == 0, "TIOCGWINSZ");
    int d = -1;
    ok(ioctl(1, TIOCGETD, &d) == 0 && d == 0, "TIOCGETD: the line discipline is N_TTY");
}

int main(void)
{
    failed_line = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (!isatty(1) || tcgetattr(1, &original) != 0) {
        plan(1);
        skip("stdout is not a terminal", "the terminal");
        return done();
    }
    plan(41);
    test_settings();
    test_without_controlling_terminal();

    in_session(canonical_reads, "canonical mode: a line per read, and the rest of a long one in the next");
    in_session(editing, "ERASE, KILL, WERASE and LNEXT edit the line being typed");
    in_session(end_of_file, "EOF ends a line without being read; alone, it reads as end of file");
    in_session(other_line_ends, "EOL ends a line; IGNCR, ICRNL off and INLCR map CR and NL");
    in_session(fionread_and_flush, "FIONREAD counts complete lines; TCFLSH and TCSAFLUSH drop typed input");
    in_session(mode_switches, "switching ICANON: half a line becomes readable, raw input becomes a line");
    in_session(raw_reads, "raw mode: VMIN and VTIME decide when a read returns; O_NONBLOCK gives EAGAIN");
    in_session(readiness, "poll and select: readable with a complete line, woken by typed input");
    in_session(interrupt, "Ctrl-C: SIGINT to the foreground process group only");
    in_session(quit, "Ctrl-\\: SIGQUIT to the foreground process group only");
    in_session(suspend, "Ctrl-Z: SIGTSTP stops the foreground process group only");
    in_session(signal_flushes, "a signal character drops the line typed (not with NOFLSH); without ISIG it is data");
    in_session(orphan_not_stopped, "Ctrl-Z does not stop an orphaned process group");
    in_session(background_reads, "a background read: SIGTTIN, or EIO when ignored, blocked or orphaned (not through /dev/console)");
    in_session(background_changes, "from the background: tcsetpgrp, tcsetattr and TOSTOP writes get SIGTTOU");
    in_session(foreground_rules, "tcsetpgrp: EPERM for another session, ESRCH, EINVAL; tcgetpgrp, tcgetsid, /proc/self/stat");
    in_session(controlling_terminal_rules, "TIOCSCTTY: only a session leader; root may steal with 1; /dev/tty");
    in_session(giving_up, "TIOCNOTTY: a member leaves alone; the leader takes the session with it, with SIGHUP and SIGCONT");
    in_session(window_size, "TIOCSWINSZ: SIGWINCH to the foreground group when the size changes");
    test_leader_exit();
    test_open_takes_it();

    struct termios now;
    tcgetattr(1, &now);
    ok(now.c_lflag == original.c_lflag && now.c_iflag == original.c_iflag && now.c_oflag == original.c_oflag,
        "the console's settings are as they were");
    return done();
}
