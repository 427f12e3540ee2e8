/* sh_basic: the shell's commands one at a time, as `sh -c` runs them:
 * quoting, variables and the environment, PATH lookup and the messages
 * for what cannot run, pipelines, redirections, && || ;, background jobs,
 * and the builtins cd, pwd, exit, exec, export, unset, echo.
 *
 * Runs /bin/sh (Cleave's shell; on Linux, tools copy ours there) with
 * helper commands that are this program under other names (sh_run.h).
 */
#include "sh_run.h"

static void test_quoting(void)
{
    sh_check("echo hello   world", "hello world\n", "", 0, "words are separated by blanks");
    sh_check("echo 'a  b' \"c  d\" e\\ \\ f", "a  b c  d e  f\n", "", 0,
             "single quotes, double quotes and backslashes keep blanks");
    sh_check("args 'it''s' \"x\\\"y\" \"\\$HOME\" 'a$b' \"\" ''", "<its><x\"y><$HOME><a$b><><>\n", "", 0,
             "quotes join, \\\" and \\$ inside double quotes, $ literal in single quotes, empty arguments");
    sh_check("echo a\\\nb", "ab\n", "", 0, "backslash-newline joins lines");
    sh_check("args \"a\n b\"", "<a\n b>\n", "", 0, "a newline inside quotes stays");
    sh_check("echo a # b c\necho d#e", "a\nd#e\n", "", 0, "# starts a comment only at a word's start");
    sh_check("echo -n a; echo b", "ab\n", "", 0, "echo -n leaves out the newline");
}

static void test_variables(void)
{
    sh_check("x=hello; y=\"$x world\"; echo \"$y\" ${x}s $x.", "hello world hellos hello.\n", "", 0,
             "NAME=value, $NAME, ${NAME}, inside double quotes");
    sh_check("false; echo $?; true; echo $?; exitwith 42; echo $?", "1\n0\n42\n", "", 0,
             "$? is the status of the last command");
    sh_check("echo \"[$nothing]\" [$nothing]", "[] []\n", "", 0, "an unset variable expands to nothing");
    char *argv[] = { "sh", "-c", "echo $0 $# $1 $2; echo \"$@\"", "name", "a", "b c", NULL };
    ShResult r;
    sh_run(&r, argv, NULL);
    sh_expect(&r, "name 2 a b c\na b c\n", "", 0, "sh -c cmd arg0 args: $0, $#, $1, $2, $@");

    pid_t pid = sh_c(&r, "echo $$; (echo $$)");
    char want[64];
    snprintf(want, sizeof want, "%d\n%d\n", (int)pid, (int)pid);
    sh_expect(&r, want, "", 0, "$$ is the shell's pid, in a subshell too");

    sh_check("x=1; unset x; echo \"[$x]\"", "[]\n", "", 0, "unset removes a variable");
}

static void test_environment(void)
{
    sh_check("getenv HOME; getenv TESTDIR | upper >/dev/null; getenv NOPE", "/tmp/sh_basic/home\n(unset)\n", "",
             0, "the shell's environment goes to its children");
    sh_check("FOO=bar; getenv FOO; export FOO; getenv FOO", "(unset)\nbar\n", "", 0,
             "a variable reaches children only once exported");
    sh_check("export A=1 B=2; getenv A; getenv B", "1\n2\n", "", 0, "export NAME=value");
    sh_check("BAZ=2 getenv BAZ; getenv BAZ; echo \"[$BAZ]\"", "2\n(unset)\n[]\n", "", 0,
             "NAME=value before a command is for that command only");
    sh_check("X=1 Y=\"a b\" args \"$X\"; X=2 Y=3 getenv Y", "<>\n3\n", "", 0,
             "several assignments before a command; they are not visible to its own arguments");
    sh_check("export E=1; unset E; getenv E", "(unset)\n", "", 0, "unset takes an exported variable out of the environment");
    sh_check("export G=\"it's\"; L=1; export",
             "export PATH='/tmp/sh_basic/bin:/bin'\nexport HOME='/tmp/sh_basic/home'\n"
             "export TESTDIR='/tmp/sh_basic'\nexport G='it'\\''s'\n",
             "", 0, "export alone lists the exported variables, quoted to be read back");
}

