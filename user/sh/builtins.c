/* builtins.c: the commands the shell runs itself.
 *
 * Some commands cannot be programs, because they change the shell: cd
 * (a child's current directory dies with it), exit, export, unset, set,
 * shift, exec, `.`, break, continue, return, local, umask, trap (trap.c),
 * and the job commands of jobs.c (jobs, fg, bg, wait, and kill, which
 * knows the %N names of jobs). Others are builtins only to save a fork:
 * echo, printf (printf.c), true, false, test, read, pwd.
 * A builtin gets argc/argv like main() and returns its exit status;
 * exec.c has already made its redirections.
 */
#include "sh.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char **builtin_assigns;

static int b_true(int argc, char **argv)
{
    (void)argc, (void)argv;
    return 0;
}

static int b_false(int argc, char **argv)
{
    (void)argc, (void)argv;
    return 1;
}

/* cd [dir]: no dir means $HOME; "-" means $OLDPWD (and prints it). */
static int b_cd(int argc, char **argv)
{
    const char *target = argc > 1 ? argv[1] : var_get("HOME");
    int print = 0;
    if (argc > 1 && !strcmp(argv[1], "-")) {
        target = var_get("OLDPWD");
        print = 1;
        if (!target) {
            sh_error("cd: OLDPWD not set");
            return 1;
        }
    }
    if (!target || !*target) {
        sh_error("cd: HOME not set");
        return 1;
    }
    char *dir = xstrdup(target); /* setting OLDPWD below may free target */
    char old[4096];
    if (!getcwd(old, sizeof old))
        old[0] = 0;
    if (chdir(dir) < 0) {
        sh_error("cd: %s: %s", dir, strerror(errno));
        free(dir);
        return 1;
    }
    free(dir);
    if (old[0])
        var_set("OLDPWD", old);
    char now[4096];
    if (getcwd(now, sizeof now)) {
        var_set("PWD", now);
        if (print)
            out_printf(1, "%s\n", now);
    }
    return 0;
}

static int b_pwd(int argc, char **argv)
{
    (void)argc, (void)argv;
    char cwd[4096];
    if (!getcwd(cwd, sizeof cwd)) {
        sh_error("pwd: %s", strerror(errno));
        return 1;
    }
    out_printf(1, "%s\n", cwd);
    return 0;
}

static int b_exit(int argc, char **argv)
{
    long status = sh.last_status;
    if (argc > 1 && parse_number(argv[1], &status) != 0) {
        sh_error("exit: %s: numeric argument required", argv[1]);
        status = 2;
    }
    shell_exit((int)(status & 255));
}

static int b_export(int argc, char **argv)
{
    if (argc == 1 || (argc == 2 && !strcmp(argv[1], "-p"))) {
        var_print_exports(1);
        return 0;
    }
    int status = 0;
    for (int i = 1; i < argc; i++) {
        char *eq = strchr(argv[i], '=');
        size_t len = eq ? (size_t)(eq - argv[i]) : strlen(argv[i]);
        if (!is_name(argv[i], len)) {
            sh_error("export: %s: not a valid name", argv[i]);
            status = 1;
            continue;
        }
        if (eq) {
            *eq = 0;
            var_set_exported(argv[i], eq + 1);
            *eq = '=';
        } else {
            var_export(argv[i]);
        }
    }
    return status;
}

/* unset [-v] name...: variables; unset -f name...: functions. */
static int b_unset(int argc, char **argv)
{
    int status = 0, functions = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-v") || !strcmp(argv[i], "-f")) {
            functions = argv[i][1] == 'f';
            continue;
        }
        if (functions) {
            unset_function(argv[i]); /* none by that name: nothing to do */
            continue;
        }
        if (!is_name(argv[i], strlen(argv[i]))) {
            sh_error("unset: %s: not a valid name", argv[i]);
            status = 1;
            continue;
        }
        var_unset(argv[i]);
    }
    return status;
}

/* exec cmd args: the shell becomes cmd. (exec without a command, which
 * only makes its redirections permanent, is handled in exec.c.) */
int builtin_exec(int argc, char **argv)
{
    if (argc < 2)
        return 0;
    terminal_restore();
    enter_subshell(); /* the default signal actions, for the program */
    exec_program(argv + 1, builtin_assigns);
}

/* True if a is made of echo's options only: -n, -e, -E, or together. */
static int echo_options(const char *a)
{
    if (a[0] != '-' || !a[1])
        return 0;
    for (a++; *a; a++)
        if (!strchr("neE", *a))
            return 0;
    return 1;
}

/* echo [-neE] args: the arguments, separated by spaces. -n: no newline;
 * -e: backslash escapes (\n, \t, \0NNN, \c ...) are interpreted, as
 * printf's %b does; -E: they are not (the default). */
