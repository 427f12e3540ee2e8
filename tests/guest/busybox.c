/* busybox: the acid test. Debian's static busybox for i386 (glibc) is a
 * large real Linux program; its shell and its applets use the kernel the
 * way everyday tools do: fork and exec of /proc/self/exe, pipes, process
 * groups and job control, signals, wait, directories, renames, symbolic
 * links, /proc, statfs, uname, the clock and the kernel log; and last,
 * what it found missing in Cleave at first (check_found_missing). Each check runs
 * one "busybox sh -c SCRIPT" in a scratch directory and compares what it
 * printed (stdout and stderr together) and its exit status with what the
 * same script gives on Linux.
 *
 * busybox is /opt/busybox/busybox in Cleave's root file system, or
 * /bin/busybox (as "--file" puts it beside the test on the Linux VM).
 */
#include "tap.h"

#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/utsname.h>

#define CHECKS 68

static const char *busybox;
static char scratch[64];

/* What one script did. */
static char out[16384];
static size_t out_len;

static volatile pid_t running; /* the script's process group, for the watchdog */

/* The watchdog: a script that hangs is killed with its whole process group,
 * so a kernel that loses a wake-up makes a check fail, never hang. */
static void on_alarm(int sig)
{
    (void)sig;
    if (running > 0)
        kill(-running, SIGKILL);
}

/* Runs "busybox sh -c script" in the scratch directory with stdout and
 * stderr into out; returns the wait status, or -1 if it could not run. */
static int run(const char *script)
{
    int fds[2];
    out_len = 0;
    out[0] = 0;
    if (pipe(fds) < 0)
        return -1;
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return -1;
    }
    if (pid == 0) {
        setpgid(0, 0);
        close(fds[0]);
        dup2(fds[1], 1);
        dup2(fds[1], 2);
        close(fds[1]);
        if (chdir(scratch) < 0)
            _exit(126);
        char *argv[] = { "sh", "-c", (char *)script, NULL };
        char *envp[] = { "PATH=/bin:/usr/bin:/sbin:/usr/sbin", "HOME=/", "LC_ALL=C", "TZ=UTC0", NULL };
        execve(busybox, argv, envp);
        _exit(127);
    }
    setpgid(pid, pid);
    running = pid;
    close(fds[1]);
    alarm(60);
    for (;;) {
        ssize_t n = read(fds[0], out + out_len, sizeof out - 1 - out_len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        out_len += (size_t)n;
        if (out_len == sizeof out - 1)
            break;
    }
    close(fds[0]);
    out[out_len] = 0;
    int status;
    pid_t r;
    while ((r = waitpid(pid, &status, 0)) < 0 && errno == EINTR) {
    }
    alarm(0);
    running = 0;
    return r == pid ? status : -1;
}

/* Shows a text in a diagnostic, one "# " line per line. */
static void show(const char *label, const char *text)
{
    diag("%s:", label);
    const char *p = text;
    while (*p) {
        size_t n = strcspn(p, "\n");
        diag("  |%.*s", (int)n, p);
        p += n;
        if (*p == '\n')
            p++;
    }
}

/* One check: the script prints exactly want and exits with code. */
static int expect(const char *what, const char *script, const char *want, int code)
{
    int status = run(script);
    int good = ok(exited_with(status, code) && strcmp(out, want) == 0, "%s", what);
    if (!good) {
        diag("%s (wanted exit %d)", status == -1 ? "could not run" : status_text(status), code);
        show("script", script);
        show("printed", out);
        show("wanted", want);
    }
    return good;
}

/* The lines of out, one at a time: returns the next line (NUL-terminated
 * in place) or NULL. */
static char *next_line(char **cursor)
{
    char *line = *cursor;
    if (!line || !*line)
        return NULL;
    char *end = strchr(line, '\n');
    if (end) {
        *end = 0;
        *cursor = end + 1;
    } else {
        *cursor = line + strlen(line);
    }
    return line;
}

/* ---- the checks whose answer depends on the machine --------------------- */

/* ps lists the running processes from /proc: itself (the shell exec'ed
 * into it, so its pid is the one the shell printed) with this test as its
 * parent, and this test with its own parent. */