static void test_path_and_errors(void)
{
    ShResult r;
    sh_check("args found via PATH", "<found><via><PATH>\n", "", 0, "a command is found in PATH");
    sh_check("/tmp/sh_basic/bin/args full path", "<full><path>\n", "", 0, "a command with a / is run as named");
    sh_check("PATH=/nowhere; args x", "", "sh: args: command not found\n", 127,
             "changing PATH changes what is found");
    sh_check("nosuchcmd a b", "", "sh: nosuchcmd: command not found\n", 127,
             "a missing command: message and status 127");
    sh_check("nosuchcmd; echo $?", "127\n", "sh: nosuchcmd: command not found\n", 0,
             "the shell goes on after a missing command");
    sh_check("./nofile", "", "sh: ./nofile: No such file or directory\n", 127, "a missing file named with a /: 127");
    sh_write_file("noexec", "echo never\n", 0644);
    sh_check("./noexec", "", "sh: ./noexec: Permission denied\n", 126, "a file that is not executable: 126");

    char *argv[] = { "sh", "nofile", NULL };
    sh_run(&r, argv, NULL);
    sh_expect(&r, "", "sh: cannot open nofile: No such file or directory\n", 127,
              "sh with a missing script: message and status 127");

    sh_c(&r, "echo a; echo (");
    int good = exited_with(r.status, 2) && !strcmp(r.out, "") && strstr(r.err, "syntax error");
    if (!ok(good, "a syntax error: message, status 2, nothing run"))
        why("%s, out \"%s\", err \"%s\"", status_text(r.status), r.out, r.err);
    sh_c(&r, "if true; then echo x");
    good = exited_with(r.status, 2) && strstr(r.err, "syntax error");
    if (!ok(good, "an unfinished if is a syntax error"))
        why("%s, err \"%s\"", status_text(r.status), r.err);
    sh_c(&r, "echo 'open");
    good = exited_with(r.status, 2) && strstr(r.err, "unterminated");
    if (!ok(good, "an unterminated quote is a syntax error"))
        why("%s, err \"%s\"", status_text(r.status), r.err);
}

static void test_pipelines(void)
{
    sh_check("echo hello | upper", "HELLO\n", "", 0, "a pipeline of two");
    sh_check("{ echo a; echo b; echo c; } | upper | count", "3\n", "", 0, "a pipeline of three, with a group");
    sh_check("exitwith 3 | exitwith 0; echo $?", "0\n", "", 0, "a pipeline's status is its last command's (0)");
    sh_check("exitwith 0 | exitwith 5; echo $?", "5\n", "", 0, "a pipeline's status is its last command's (5)");
    sh_check("! exitwith 3; echo $?; ! true; echo $?", "0\n1\n", "", 0, "! negates a status");
    sh_check("echo x | { read v; echo \"got $v\"; }", "got x\n", "", 0, "a builtin reads from a pipe");
    sh_check("echo a |\nupper", "A\n", "", 0, "a pipeline continues after | and a newline");
}

static void test_redirections(void)
{
    char buf[256];
    sh_check("echo one > f; echo two >> f; upper < f", "ONE\nTWO\n", "", 0, "> creates, >> appends, < reads");
    sh_check("echo long text > f; echo x > f; upper < f", "X\n", "", 0, "> truncates");
    sh_check("writeerr oops 2>e; upper <e", "OOPS\n", "", 0, "2>file");
    sh_check("writeerr oops 2>&1 | upper", "OOPS\n", "", 0, "2>&1 joins standard error to the pipe");
    sh_check("echo toerr >&2", "", "toerr\n", 0, ">&2 writes to standard error");
    sh_check("{ echo out; writeerr err; } >both 2>&1; upper <both", "OUT\nERR\n", "", 0, ">file 2>&1: both to the file");
    sh_check("{ echo three >&3; } 3>f3; upper <f3", "THREE\n", "", 0, "3>file opens fd 3 for the command");
    sh_check("echo four >f4; upper 4<f4 <&4", "FOUR\n", "", 0, "4<file, then <&4");
    sh_check("echo x > /nodir/f; echo $?", "1\n", "sh: cannot create /nodir/f: No such file or directory\n", 0,
             "a failed redirection: message, status 1, command not run");
    sh_check("upper < nofile", "", "sh: cannot open nofile: No such file or directory\n", 1,
             "a missing input file: 'cannot open', status 1");
    sh_check(">created; echo $?", "0\n", "", 0, "a redirection alone creates the file");
    ok(sh_read_file("created", buf, sizeof buf) == 0, "... and it is there, empty");
    sh_check("echo builtin > fb; echo $?; upper < fb; echo after", "0\nBUILTIN\nafter\n", "", 0,
             "a builtin's redirection is undone afterwards");
    sh_check("while read line; do echo \"<$line>\"; done < f", "<x>\n", "", 0, "a loop's redirection");
}