static int b_echo(int argc, char **argv)
{
    int i = 1, newline = 1, escapes = 0;
    for (; i < argc && echo_options(argv[i]); i++) {
        for (const char *o = argv[i] + 1; *o; o++) {
            if (*o == 'n')
                newline = 0;
            else
                escapes = *o == 'e';
        }
    }
    Str out = { 0 };
    str_adds(&out, "");
    int stop = 0; /* \c: nothing more, not even the newline */
    for (int first = i; i < argc && !stop; i++) {
        if (i > first)
            str_addc(&out, ' ');
        if (escapes)
            stop = add_escaped(&out, argv[i]);
        else
            str_adds(&out, argv[i]);
    }
    if (newline && !stop)
        str_addc(&out, '\n');
    write_all(1, out.s, out.len);
    str_free(&out);
    return 0;
}

/* set [-ex] [+ex] [--] [args]: options, and the positional parameters. */
static int b_set(int argc, char **argv)
{
    int i = 1;
    for (; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--")) {
            i++;
            break;
        }
        if ((a[0] != '-' && a[0] != '+') || !a[1])
            break;
        for (const char *o = a + 1; *o; o++) {
            int on = a[0] == '-';
            if (*o == 'e') {
                sh.errexit = on;
            } else if (*o == 'x') {
                sh.xtrace = on;
            } else {
                sh_error("set: %c%c: unknown option", a[0], *o);
                return 2;
            }
        }
    }
    if (i < argc || (i > 1 && !strcmp(argv[i - 1], "--")))
        params_set(argc - i, argv + i);
    return 0;
}

static int b_shift(int argc, char **argv)
{
    long n = 1;
    if (argc > 1 && parse_number(argv[1], &n) != 0) {
        sh_error("shift: %s: numeric argument required", argv[1]);
        return 2;
    }
    if (n > sh.argc) {
        sh_error("shift: can't shift that many");
        return 1;
    }
    params_set(sh.argc - (int)n, sh.argv + n);
    return 0;
}

/* break [n], continue [n]: exec.c's loops see the counts and stop. */
static int loop_control(int argc, char **argv, int *counter)
{
    long n = 1;
    if (argc > 1 && (parse_number(argv[1], &n) != 0 || n < 1)) {
        sh_error("%s: %s: bad loop count", argv[0], argv[1]);
        return 1;
    }
    if (sh.loop_depth == 0)
        return 0; /* not in a loop: nothing to leave */
    if (n > sh.loop_depth)
        n = sh.loop_depth;
    *counter = (int)n;
    return 0;
}

static int b_break(int argc, char **argv)
{
    return loop_control(argc, argv, &sh.breaking);
}

static int b_continue(int argc, char **argv)
{
    return loop_control(argc, argv, &sh.continuing);
}

/* return [n]: leaves the function (or . file) now, with status n, or the
 * last command's status. exec.c's lists and loops see sh.returning and
 * stop; the function call (or .) clears it. */
static int b_return(int argc, char **argv)
{
    long n = sh.last_status;
    if (argc > 1 && parse_number(argv[1], &n) != 0) {
        sh_error("return: %s: numeric argument required", argv[1]);
        n = 2;
    }
    if (sh.return_depth == 0) {
        sh_error("return: not in a function or a . file");
        return 1;
    }
    sh.returning = 1;
    sh.return_status = (int)(n & 255);
    return sh.return_status;
}

/* local name[=value]...: inside a function, the variables are put back as
 * they were when it returns (vars.c). `local x` alone keeps x's value. */
static int b_local(int argc, char **argv)
{
    if (sh.func_depth == 0) {
        sh_error("local: not in a function");
        return 1;
    }
    int status = 0;
    for (int i = 1; i < argc; i++) {
        char *eq = strchr(argv[i], '=');
        size_t len = eq ? (size_t)(eq - argv[i]) : strlen(argv[i]);
        if (!is_name(argv[i], len)) {
            sh_error("local: %s: not a valid name", argv[i]);
            status = 1;
            continue;
        }
        if (eq)
            *eq = 0;
        var_make_local(argv[i]);
        if (eq) {
            var_set(argv[i], eq + 1);
            *eq = '=';
        }
    }
    return status;
}

/* umask [-S] [mode]: the mask of permission bits that files made by the
 * shell and its children will not get. Shown as 4 octal digits (-S: as
 * u=rwx,g=rx,o=rx, the permissions left); set from an octal number. */
static int b_umask(int argc, char **argv)
{
    int i = 1, symbolic = 0;
    if (i < argc && !strcmp(argv[i], "-S")) {
        symbolic = 1;
        i++;
    }
    if (i >= argc) {
        mode_t mask = umask(0); /* reading it means setting it: put back */
        umask(mask);
        if (!symbolic) {
            out_printf(1, "%04o\n", (unsigned)mask);
            return 0;
        }
        Str out = { 0 };
        const char *who = "ugo";
        for (int w = 0; w < 3; w++) {
            unsigned allowed = ~(unsigned)mask >> (3 * (2 - w)) & 7;
            str_addc(&out, who[w]);
            str_addc(&out, '=');
            if (allowed & 4)
                str_addc(&out, 'r');
            if (allowed & 2)
                str_addc(&out, 'w');
            if (allowed & 1)
                str_addc(&out, 'x');
            str_addc(&out, w < 2 ? ',' : '\n');
        }
        write_all(1, out.s, out.len);
        str_free(&out);
        return 0;
    }
    unsigned mask = 0;
    const char *m = argv[i];
    for (; *m >= '0' && *m <= '7' && mask <= 0777; m++)
        mask = mask * 8 + (unsigned)(*m - '0');
    if (*m || m == argv[i] || mask > 0777) {
        sh_error("umask: %s: not an octal mode", argv[i]);
        return 1;
    }
    umask((mode_t)mask);
    return 0;
}