static void check_ps(void)
{
    int status = run("echo $$; exec ps -o pid,ppid,comm");
    char *cursor = out, *line;
    long ps_pid = -1;
    int saw_ps = 0, saw_me = 0, header = 0;
    if ((line = next_line(&cursor)))
        ps_pid = strtol(line, NULL, 10);
    while ((line = next_line(&cursor))) {
        long pid, ppid;
        char comm[64];
        if (strstr(line, "PID") && strstr(line, "PPID") && strstr(line, "COMMAND"))
            header = 1;
        if (sscanf(line, "%ld %ld %63s", &pid, &ppid, comm) != 3)
            continue;
        if (pid == ps_pid && ppid == getpid() && !strcmp(comm, "ps"))
            saw_ps = 1;
        if (pid == getpid() && ppid == getppid())
            saw_me = 1;
    }
    if (!ok(exited_with(status, 0) && header && saw_ps && saw_me,
            "ps -o pid,ppid,comm: a header, ps itself with this test as parent, and this test"))
        diag("%s; pid of ps %ld, this test %d (parent %d); header %d, ps %d, test %d", status_text(status), ps_pid,
             getpid(), getppid(), header, saw_ps, saw_me), show("printed", out);

    /* The default columns, and the shell's own $$ and $PPID. */
    char want[64];
    snprintf(want, sizeof want, "found\n%d\n", getpid());
    expect("ps: the shell finds itself by $$; $PPID is this test",
           "ps | awk -v me=$$ '$1 == me { print \"found\" }'; echo $PPID", want, 0);
}

/* uname -a prints what uname(2) says, and hostname the node name. */
static void check_uname(void)
{
    struct utsname u;
    uname(&u);
    char want[512];
    snprintf(want, sizeof want, "%s %s %s %s %s GNU/Linux\n", u.sysname, u.nodename, u.release, u.version,
             u.machine);
    expect("uname -a: the fields of uname(2)", "uname -a", want, 0);
    snprintf(want, sizeof want, "%s\n%s\n%s\n", u.nodename, u.nodename, u.release);
    expect("hostname and uname -n print the node name; uname -r the release", "hostname; uname -n; uname -r", want, 0);
}

/* date prints the kernel's time of day. */
static void check_date(void)
{
    time_t before = time(NULL);
    int status = run("date +%s");
    time_t after = time(NULL);
    long printed = strtol(out, NULL, 10);
    if (!ok(exited_with(status, 0) && printed >= before && printed <= after + 1, "date +%%s: the time of day"))
        diag("%s; printed %s, time(2) said %ld .. %ld", status_text(status), out, (long)before, (long)after);
    expect("date -u -d @SECONDS formats a given time", "date -u -d @86400 '+%Y-%m-%d %H:%M:%S'", "1970-01-02 00:00:00\n",
           0);
}

/* ---- everything else ------------------------------------------------------ */

