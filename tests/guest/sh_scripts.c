/* sh_scripts: the shell as a programming language: script files with
 * arguments, #! scripts run directly, if/while/until/for, break and
 * continue, command substitution, arithmetic, parameter expansion, field
 * splitting, pathname expansion, set -e, and the builtins scripts use
 * (test, read, shift, set, ., eval).
 *
 * Helpers as in sh_basic (sh_run.h).
 */
#include "sh_run.h"

static void test_script_files(void)
{
    ShResult r;
    sh_write_file("s1", "echo \"$0\" $#\nfor a in \"$@\"; do\n  args \"$a\"\ndone\nexit 4\n", 0644);
    char *argv1[] = { "sh", "s1", "x", "y z", "", NULL };
    sh_run(&r, argv1, NULL);
    sh_expect(&r, "s1 3\n<x>\n<y z>\n<>\n", "", 4, "sh script args: $0, $#, \"$@\", exit status");

    sh_write_file("bin/hello-script", "#!/bin/sh\n# a comment\necho script \"$1\"\nexit 3\n", 0755);
    sh_check("hello-script 'an arg'; echo $?", "script an arg\n3\n", "", 0, "a #!/bin/sh script runs directly, from PATH");

    sh_write_file("plain-script", "echo no hash-bang \"$@\"\n", 0755);
    sh_check("./plain-script a", "no hash-bang a\n", "", 0, "an executable file without #! is run by sh");

    sh_write_file("bad-script", "echo before\nfi\necho after\n", 0644);
    char *argv2[] = { "sh", "bad-script", NULL };
    sh_run(&r, argv2, NULL);
    int good = exited_with(r.status, 2) && !strcmp(r.out, "before\n") &&
               strstr(r.err, "bad-script: line 2: syntax error");
    if (!ok(good, "a syntax error in a script: its name and line, status 2"))
        why("%s, out \"%s\", err \"%s\"", status_text(r.status), r.out, r.err);

    /* Commands in the script read the same standard input: the shell
     * must not take more than its own lines. */
    char *argv3[] = { "sh", NULL };
    sh_run(&r, argv3, "read v\nthis line is data\necho \"[$v]\"\nupper\nsome data\nmore\n");
    sh_expect(&r, "[this line is data]\nSOME DATA\nMORE\n", "", 0,
              "a script on standard input leaves the rest of it to its commands");
    sh_run(&r, argv3, "echo from stdin; exit 6\necho no\n");
    sh_expect(&r, "from stdin\n", "", 6, "sh with commands on standard input");

    sh_write_file("lib.sh", "LIBVAR=loaded\n", 0644);
    sh_check(". ./lib.sh; echo $LIBVAR", "loaded\n", "", 0, ". runs a file in this shell");
}

static void test_control(void)
{
    sh_check("if true; then echo yes; else echo no; fi; if false; then echo yes; else echo no; fi", "yes\nno\n", "",
             0, "if/then/else/fi");
    sh_check("x=2; if [ $x = 1 ]; then echo one; elif [ $x = 2 ]; then echo two; else echo other; fi", "two\n", "",
             0, "elif");
    sh_check("if false; then echo no; fi; echo $?", "0\n", "", 0, "an if with no branch taken gives 0");
    sh_check("if false\nthen\n  echo a\nelse\n  echo b\nfi", "b\n", "", 0, "if over several lines");
    sh_check("i=0; while [ $i -lt 3 ]; do echo i$i; i=$((i + 1)); done", "i0\ni1\ni2\n", "", 0,
             "while loop with a counter");
    sh_check("i=0; until [ $i = 2 ]; do i=$((i+1)); done; echo $i", "2\n", "", 0, "until loop");
    sh_check("for x in a 'b c' d; do echo \"[$x]\"; done", "[a]\n[b c]\n[d]\n", "", 0, "for x in list");
    char *argv[] = { "sh", "-c", "for x; do echo $x; done; for y in \"$@\"; do echo $y; done", "sh", "p", "q", NULL };
    ShResult r;
    sh_run(&r, argv, NULL);
    sh_expect(&r, "p\nq\np\nq\n", "", 0, "for x (and for x in \"$@\") takes the positional parameters");
    sh_check("for i in 1 2 3 4; do if [ $i = 2 ]; then continue; fi; if [ $i = 4 ]; then break; fi; echo $i; done",
             "1\n3\n", "", 0, "break and continue");
    sh_check("for a in 1 2; do for b in x y; do if [ $b = y ]; then continue 2; fi; echo $a$b; done; done; "
             "for a in 1 2; do for b in x y; do break 2; done; echo no; done; echo end",
             "1x\n2x\nend\n", "", 0, "continue 2 and break 2");
    sh_check("for f in a b; do echo $f; done | upper", "A\nB\n", "", 0, "a loop in a pipeline");
    sh_check("{ echo a; echo b; } > g; upper < g; (exit 5); echo $?", "A\nB\n5\n", "", 0,
             "{ group } with a redirection, ( subshell ) with a status");
}

