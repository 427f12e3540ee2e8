/* exec.c: runs the tree that parse.c built.
 *
 * run_node walks the tree. The interesting leaf is the simple command:
 *
 *   1. expand its words (expand.c) into argv;
 *   2. a builtin runs inside the shell, its redirections applied to the
 *      shell's own descriptors and undone afterwards;
 *   3. anything else is a program: fork(); the child applies the
 *      redirections (dup2 onto 0, 1, 2, ...), builds the environment and
 *      calls execve on each directory of PATH in turn until one works;
 *      the parent waits for it (jobs.c).
 *
 * A pipeline `a | b | c` makes a pipe between each pair of neighbours and
 * forks one child per element; each child moves its pipe ends onto its
 * standard input and output and runs its element. The shell waits for all
 * of them; the status is the last one's.
 *
 * When a forked child has nothing left to do after one command (a pipeline
 * element, a background job, a subshell's last command), it runs it with
 * EV_EXIT: a program is exec'd in place instead of forking once more.
 *
 * A function (`name() { ...; }`) is a tree kept under a name: calling it
 * runs that tree in the shell itself, with the call's arguments as $1...
 * `return`, like `break` and `continue`, only sets a flag in struct Shell;
 * each list, loop and if stops at once when it sees it (unwinding), and
 * the call clears it.
 */
#include "sh.h"

#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int status_of(int wstatus)
{
    if (WIFEXITED(wstatus))
        return WEXITSTATUS(wstatus);
    if (WIFSIGNALED(wstatus))
        return 128 + WTERMSIG(wstatus);
    if (WIFSTOPPED(wstatus))
        return 128 + WSTOPSIG(wstatus);
    return 1;
}

/* ---- running a program ---------------------------------------------------- */

/* execve, and for a file that is executable but not a program (no ELF
 * header, no #!), the POSIX rule: it is a shell script, run by sh. */
static int try_exec(const char *path, char **argv, char **envp)
{
    execve(path, argv, envp);
    if (errno == ENOEXEC) {
        int argc = 0;
        while (argv[argc])
            argc++;
        char **args = xmalloc(((size_t)argc + 2) * sizeof *args);
        args[0] = "sh";
        args[1] = (char *)path;
        for (int i = 1; i <= argc; i++)
            args[i + 1] = argv[i];
        execve("/bin/sh", args, envp);
        errno = ENOEXEC;
        free(args);
    }
    return -1;
}

void exec_program(char **argv, char **assigns)
{
    char **envp = var_environ(assigns);
    const char *name = argv[0];
    int err;
    if (strchr(name, '/')) {
        try_exec(name, argv, envp);
        err = errno;
    } else {
        /* PATH: directories separated by ':'; an empty entry is the
         * current directory. */
        const char *path = var_get("PATH");
        if (!path)
            path = "/bin:/usr/bin";
        err = ENOENT;
        int found = 0;
        Str full = { 0 };
        for (const char *dir = path;; dir++) {
            const char *colon = strchr(dir, ':');
            size_t len = colon ? (size_t)(colon - dir) : strlen(dir);
            full.len = 0;
            str_addn(&full, dir, len);
            if (len)
                str_addc(&full, '/');
            str_adds(&full, name);
            try_exec(full.s, argv, envp);
            /* Not there: try the next directory. Any other failure is
             * the one to report, unless a later directory works. */
            if (errno != ENOENT && errno != ENOTDIR) {
                err = errno;
                found = 1;
            }
            if (!colon)
                break;
            dir = colon;
        }
        str_free(&full);
        if (!found) {
            sh_error("%s: command not found", name);
            _exit(127);
        }
    }
    sh_error("%s: %s", name, strerror(err));
    _exit(err == ENOENT || err == ENOTDIR ? 127 : 126);
}

/* ---- functions ------------------------------------------------------------ */

/* A function's tree lives in an arena of its own, since the command that
 * defined it is forgotten (and its arena emptied) once it has run. A
 * function may be redefined, or unset, while it runs (`f() { f() { ...;
 * }; }`): the old tree is freed only when its last call returns. */
struct Function {
    struct Function *next;
    char *name;
    Node *body;
    Arena *arena; /* holds body */
    int calls;    /* calls in progress */
    int gone;     /* no longer in the table: free when calls is 0 */
};

static Function *functions;

static void function_free(Function *f)
{
    arena_free(f->arena);
    free(f->name);
    free(f);
}