static void check_files(void)
{
    expect("echo and printf", "echo hello   world; echo -n a; echo b; printf '%s-%d|%5s|\\n' x 42 r",
           "hello world\nab\nx-42|    r|\n", 0);
    expect("cat: a file, stdin, and - in a list", "printf 'one\\ntwo\\n' > f; cat f; cat < f | cat - f | wc -l",
           "one\ntwo\n4\n", 0);
    expect("ls and ls -a sort the names; -a adds . and .. and dot files",
           "mkdir lsdir && cd lsdir && touch b a .hidden && ls && ls -a", "a\nb\n.\n..\n.hidden\na\nb\n", 0);
    expect("ls -l: mode, links, owner, group, size and name",
           "umask 022; printf hello > f5; chmod 640 f5; ls -l f5 | awk '{print $1, $2, $3, $4, $5, $NF}'; "
           "ls -ld . | cut -c1; ln -s f5 l5; ls -l l5 | awk '{print $1, $(NF-2), $(NF-1), $NF}'",
           "-rw-r----- 1 root root 5 f5\nd\nlrwxrwxrwx l5 -> f5\n", 0);
    expect("ls of a missing file fails with the error on stderr", "ls nothing-here 2>&1 >/dev/null | grep -c 'No such'",
           "1\n", 0);
    expect("mkdir -p, cp, mv, ln -s, readlink, rm -r",
           "mkdir -p t/a/b/c && test -d t/a/b/c && echo made; echo data > t/a/f; cp t/a/f t/g; mv t/g t/h; "
           "ln -s h t/l; cat t/l; readlink t/l; rm -r t/a; ls t; test -e t/a || echo gone",
           "made\ndata\nh\nh\nl\ngone\n", 0);
    expect("cp -r copies a tree; cp -p keeps the mode and the time",
           "mkdir -p src/sub; echo x > src/sub/f; chmod 700 src/sub/f; touch -d '2001-02-03 04:05:06' src/sub/f; "
           "cp -r src dst; cat dst/sub/f; cp -p src/sub/f kept; stat -c '%a %Y' kept",
           "x\n700 981173106\n", 0);
    expect("touch, chmod and stat", "touch sf; chmod 751 sf; stat -c '%a %s %F %h' sf; stat -c %F .",
           "751 0 regular empty file 1\ndirectory\n", 0);
    expect("find -name and -type",
           "mkdir -p ft/x/y; touch ft/a.c ft/x/b.c ft/x/y/c.h; find ft -name '*.c' | sort; find ft -type d | sort",
           "ft/a.c\nft/x/b.c\nft\nft/x\nft/x/y\n", 0);
    expect("find | xargs", "mkdir fx; echo 1 > fx/a; echo 2 > fx/b; find fx -type f | sort | xargs cat", "1\n2\n", 0);
    expect("tar c | tar x copies a tree",
           "mkdir -p tr/d; echo tarred > tr/d/f; tar cf - tr | (mkdir out && cd out && tar xf -); cat out/tr/d/f",
           "tarred\n", 0);
    expect("gzip | gunzip, and md5sum", "echo compress me | gzip -c | gunzip -c; printf abc | md5sum",
           "compress me\n900150983cd24fb0d6963f7d28e17f72  -\n", 0);
    expect("dd from /dev/zero", "dd if=/dev/zero bs=512 count=4 2>/dev/null | wc -c", "2048\n", 0);
    expect("du and wc on a file", "printf '%0100d' 0 > big; wc -c < big; du -s big | awk '{print ($1 >= 1)}'",
           "100\n1\n", 0);
}