static void test_lists(void)
{
    sh_check("true && echo a; false && echo b; false || echo c; true || echo d", "a\nc\n", "", 0, "&& and ||");
    sh_check("false && echo no || echo yes", "yes\n", "", 0, "&& then || run left to right");
    sh_check("echo 1; echo 2 ; echo 3", "1\n2\n3\n", "", 0, "; separates commands");
    sh_check("true &&\n  echo next", "next\n", "", 0, "&& continues on the next line");
}

static void test_background(void)
{
    sh_check("exitwith 3 & wait $!; echo $?", "3\n", "", 0, "& runs in the background; wait $! gives its status");
    sh_check("(msleep 500; echo late) & echo early; wait; echo waited", "early\nlate\nwaited\n", "", 0,
             "the shell goes on at once; wait waits for every job");
    ShResult r;
    sh_c(&r, "pid > bgpid & wait; echo $!; upper < bgpid");
    long bang = atol(r.out);
    const char *second = strchr(r.out, '\n');
    long bg = second ? atol(second + 1) : 0;
    if (!ok(exited_with(r.status, 0) && bang > 0 && bang == bg, "$! is the pid of the background job"))
        why("out \"%s\"", r.out);
    sh_check("wait 77777; echo $?", "127\n", "sh: wait: pid 77777 is not a child of this shell\n", 0,
             "wait for a process that is not a child: 127");
    char *argv[] = { "sh", "-c", "count & wait", NULL };
    sh_run(&r, argv, "a\nb\n");
    sh_expect(&r, "0\n", "", 0, "without job control a background job reads /dev/null");
    sh_check("msleep 5000 & kill $!; wait $!; echo $?; msleep 5000 & kill -KILL %1; wait %1; echo $?", "143\n137\n",
             "", 0, "kill PID (SIGTERM), kill -KILL %1");
    sh_check("kill -NOPE 1", "", "sh: kill: NOPE: unknown signal\n", 2, "kill: an unknown signal");
    sh_check("msleep 300 & jobs; fg", "[1]+ Running  msleep 300\n", "sh: fg: no job control\n", 1,
             "jobs lists a running job; fg needs job control");
}

static void test_builtins(void)
{
    sh_check("cd /tmp; pwd; echo $PWD", "/tmp\n/tmp\n", "", 0, "cd changes directory; pwd and $PWD show it");
    sh_check("cd; pwd", "/tmp/sh_basic/home\n", "", 0, "cd alone goes to $HOME");
    sh_check("cd /; cd /tmp; cd -; pwd; echo $OLDPWD", "/\n/\n/tmp\n", "", 0, "cd - goes back and says where");
    sh_check("cd /nonexistent; echo $?", "1\n", "sh: cd: /nonexistent: No such file or directory\n", 0,
             "cd to a missing directory fails");
    sh_check("(cd /; pwd); pwd", "/\n/tmp/sh_basic\n", "", 0, "a subshell's cd stays in the subshell");
    sh_check("exit 7; echo no", "", "", 7, "exit N");
    sh_check("exitwith 3; exit", "", "", 3, "exit alone keeps the last status");
    sh_check("exec args a b; echo no", "<a><b>\n", "", 0, "exec replaces the shell");
    sh_check("exec 3>&1 >f; echo hidden; exec 1>&3; upper <f", "HIDDEN\n", "", 0,
             "exec with redirections only: they stay");
    sh_check("V=5 exec getenv V", "5\n", "", 0, "exec passes assignments to the program");
    sh_check("exec nosuch; echo no", "", "sh: nosuch: command not found\n", 127, "exec of a missing command: 127");
    sh_check("true; false; : ; echo $?", "0\n", "", 0, "true, false and :");
}

int main(int argc, char **argv)
{
    int helper = sh_helper(argc, argv);
    if (helper >= 0)
        return helper;
    plan(76);
    if (sh_setup(argv[0], "sh_basic") < 0) {
        diag("cannot set up /tmp/sh_basic");
        return 1;
    }
    test_quoting();
    test_variables();
    test_environment();
    test_path_and_errors();
    test_pipelines();
    test_redirections();
    test_lists();
    test_background();
    test_builtins();
    return done();
}
