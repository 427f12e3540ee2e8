/* trap.c: the signals the shell itself catches or ignores, and traps.
 *
 *   trap 'commands' SIGNAL...  run the commands when SIGNAL comes
 *   trap '' SIGNAL...          ignore SIGNAL (the commands run ignore it too)
 *   trap - SIGNAL...           SIGNAL back to what the shell does by default
 *   trap                       the traps, as commands that would set them
 *
 * SIGNAL is a name (INT or SIGINT) or a number; EXIT (or 0) is not a
 * signal but the shell's exit: its commands run when the shell ends
 * (shell_exit), whether by `exit`, the end of the script, or set -e.
 *
 * A signal handler interrupts the shell anywhere, in the middle of malloc
 * or of changing a list, so it may not run commands itself. The handler
 * only notes that the signal came (note_signal); the shell runs the
 * trap's commands at a safe point: after the command that was running
 * (exec.c's run_node calls traps_run), and before a prompt. A `wait` is
 * the exception that POSIX asks for: a trapped signal ends it at once,
 * with status 128 + the signal number, and then the trap runs. For that
 * the handler is installed without SA_RESTART, so that the waitpid(2)
 * the shell is blocked in fails with EINTR; everywhere else the shell
 * simply repeats a call that failed with EINTR.
 *
 * Without traps, the shell's own choices (set_disposition):
 *  - an interactive shell ignores SIGQUIT, SIGTSTP, SIGTTIN and SIGTTOU
 *    (jobs.c says why), and catches SIGINT only to note it: Ctrl-C then
 *    does not end the shell, but does end a `wait` (status 130);
 *  - every other signal keeps its default action.
 * In a subshell (a forked child: a pipeline element, ( ), $(...), a
 * background job) traps are not inherited: caught signals go back to
 * their default action, ignored ones stay ignored, the EXIT trap is
 * forgotten (signals_subshell). A program the shell execs gets the same
 * (exec resets caught signals by itself).
 *
 * POSIX: a signal that was ignored when the shell started (a background
 * job of a shell without job control ignores SIGINT) cannot be trapped:
 * trap quietly leaves it alone.
 */
#include "sh.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NSIGNALS 65 /* 1..64, and 0 for EXIT */

static char *traps[NSIGNALS];                 /* NULL: none; "": ignore */
static volatile sig_atomic_t caught[NSIGNALS]; /* came, trap not run yet */
volatile int traps_pending;                   /* some caught[] is set */
static char ignored_at_entry[NSIGNALS];
static int interactive; /* the interactive shell's dispositions apply */
static int running_trap;

/* ---- signal names --------------------------------------------------------- */

static const struct {
    const char *name;
    int number;
} signal_names[] = {
    { "HUP", SIGHUP },     { "INT", SIGINT },     { "QUIT", SIGQUIT },     { "ILL", SIGILL },
    { "TRAP", SIGTRAP },   { "ABRT", SIGABRT },   { "BUS", SIGBUS },       { "FPE", SIGFPE },
    { "KILL", SIGKILL },   { "USR1", SIGUSR1 },   { "SEGV", SIGSEGV },     { "USR2", SIGUSR2 },
    { "PIPE", SIGPIPE },   { "ALRM", SIGALRM },   { "TERM", SIGTERM },     { "CHLD", SIGCHLD },
    { "CONT", SIGCONT },   { "STOP", SIGSTOP },   { "TSTP", SIGTSTP },     { "TTIN", SIGTTIN },
    { "TTOU", SIGTTOU },   { "URG", SIGURG },     { "XCPU", SIGXCPU },     { "XFSZ", SIGXFSZ },
    { "VTALRM", SIGVTALRM }, { "PROF", SIGPROF }, { "WINCH", SIGWINCH },   { "IO", SIGIO },
    { "SYS", SIGSYS },
};

int signal_number(const char *s)
{
    long n;
    if (parse_number(s, &n) == 0)
        return n < NSIGNALS ? (int)n : -1;
    if (!strncmp(s, "SIG", 3))
        s += 3;
    for (size_t i = 0; i < sizeof signal_names / sizeof signal_names[0]; i++)
        if (!strcmp(s, signal_names[i].name))
            return signal_names[i].number;
    return -1;
}

/* "INT" for SIGINT; NULL for a signal without a name here. */
static const char *signal_name(int sig)
{
    for (size_t i = 0; i < sizeof signal_names / sizeof signal_names[0]; i++)
        if (signal_names[i].number == sig)
            return signal_names[i].name;
    return NULL;
}

/* ---- dispositions --------------------------------------------------------- */

static void note_signal(int sig)
{
    caught[sig] = 1;
    traps_pending = 1;
}

/* The signals an interactive shell handles itself (jobs.c). */
static int is_interactive_signal(int sig)
{
    return sig == SIGINT || sig == SIGQUIT || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

/* Makes the kernel's disposition of sig what the trap (or, without one,
 * the shell) wants. */
static void set_disposition(int sig)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: a blocked wait must see EINTR */
    if (traps[sig])
        sa.sa_handler = *traps[sig] ? note_signal : SIG_IGN;
    else if (interactive && sig == SIGINT)
        sa.sa_handler = note_signal;
    else if (interactive && is_interactive_signal(sig))
        sa.sa_handler = SIG_IGN;
    else
        sa.sa_handler = SIG_DFL;
    sigaction(sig, &sa, NULL);
}