/* Takes f out of the table; frees it unless it is running. */
static void function_remove(Function *f)
{
    for (Function **p = &functions; *p; p = &(*p)->next) {
        if (*p == f) {
            *p = f->next;
            break;
        }
    }
    f->gone = 1;
    if (f->calls == 0)
        function_free(f);
}

Function *find_function(const char *name)
{
    for (Function *f = functions; f; f = f->next)
        if (!strcmp(f->name, name))
            return f;
    return NULL;
}

void define_function(const char *name, Node *body)
{
    Function *old = find_function(name);
    if (old)
        function_remove(old);
    Function *f = xmalloc(sizeof *f);
    f->name = xstrdup(name);
    f->arena = arena_new();
    Arena *was = arena_switch(f->arena);
    f->body = tree_copy(body);
    arena_switch(was);
    f->calls = 0;
    f->gone = 0;
    f->next = functions;
    functions = f;
}

int unset_function(const char *name)
{
    Function *f = find_function(name);
    if (!f)
        return -1;
    function_remove(f);
    return 0;
}

/* name arg...: the body runs with the arguments as $1..., its own
 * `local` variables, and no loops around it for break to leave. $0 stays
 * the shell's. */
static int call_function(Function *f, int argc, char **argv)
{
    int saved_argc = sh.argc, saved_loops = sh.loop_depth;
    char **saved_argv = sh.argv;
    sh.argv = NULL; /* params_set would free it */
    params_set(argc - 1, argv + 1);
    sh.loop_depth = 0;
    sh.func_depth++;
    sh.return_depth++;
    f->calls++;

    int status = run_node(f->body, 0);
    if (sh.returning) {
        status = sh.return_status;
        sh.returning = 0;
    }

    f->calls--;
    if (f->gone && f->calls == 0)
        function_free(f);
    locals_restore(sh.func_depth);
    sh.return_depth--;
    sh.func_depth--;
    sh.loop_depth = saved_loops;
    free_strv(sh.argv);
    sh.argv = saved_argv;
    sh.argc = saved_argc;
    return status;
}

/* ---- simple commands ------------------------------------------------------ */

/* set -x: the command, as it will run, on standard error. */
static void trace(char **assigns, char **argv)
{
    Str s = { 0 };
    str_addc(&s, '+');
    for (char **a = assigns; a && *a; a++) {
        str_addc(&s, ' ');
        str_adds(&s, *a);
    }
    for (char **a = argv; *a; a++) {
        str_addc(&s, ' ');
        str_adds(&s, *a);
    }
    str_addc(&s, '\n');
    write_all(2, s.s, s.len);
    str_free(&s);
}

/* The assignments before a command, expanded: "NAME=value" strings. */
static char **expand_assignments(char **words)
{
    StrList out = { 0 };
    for (char **w = words; w && *w; w++) {
        char *eq = strchr(*w, '=');
        char *value = expand_string(eq + 1);
        if (!value) {
            free_strv(list_finish(&out));
            return NULL;
        }
        size_t nlen = (size_t)(eq - *w);
        char *s = xmalloc(nlen + strlen(value) + 2);
        memcpy(s, *w, nlen + 1);
        strcpy(s + nlen + 1, value);
        free(value);
        list_add(&out, s);
    }
    return list_finish(&out);
}

static void assign_all(char **assigns)
{
    for (char **a = assigns; *a; a++) {
        char *eq = strchr(*a, '=');
        *eq = 0;
        var_set(*a, eq + 1);
        *eq = '=';
    }
}

