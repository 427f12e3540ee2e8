/* lineedit.c: the line editor of the interactive shell.
 *
 * A terminal normally works in "canonical" mode: the kernel collects a
 * line, echoes what is typed, handles backspace, and the program sees the
 * line only when Enter is pressed. To edit a line itself (move the cursor,
 * recall earlier lines) the shell switches the terminal to non-canonical,
 * no-echo mode while it reads a line (termios: ICANON and ECHO off; ISIG
 * off too, so that Ctrl-C arrives as a byte instead of a signal), receives
 * every key as it is pressed, keeps the line in a buffer and draws it
 * itself. Before the command runs, the terminal goes back to the mode it
 * was in, so programs see the terminal they expect.
 *
 * Keys:
 *   printable      insert at the cursor
 *   Backspace      (0x7f or 0x08) delete before the cursor
 *   Left, Right    move the cursor (ESC [ D, ESC [ C)
 *   Home, End      (ESC [ H, ESC [ F, ESC [ 1~, ESC [ 4~, Ctrl-A, Ctrl-E)
 *   Delete         (ESC [ 3 ~) delete under the cursor
 *   Up, Down       walk the history of the last LINE_HISTORY_SIZE lines
 *   Enter          accept the line
 *   Ctrl-C         discard the line
 *   Ctrl-D         end of input on an empty line, else delete under cursor
 *   Ctrl-U         kill the whole line; Ctrl-K: kill to its end
 *   Ctrl-W         delete the word before the cursor
 *
 * Drawing uses only what a serial terminal and a plain VGA console both
 * understand: carriage return, ESC [ K (erase to the end of the line) and
 * backspaces to put the cursor back. Lines longer than the screen is wide
 * are not handled specially.
 */
#define _GNU_SOURCE
#include "lineedit.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

typedef struct Editor {
    int in, out;
    const char *prompt;
    char *buf; /* the line, NUL-terminated */
    size_t len, pos, cap;
} Editor;

static char *history[LINE_HISTORY_SIZE];
static int history_count;

