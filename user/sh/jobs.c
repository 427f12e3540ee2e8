/* jobs.c: the processes the shell starts, and job control.
 *
 * A job is what one command line started: one process for a simple
 * command, one per element for a pipeline, one subshell for a background
 * list. The shell keeps a table of jobs so that it can wait for them,
 * report how they ended, and (with job control) stop and continue them.
 *
 * Waiting: every status change of a child comes through one call,
 * waitpid(-1, ..., WUNTRACED), which finds the process in the table and
 * records what happened (stopped, or finished with a status). Waiting for
 * one job means taking such changes until none of its processes runs.
 * Children that finish while the shell is busy elsewhere are picked up
 * the same way, later.
 *
 * Job control, in an interactive shell on a terminal:
 *  - each job is a process group of its own. Both the shell and the child
 *    call setpgid() after fork (whichever runs first wins; both agree),
 *    so the group exists before the child execs and before the shell
 *    hands it the terminal;
 *  - the terminal's foreground process group receives the signals of
 *    Ctrl-C (SIGINT), Ctrl-\ (SIGQUIT) and Ctrl-Z (SIGTSTP), and only it
 *    may read the terminal. The shell gives the terminal to a foreground
 *    job (tcsetpgrp) and takes it back when the job ends or stops;
 *  - the shell itself ignores those signals, and SIGTTIN and SIGTTOU
 *    (which it would get when it touches the terminal from the
 *    background); its children put the default actions back. (SIGINT
 *    the shell only notes, so that Ctrl-C can interrupt the `wait`
 *    builtin: trap.c keeps the dispositions);
 *  - Ctrl-Z stops the foreground job: waitpid reports it (WUNTRACED), the
 *    shell says "[1]+ Stopped  cmd" and prompts again; `fg` gives the job
 *    the terminal and sends its group SIGCONT, `bg` sends SIGCONT only.
 * Without job control (scripts, sh -c, a shell not on a terminal) jobs are
 * still kept, for `wait` and $!, but all processes stay in the shell's
 * process group, and background jobs ignore SIGINT and SIGQUIT.
 */
#include "sh.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

enum { RUNNING, STOPPED, DONE };

typedef struct Proc {
    pid_t pid;
    int state;
    int status; /* the wait status, once stopped or done */
} Proc;

struct Job {
    struct Job *next;
    int id;     /* the N of %N */
    pid_t pgid; /* with job control: the job's process group */
    Proc *procs;
    int nprocs;
    char *text;
    int background;       /* started with &, or stopped: reported when done */
    int reported;         /* its stop has been reported */
    unsigned seq;         /* the largest is the current job (+) */
    struct termios modes; /* the terminal as the job left it when it stopped */
    int has_modes;
};

static Job *jobs;
static unsigned last_seq;
static int ttyfd = -1;      /* the terminal, with job control */
static pid_t shell_pgid;    /* the shell's own process group */
static struct termios shell_modes;
static int has_shell_modes;

void jobs_init(void)
{
    if (!sh.interactive)
        return;
    int fd = fcntl(isatty(0) ? 0 : 2, F_DUPFD_CLOEXEC, 10);
    if (fd >= 0 && isatty(fd)) {
        /* If the shell was started in the background, wait until it is
         * brought to the foreground (SIGTTIN stops it until then). If
         * SIGTTIN is ignored it cannot wait: no job control then. A
         * terminal without a foreground group (0) is simply taken. */
        struct sigaction ttin;
        sigaction(SIGTTIN, NULL, &ttin);
        pid_t fg;
        while ((fg = tcgetpgrp(fd)) > 0 && fg != getpgrp()) {
            if (ttin.sa_handler == SIG_IGN) {
                fg = -1;
                break;
            }
            kill(-getpgrp(), SIGTTIN);
        }
        if (fg >= 0) {
            ttyfd = fd;
            sh.jobctl = 1;
        }
        /* tcgetpgrp failing means a terminal without job control:
         * interactive, but no process groups. */
    }
    if (!sh.jobctl && fd >= 0)
        close(fd);
    signals_interactive(); /* SIGINT noted, SIGQUIT and SIGTSTP & co ignored */
    if (sh.jobctl) {
        setpgid(0, 0); /* fails harmlessly if we lead a session */
        shell_pgid = getpgrp();
        tcsetpgrp(ttyfd, shell_pgid);
        has_shell_modes = tcgetattr(ttyfd, &shell_modes) == 0;
    }
}