static void test_substitution(void)
{
    sh_check("x=$(echo hi | upper); echo \"[$x]\"", "[HI]\n", "", 0, "$(...) with a pipeline");
    sh_check("echo `echo back` \"$(echo \"quoted  two\")\"", "back quoted  two\n", "", 0, "`...` and \"$(...)\"");
    sh_check("echo $(echo $(echo deep))", "deep\n", "", 0, "nested $(...)");
    sh_check("x=$(printf_missing 2>/dev/null); echo $?; y=$(exitwith 4); echo $?", "127\n4\n", "", 0,
             "an assignment's status is its substitution's");
    sh_check("echo \"$(echo a; echo; echo)\"", "a\n", "", 0, "trailing newlines are removed");
    sh_check("args $(echo a b) \"$(echo a b)\"", "<a><b><a b>\n", "", 0, "unquoted $(...) is split into fields");
    sh_check("echo $((2 + 3 * 4)) $(( (2+3)*4 )) $((10 / 3)) $((10 % 3)) $((1 < 2)) $((-4 + 1))",
             "14 20 3 1 1 -3\n", "", 0, "$((arithmetic))");
    sh_check("n=7; echo $((n * 2)) $(($n + 1))", "14 8\n", "", 0, "variables in arithmetic");
    sh_check("echo $((1 / 0)); echo after", "", NULL, 1, "division by zero fails the script");
}

static void test_parameters(void)
{
    sh_check("echo ${u:-default} ${u-dash} ${e:-empty}; e=; echo [${e-set}] ${e:-colon}", "default dash empty\n[] colon\n",
             "", 0, "${x:-word} and ${x-word}");
    sh_check("echo ${v:=assigned}; echo $v", "assigned\nassigned\n", "", 0, "${x:=word} assigns");
    sh_check("w=1; echo [${w:+alt}] [${nope:+alt}]", "[alt] []\n", "", 0, "${x:+word}");
    sh_check("echo ${q:?is missing}; echo no", "", "sh: q: is missing\n", 1, "${x:?word} fails with a message");
    sh_check("s=hello; echo ${#s}", "5\n", "", 0, "${#x} is the length");
    sh_check("f=dir/file.tar.gz; echo ${f%.*} ${f%%.*} ${f#*/} ${f##*.}", "dir/file.tar dir/file file.tar.gz gz\n",
             "", 0, "${x%pat} ${x%%pat} ${x#pat} ${x##pat}");
    sh_check("x='a  b'; args $x \"$x\"", "<a><b><a  b>\n", "", 0, "unquoted expansions are split, quoted ones not");
    sh_check("IFS=:; x=a:b::c; args $x", "<a><b><><c>\n", "", 0, "IFS sets the separators");
    sh_check("e=; args $e \"$e\" $e", "<>\n", "", 0, "an empty unquoted expansion is no argument at all");
    sh_check("set -- 'a b' c; args \"$@\"; args $@; args \"$*\"; echo $#", "<a b><c>\n<a><b><c>\n<a b c>\n2\n", "", 0,
             "set --, \"$@\", $@, \"$*\"");
    sh_check("set -- 1 2 3; shift; echo $@; shift 2; echo $#", "2 3\n0\n", "", 0, "shift");
    sh_check("args \"$@\"", "\n", "", 0, "\"$@\" with no parameters is nothing");
    sh_check("echo ~ ~/x '~'", "/tmp/sh_scripts/home /tmp/sh_scripts/home/x ~\n", "", 0, "~ is $HOME");
}