static void put(Editor *e, const char *s, size_t n)
{
    while (n > 0) {
        ssize_t w = write(e->out, s, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return;
        s += w;
        n -= (size_t)w;
    }
}

static void puts_(Editor *e, const char *s)
{
    put(e, s, strlen(s));
}

static int grow(Editor *e, size_t need)
{
    if (need + 1 <= e->cap)
        return 0;
    size_t cap = (need + 1) * 2;
    char *b = realloc(e->buf, cap);
    if (!b)
        return -1;
    e->buf = b;
    e->cap = cap;
    return 0;
}

/* Draws the whole line again: back to the first column, the prompt and
 * the text, erase what an older, longer line left, then backspace to the
 * cursor. One write, so the terminal does not flicker. */
static void refresh(Editor *e)
{
    size_t plen = strlen(e->prompt);
    size_t back = e->len - e->pos;
    char *s = malloc(1 + plen + e->len + 3 + back);
    if (!s)
        return;
    size_t n = 0;
    s[n++] = '\r';
    memcpy(s + n, e->prompt, plen), n += plen;
    memcpy(s + n, e->buf, e->len), n += e->len;
    memcpy(s + n, "\033[K", 3), n += 3;
    memset(s + n, '\b', back), n += back;
    put(e, s, n);
    free(s);
}

static void set_line(Editor *e, const char *text)
{
    size_t n = strlen(text);
    if (grow(e, n) < 0)
        return;
    memcpy(e->buf, text, n + 1);
    e->len = e->pos = n;
    refresh(e);
}

static void insert(Editor *e, char c)
{
    if (grow(e, e->len + 1) < 0)
        return;
    memmove(e->buf + e->pos + 1, e->buf + e->pos, e->len - e->pos + 1);
    e->buf[e->pos++] = c;
    e->len++;
    if (e->pos == e->len)
        put(e, &c, 1); /* typing at the end: just show the character */
    else
        refresh(e);
}

/* Deletes n characters starting at from. */
static void delete(Editor *e, size_t from, size_t n)
{
    if (n == 0 || from + n > e->len)
        return;
    int at_end = from + n == e->len && e->pos == e->len;
    memmove(e->buf + from, e->buf + from + n, e->len - from - n + 1);
    e->len -= n;
    if (e->pos > from)
        e->pos = e->pos >= from + n ? e->pos - n : from;
    if (at_end && n == 1) {
        put(e, "\b\033[K", 4); /* backspace at the end of the line */
    } else {
        refresh(e);
    }
}

static void history_add(const char *line)
{
    if (!*line)
        return;
    if (history_count > 0 && !strcmp(history[history_count - 1], line))
        return; /* the same command again: keep one */
    char *copy = strdup(line);
    if (!copy)
        return;
    if (history_count == LINE_HISTORY_SIZE) {
        free(history[0]);
        memmove(history, history + 1, (LINE_HISTORY_SIZE - 1) * sizeof *history);
        history_count--;
    }
    history[history_count++] = copy;
}

/* Reads one byte; -1 at the end of the input. */
static int key(Editor *e)
{
    unsigned char c;
    for (;;) {
        ssize_t n = read(e->in, &c, 1);
        if (n < 0 && errno == EINTR)
            continue;
        return n == 1 ? c : -1;
    }
}

/* What an escape sequence (ESC [ ... or ESC O ...) means. */
enum { K_NONE, K_UP, K_DOWN, K_LEFT, K_RIGHT, K_HOME, K_END, K_DELETE };

static int escape_sequence(Editor *e)
{
    int c = key(e);
    if (c != '[' && c != 'O')
        return K_NONE;
    c = key(e);
    if (c >= '0' && c <= '9') {
        /* ESC [ number ~ */
        int number = c - '0';
        while ((c = key(e)) >= '0' && c <= '9')
            number = number * 10 + (c - '0');
        if (c != '~')
            return K_NONE;
        switch (number) {
        case 1: case 7: return K_HOME;
        case 4: case 8: return K_END;
        case 3: return K_DELETE;
        default: return K_NONE;
        }
    }
    switch (c) {
    case 'A': return K_UP;
    case 'B': return K_DOWN;
    case 'C': return K_RIGHT;
    case 'D': return K_LEFT;
    case 'H': return K_HOME;
    case 'F': return K_END;
    default: return K_NONE;
    }
}

char *line_edit(int in, int out, const char *prompt, int *interrupted)
{
    Editor e = { .in = in, .out = out, .prompt = prompt };
    *interrupted = 0;
    if (grow(&e, 0) < 0)
        return NULL;
    e.buf[0] = 0;
    /* The history position: history_count is the line being typed, which
     * `typed` keeps while the user looks at older lines. */
    int at = history_count;
    char *typed = NULL;
    puts_(&e, prompt);

    for (;;) {
        int c = key(&e);
        if (c < 0 && e.len == 0) { /* end of input */
            free(e.buf);
            free(typed);
            return NULL;
        }
        if (c < 0 || c == '\r' || c == '\n') {
            puts_(&e, "\r\n");
            break;
        }
        switch (c) {
        case 3: /* Ctrl-C */
            puts_(&e, "^C\r\n");
            free(e.buf);
            free(typed);
            *interrupted = 1;
            return NULL;
        case 4: /* Ctrl-D */
            if (e.len == 0) {
                puts_(&e, "\r\n");
                free(e.buf);
                free(typed);
                return NULL;
            }
            delete(&e, e.pos, 1);
            continue;
        case 0x7f:
        case '\b':
            if (e.pos > 0)
                delete(&e, e.pos - 1, 1);
            continue;
        case 0x15: /* Ctrl-U */
            e.len = e.pos = 0;
            e.buf[0] = 0;
            refresh(&e);
            continue;
        case 0x0b: /* Ctrl-K */
            delete(&e, e.pos, e.len - e.pos);
            continue;
        case 0x17: { /* Ctrl-W */
            size_t from = e.pos;
            while (from > 0 && e.buf[from - 1] == ' ')
                from--;
            while (from > 0 && e.buf[from - 1] != ' ')
                from--;
            delete(&e, from, e.pos - from);
            continue;
        }
        case 0x01: /* Ctrl-A */
            e.pos = 0;
            refresh(&e);
            continue;
        case 0x05: /* Ctrl-E */
            e.pos = e.len;
            refresh(&e);
            continue;
        case 0x1b:
            break;
        default:
            if (c >= 0x20) /* printable (bytes of UTF-8 included) */
                insert(&e, (char)c);
            continue; /* other control characters: ignored */
        }

        switch (escape_sequence(&e)) {
        case K_LEFT:
            if (e.pos > 0) {
                e.pos--;
                put(&e, "\b", 1);
            }
            break;
        case K_RIGHT:
            if (e.pos < e.len) {
                put(&e, e.buf + e.pos, 1); /* writing it moves past it */
                e.pos++;
            }
            break;
        case K_HOME:
            e.pos = 0;
            refresh(&e);
            break;
        case K_END:
            e.pos = e.len;
            refresh(&e);
            break;
        case K_DELETE:
            delete(&e, e.pos, 1);
            break;
        case K_UP:
            if (at > 0) {
                if (at == history_count) {
                    free(typed);
                    typed = strdup(e.buf);
                }
                set_line(&e, history[--at]);
            }
            break;
        case K_DOWN:
            if (at < history_count) {
                at++;
                set_line(&e, at == history_count ? (typed ? typed : "") : history[at]);
            }
            break;
        }
    }
    free(typed);
    history_add(e.buf);
    grow(&e, e.len + 1);
    e.buf[e.len++] = '\n';
    e.buf[e.len] = 0;
    return e.buf;
}

/* Without an editor: the terminal's own line discipline (or a pipe)
 * delivers the line. Read byte by byte, so nothing past the newline is
 * taken from a descriptor that commands share. */
static char *plain_read(const char *prompt)
{
    size_t plen = strlen(prompt);
    for (size_t done = 0; done < plen;) {
        ssize_t w = write(2, prompt + done, plen - done);
        if (w <= 0 && errno != EINTR)
            break;
        if (w > 0)
            done += (size_t)w;
    }
    size_t len = 0, cap = 128;
    char *buf = malloc(cap);
    if (!buf)
        return NULL;
    for (;;) {
        char c;
        ssize_t n = read(0, &c, 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        if (len + 2 > cap) {
            char *b = realloc(buf, cap *= 2);
            if (!b)
                break;
            buf = b;
        }
        buf[len++] = c;
        if (c == '\n')
            break;
    }
    if (len == 0) {
        /* End of input (Ctrl-D): the terminal echoed nothing, so end
         * the prompt's line ourselves. */
        ssize_t w = write(2, "\n", 1);
        (void)w;
        free(buf);
        return NULL;
    }
    buf[len] = 0;
    return buf;
}

char *line_read(const char *prompt, int *interrupted)
{
    *interrupted = 0;
    struct termios saved, raw, now;
    if (tcgetattr(0, &saved) < 0)
        return plain_read(prompt); /* not a terminal */
    raw = saved;
    raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ISIG | IEXTEN);
    raw.c_iflag &= ~(tcflag_t)(IXON | ICRNL | INLCR | IGNCR);
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    /* tcsetattr succeeds if any of the changes took effect; check that
     * the ones the editor needs did. A terminal that cannot do raw mode
     * still delivers whole lines. */
    if (tcsetattr(0, TCSADRAIN, &raw) < 0 || tcgetattr(0, &now) < 0 ||
        (now.c_lflag & (ICANON | ECHO))) {
        tcsetattr(0, TCSADRAIN, &saved);
        return plain_read(prompt);
    }
    char *line = line_edit(0, 2, prompt, interrupted);
    tcsetattr(0, TCSADRAIN, &saved);
    return line;
}