static void check_text(void)
{
    const char *fruit = "printf 'apple\\nbanana\\ncherry\\n' > fruit; ";
    char script[512];
    snprintf(script, sizeof script, "%s%s", fruit,
             "grep an fruit; grep -c a fruit; grep -n '^c' fruit; grep -v a fruit; grep -q kiwi fruit; echo $?");
    expect("grep: match, -c, -n, -v, -q and its status", script, "banana\n2\n3:cherry\ncherry\n1\n", 0);
    expect("grep -r -l and grep -E", "mkdir -p g/s; echo needle > g/s/x; echo hay > g/y; grep -rl needle g; "
                                     "echo abc123 | grep -Eo '[0-9]+'",
           "g/s/x\n123\n", 0);
    expect("sed s///g with two commands", "echo 'hello world' | sed 's/o/0/g; s/^h/H/'", "Hell0 w0rld\n", 0);
    snprintf(script, sizeof script, "%s%s", fruit, "sed -n '2p;/ch/p' fruit");
    expect("sed -n with p and an address", script, "banana\ncherry\n", 0);
    snprintf(script, sizeof script, "%s%s", fruit, "mkdir sd; mv fruit sd; cd sd; sed -i 's/banana/kiwi/' fruit; cat fruit; ls");
    expect("sed -i edits a file in place (and leaves no temporary file)", script, "apple\nkiwi\ncherry\nfruit\n", 0);
    expect("awk: fields, NF and -F", "echo 'a b c' | awk '{print $3, $1, NF}'; echo 'x:y:z' | awk -F: '{print $2}'",
           "c a 3\ny\n", 0);
    expect("awk: BEGIN, sums, END and printf",
           "printf '1\\n2\\n3\\n4\\n' | awk 'BEGIN { print \"start\" } { s += $1 } END { printf \"sum %d of %d, "
           "%.2f\\n\", s, NR, s / NR }'",
           "start\nsum 10 of 4, 2.50\n", 0);
    expect("awk reads /etc/passwd", "awk -F: '$3 == 0 { print $1, $6 }' /etc/passwd", "root /root\n", 0);
    expect("sort, sort -n, sort -r, sort -u",
           "printf 'b\\na\\nc\\n' | sort; printf '10\\n9\\n100\\n' | sort -n; printf '1\\n3\\n2\\n' | sort -r; "
           "printf 'x\\ny\\nx\\n' | sort -u",
           "a\nb\nc\n9\n10\n100\n3\n2\n1\nx\ny\n", 0);
    expect("uniq and uniq -c", "printf 'a\\na\\nb\\na\\n' | uniq; printf 'a\\na\\nb\\n' | uniq -c | awk '{print $1 $2}'",
           "a\nb\na\n2a\n1b\n", 0);
    expect("wc -l, -w, -c", "printf 'one two\\nthree\\n' > w; wc -l w; wc -w < w; wc -c < w", "2 w\n3\n14\n", 0);
    expect("head and tail", "seq 1 10 > n; head -n 3 n; tail -n 2 n; tail -c 3 n; head -c 2 n",
           "1\n2\n3\n9\n10\n10\n1\n", 0);
    expect("cut -d -f, cut -c", "echo 'a:b:c' | cut -d: -f2,3; echo abcdef | cut -c2-4", "b:c\nbcd\n", 0);
    expect("tr: ranges, -s, -d", "echo hello | tr a-z A-Z; echo 'a   b' | tr -s ' '; echo abc | tr -d b",
           "HELLO\na b\nac\n", 0);
    expect("xargs and xargs -n", "printf 'a\\nb\\nc\\n' | xargs echo; printf '1 2 3 4' | xargs -n 2 echo",
           "a b c\n1 2\n3 4\n", 0);
    expect("seq, expr, basename, dirname", "seq -s, 3; expr 6 \\* 7; basename /a/b/c.txt .txt; dirname /a/b/c",
           "1,2,3\n42\nc\n/a/b\n", 0);
}

