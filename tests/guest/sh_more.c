/* sh_more: what the shell has beyond sh_basic and sh_scripts:
 * here-documents, case and patterns ([...] classes too), functions with
 * return and local, trap (signals and EXIT), umask, job specs by name
 * (%name, %?text, %+, %-, %%), Ctrl-C ending a `wait` of an interactive
 * shell, printf and echo -e.
 *
 * Helpers as in sh_basic (sh_run.h).
 */
#include "sh_run.h"

#include <sys/stat.h>
#include <sys/wait.h>

static void test_here_documents(void)
{
    sh_check("x=world\ncat <<END\nhello $x $((6 * 7)) $(echo sub) \"quotes\" 'stay' \\$x \\\\ a\\\nb\nEND",
             "hello world 42 sub \"quotes\" 'stay' $x \\ ab\n", "", 0,
             "<<END: $x, $(...), $((...)) expanded; quotes kept; \\ quotes only $ ` \\ newline");
    sh_check("x=no\ncat <<'END'\nliteral $x $(echo no) \\$x \\\nEND", "literal $x $(echo no) \\$x \\\n", "", 0,
             "<<'END': the text is taken as it is");
    sh_check("x=no\ncat <<\\END; cat <<\"E\"N\"D\"\n$x one\nEND\n$x two\nEND", "$x one\n$x two\n", "", 0,
             "<<\\END and <<\"E\"N\"D\" are quoted delimiters too");
    sh_check("if true; then\n\tcat <<-END\n\t\ttabs $HOME\n\tgo\n\tEND\nfi",
             "tabs /tmp/sh_more/home\ngo\n", "", 0, "<<-END drops the tabs that start its lines (and the END line's)");
    sh_check("cat <<A; upper <<B\nfirst\nA\nsecond\nB\necho after", "first\nSECOND\nafter\n", "", 0,
             "two here-documents on one line: their texts follow in order");
    sh_check("{ upper; upper <&3; } <<A 3<<B\nto zero\nA\nto three\nB", "TO ZERO\nTO THREE\n", "", 0,
             "two here-documents on one command, on fds 0 and 3");
    sh_check("read a b <<E\n1 2\nE\necho $a-$b; while read l; do echo \"<$l>\"; done <<E\nx\ny\nE",
             "1-2\n<x>\n<y>\n", "", 0, "builtins and loops read here-documents");
    sh_check("cat <<E | upper\npiped\nE", "PIPED\n", "", 0, "a here-document in a pipeline");
    sh_check("x=$(count <<E\na\nb\nE\n); echo \"[$x]\"", "[2]\n", "", 0, "a here-document inside $(...)");

    /* Longer than a pipe takes without a reader (the shell hands it to
     * a writer process), in a script file. */
    static char script[160000];
    size_t used = (size_t)snprintf(script, sizeof script, "f() {\n  count <<END\n");
    for (int i = 0; i < 3000; i++)
        used += (size_t)snprintf(script + used, sizeof script - used, "line %d of a long here-document $1\n", i);
    snprintf(script + used, sizeof script - used, "END\n}\nf arg\necho done\n");
    sh_write_file("long-here", script, 0644);
    char *argv[] = { "sh", "long-here", NULL };
    ShResult r;
    sh_run(&r, argv, NULL);
    sh_expect(&r, "3000\ndone\n", "", 0, "a here-document of 100 KB and more, in a function in a script");

    char *argv2[] = { "sh", NULL };
    sh_run(&r, argv2, "upper <<E\nfrom stdin $((1+1))\nE\necho next\n");
    sh_expect(&r, "FROM STDIN 2\nnext\n", "", 0, "a here-document in commands read from standard input");
}