/* . file: runs the commands of file in this shell. */
static int b_dot(int argc, char **argv)
{
    if (argc < 2) {
        sh_error(".: a file name is needed");
        return 2;
    }
    Input in;
    if (input_from_file(&in, argv[1]) < 0) {
        sh_error(".: cannot open %s: %s", argv[1], strerror(errno));
        return 1;
    }
    sh.return_depth++;
    int status = run_input(&in);
    sh.return_depth--;
    if (sh.returning) { /* return in the file: it ends here */
        status = sh.return_status;
        sh.returning = 0;
    }
    input_close(&in);
    return status;
}

/* eval args: the arguments, joined by spaces, run as a command. */
static int b_eval(int argc, char **argv)
{
    Str text = { 0 };
    str_adds(&text, "");
    for (int i = 1; i < argc; i++) {
        if (i > 1)
            str_addc(&text, ' ');
        str_adds(&text, argv[i]);
    }
    int status = run_string(text.s);
    str_free(&text);
    return status;
}

/* read [-r] [name...]: one line of standard input, split by IFS into the
 * names (the last takes the rest; REPLY if none). Without -r, a backslash
 * quotes the next character and backslash-newline joins lines. Reads one
 * byte at a time so as to take nothing past the line. 1 at end of input. */
static int b_read(int argc, char **argv)
{
    int raw = 0, i = 1;
    if (i < argc && !strcmp(argv[i], "-r")) {
        raw = 1;
        i++;
    }
    Str line = { 0 };
    str_adds(&line, "");
    int got_newline = 0;
    for (;;) {
        char c;
        ssize_t n = read(0, &c, 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        if (c == '\n') {
            got_newline = 1;
            break;
        }
        if (c == '\\' && !raw) {
            if (read(0, &c, 1) != 1)
                break;
            if (c == '\n')
                continue;
        }
        str_addc(&line, c);
    }
    const char *ifs = var_get("IFS");
    if (!ifs)
        ifs = " \t\n";
    char *names_default[] = { "REPLY", NULL };
    char **names = i < argc ? argv + i : names_default;
    char *p = line.s;
    for (; *names; names++) {
        while (*p && strchr(ifs, *p) && strchr(" \t\n", *p))
            p++; /* leading IFS white space */
        if (!names[1]) { /* the last name: the rest, less trailing blanks */
            size_t len = strlen(p);
            while (len > 0 && strchr(ifs, p[len - 1]) && strchr(" \t\n", p[len - 1]))
                len--;
            p[len] = 0;
            var_set(*names, p);
            break;
        }
        char *end = p + strcspn(p, ifs);
        char saved = *end;
        *end = 0;
        var_set(*names, p);
        *end = saved;
        p = *end ? end + 1 : end;
    }
    int status = got_newline || line.len ? 0 : 1;
    str_free(&line);
    return status;
}

static const struct {
    const char *name;
    BuiltinFn fn;
} builtins[] = {
    { ":", b_true },          { ".", b_dot },           { "[", builtin_test },
    { "bg", builtin_bg },     { "break", b_break },     { "cd", b_cd },
    { "continue", b_continue }, { "echo", b_echo },     { "eval", b_eval },
    { "exec", builtin_exec }, { "exit", b_exit },       { "export", b_export },
    { "false", b_false },     { "fg", builtin_fg },     { "jobs", builtin_jobs },
    { "kill", builtin_kill }, { "local", b_local },     { "printf", builtin_printf },
    { "pwd", b_pwd },         { "read", b_read },       { "return", b_return },
    { "set", b_set },         { "shift", b_shift },     { "test", builtin_test },
    { "trap", builtin_trap }, { "true", b_true },       { "umask", b_umask },
    { "unset", b_unset },     { "wait", builtin_wait },
};

int is_special_builtin(const char *name)
{
    static const char *const special[] = {
        ":", ".", "break", "continue", "eval", "exec", "exit", "export",
        "return", "set", "shift", "trap", "unset", NULL,
    };
    for (int i = 0; special[i]; i++)
        if (!strcmp(special[i], name))
            return 1;
    return 0;
}

BuiltinFn find_builtin(const char *name)
{
    for (size_t i = 0; i < sizeof builtins / sizeof builtins[0]; i++)
        if (!strcmp(builtins[i].name, name))
            return builtins[i].fn;
    return NULL;
}