void terminal_restore(void)
{
    if (sh.jobctl && has_shell_modes)
        tcsetattr(ttyfd, TCSADRAIN, &shell_modes);
}

static void job_free(Job *j)
{
    for (Job **p = &jobs; *p; p = &(*p)->next) {
        if (*p == j) {
            *p = j->next;
            break;
        }
    }
    free(j->procs);
    free(j->text);
    free(j);
}

void enter_subshell(void)
{
    signals_subshell(); /* default actions back; the shell's traps stay with it */
    sh.interactive = 0;
    sh.jobctl = 0;
    if (ttyfd >= 0)
        close(ttyfd);
    ttyfd = -1;
    while (jobs) /* the parent's jobs are not this process's children */
        job_free(jobs);
}

Job *job_new(const char *text)
{
    Job *j = xmalloc(sizeof *j);
    memset(j, 0, sizeof *j);
    j->text = xstrdup(text ? text : "");
    /* The next number after the highest in use: numbers restart at 1
     * once every job is gone. */
    j->id = 1;
    Job **end = &jobs;
    for (; *end; end = &(*end)->next)
        if ((*end)->id >= j->id)
            j->id = (*end)->id + 1;
    *end = j;
    return j;
}

void job_discard(Job *j)
{
    job_free(j);
}

pid_t job_fork(Job *j, int foreground)
{
    pid_t pid = fork();
    if (pid < 0) {
        sh_error("cannot fork: %s", strerror(errno));
        return -1;
    }
    if (pid == 0) {
        int jobctl = sh.jobctl;
        if (jobctl) {
            pid_t pgid = j->pgid ? j->pgid : getpid();
            setpgid(0, pgid);
            if (foreground)
                tcsetpgrp(ttyfd, pgid);
        }
        enter_subshell();
        if (!foreground && !jobctl) {
            /* POSIX: without job control, a background job must not be
             * hit by the terminal's Ctrl-C nor read the terminal. */
            signal(SIGINT, SIG_IGN);
            signal(SIGQUIT, SIG_IGN);
            int null = open("/dev/null", O_RDONLY);
            if (null > 0) {
                dup2(null, 0);
                close(null);
            }
        }
        return 0;
    }
    j->procs = xrealloc(j->procs, (size_t)(j->nprocs + 1) * sizeof *j->procs);
    j->procs[j->nprocs++] = (Proc){ pid, RUNNING, 0 };
    if (sh.jobctl) {
        if (!j->pgid)
            j->pgid = pid;
        setpgid(pid, j->pgid);
    }
    return pid;
}

enum { REAP_NOHANG, REAP_BLOCK, REAP_INTERRUPTIBLE };

/* Takes one status change of a child: with REAP_NOHANG only if there is
 * one already, else waiting for one. Returns 0 if there was one, -1 if
 * there is none (or no child at all). With REAP_INTERRUPTIBLE (the wait
 * builtin) a signal that must end the wait (trap.c) returns -128 - its
 * number instead. */
static int reap_one(int how)
{
    int status;
    pid_t pid;
    for (;;) {
        int sig = how == REAP_INTERRUPTIBLE ? signal_interrupting_wait() : 0;
        if (sig)
            return -128 - sig;
        pid = waitpid(-1, &status, WUNTRACED | (how == REAP_NOHANG ? WNOHANG : 0));
        if (pid >= 0 || errno != EINTR)
            break;
    }
    if (pid <= 0)
        return -1;
    for (Job *j = jobs; j; j = j->next) {
        for (int i = 0; i < j->nprocs; i++) {
            if (j->procs[i].pid == pid) {
                j->procs[i].state = WIFSTOPPED(status) ? STOPPED : DONE;
                j->procs[i].status = status;
            }
        }
    }
    return 0;
}

void jobs_reap(void)
{
    while (reap_one(REAP_NOHANG) == 0) {
    }
}

static int job_state(Job *j)
{
    int stopped = 0;
    for (int i = 0; i < j->nprocs; i++) {
        if (j->procs[i].state == RUNNING)
            return RUNNING;
        if (j->procs[i].state == STOPPED)
            stopped = 1;
    }
    return stopped ? STOPPED : DONE;
}

