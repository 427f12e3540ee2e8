/* sh_system: how other programs use /bin/sh: the C library's system(),
 * popen() and posix_spawn() of `sh -c`; and the interactive shell as far
 * as it can be seen without a terminal (sh -i reading a file): the prompt,
 * reports of finished background jobs, going on after errors.
 *
 * Helpers as in sh_basic (sh_run.h).
 */
#include "sh_run.h"

#include <spawn.h>

extern char **environ;

static void test_system(void)
{
    char buf[256];
    /* The C library's shell finds commands in our PATH. */
    char path[300];
    snprintf(path, sizeof path, "%s:/bin", sh_bin);
    setenv("PATH", path, 1);

    ok(system(NULL) != 0, "system(NULL): a shell is there");
    int st = system("echo via system > /tmp/sh_system/sysout");
    ok(st == 0, "system() runs a command line and gives its status (0)");
    sh_read_file("sysout", buf, sizeof buf);
    if (!ok(!strcmp(buf, "via system\n"), "... which did what it was told"))
        why("file holds \"%s\"", buf);
    st = system("exit 3");
    if (!ok(WIFEXITED(st) && WEXITSTATUS(st) == 3, "system(\"exit 3\") gives status 3"))
        why("%s", status_text(st));
    st = system("exitwith 5 | exitwith 6");
    if (!ok(WIFEXITED(st) && WEXITSTATUS(st) == 6, "system() of a pipeline of helpers found in PATH"))
        why("%s", status_text(st));

    FILE *f = popen("echo popen | upper", "r");
    size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
    buf[n] = 0;
    st = f ? pclose(f) : -1;
    if (!ok(f && !strcmp(buf, "POPEN\n") && st == 0, "popen(\"r\") reads a pipeline's output"))
        why("read \"%s\", pclose %d", buf, st);
    f = popen("count > /tmp/sh_system/counted", "w");
    if (f) {
        fputs("one\ntwo\nthree\n", f);
        st = pclose(f);
    }
    sh_read_file("counted", buf, sizeof buf);
    if (!ok(f && st == 0 && !strcmp(buf, "3\n"), "popen(\"w\") feeds a command's input"))
        why("file holds \"%s\"", buf);
}

static void test_posix_spawn(void)
{
    char out[256], buf[256];
    sh_path(out, sizeof out, "spawned");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    char *argv[] = { "sh", "-c", "echo $0 $1 \"$2\"; exit 2", "zero", "one", "two three", NULL };
    pid_t pid;
    int r = posix_spawn(&pid, "/bin/sh", &actions, NULL, argv, environ);
    int st = -1;
    if (r == 0)
        waitpid(pid, &st, 0);
    sh_read_file("spawned", buf, sizeof buf);
    if (!ok(r == 0 && exited_with(st, 2) && !strcmp(buf, "zero one two three\n"),
            "posix_spawn of /bin/sh -c with arg0 and arguments"))
        why("posix_spawn %d, %s, output \"%s\"", r, status_text(st), buf);

    char *argv2[] = { "sh", "-c", "args spawnp", NULL };
    r = posix_spawnp(&pid, "sh", &actions, NULL, argv2, environ);
    st = -1;
    if (r == 0)
        waitpid(pid, &st, 0);
    sh_read_file("spawned", buf, sizeof buf);
    if (!ok(r == 0 && exited_with(st, 0) && !strcmp(buf, "<spawnp>\n"), "posix_spawnp finds sh in PATH"))
        why("posix_spawnp %d, %s, output \"%s\"", r, status_text(st), buf);
    posix_spawn_file_actions_destroy(&actions);
}

/* The interactive shell, fed from a file: it prompts on standard error,
 * reports background jobs, and survives errors. */
static void test_interactive(void)
{
    char prompt[200], err[1024];
    char mark = geteuid() == 0 ? '#' : '$';
    snprintf(prompt, sizeof prompt, "cleave:%s%c ", sh_dir, mark);
    ShResult r;
    char *argv[] = { "sh", "-i", NULL };

    sh_run(&r, argv, "echo hi\ntrue &\nwait\ncd /tmp\nexit 3\n");
    /* "[1] <pid>" names the background job: take the pid from there. */
    const char *at = strstr(r.err, "[1] ");
    int pid = at ? atoi(at + 4) : 0;
    snprintf(err, sizeof err, "%s%s[1] %d\n%s[1]+ Done  true\n%scleave:/tmp%c ", prompt, prompt, pid, prompt, prompt,
             mark);
    sh_expect(&r, "hi\n", err, 3, "sh -i: prompts \"cleave:<cwd># \", reports a job when it starts and ends");

    sh_run(&r, argv, "echo (\necho still here\nnosuch\necho $?\nfg\n");
    int good = exited_with(r.status, 1) && !strcmp(r.out, "still here\n127\n") && strstr(r.err, "syntax error") &&
               strstr(r.err, "sh: nosuch: command not found") && strstr(r.err, "sh: fg: no job control");
    if (!ok(good, "sh -i goes on after a syntax error and a missing command"))
        why("%s, out \"%s\", err \"%s\"", status_text(r.status), r.out, r.err);
    char tail[220];
    snprintf(tail, sizeof tail, "%s\n", prompt);
    size_t len = strlen(r.err);
    if (!ok(len >= strlen(tail) && !strcmp(r.err + len - strlen(tail), tail),
            "at the end of its input sh -i ends the prompt's line"))
        why("err ends \"%s\"", len > 20 ? r.err + len - 20 : r.err);

    /* For another user than root the prompt ends in "$ ". */
    if (geteuid() != 0) {
        skip("not root", "the prompt of an ordinary user");
        return;
    }
    pid_t child = fork();
    if (child == 0) {
        int null = open("/dev/null", O_RDONLY);
        int fd = open("/tmp/sh_system/userprompt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (null < 0 || fd < 0 || chdir("/") != 0 || setgid(65534) != 0 || setuid(65534) != 0)
            _exit(125);
        dup2(null, 0);
        dup2(fd, 2);
        char *args[] = { "sh", "-i", NULL };
        execve("/bin/sh", args, sh_env);
        _exit(125);
    }
    int st = -1;
    waitpid(child, &st, 0);
    char buf[256];
    sh_read_file("userprompt", buf, sizeof buf);
    if (!ok(exited_with(st, 0) && !strcmp(buf, "cleave:/$ \n"), "an ordinary user's prompt: \"cleave:/$ \""))
        why("%s, prompt \"%s\"", status_text(st), buf);
}

int main(int argc, char **argv)
{
    int helper = sh_helper(argc, argv);
    if (helper >= 0)
        return helper;
    plan(13);
    if (sh_setup(argv[0], "sh_system") < 0) {
        diag("cannot set up the scratch directory");
        return 1;
    }
    test_system();
    test_posix_spawn();
    test_interactive();
    return done();
}
