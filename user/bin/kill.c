/* kill [-SIGNAL | -s SIGNAL] pid...: sends a signal (TERM unless told) to
 * processes. A signal is named with or without "SIG" (HUP, SIGHUP) or by
 * number; signal 0 sends nothing but says whether the process exists. A
 * negative pid is a process group ("kill -TERM -- -7").
 *   kill -l         lists the signal names
 *   kill -l N       the name of signal N (or of the signal that ended a
 *                   process whose wait status is N)
 *
 * System calls: kill. */
#include "util.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define USAGE "[-SIGNAL | -s SIGNAL] pid... | -l [number]"

static const char *const names[] = {
    [SIGHUP] = "HUP",   [SIGINT] = "INT",       [SIGQUIT] = "QUIT", [SIGILL] = "ILL",       [SIGTRAP] = "TRAP",
    [SIGABRT] = "ABRT", [SIGBUS] = "BUS",       [SIGFPE] = "FPE",   [SIGKILL] = "KILL",     [SIGUSR1] = "USR1",
    [SIGSEGV] = "SEGV", [SIGUSR2] = "USR2",     [SIGPIPE] = "PIPE", [SIGALRM] = "ALRM",     [SIGTERM] = "TERM",
    [SIGSTKFLT] = "STKFLT", [SIGCHLD] = "CHLD", [SIGCONT] = "CONT", [SIGSTOP] = "STOP",     [SIGTSTP] = "TSTP",
    [SIGTTIN] = "TTIN", [SIGTTOU] = "TTOU",     [SIGURG] = "URG",   [SIGXCPU] = "XCPU",     [SIGXFSZ] = "XFSZ",
    [SIGVTALRM] = "VTALRM", [SIGPROF] = "PROF", [SIGWINCH] = "WINCH", [SIGIO] = "IO",       [SIGPWR] = "PWR",
    [SIGSYS] = "SYS",
};
#define NAMED ((int)(sizeof names / sizeof names[0]))

/* A signal by name or number; -1 if it is neither. */
static int signal_number(const char *text)
{
    unsigned long n;
    if (parse_number(text, &n) == 0)
        return n < _NSIG ? (int)n : -1;
    if (strncasecmp(text, "SIG", 3) == 0)
        text += 3;
    for (int s = 1; s < NAMED; s++)
        if (names[s] && strcasecmp(text, names[s]) == 0)
            return s;
    return -1;
}

static int list(const char *which)
{
    if (!which) {
        for (int s = 1; s < NAMED; s++)
            if (names[s])
                printf("%2d %s\n", s, names[s]);
        return EXIT_OK;
    }
    unsigned long n;
    if (parse_number(which, &n) != 0)
        usage(USAGE);
    if (n > 128)
        n -= 128; /* a shell's status of a process killed by signal n-128 */
    if (n == 0 || n >= (unsigned long)NAMED || !names[n]) {
        warn("%s: unknown signal", which);
        return EXIT_FAIL;
    }
    printf("%s\n", names[n]);
    return EXIT_OK;
}

int main(int argc, char **argv)
{
    int sig = SIGTERM, i = 1;
    if (i < argc && !strcmp(argv[i], "-l")) {
        if (argc > 3)
            usage(USAGE);
        return list(argc == 3 ? argv[2] : NULL);
    }
    if (i < argc && !strcmp(argv[i], "-s")) {
        if (i + 1 >= argc || (sig = signal_number(argv[i + 1])) < 0)
            usage(USAGE);
        i += 2;
    } else if (i < argc && argv[i][0] == '-' && argv[i][1] && strcmp(argv[i], "--")) {
        if ((sig = signal_number(argv[i] + 1)) < 0)
            usage(USAGE);
        i++;
    }
    if (i < argc && !strcmp(argv[i], "--"))
        i++;
    if (i >= argc)
        usage(USAGE);
    int status = EXIT_OK;
    for (; i < argc; i++) {
        char *end;
        long pid = strtol(argv[i], &end, 10);
        if (!argv[i][0] || *end) {
            warn("%s: not a process id", argv[i]);
            status = EXIT_FAIL;
            continue;
        }
        if (kill((pid_t)pid, sig) != 0) {
            warn_errno(argv[i]);
            status = EXIT_FAIL;
        }
    }
    return status;
}
