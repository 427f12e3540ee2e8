/* scripts: execve of a file that starts with "#!". The interpreter runs
 * with its name, the line's one argument (spaces and all) and the
 * script's path in front of the caller's arguments after the first; a
 * script may name a script, five deep; the task is named after the
 * script, AT_EXECFN is the path given, /proc/self/exe the interpreter.
 * ENOENT, EACCES, ENOEXEC and ELOOP as Linux gives them.
 *
 * The interpreter is this program itself: run with SCRIPTS_REPORT in its
 * environment, it writes what it was given to REPORT and exits.
 */
#include "bounded.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/auxv.h>
#include <sys/prctl.h>
#include <sys/stat.h>

#define DIR "/tmp/scripts-test"
#define REPORT DIR "/report"

static char self[256];

/* Report mode: "argc|argv[0]|argv[1]|...", then the name, AT_EXECFN and
 * /proc/self/exe, one a line. */
static int report(int argc, char **argv)
{
    FILE *f = fopen(REPORT, "w");
    if (!f)
        return 1;
    fprintf(f, "%d", argc);
    for (int i = 0; i < argc; i++)
        fprintf(f, "|%s", argv[i]);
    char name[32] = { 0 };
    prctl(PR_GET_NAME, name, 0, 0, 0);
    const char *execfn = (const char *)getauxval(AT_EXECFN);
    char exe[256] = { 0 };
    readlink("/proc/self/exe", exe, sizeof exe - 1);
    fprintf(f, "\n%s\n%s\n%s\n", name, execfn ? execfn : "(none)", exe);
    fclose(f);
    return 0;
}

static void write_file(const char *path, const char *text, mode_t mode)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
    write(fd, text, strlen(text));
    close(fd);
    chmod(path, mode);
}

static char got[4096];

/* Runs `path` with argv (NULL-terminated) in a child; returns its wait
 * status, or the errno of a failed execve + 1000; the report is in got. */
static int run(const char *path, char *const argv[])
{
    unlink(REPORT);
    int fds[2];
    pipe(fds);
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        char *envp[] = { "SCRIPTS_REPORT=1", NULL };
        execve(path, argv, envp);
        int e = errno;
        write(fds[1], &e, sizeof e);
        _exit(127);
    }
    close(fds[1]);
    int e = 0;
    ssize_t n = read(fds[0], &e, sizeof e);
    close(fds[0]);
    int status = finish_child(pid, 10000);
    got[0] = 0;
    int fd = open(REPORT, O_RDONLY);
    if (fd >= 0) {
        ssize_t m = read(fd, got, sizeof got - 1);
        got[m > 0 ? m : 0] = 0;
        close(fd);
    }
    return n == sizeof e ? 1000 + e : status;
}

static int expect_report(const char *what, const char *path, char *const argv[], const char *want)
{
    int status = run(path, argv);
    int good = ok(exited_with(status, 0) && !strcmp(got, want), "%s", what);
    if (!good) {
        why("status %d (1000 + errno if execve failed)", status);
        why("got:  %s", got);
        why("want: %s", want);
    }
    return good;
}

static void expect_error(const char *what, const char *path, int error)
{
    char *argv[] = { (char *)path, NULL };
    int status = run(path, argv);
    if (!ok(status == 1000 + error, "%s: %s", what, strerror(error)))
        why("status %d (1000 + errno if execve failed, else a wait status)", status);
}

