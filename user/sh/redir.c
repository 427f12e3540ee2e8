/* redir.c: redirections, `cmd >file 2>&1 <input`.
 *
 * A redirection makes a file descriptor refer to something else: the
 * shell opens the file and moves the new descriptor onto the number the
 * command will use, with dup2(2). For a program the shell does this in
 * the child after fork, just before exec, and nothing needs undoing. For a
 * builtin, or a compound command (`while ...; done < file`), the shell
 * redirects its own descriptors, so it first saves a copy of each one it
 * replaces (on a high number, close-on-exec, out of the commands' way)
 * and puts them back afterwards: redirect_undo. `exec >file` is the one
 * case where the change is meant to last: no undo.
 *
 * Redirections apply left to right: `>file 2>&1` sends both to file,
 * `2>&1 >file` only standard output.
 *
 * A here-document (`cat <<END`) is not a file: its text (read by lex.c,
 * expanded here unless the delimiter was quoted) goes into a pipe whose
 * read end becomes the descriptor. A pipe holds PIPE_BUF bytes at least,
 * so a short text is written at once; a longer one would block the shell
 * until the command reads it, which it cannot do before the shell has
 * finished redirecting: a child process writes it instead.
 */
#include "sh.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Remembers what fd was, before it changes. */
static void save(RedirUndo *undo, int fd)
{
    if (!undo)
        return;
    for (int i = 0; i < undo->n; i++)
        if (undo->items[i].fd == fd)
            return; /* already saved: the first copy is the original */
    if (undo->n == undo->cap) {
        undo->cap = undo->cap ? undo->cap * 2 : 4;
        undo->items = xrealloc(undo->items, (size_t)undo->cap * sizeof *undo->items);
    }
    int saved = fcntl(fd, F_DUPFD_CLOEXEC, 10); /* -1 (EBADF): fd was closed */
    undo->items[undo->n].fd = fd;
    undo->items[undo->n].saved = saved;
    undo->n++;
}

static int open_target(Redir *r, const char *path)
{
    int flags;
    switch (r->kind) {
    case R_IN: flags = O_RDONLY; break;
    case R_OUT: flags = O_WRONLY | O_CREAT | O_TRUNC; break;
    case R_APPEND: flags = O_WRONLY | O_CREAT | O_APPEND; break;
    default: flags = O_RDWR | O_CREAT; break; /* R_RDWR */
    }
    int fd = open(path, flags, 0666);
    if (fd < 0)
        sh_error("cannot %s %s: %s", r->kind == R_IN ? "open" : "create", path, strerror(errno));
    return fd;
}

/* <<END: the text of the here-document on r->fd, through a pipe. */
static int redirect_here(Redir *r, RedirUndo *undo)
{
    char *text = r->here_quoted ? xstrdup(r->target) : expand_here(r->target);
    if (!text)
        return -1;
    save(undo, r->fd); /* first: if r->fd is closed, the pipe may land on it */
    int fds[2];
    if (pipe(fds) < 0) {
        sh_error("cannot make a pipe: %s", strerror(errno));
        free(text);
        return -1;
    }
    size_t len = strlen(text);
    if (len <= PIPE_BUF) {
        write_all(fds[1], text, len);
    } else {
        pid_t pid = fork(); /* reaped with the shell's other children */
        if (pid == 0) {
            signal(SIGPIPE, SIG_DFL); /* a command that stops reading ends it */
            close(fds[0]);
            write_all(fds[1], text, len);
            _exit(0);
        }
        if (pid < 0)
            sh_error("cannot fork: %s", strerror(errno));
    }
    free(text);
    close(fds[1]);
    if (fds[0] != r->fd) {
        dup2(fds[0], r->fd);
        close(fds[0]);
    }
    return 0;
}

/* One redirection; 0 or -1. */
static int redirect_one(Redir *r, RedirUndo *undo)
{
    if (r->kind == R_HERE || r->kind == R_HERE_TABS)
        return redirect_here(r, undo);
    char *target = expand_string(r->target);
    if (!target)
        return -1;
    int result = 0;
    if (r->kind == R_DUPIN || r->kind == R_DUPOUT) {
        /* n>&m makes n a copy of m; n>&- closes n. */
        long from;
        if (!strcmp(target, "-")) {
            save(undo, r->fd);
            close(r->fd);
        } else if (parse_number(target, &from) != 0) {
            sh_error("%s: bad file descriptor number", target);
            result = -1;
        } else if (fcntl((int)from, F_GETFD) < 0) {
            sh_error("%ld: %s", from, strerror(errno));
            result = -1;
        } else if (from != r->fd) {
            save(undo, r->fd);
            dup2((int)from, r->fd);
        }
    } else {
        /* Saved first: if r->fd is closed, the open may land on it. */
        save(undo, r->fd);
        int fd = open_target(r, target);
        if (fd < 0) {
            result = -1;
        } else if (fd != r->fd) {
            if (dup2(fd, r->fd) < 0) {
                sh_error("%d: %s", r->fd, strerror(errno));
                result = -1;
            }
            close(fd);
        }
    }
    free(target);
    return result;
}

int redirect(Redir *list, RedirUndo *undo)
{
    if (undo)
        memset(undo, 0, sizeof *undo);
    for (Redir *r = list; r; r = r->next)
        if (redirect_one(r, undo) < 0)
            return -1;
    return 0;
}

void redirect_undo(RedirUndo *undo)
{
    /* Backwards: the first save of each fd holds the original. */
    for (int i = undo->n - 1; i >= 0; i--) {
        int fd = undo->items[i].fd, saved = undo->items[i].saved;
        if (saved >= 0) {
            dup2(saved, fd);
            close(saved);
        } else {
            close(fd);
        }
    }
    free(undo->items);
    memset(undo, 0, sizeof *undo);
}