static void test_case(void)
{
    sh_check("for w in apple banana cherry kiwi; do case $w in a*|b*) echo \"$w: a or b\";; "
             "*rr*) echo \"$w: rr\";; *) echo \"$w: other\";; esac; done",
             "apple: a or b\nbanana: a or b\ncherry: rr\nkiwi: other\n", "", 0, "case: |, *, the first match wins");
    sh_check("for w in a1 b2 c3 dd x; do case $w in [ab]?) echo \"$w ab?\";; [!a-c]?) echo \"$w not a-c\";; "
             "?) echo \"$w one\";; *) echo \"$w none\";; esac; done",
             "a1 ab?\nb2 ab?\nc3 none\ndd not a-c\nx one\n", "", 0, "case: ?, [ab], [!a-c] classes");
    sh_check("p='a*'; for w in '*' abc; do case $w in \"*\") echo \"$w: star\";; \"$p\") echo no;; $p) echo \"$w: "
             "pattern\";; esac; done; case ab in a\\?) echo wrong;; esac; case 'a?' in a\\?) echo escaped;; esac",
             "*: star\nabc: pattern\nescaped\n", "", 0,
             "case: quoted pattern characters match themselves; an unquoted $var is a pattern");
    sh_check("case \"$1\" in\n  (start)\n    echo starting\n    ;;\n  stop | halt) echo stopping ;;\n  '')\n"
             "esac\necho \"status $?\"; case x in y) echo no ;; esac; echo \"none $?\"; "
             "case x in x) exitwith 4 ;; esac; echo \"matched $?\"",
             "status 0\nnone 0\nmatched 4\n", "", 0,
             "case over lines, (pattern), an empty list; status: 0 without a match, else the list's");
    sh_check("echo esac in case; x=in; case $x in in) echo in;; esac", "esac in case\nin\n", "", 0,
             "case and esac are reserved words only where they start or end a case");
    ShResult r;
    sh_c(&r, "case x in x) echo no");
    int good = exited_with(r.status, 2) && !strcmp(r.out, "") && strstr(r.err, "syntax error");
    if (!ok(good, "a case without esac is a syntax error"))
        why("%s, out \"%s\", err \"%s\"", status_text(r.status), r.out, r.err);
}

static void test_patterns(void)
{
    char d[256];
    sh_path(d, sizeof d, "d");
    mkdir(d, 0755);
    sh_check(": > d/a.txt; : > d/b.txt; : > d/c.txt; : > d/ab.log; echo d/[ab].txt d/[!a]*.txt d/[a-b]?.log d/[x].txt",
             "d/a.txt d/b.txt d/b.txt d/c.txt d/ab.log d/[x].txt\n", "", 0,
             "pathname expansion: [ab], [!a], ranges; no match stays as written");
    sh_check("v='*abc'; w=banana; echo ${v#\"*\"} ${v#*} ${w#[ab]} ${w%[!n]} ${w##*[n]}", "abc *abc anana banan a\n",
             "", 0, "${x#pattern}: [...] classes, quoted * matching itself");
}

static void test_functions(void)
{
    sh_check("set -- a b; f() { echo \"$#:$1:$2:$0\"; args \"$@\"; set -- z; }; f x 'y z'; echo \"$#:$1\"",
             "2:x:y z:sh\n<x><y z>\n2:a\n", "", 0, "a function's arguments are $1.. $# \"$@\" ($0 stays); the caller's come back");
    sh_check("f() {\n  for i in 1 2 3; do\n    if [ $i = 2 ]; then return 7; fi\n    echo $i\n  done\n  echo never\n}\n"
             "f; echo \"f $?\"; g() { exitwith 3; return; }; g; echo \"g $?\"",
             "1\nf 7\ng 3\n", "", 0, "return N leaves loops and the function; return alone keeps $?");
    sh_check("fact() { if [ $1 -le 1 ]; then echo 1; else echo $(( $1 * $(fact $(($1 - 1))) )); fi; }; fact 6",
             "720\n", "", 0, "a recursive function");
    sh_check("f() { echo \"f $1\"; }; f 1 | upper; f 2 > out; upper < out; f 3 & wait; "
             "g() { echo redirected; } > gout; g; upper < gout",
             "F 1\nF 2\nf 3\nREDIRECTED\n", "", 0, "functions in a pipeline, with a redirection, in the background, "
             "and a definition's redirection");
    sh_check("a=1; b=2; f() { local a b=in; a=changed; echo \"$a $b\"; g; }; g() { echo \"g sees $b\"; }; f; "
             "echo \"$a $b\"; unset b; h() { local b=x; }; h; echo \"[${b-unset}]\"",
             "changed in\ng sees in\n1 2\n[unset]\n", "", 0, "local variables are put back when the function returns");
    sh_check("local x=1", "", "sh: local: not in a function\n", 1, "local outside a function fails");
    sh_check("f() { echo one; f() { echo two; }; echo still one; }; f; f; unset -f f; f", "one\nstill one\ntwo\n",
             "sh: f: command not found\n", 127, "a function redefined while it runs; unset -f");
    sh_check("echo() { printf 'mine %s\\n' \"$1\"; }; echo hi; set() { printf 'never\\n'; }; set -- a; printf '%s\\n' $1",
             "mine hi\na\n", "", 0, "a function takes a builtin's name, but not a special builtin's");
    sh_write_file("ret.sh", "echo in file\nreturn 5\necho never\n", 0644);
    sh_check(". ./ret.sh; echo \"dot $?\"; return 1; echo \"top $?\"", "in file\ndot 5\ntop 1\n",
             "sh: return: not in a function or a . file\n", 0, "return ends a . file; outside both it is an error");
    ShResult r;
    sh_c(&r, "f() echo x");
    int good = exited_with(r.status, 2) && strstr(r.err, "compound command");
    if (!ok(good, "a function body must be a compound command"))
        why("%s, err \"%s\"", status_text(r.status), r.err);
}