/* Waits until no process of j runs. If the children vanished (someone
 * else reaped them), counts them as done. */
static void wait_while_running(Job *j)
{
    while (job_state(j) == RUNNING) {
        if (reap_one(REAP_BLOCK) < 0) {
            for (int i = 0; i < j->nprocs; i++)
                if (j->procs[i].state == RUNNING)
                    j->procs[i].state = DONE;
        }
    }
}

/* The status of a job: that of its last process. */
static int job_status(Job *j)
{
    return j->nprocs ? j->procs[j->nprocs - 1].status : 0;
}

/* '+' for the current job (the one fg and bg take by default), '-' for
 * the one before it, ' ' for the others. */
static char job_mark(Job *j)
{
    Job *first = NULL, *second = NULL;
    for (Job *k = jobs; k; k = k->next) {
        if (!first || k->seq > first->seq) {
            second = first;
            first = k;
        } else if (!second || k->seq > second->seq) {
            second = k;
        }
    }
    return j == first ? '+' : j == second ? '-' : ' ';
}

/* "Done", "Exit 3", "Stopped", "Running", or the signal that ended it. */
static void print_job(Job *j, int fd)
{
    int state = job_state(j);
    int status = job_status(j);
    char what[64];
    if (state == RUNNING)
        strcpy(what, "Running");
    else if (state == STOPPED)
        strcpy(what, "Stopped");
    else if (WIFSIGNALED(status))
        snprintf(what, sizeof what, "%s", strsignal(WTERMSIG(status)));
    else if (WEXITSTATUS(status))
        snprintf(what, sizeof what, "Exit %d", WEXITSTATUS(status));
    else
        strcpy(what, "Done");
    out_printf(fd, "[%d]%c %s  %s\n", j->id, job_mark(j), what, j->text);
}

static void take_terminal_back(Job *j, int stopped)
{
    if (!sh.jobctl)
        return;
    tcsetpgrp(ttyfd, shell_pgid);
    if (stopped)
        j->has_modes = tcgetattr(ttyfd, &j->modes) == 0;
    /* A job that stopped or was killed may have left the terminal in
     * a mode of its own. */
    if (stopped || WIFSIGNALED(job_status(j)))
        terminal_restore();
}

int job_wait(Job *j)
{
    wait_while_running(j);
    int stopped = job_state(j) == STOPPED;
    take_terminal_back(j, stopped);
    if (stopped) {
        j->background = 1;
        j->reported = 1;
        j->seq = ++last_seq;
        write_all(2, "\n", 1);
        print_job(j, 2);
        int sig = SIGTSTP;
        for (int i = 0; i < j->nprocs; i++)
            if (j->procs[i].state == STOPPED)
                sig = WSTOPSIG(j->procs[i].status);
        return 128 + sig;
    }
    int status = job_status(j);
    if (WIFSIGNALED(status)) {
        int sig = WTERMSIG(status);
        if (sig == SIGINT) {
            if (sh.interactive)
                write_all(2, "\n", 1); /* the prompt on a line of its own */
        } else if (sig != SIGPIPE) {
            out_printf(2, "%s%s\n", strsignal(sig), WCOREDUMP(status) ? " (core dumped)" : "");
        }
    }
    job_free(j);
    return status_of(status);
}

void job_background(Job *j)
{
    j->background = 1;
    j->seq = ++last_seq;
    if (sh.interactive && j->nprocs)
        out_printf(2, "[%d] %d\n", j->id, (int)j->procs[j->nprocs - 1].pid);
}

void jobs_notify(void)
{
    jobs_reap();
    for (Job *j = jobs, *next; j; j = next) {
        next = j->next;
        int state = job_state(j);
        if (state == DONE && j->background) {
            print_job(j, 2);
            job_free(j);
        } else if (state == STOPPED && !j->reported) {
            print_job(j, 2);
            j->reported = 1;
        }
    }
}

/* ---- the builtins -------------------------------------------------------- */

static Job *current_job(void)
{
    Job *best = NULL;
    for (Job *j = jobs; j; j = j->next)
        if (!best || j->seq > best->seq)
            best = j;
    return best;
}