static void check_shell(void)
{
    expect("test and [: files, strings, numbers and the status",
           "touch f; [ -f f ] && [ ! -d f ] && [ abc = abc ] && [ 3 -lt 10 ] && [ -n x ] && [ -z '' ] && "
           "test 5 -ge 5 && echo all; [ 1 -gt 2 ]; echo $?",
           "all\n1\n", 0);
    expect("while, for, case and arithmetic",
           "i=0; s=0; while [ $i -lt 10 ]; do i=$((i + 1)); s=$((s + i)); done; echo $i $s; "
           "for w in x y z; do printf %s $w; done; echo; case foo in f*) echo matched;; *) echo no;; esac",
           "10 55\nxyz\nmatched\n", 0);
    expect("$(...) and backquotes, nested",
           "n=$(seq 5 | wc -l); echo \"n=$n\"; echo \"nested $(echo $(echo deep))\"; echo `echo back`",
           "n=5\nnested deep\nback\n", 0);
    expect("a pipeline of six stages",
           "printf 'b a\\nc b a\\na\\n' | tr ' ' '\\n' | sort | uniq -c | sort -rn | awk '{print $2 \"=\" $1}' | "
           "head -n 2",
           "a=3\nb=2\n", 0);
    expect("redirections: >, >>, 2>, 2>&1, <, a here-document, exec with an fd",
           "echo one > r; echo two >> r; cat r; ls nothing-here 2> e; grep -c nothing-here e; "
           "(echo out; echo err >&2) > both 2>&1; sort both; cat <<EOF\nhere $((1 + 1))\nEOF\n"
           "exec 3< r; echo \"fd3 $(head -n 1 <&3)\"; exec 3<&-; tr a-z A-Z < r",
           "one\ntwo\n1\nerr\nout\nhere 2\nfd3 one\nONE\nTWO\n", 0);
    expect("the exit status of commands, subshells, && || and !",
           "false; echo $?; (exit 3); echo $?; true && echo and; false || echo or; ! false; echo $?; exit 4",
           "1\n3\nand\nor\n0\n", 4);
    expect("background jobs and wait",
           "(sleep 0.2; echo late) & echo early; wait; echo done; false & wait $!; echo \"status $?\"; "
           "(exit 7) & wait $!; echo \"status $?\"",
           "early\nlate\ndone\nstatus 1\nstatus 7\n", 0);
    expect("kill a background job; trap a signal sent to the shell",
           "sleep 10 & p=$!; kill $p; wait $p; echo \"killed $?\"; trap 'echo caught' USR1; kill -USR1 $$; echo after",
           "Terminated\nkilled 143\ncaught\nafter\n", 0);
    expect("while read: the shell's read builtin (which waits with poll) in a loop and a group",
           "printf 'a b\\nc d\\n' | while read x y; do echo \"$y-$x\"; done; echo 'x y' | { read a b; echo $b $a; }",
           "b-a\nd-c\ny x\n", 0);
    expect("functions, local variables, word splitting and set --",
           "f() { local v=$1; echo \"f $v $#\"; }; f a b; w='x y'; set -- $w; echo $2 $1; "
           "set -- p q r; shift; echo \"$@\" $#",
           "f a 2\ny x\nq r 2\n", 0);
    expect("export reaches a child's environment; env -i clears it",
           "export FOO=bar; env | grep '^FOO='; env -i sh -c 'echo \"[$FOO]\"'", "FOO=bar\n[]\n", 0);
    expect("a script file run by the shell, with arguments",
           "printf '#!/bin/sh\\necho \"$0 got $1\"\\nexit 5\\n' > s.sh; sh s.sh arg; echo $?",
           "s.sh got arg\n5\n", 0);
    expect("a command that does not exist: 127", "no-such-command 2>/dev/null; echo $?", "127\n", 0);
}

static void check_system(void)
{
    expect("mount lists / and /proc", "mount | awk '$3 == \"/\" || $3 == \"/proc\" { print $3 }' | sort -u",
           "/\n/proc\n", 0);
    expect("df /tmp shows the file system mounted there", "df /tmp | awk 'NR == 1 { print $1 } NR == 2 { print $NF }'",
           "Filesystem\n/tmp\n", 0);
    expect("id: root's ids and names", "id | cut -d' ' -f1,2; id -u; id -un; id -g; id -gn",
           "uid=0(root) gid=0(root)\n0\nroot\n0\nroot\n", 0);
    expect("free and uptime read the memory and the load", "free | awk 'NR == 2 { print $1 }'; uptime | grep -c 'load average'",
           "Mem:\n1\n", 0);
    expect("/proc/self is the reader", "cut -d' ' -f2 /proc/self/stat; readlink /proc/self/exe | grep -c busybox",
           "(cut)\n1\n", 0);
    /* A tmpfs mount with an unknown option fails and the kernel says why
     * in its log, on Linux as on Cleave: a message of our own. */
    expect("dmesg prints the kernel log, with a message just made",
           "mount -t tmpfs -o busybox_marker none /tmp 2>/dev/null || echo refused; "
           "dmesg > log; grep -c \"Unknown parameter 'busybox_marker'\" log",
           "refused\n1\n", 0);
    expect("dmesg strips the <level> prefixes that dmesg -r keeps",
           "dmesg | grep -c '^<[0-9]>'; dmesg -r | head -n 1 | grep -c '^<[0-9]>'", "0\n1\n", 0);
}

/* What busybox found missing in Cleave at first: named pipes, mknod,
 * st_blocks, CPU time, the load average, /proc's stat, cpuinfo and
 * version, I/O priorities, personality, "#!" scripts, setting the clock,
 * the console level. */