static void test_traps(void)
{
    sh_check("trap 'echo caught; exitwith 5' USR1; kill -USR1 $$; echo \"after $?\"", "caught\nafter 0\n", "", 0,
             "trap runs after the command during which the signal came; $? is kept");
    sh_check("trap 'echo \"bye $?\"' EXIT; echo body; exitwith 4", "body\nbye 4\n", "", 4,
             "an EXIT trap runs at the end, with the exit status in $?");
    sh_check("trap 'echo bye' EXIT; exit 3; echo no", "bye\n", "", 3, "exit N runs the EXIT trap and keeps N");
    sh_check("set -e; trap 'echo trapped; exit 9' EXIT; exitwith 2; echo no", "trapped\n", "", 9,
             "set -e runs the EXIT trap; exit in the trap sets the status");
    sh_check("trap 'echo main' EXIT; (echo sub); x=$(echo subst); echo $x", "sub\nsubst\nmain\n", "", 0,
             "subshells do not run the shell's EXIT trap");
    sh_check("trap '' USR1; kill -USR1 $$; echo survived; sh -c 'kill -USR1 $$; echo child too'",
             "survived\nchild too\n", "", 0, "trap '' ignores a signal, in the commands run too");
    ShResult r;
    sh_c(&r, "trap 'echo no' USR1; trap - USR1; kill -USR1 $$; echo no");
    if (!ok(killed_by(r.status, SIGUSR1) && !strcmp(r.out, ""), "trap - puts the default action back"))
        why("%s, out \"%s\"", status_text(r.status), r.out);
    sh_check("trap 'echo \"it'\\''s\"' INT; trap '' USR2; trap 'true' EXIT; trap; trap 2 EXIT; trap",
             "trap -- 'true' EXIT\ntrap -- 'echo \"it'\\''s\"' INT\ntrap -- '' USR2\ntrap -- '' USR2\n", "", 0,
             "trap alone lists the traps, quoted to be read back; trap N resets");
    sh_check("trap 'echo x' NOPE; echo $?", "1\n", "sh: trap: NOPE: bad signal\n", 0, "trap of an unknown signal fails");
    sh_check("trap 'echo got USR1' USR1; (msleep 500; kill -USR1 $$) & wait; echo \"wait $?\"; wait",
             "got USR1\nwait 138\n", "", 0, "a trapped signal ends a wait: status 128 + 10, then the trap runs");
}

static void test_umask(void)
{
    sh_check("umask 027; umask; umask -S; : > um-file; umask 0; sh -c umask; umask 9; echo $?",
             "0027\nu=rwx,g=rx,o=\n0000\n1\n", "sh: umask: 9: not an octal mode\n", 0,
             "umask sets (octal) and shows the mask; children inherit it");
    char path[256];
    sh_path(path, sizeof path, "um-file");
    struct stat st;
    int good = stat(path, &st) == 0 && (st.st_mode & 0777) == 0640;
    if (!ok(good, "... a file created under umask 027 has mode 0640"))
        why("mode %o", (unsigned)(st.st_mode & 0777));
}