static int run_simple(Node *n, int flags)
{
    sh.subst_status = 0;
    int argc;
    char **argv = expand_words(n->words, &argc);
    char **assigns = argv ? expand_assignments(n->assigns) : NULL;
    if (!argv || !assigns) {
        free_strv(argv);
        if (!sh.interactive) /* POSIX: an expansion error ends a script */
            shell_exit(1);
        return 1;
    }
    if (sh.xtrace)
        trace(assigns, argv);
    int status;
    BuiltinFn builtin = argc ? find_builtin(argv[0]) : NULL;
    /* Functions come before builtins, except the special ones (exit,
     * set, ...), whose names no function can take. */
    Function *function = NULL;
    if (argc && !(builtin && is_special_builtin(argv[0])))
        function = find_function(argv[0]);

    if (argc == 0) {
        /* Only assignments and redirections: the assignments change
         * the shell's variables; the redirections are made (creating
         * files) and undone. The status is that of the last $(...). */
        assign_all(assigns);
        RedirUndo undo;
        status = redirect(n->redirs, &undo) < 0 ? 1 : sh.subst_status;
        redirect_undo(&undo);
    } else if (function) {
        /* Like a builtin: in the shell, redirections undone afterwards,
         * assignments kept. */
        assign_all(assigns);
        RedirUndo undo;
        if (redirect(n->redirs, &undo) < 0)
            status = 1;
        else
            status = call_function(function, argc, argv);
        redirect_undo(&undo);
    } else if (builtin == builtin_exec && argc == 1) {
        /* exec with redirections only: they stay. */
        assign_all(assigns);
        status = redirect(n->redirs, NULL) < 0 ? 1 : 0;
    } else if (builtin) {
        /* A builtin's assignments stay too (simpler than POSIX, which
         * keeps them only for the special builtins). */
        assign_all(assigns);
        RedirUndo undo;
        if (redirect(n->redirs, &undo) < 0) {
            status = 1;
        } else {
            builtin_assigns = assigns;
            status = builtin(argc, argv);
            builtin_assigns = NULL;
        }
        redirect_undo(&undo);
    } else if ((flags & EV_EXIT) && !trap_exit_set()) {
        /* (With an EXIT trap the shell must live on to run it.) */
        if (redirect(n->redirs, NULL) < 0)
            _exit(1);
        exec_program(argv, assigns);
    } else {
        Job *job = job_new(n->text);
        pid_t pid = job_fork(job, 1);
        if (pid == 0) {
            if (redirect(n->redirs, NULL) < 0)
                _exit(1);
            exec_program(argv, assigns);
        }
        if (pid < 0) {
            job_discard(job);
            status = 126;
        } else {
            status = job_wait(job);
        }
    }
    free_strv(argv);
    free_strv(assigns);
    return status;
}

/* ---- pipelines, lists, compound commands --------------------------------- */

static int run_pipeline(Node *n)
{
    Job *job = job_new(n->text);
    int prev = -1; /* the read end of the pipe from the previous element */
    for (int i = 0; i < n->ncmds; i++) {
        int fds[2] = { -1, -1 };
        if (i + 1 < n->ncmds && pipe(fds) < 0) {
            sh_error("cannot make a pipe: %s", strerror(errno));
            break;
        }
        pid_t pid = job_fork(job, 1);
        if (pid == 0) {
            if (prev >= 0) {
                dup2(prev, 0);
                close(prev);
            }
            if (fds[1] >= 0) {
                dup2(fds[1], 1);
                close(fds[1]);
                close(fds[0]);
            }
            shell_exit(run_node(n->cmds[i], EV_EXIT));
        }
        /* The parent keeps only the read end for the next element:
         * a reader sees the end of its input only once every copy of
         * the write end is closed. */
        if (prev >= 0)
            close(prev);
        if (fds[1] >= 0)
            close(fds[1]);
        prev = fds[0];
        if (pid < 0)
            break;
    }
    if (prev >= 0)
        close(prev);
    return job_wait(job);
}

/* & : the list runs in a child; the shell goes on at once. */
static int run_background(Node *n)
{
    Job *job = job_new(n->text);
    pid_t pid = job_fork(job, 0);
    if (pid == 0)
        shell_exit(run_node(n->left, EV_EXIT));
    if (pid < 0) {
        job_discard(job);
        return 1;
    }
    sh.last_bg = pid;
    job_background(job);
    return 0;
}

/* ( list ): the list in a child, so that what it changes (variables,
 * the current directory) stays there. */
static int run_subshell(Node *n, int flags)
{
    if (flags & EV_EXIT) { /* already a child of our own */
        if (redirect(n->redirs, NULL) < 0)
            _exit(1);
        shell_exit(run_node(n->left, EV_EXIT));
    }
    Job *job = job_new(n->text);
    pid_t pid = job_fork(job, 1);
    if (pid == 0) {
        if (redirect(n->redirs, NULL) < 0)
            _exit(1);
        shell_exit(run_node(n->left, EV_EXIT));
    }
    if (pid < 0) {
        job_discard(job);
        return 1;
    }
    return job_wait(job);
}

/* A condition (if, while, left of && ||, after !): its failure is not an
 * error for set -e. */
static int run_condition(Node *n)
{
    sh.in_condition++;
    int status = run_node(n, 0);
    sh.in_condition--;
    return status;
}

int unwinding(void)
{
    return sh.breaking || sh.continuing || sh.returning;
}

/* After a loop body ran: 1 if the loop must stop (break, return, or a
 * continue meant for an outer loop). */