int main(int argc, char **argv)
{
    if (getenv("SCRIPTS_REPORT"))
        return report(argc, argv);
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0) {
        diag("readlink /proc/self/exe failed");
        return 1;
    }
    self[n] = 0;
    plan(13);
    mkdir(DIR, 0755);

    char text[512], want[1024];
    snprintf(text, sizeof text, "#!%s one\nthe rest is not read\n", self);
    write_file(DIR "/with-arg", text, 0755);
    char *args[] = { "given-argv0", "x", "y z", NULL };
    snprintf(want, sizeof want, "5|%s|one|" DIR "/with-arg|x|y z\nwith-arg\n" DIR "/with-arg\n%s\n", self, self);
    expect_report("interpreter, its argument, the script's path, then argv[1...]; the name, AT_EXECFN, exe", DIR "/with-arg",
                  args, want);

    snprintf(text, sizeof text, "#! \t%s  two  words \t \n", self);
    write_file(DIR "/spaces", text, 0755);
    snprintf(want, sizeof want, "4|%s|two  words|" DIR "/spaces|x\nspaces\n" DIR "/spaces\n%s\n", self, self);
    char *one[] = { "a0", "x", NULL };
    expect_report("blanks around the name and the argument go; the argument stays one string", DIR "/spaces", one,
                  want);

    snprintf(text, sizeof text, "#!%s", self);
    write_file(DIR "/bare", text, 0755);
    snprintf(want, sizeof want, "2|%s|" DIR "/bare\nbare\n" DIR "/bare\n%s\n", self, self);
    char *none[] = { NULL };
    expect_report("no argument, no newline, and an empty argv", DIR "/bare", none, want);

    /* A script run by a script. */
    snprintf(text, sizeof text, "#!%s inner\n", self);
    write_file(DIR "/inner", text, 0755);
    write_file(DIR "/outer", "#!" DIR "/inner outer-arg\n", 0755);
    snprintf(want, sizeof want,
             "6|%s|inner|" DIR "/inner|outer-arg|" DIR "/outer|x\nouter\n" DIR "/outer\n%s\n", self, self);
    expect_report("a script whose interpreter is a script", DIR "/outer", one, want);

    /* Five scripts deep works; six is ELOOP. */
    snprintf(text, sizeof text, "#!%s\n", self);
    write_file(DIR "/d1", text, 0755);
    for (int i = 2; i <= 6; i++) {
        snprintf(text, sizeof text, "#!" DIR "/d%d\n", i - 1);
        char name[64];
        snprintf(name, sizeof name, DIR "/d%d", i);
        write_file(name, text, 0755);
    }
    char *d5[] = { "d5", NULL };
    int status = run(DIR "/d5", d5);
    int argc5 = atoi(got);
    if (!ok(exited_with(status, 0) && argc5 == 6, "five scripts deep reach the program (argc %d)", argc5))
        why("status %d, report %s", status, got);
    expect_error("six scripts deep", DIR "/d6", ELOOP);
    write_file(DIR "/loop-a", "#!" DIR "/loop-b\n", 0755);
    write_file(DIR "/loop-b", "#!" DIR "/loop-a\n", 0755);
    expect_error("two scripts naming each other", DIR "/loop-a", ELOOP);

    write_file(DIR "/missing", "#!" DIR "/no-such-interpreter\n", 0755);
    expect_error("an interpreter that does not exist", DIR "/missing", ENOENT);
    write_file(DIR "/plain", "just text\n", 0644);
    write_file(DIR "/not-exec", "#!" DIR "/plain\n", 0755);
    expect_error("an interpreter that is not executable", DIR "/not-exec", EACCES);
    write_file(DIR "/dir-interp", "#!" DIR "\n", 0755);
    expect_error("an interpreter that is a directory", DIR "/dir-interp", EACCES);
    write_file(DIR "/empty-line", "#!\n", 0755);
    expect_error("a \"#!\" line without a name", DIR "/empty-line", ENOEXEC);
    snprintf(text, sizeof text, "#!/%0300d\n", 0);
    write_file(DIR "/long-name", text, 0755);
    expect_error("a name longer than the line Linux reads", DIR "/long-name", ENOEXEC);
    snprintf(text, sizeof text, "#!%s\n", self);
    write_file(DIR "/no-x", text, 0644);
    expect_error("a script without execute permission", DIR "/no-x", EACCES);

    const char *names[] = { "with-arg", "spaces", "bare", "inner", "outer", "d1", "d2", "d3", "d4", "d5", "d6",
                            "loop-a", "loop-b", "missing", "plain", "not-exec", "dir-interp", "empty-line",
                            "long-name", "no-x", "report" };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char path[128];
        snprintf(path, sizeof path, DIR "/%s", names[i]);
        unlink(path);
    }
    rmdir(DIR);
    return done();
}