/* The job a job spec names: %N (its number), %+ (or %% or %: the current
 * job), %- (the one before), %name (the job whose command starts with
 * name), %?text (the job whose command contains text). NULL (with a
 * message) if there is none, or more than one by that name. */
static Job *find_job(const char *spec, const char *who)
{
    Job *found = NULL;
    long n;
    if (!strcmp(spec, "%") || !strcmp(spec, "%%") || !strcmp(spec, "%+")) {
        found = current_job();
    } else if (!strcmp(spec, "%-")) {
        for (Job *j = jobs; j; j = j->next)
            if (job_mark(j) == '-')
                found = j;
    } else if (spec[0] == '%' && parse_number(spec + 1, &n) == 0) {
        for (Job *j = jobs; j; j = j->next)
            if (j->id == n)
                found = j;
    } else if (spec[0] == '%') {
        int anywhere = spec[1] == '?';
        const char *text = spec + 1 + anywhere;
        int matches = 0;
        for (Job *j = jobs; j; j = j->next) {
            if (anywhere ? strstr(j->text, text) != NULL : !strncmp(j->text, text, strlen(text))) {
                found = j;
                matches++;
            }
        }
        if (matches > 1) {
            sh_error("%s: %s: ambiguous job", who, spec);
            return NULL;
        }
    }
    if (!found)
        sh_error("%s: %s: no such job", who, spec);
    return found;
}

/* Lists the job, and forgets it if it is done (it has been reported). */
static void report_job(Job *j)
{
    print_job(j, 1);
    if (job_state(j) == DONE)
        job_free(j);
    else if (job_state(j) == STOPPED)
        j->reported = 1;
}

/* jobs [%spec...]: every job, or those named. */
int builtin_jobs(int argc, char **argv)
{
    jobs_reap();
    if (argc > 1) {
        int status = 0;
        for (int i = 1; i < argc; i++) {
            Job *j = find_job(argv[i], "jobs");
            if (j)
                report_job(j);
            else
                status = 1;
        }
        return status;
    }
    for (Job *j = jobs, *next; j; j = next) {
        next = j->next;
        report_job(j);
    }
    return 0;
}

static void continue_job(Job *j)
{
    for (int i = 0; i < j->nprocs; i++)
        if (j->procs[i].state == STOPPED)
            j->procs[i].state = RUNNING;
    j->reported = 0;
    kill(-j->pgid, SIGCONT);
}

int builtin_fg(int argc, char **argv)
{
    if (!sh.jobctl) {
        sh_error("fg: no job control");
        return 1;
    }
    Job *j = argc > 1 ? find_job(argv[1], "fg") : current_job();
    if (!j) {
        if (argc <= 1)
            sh_error("fg: no current job");
        return 1;
    }
    out_printf(1, "%s\n", j->text);
    j->background = 0;
    j->seq = ++last_seq;
    if (j->has_modes)
        tcsetattr(ttyfd, TCSADRAIN, &j->modes);
    tcsetpgrp(ttyfd, j->pgid);
    continue_job(j);
    return job_wait(j);
}

int builtin_bg(int argc, char **argv)
{
    if (!sh.jobctl) {
        sh_error("bg: no job control");
        return 1;
    }
    Job *j = argc > 1 ? find_job(argv[1], "bg") : current_job();
    if (!j) {
        if (argc <= 1)
            sh_error("bg: no current job");
        return 1;
    }
    j->background = 1;
    continue_job(j);
    out_printf(1, "[%d]%c %s &\n", j->id, job_mark(j), j->text);
    return 0;
}

/* Waits while proc (or, if NULL, any process of job; if both are NULL,
 * any job) runs. Returns 0, or 128 + N if signal N interrupted the wait:
 * a trapped signal, or Ctrl-C in an interactive shell (trap.c). */
