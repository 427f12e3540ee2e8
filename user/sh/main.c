/* main.c: Cleave's shell, /bin/sh. Options, and the loop that reads and
 * runs commands.
 *
 *   sh [-eix] [script [arg...]]          commands from the script file
 *   sh [-eix] -c 'commands' [arg0 [arg...]]
 *   sh [-eix] [-s] [arg...]              commands from standard input
 *
 *   -e  exit when a command fails (set -e)
 *   -x  print each command before running it (set -x)
 *   -i  interactive even if standard input is not a terminal
 *
 * The shell is interactive when standard input and standard error are
 * terminals (or with -i): then it prompts, edits lines, reports jobs and,
 * if the terminal allows, does job control (jobs.c). sh.h has the map of
 * the other files.
 */
#include "sh.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct Shell sh;

void shell_exit(int status)
{
    trap_exit(status); /* trap '...' EXIT; an `exit` in it ends here too */
    terminal_restore();
    exit(status);
}

/* The loop: one complete command at a time is read, run, and forgotten
 * (its tree goes back to the arena). */
int run_input(Input *in)
{
    Parser p;
    parser_init(&p, in);
    for (;;) {
        ArenaMark mark = arena_mark();
        Node *n;
        int r = parse_command(&p, &n);
        if (r == PARSE_EOF) {
            arena_release(mark);
            break;
        }
        if (r == PARSE_SYNTAX) {
            sh.last_status = 2;
            if (!sh.interactive) /* a script with a syntax error stops */
                shell_exit(2);
        } else if (r == PARSE_INTR) {
            sh.last_status = 130; /* as if Ctrl-C had ended a command */
        } else if (n) {
            run_node(n, 0);
        }
        arena_release(mark);
        if (!sh.interactive)
            jobs_reap(); /* no zombies, even if nobody waits */
        /* break, continue or return in the text of eval or of a . file
         * leaves the rest of that text too. */
        if (unwinding())
            break;
    }
    parser_free(&p);
    return sh.last_status;
}

int run_string(const char *text)
{
    Input in;
    input_from_string(&in, text);
    int status = run_input(&in);
    input_close(&in);
    return status;
}

static _Noreturn void usage(void)
{
    static const char text[] =
        "usage: sh [-eix] [script [arg...]]\n"
        "       sh [-eix] -c 'commands' [arg0 [arg...]]\n"
        "       sh [-eix] -s [arg...]\n";
    write_all(2, text, sizeof text - 1);
    exit(2);
}

int main(int argc, char **argv)
{
    extern char **environ;
    sh.pid = getpid();
    sh.arg0 = argv[0] ? argv[0] : "sh";
    signals_init();
    var_import(environ);
    var_unset("IFS"); /* an inherited IFS would change how scripts split */
    char cwd[4096];
    if (getcwd(cwd, sizeof cwd))
        var_set("PWD", cwd);

    int command = 0, from_stdin = 0, interactive = 0;
    int i = 1;
    for (; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--") || !strcmp(a, "-")) {
            i++;
            break;
        }
        if ((a[0] != '-' && a[0] != '+') || !a[1])
            break;
        int on = a[0] == '-';
        for (const char *o = a + 1; *o; o++) {
            switch (*o) {
            case 'c': command = on; break;
            case 's': from_stdin = on; break;
            case 'i': interactive = on; break;
            case 'e': sh.errexit = on; break;
            case 'x': sh.xtrace = on; break;
            default:
                sh_error("%c%c: unknown option", a[0], *o);
                usage();
            }
        }
    }

    if (command) {
        if (i >= argc) {
            sh_error("-c: a command string is needed");
            usage();
        }
        const char *text = argv[i++];
        if (i < argc)
            sh.arg0 = argv[i++];
        params_set(argc - i, argv + i);
        sh.interactive = interactive;
        jobs_init();
        shell_exit(run_string(text));
    }

    Input in;
    if (i < argc && !from_stdin) {
        /* sh script args: also how the kernel runs a #!/bin/sh script */
        const char *script = argv[i];
        if (input_from_file(&in, script) < 0) {
            int err = errno;
            sh_error("cannot open %s: %s", script, strerror(err));
            exit(err == ENOENT || err == ENOTDIR ? 127 : 126);
        }
        sh.arg0 = argv[i];
        params_set(argc - i - 1, argv + i + 1);
        sh.interactive = interactive;
    } else {
        params_set(argc - i, argv + i);
        sh.interactive = interactive || (isatty(0) && isatty(2));
        jobs_init();
        input_from_stdin(&in);
    }
    run_input(&in);
    input_close(&in);
    shell_exit(sh.last_status);
}