static void check_found_missing(void)
{
    expect("mkfifo: a FIFO between two commands; mknod p and c",
           "mkfifo ff; ls -l ff | cut -c1; (echo through > ff &); cat ff; mknod np p && stat -c %F np; "
           "mknod cn c 240 7 && stat -c '%F %t %T' cn",
           "p\nthrough\nfifo\ncharacter special file f0 7\n", 0);
    expect("du counts the pages a file holds, not its size",
           "printf hello > h; du -k h | cut -f1; dd if=/dev/zero of=sp bs=1 count=1 seek=1000000 2>/dev/null; "
           "du -k sp | cut -f1",
           "4\n4\n", 0);
    expect("times: the shell's and its children's CPU time",
           "times | grep -c '^[0-9]*m[0-9.]*s [0-9]*m[0-9.]*s$'", "2\n", 0);
    expect("time -p: a child's CPU time (user and sys) from wait4",
           "time -p sh -c 's=$(date +%s); while [ $(( $(date +%s) - s )) -lt 2 ]; do :; done' 2>&1 | "
           "awk '$1 == \"user\" || $1 == \"sys\" { t += $2 } END { print (t >= 0.4) }'",
           "1\n", 0);
    expect("ionice sets and shows an I/O priority; linux32", "ionice -c 2 -n 5 sh -c 'ionice'; linux32 uname -m; "
           "ionice -c 3 sh -c 'ionice -p $$'",
           "best-effort: prio 5\ni686\nidle\n", 0);
    expect("top -b and uptime: memory, CPU and the load average",
           "top -b -n 1 | head -n 3 | cut -d' ' -f1; uptime | grep -c 'load average: [0-9]*\\.[0-9][0-9], '",
           "Mem:\nCPU:\nLoad\n1\n", 0);
    expect("/proc/cpuinfo, /proc/version, /proc/stat",
           "grep -c '^processor' /proc/cpuinfo; cut -d' ' -f1,2 /proc/version; head -n 1 /proc/stat | cut -c1-4",
           "1\nLinux version\ncpu \n", 0);
    expect("dmesg -n sets the console level (/proc/sys/kernel/printk)",
           "old=$(cut -f1 /proc/sys/kernel/printk); dmesg -n 5; cut -f1 /proc/sys/kernel/printk; dmesg -n $old; "
           "[ $(cut -f1 /proc/sys/kernel/printk) = $old ] && echo restored",
           "5\nrestored\n", 0);
    expect("a \"#!\" script runs through its interpreter (execve); a missing one is 127",
           "bb=$(readlink /proc/$$/exe); printf \"#!$bb echo\\n\" > hb; chmod +x hb; ./hb a b; env ./hb c; "
           "printf '#!/no/such/interpreter\\n' > nb; chmod +x nb; ./nb 2>/dev/null; echo $?",
           "./hb a b\n./hb c\n127\n", 0);
    expect("date -s sets the clock (and back)",
           "now=$(date +%s); date -s @$((now + 100000)) >/dev/null; t=$(date +%s); "
           "date -s @$((t - 100000)) >/dev/null; echo $(( t - now >= 100000 && t - now <= 100003 ))",
           "1\n", 0);
}

int main(void)
{
    plan(CHECKS);
    signal(SIGALRM, on_alarm);
    umask(022);
    static const char *const candidates[] = { "/opt/busybox/busybox", "/bin/busybox" };
    for (size_t i = 0; i < sizeof candidates / sizeof candidates[0]; i++) {
        if (access(candidates[i], X_OK) == 0) {
            busybox = candidates[i];
            break;
        }
    }
    snprintf(scratch, sizeof scratch, "/tmp/busybox.%d", getpid());
    if (!ok(busybox && mkdir(scratch, 0755) == 0, "busybox is there, and a scratch directory")) {
        diag("busybox at %s; mkdir %s: %s", busybox ? busybox : "(none found)", scratch, strerror(errno));
        return done();
    }
    diag("busybox is %s; working in %s", busybox, scratch);

    check_files();
    check_text();
    check_shell();
    check_ps();
    check_uname();
    check_date();
    check_system();
    check_found_missing();

    char cleanup[128];
    snprintf(cleanup, sizeof cleanup, "rm -rf %s", scratch);
    expect("rm -rf removes the scratch directory", cleanup, "", 0);
    return done();
}