static void test_job_specs(void)
{
    sh_check("exitwith 3 & msleep 100 & wait %exitwith; echo $?; exitwith 4 & wait %?with; echo $?; wait",
             "3\n4\n", "", 0, "wait %name and %?text");
    sh_check("exitwith 5 & exitwith 6 & wait %-; echo $?; wait %+; echo $?; exitwith 7 & wait %%; echo $?",
             "5\n6\n7\n", "", 0, "%- is the job before the current one, %+ and %% the current one");
    sh_check("msleep 3000 & msleep 2000 & kill %msleep; echo $?; jobs %?3000; kill %2; wait %2; echo $?; kill %1; wait",
             "1\n[1]- Running  msleep 3000\n143\n", "sh: kill: %msleep: ambiguous job\n", 0,
             "a name that fits two jobs is ambiguous; jobs %spec; kill %N");
    sh_check("wait %nothing; echo $?", "127\n", "sh: wait: %nothing: no such job\n", 0, "no job by that name");
}

/* An interactive shell (sh -i, commands from a file) waiting for a
 * background job; SIGINT (what Ctrl-C sends) ends the wait with 130. */
static void test_interrupted_wait(void)
{
    char ready[256], out[256];
    sh_path(ready, sizeof ready, "ready");
    unlink(ready);
    sh_write_file("interactive-in", "msleep 20000 & echo ready > ready; wait; echo \"wait $?\"; kill %1\n", 0644);
    pid_t pid = fork();
    if (pid == 0) {
        char in[256], err[256];
        sh_path(in, sizeof in, "interactive-in");
        sh_path(out, sizeof out, "interactive-out");
        sh_path(err, sizeof err, "interactive-err");
        int fd0 = open(in, O_RDONLY);
        int fd1 = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int fd2 = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd0 < 0 || fd1 < 0 || fd2 < 0 || chdir(sh_dir) != 0)
            _exit(125);
        dup2(fd0, 0), dup2(fd1, 1), dup2(fd2, 2);
        alarm(30);
        char *args[] = { "sh", "-i", NULL };
        execve("/bin/sh", args, sh_env);
        _exit(125);
    }
    /* Once the shell has started the job, it is about to wait. */
    struct stat st;
    for (int i = 0; i < 1000 && stat(ready, &st) != 0; i++)
        msleep(10);
    msleep(300);
    kill(pid, SIGINT);
    int status = -1;
    waitpid(pid, &status, 0);
    char text[4096];
    sh_read_file("interactive-out", text, sizeof text);
    if (!ok(exited_with(status, 0) && !strcmp(text, "wait 130\n"),
            "SIGINT (Ctrl-C) ends an interactive shell's wait with status 130, not the shell"))
        why("%s, out \"%s\"", status_text(status), text);
}

static void test_printf_echo(void)
{
    sh_check("printf '%s|%d|%5.2f|%x|%X|%o|%c|%-4s|%04d|%*d|%%|%i\\n' abc -42 3.14159 255 255 8 xyz ab 7 3 5 010",
             "abc|-42| 3.14|ff|FF|10|x|ab  |0007|  5|%|8\n", "", 0, "printf: conversions, flags, widths, precision");
    sh_check("printf '<%s>' a b c; echo; printf '%s=%s\\n' k1 v1 k2; printf 'no args\\t\\101\\n'",
             "<a><b><c>\nk1=v1\nk2=\nno args\tA\n", "", 0,
             "printf: the format is used again for the rest of the arguments; escapes in the format");
    sh_check("printf '%b|%s\\n' 'a\\tb\\0101' 'a\\tb'; printf '%b' 'stop\\chere'; printf 'x%d\\n' \"'A\"",
             "a\tbA|a\\tb\nstopx65\n", "", 0, "printf: %b interprets escapes (\\c stops), 'c is a character's code");
    sh_check("printf '%d\\n' 12abc; echo $?", "12\n1\n", "sh: printf: 12abc: not a number\n", 0,
             "printf: a bad number is reported, status 1");
    sh_check("echo -e 'a\\tb\\n\\0101'; echo -ne 'no newline\\c'; echo -E 'raw\\t'; echo '\\t' -e",
             "a\tb\nA\nno newlineraw\\t\n\\t -e\n", "", 0, "echo -e interprets escapes; -n -e together; -E");
}

int main(int argc, char **argv)
{
    int helper = sh_helper(argc, argv);
    if (helper >= 0)
        return helper;
    plan(51);
    if (sh_setup(argv[0], "sh_more") < 0) {
        diag("cannot set up the scratch directory");
        return 1;
    }
    test_here_documents();
    test_case();
    test_patterns();
    test_functions();
    test_traps();
    test_umask();
    test_job_specs();
    test_interrupted_wait();
    test_printf_echo();
    return done();
}
