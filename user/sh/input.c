/* input.c: where the characters of commands come from.
 *
 * Three sources, one interface (input_getc):
 *  - a string: `sh -c 'cmd'`, and the text of a $(...) substitution;
 *  - a file: a script, read in blocks on a descriptor of its own;
 *  - standard input. When it is a terminal and the shell is interactive,
 *    each line comes from the line editor (lineedit.c) after a prompt:
 *    "cleave:<cwd># " at the start of a command, "> " when the command
 *    goes on over more lines. Otherwise standard input is read one byte
 *    at a time: the commands the shell runs read the same descriptor, and
 *    must find their input where the shell's own lines end.
 */
#include "sh.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void input_from_string(Input *in, const char *s)
{
    memset(in, 0, sizeof *in);
    in->fd = -1;
    in->string = s;
}

int input_from_file(Input *in, const char *path)
{
    memset(in, 0, sizeof *in);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(fd);
        errno = EISDIR;
        return -1;
    }
    /* Out of the way of the descriptors commands redirect (0-9). */
    int high = fcntl(fd, F_DUPFD_CLOEXEC, 10);
    if (high >= 0) {
        close(fd);
        fd = high;
    }
    in->fd = fd;
    in->name = path;
    return 0;
}

void input_from_stdin(Input *in)
{
    memset(in, 0, sizeof *in);
    in->fd = 0;
    in->editor = sh.interactive;
    in->one_byte = 1;
}

void input_close(Input *in)
{
    if (in->fd > 2)
        close(in->fd);
    free(in->buf);
    in->buf = NULL;
}

char *prompt_text(void)
{
    char cwd[4096];
    const char *dir = getcwd(cwd, sizeof cwd) ? cwd : "?";
    Str p = { 0 };
    str_adds(&p, "cleave:");
    str_adds(&p, dir);
    str_adds(&p, geteuid() == 0 ? "# " : "$ ");
    return p.s;
}

/* Puts the next line (or block) of input in in->buf. Returns 1 if there
 * is something, 0 at the end of the input, INPUT_INTR after Ctrl-C. */
static int refill(Input *in)
{
    in->pos = in->len = 0;
    if (in->string)
        return 0; /* a string is handed out whole, below */
    if (in->editor) {
        if (in->want_ps1) {
            jobs_notify();
            if (traps_pending)
                traps_run();
            interrupt_forget(); /* a Ctrl-C before this prompt is over */
        }
        char *prompt = in->want_ps1 ? prompt_text() : xstrdup("> ");
        in->want_ps1 = 0;
        int interrupted = 0;
        char *line = line_read(prompt, &interrupted);
        free(prompt);
        if (interrupted) {
            free(line);
            return INPUT_INTR;
        }
        if (!line)
            return 0;
        free(in->buf);
        in->buf = line;
        in->len = strlen(line);
        return 1;
    }
    if (!in->buf) {
        in->cap = 4096;
        in->buf = xmalloc(in->cap);
    }
    for (;;) {
        ssize_t n = read(in->fd, in->buf, in->one_byte ? 1 : in->cap);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return 0;
        in->len = (size_t)n;
        return 1;
    }
}

int input_getc(Input *in)
{
    if (in->string) {
        unsigned char c = (unsigned char)in->string[in->pos];
        if (!c)
            return INPUT_EOF;
        in->pos++;
        return c;
    }
    if (in->pos >= in->len) {
        int r = refill(in);
        if (r == INPUT_INTR)
            return INPUT_INTR;
        if (r == 0)
            return INPUT_EOF;
    }
    return (unsigned char)in->buf[in->pos++];
}

/* After a syntax error: forget the rest of the line it was on. */
void input_discard_line(Input *in)
{
    if (in->editor) {
        in->pos = in->len; /* the editor hands out one line at a time */
        return;
    }
    int c;
    while ((c = input_getc(in)) >= 0 && c != '\n') {
    }
}