static int loop_should_stop(void)
{
    if (sh.returning)
        return 1;
    if (sh.breaking) {
        sh.breaking--;
        return 1;
    }
    if (sh.continuing)
        return --sh.continuing > 0;
    return 0;
}

static int run_loop(Node *n)
{
    int status = 0;
    sh.loop_depth++;
    for (;;) {
        int cond = run_condition(n->left);
        if (unwinding()) {
            if (loop_should_stop())
                break;
            continue;
        }
        if ((cond == 0) != (n->kind == N_WHILE))
            break;
        status = run_node(n->right, 0);
        if (loop_should_stop())
            break;
    }
    sh.loop_depth--;
    return status;
}

static int run_for(Node *n)
{
    char **items;
    if (n->words) {
        items = expand_words(n->words, NULL);
        if (!items)
            return 1;
    } else { /* for x; do: "$@" */
        StrList l = { 0 };
        for (int i = 0; i < sh.argc; i++)
            list_add(&l, xstrdup(sh.argv[i]));
        items = list_finish(&l);
    }
    int status = 0;
    sh.loop_depth++;
    for (char **item = items; *item; item++) {
        var_set(n->var, *item);
        status = run_node(n->right, 0);
        if (loop_should_stop())
            break;
    }
    sh.loop_depth--;
    free_strv(items);
    return status;
}

/* case word in pattern|pattern) list;; ... esac: the list of the first
 * item with a pattern that matches the word; 0 if none does. */
static int run_case(Node *n)
{
    char *word = expand_string(n->var);
    if (!word)
        return 1;
    int status = 0;
    for (CaseItem *item = n->items; item; item = item->next) {
        int match = 0;
        for (char **pat = item->patterns; *pat && !match; pat++) {
            char *pattern = expand_pattern(*pat);
            match = pattern && fnmatch(pattern, word, 0) == 0;
            free(pattern);
        }
        if (match) {
            status = run_node(item->body, 0);
            break;
        }
    }
    free(word);
    return status;
}

/* The compound commands that run in the shell itself, with their
 * redirections made around them. */
static int run_compound(Node *n)
{
    RedirUndo undo;
    if (redirect(n->redirs, &undo) < 0) {
        redirect_undo(&undo);
        return 1;
    }
    int status = 0;
    switch (n->kind) {
    case N_IF: {
        int cond = run_condition(n->left);
        if (unwinding())
            status = cond;
        else if (cond == 0)
            status = run_node(n->right, 0);
        else if (n->alt)
            status = run_node(n->alt, 0);
        break;
    }
    case N_WHILE:
    case N_UNTIL:
        status = run_loop(n);
        break;
    case N_FOR:
        status = run_for(n);
        break;
    case N_CASE:
        status = run_case(n);
        break;
    default: /* N_GROUP */
        status = run_node(n->left, 0);
    }
    redirect_undo(&undo);
    return status;
}

int run_node(Node *n, int flags)
{
    int status = 0;
    if (!n)
        return 0;
    switch (n->kind) {
    case N_SIMPLE:
        status = run_simple(n, flags);
        break;
    case N_PIPE:
        status = run_pipeline(n);
        break;
    case N_SEQ:
        run_node(n->left, 0);
        if (unwinding())
            return sh.last_status;
        status = run_node(n->right, flags);
        break;
    case N_AND:
    case N_OR:
        status = run_condition(n->left);
        if (unwinding())
            return status;
        if ((status == 0) == (n->kind == N_AND))
            status = run_node(n->right, flags);
        sh.last_status = status;
        return status; /* set -e was checked by the part that failed */
    case N_NOT:
        status = !run_condition(n->left);
        sh.last_status = status;
        return status;
    case N_BG:
        status = run_background(n);
        break;
    case N_SUBSHELL:
        status = run_subshell(n, flags);
        break;
    case N_FUNCDEF:
        define_function(n->var, n->left);
        break;
    default:
        status = run_compound(n);
        break;
    }
    sh.last_status = status;
    /* set -e: a failing command ends the shell, except where failure is
     * expected (conditions). Compound commands pass on what their last
     * command did, which was checked already. */
    if (status != 0 && sh.errexit && !sh.in_condition &&
        (n->kind == N_SIMPLE || n->kind == N_PIPE || n->kind == N_SUBSHELL))
        shell_exit(status);
    /* A trapped signal that came while the command ran: its trap runs
     * now, between commands (trap.c). */
    if (traps_pending)
        traps_run();
    return status;
}