static int wait_for(Job *job, Proc *proc)
{
    for (;;) {
        /* First: a signal that came while waitpid returned a child
         * (its handler ran just before waitpid returned) still counts. */
        int sig = signal_interrupting_wait();
        if (sig)
            return 128 + sig;
        int running = 0;
        if (proc)
            running = proc->state == RUNNING;
        else if (job)
            running = job_state(job) == RUNNING;
        else
            for (Job *j = jobs; j; j = j->next)
                running |= job_state(j) == RUNNING;
        if (!running)
            return 0;
        int r = reap_one(REAP_INTERRUPTIBLE);
        if (r < -1)
            return -r; /* -128 - N */
        if (r < 0) { /* no children left: someone else reaped them */
            for (Job *j = jobs; j; j = j->next)
                for (int i = 0; i < j->nprocs; i++)
                    if (j->procs[i].state == RUNNING)
                        j->procs[i].state = DONE;
        }
    }
}

/* wait: for every job; wait %N: for a job; wait PID: for a process. The
 * status is that of the (last) one waited for; 127 if it is not a child;
 * 128 + N if signal N ended the wait first (then the job goes on). */
int builtin_wait(int argc, char **argv)
{
    if (argc == 1) {
        int interrupted = wait_for(NULL, NULL);
        /* An interactive shell still reports them before the prompt. */
        if (!sh.interactive)
            for (Job *j = jobs, *next; j; j = next) {
                next = j->next;
                if (job_state(j) == DONE)
                    job_free(j);
            }
        return interrupted;
    }
    int status = 0;
    for (int a = 1; a < argc; a++) {
        Job *job = NULL;
        Proc *proc = NULL;
        long pid;
        if (argv[a][0] == '%') {
            job = find_job(argv[a], "wait");
            if (!job) {
                status = 127;
                continue;
            }
        } else if (parse_number(argv[a], &pid) == 0) {
            for (Job *j = jobs; j; j = j->next)
                for (int i = 0; i < j->nprocs; i++)
                    if (j->procs[i].pid == pid)
                        job = j, proc = &j->procs[i];
            if (!job) {
                sh_error("wait: pid %s is not a child of this shell", argv[a]);
                status = 127;
                continue;
            }
        } else {
            sh_error("wait: %s: not a pid or a job", argv[a]);
            status = 2;
            continue;
        }
        int interrupted = wait_for(job, proc);
        if (interrupted)
            return interrupted;
        status = status_of(proc ? proc->status : job_status(job));
        if (job_state(job) == DONE)
            job_free(job);
    }
    return status;
}

/* kill [-SIGNAL | -s SIGNAL] pid|%job...: sends a signal (TERM unless
 * told) to processes, or to every process of a job. A builtin so that
 * it knows the %N of jobs. */
int builtin_kill(int argc, char **argv)
{
    int sig = SIGTERM, i = 1;
    if (i < argc && argv[i][0] == '-' && argv[i][1] && strcmp(argv[i], "--")) {
        const char *name = argv[i] + 1;
        if (!strcmp(name, "s") && i + 1 < argc)
            name = argv[++i];
        sig = signal_number(name);
        if (sig < 0) {
            sh_error("kill: %s: unknown signal", name);
            return 2;
        }
        i++;
    } else if (i < argc && !strcmp(argv[i], "--")) {
        i++;
    }
    if (i >= argc) {
        sh_error("kill: usage: kill [-SIGNAL] pid|%%job...");
        return 2;
    }
    int status = 0;
    for (; i < argc; i++) {
        long pid;
        if (argv[i][0] == '%') {
            Job *j = find_job(argv[i], "kill");
            if (!j) {
                status = 1;
                continue;
            }
            /* A whole process group with job control, else each process. */
            for (int k = 0; k < j->nprocs; k++) {
                pid_t target = j->pgid ? -j->pgid : j->procs[k].pid;
                if (kill(target, sig) < 0 && !j->pgid) {
                    sh_error("kill: %s: %s", argv[i], strerror(errno));
                    status = 1;
                }
                if (job_state(j) == STOPPED && sig != SIGCONT)
                    kill(target, SIGCONT); /* so that a stopped job sees it */
                if (j->pgid)
                    break;
            }
        } else if (parse_number(argv[i][0] == '-' ? argv[i] + 1 : argv[i], &pid) == 0) {
            if (kill(argv[i][0] == '-' ? -(pid_t)pid : (pid_t)pid, sig) < 0) {
                sh_error("kill: %s: %s", argv[i], strerror(errno));
                status = 1;
            }
        } else {
            sh_error("kill: %s: not a pid or a job", argv[i]);
            status = 1;
        }
    }
    return status;
}