void signals_init(void)
{
    for (int sig = 1; sig < NSIGNALS; sig++) {
        struct sigaction sa;
        if (sigaction(sig, NULL, &sa) == 0 && sa.sa_handler == SIG_IGN)
            ignored_at_entry[sig] = 1;
    }
}

void signals_interactive(void)
{
    interactive = 1;
    for (int sig = 1; sig < NSIGNALS; sig++)
        if (is_interactive_signal(sig))
            set_disposition(sig);
}

void signals_subshell(void)
{
    int was_interactive = interactive;
    interactive = 0;
    for (int sig = 1; sig < NSIGNALS; sig++) {
        int trapped = traps[sig] && *traps[sig];
        if (trapped) {
            free(traps[sig]);
            traps[sig] = NULL;
        }
        if (trapped || (was_interactive && is_interactive_signal(sig)))
            set_disposition(sig);
        caught[sig] = 0;
    }
    free(traps[0]);
    traps[0] = NULL;
    traps_pending = 0;
}

/* ---- running traps -------------------------------------------------------- */

/* The commands of a trap, with $? as it was before, and after. */
static void run_trap(const char *commands)
{
    char *copy = xstrdup(commands); /* the trap may change itself */
    int status = sh.last_status;
    run_string(copy);
    sh.last_status = status;
    free(copy);
}

void traps_run(void)
{
    if (running_trap) /* not inside a trap: after it */
        return;
    running_trap = 1;
    while (traps_pending) {
        traps_pending = 0;
        for (int sig = 1; sig < NSIGNALS; sig++) {
            if (!caught[sig] || !traps[sig] || !*traps[sig])
                continue; /* (an interactive Ctrl-C stays noted, for wait) */
            caught[sig] = 0;
            run_trap(traps[sig]);
        }
    }
    running_trap = 0;
}

int signal_interrupting_wait(void)
{
    for (int sig = 1; sig < NSIGNALS; sig++) {
        if (!caught[sig])
            continue;
        if (traps[sig] && *traps[sig])
            return sig; /* still noted: traps_run runs the trap next */
        if (sig == SIGINT && interactive) {
            caught[sig] = 0;
            return sig;
        }
    }
    return 0;
}

void interrupt_forget(void)
{
    if (interactive && !traps[SIGINT])
        caught[SIGINT] = 0;
}

int trap_exit_set(void)
{
    return traps[0] && *traps[0];
}

void trap_exit(int status)
{
    char *commands = traps[0];
    if (!commands || !*commands)
        return;
    traps[0] = NULL; /* once: an `exit` inside it does not run it again */
    sh.last_status = status;
    sh.breaking = sh.continuing = sh.returning = 0;
    run_string(commands);
    free(commands);
}

/* ---- the builtin ---------------------------------------------------------- */

/* EXIT or 0 is 0; else a signal number; -1 if unknown. */
static int condition_number(const char *s)
{
    if (!strcmp(s, "EXIT"))
        return 0;
    return signal_number(s);
}

static void list_traps(void)
{
    Str out = { 0 };
    for (int sig = 0; sig < NSIGNALS; sig++) {
        if (!traps[sig])
            continue;
        char number[16];
        const char *name = sig == 0 ? "EXIT" : signal_name(sig);
        if (!name) {
            snprintf(number, sizeof number, "%d", sig);
            name = number;
        }
        str_adds(&out, "trap -- ");
        str_add_quoted(&out, traps[sig]);
        str_addc(&out, ' ');
        str_adds(&out, name);
        str_addc(&out, '\n');
    }
    if (out.len)
        write_all(1, out.s, out.len);
    str_free(&out);
}

/* trap [action condition...]: see the top of the file. As POSIX says, if
 * the first operand is a number, every operand is a condition to reset. */
int builtin_trap(int argc, char **argv)
{
    int i = 1;
    if (i < argc && !strcmp(argv[i], "--"))
        i++;
    if (i >= argc) {
        list_traps();
        return 0;
    }
    const char *action = argv[i];
    long n;
    if (parse_number(action, &n) == 0 || (i + 1 == argc && condition_number(action) >= 0))
        action = "-"; /* trap 2 15, trap INT: reset */
    else
        i++;
    if (i >= argc) {
        sh_error("trap: usage: trap [action condition...]");
        return 2;
    }
    int status = 0;
    for (; i < argc; i++) {
        int sig = condition_number(argv[i]);
        if (sig < 0) {
            sh_error("trap: %s: bad signal", argv[i]);
            status = 1;
            continue;
        }
        if (sig == SIGKILL || sig == SIGSTOP) {
            sh_error("trap: %s: cannot be caught or ignored", argv[i]);
            status = 1;
            continue;
        }
        if (sig != 0 && ignored_at_entry[sig])
            continue;
        free(traps[sig]);
        traps[sig] = strcmp(action, "-") ? xstrdup(action) : NULL;
        if (sig != 0) {
            caught[sig] = 0;
            set_disposition(sig);
        }
    }
    return status;
}