static void test_patterns(void)
{
    char d[256];
    sh_path(d, sizeof d, "d");
    mkdir(d, 0755);
    sh_check(": > d/b.txt; : > d/a.txt; : > d/c.log; echo d/*.txt", "d/a.txt d/b.txt\n",
             NULL, 0, "* matches file names, sorted");
    sh_check("echo d/?.log 'd/*.txt' \"d/*\" d/*.none", "d/c.log d/*.txt d/* d/*.none\n", "", 0,
             "? matches; quoted patterns and patterns without a match stay as they are");
    sh_check("x='d/*.log'; echo $x \"$x\"", "d/c.log d/*.log\n", "", 0, "a pattern from a variable expands unquoted");
}

static void test_builtins(void)
{
    sh_check("[ a = a ] && echo eq; [ a != b ] && echo ne; [ -z '' ] && echo z; [ -n x ] && echo n", "eq\nne\nz\nn\n",
             "", 0, "test: strings");
    sh_check("[ 3 -gt 2 ] && [ 2 -le 2 ] && [ 1 -ne 2 ] && echo ok; test 1 -eq 2 || echo no", "ok\nno\n", "", 0,
             "test: integers");
    sh_check("[ -d / ] && [ -f s1 ] && [ ! -e nothing ] && [ -x bin/args ] && echo files", "files\n", "", 0,
             "test: files");
    sh_check("[ a = a -a b = c ] || echo and; [ a = b -o b = b ] && echo or; [ a = b", "and\nor\n",
             "sh: [: missing ']'\n", 2, "test: -a, -o, and a missing ]");
    sh_check("echo 'l1\nl2 x  y' > r; { read a; read b c; } < r; echo \"[$a][$b][$c]\"",
             "[l1][l2][x  y]\n", "", 0, "read splits a line; the last name takes the rest");
    sh_check("read v < /dev/null; echo $?", "1\n", "", 0, "read at the end of the input fails");
    sh_check("cmd='echo evaluated $((1+1))'; eval \"$cmd\"", "evaluated 2\n", "", 0, "eval");
}

static void test_errexit(void)
{
    sh_check("set -e; true; exitwith 3; echo no", "", "", 3, "set -e: a failure ends the script");
    sh_check("set -e; false || echo handled; if false; then :; fi; ! true; exitwith 1 && :; echo on", "handled\non\n",
             "", 0, "set -e: failures in conditions do not count");
    char *argv[] = { "sh", "-e", "-c", "echo a; false; echo b", NULL };
    ShResult r;
    sh_run(&r, argv, NULL);
    sh_expect(&r, "a\n", "", 1, "sh -e");
    sh_check("set -x; echo traced", "traced\n", "+ echo traced\n", 0, "set -x traces commands");
}

int main(int argc, char **argv)
{
    int helper = sh_helper(argc, argv);
    if (helper >= 0)
        return helper;
    plan(55);
    if (sh_setup(argv[0], "sh_scripts") < 0) {
        diag("cannot set up the scratch directory");
        return 1;
    }
    test_script_files();
    test_control();
    test_substitution();
    test_parameters();
    test_patterns();
    test_builtins();
    test_errexit();
    return done();
}
