/* sh_lineedit: the shell's line editor (user/sh/lineedit.c, linked into
 * this test), driven through pipes: keys go in as the bytes a terminal
 * sends, the line comes out, and what the editor drew is checked for the
 * VT100 sequences it may use. No terminal is needed: the raw mode switch
 * around the editor is the shell's (and sh_tty's) business.
 */
#include "tap.h"

#include <fcntl.h>
#include <stdlib.h>

#include "lineedit.h"

static int keys[2], screen[2];
static char drawn[8192];

/* Feeds the keys, runs the editor, and returns the line (or NULL);
 * what it drew is left in drawn. */
static char *edit(const char *typed, int *interrupted)
{
    size_t n = strlen(typed);
    if (write(keys[1], typed, n) != (ssize_t)n)
        return NULL;
    char *line = line_edit(keys[0], screen[1], "p> ", interrupted);
    ssize_t got = read(screen[0], drawn, sizeof drawn - 1);
    drawn[got > 0 ? got : 0] = 0;
    return line;
}

/* Checks that the keys give the line want (NULL: no line). */
static void expect(const char *typed, const char *want, const char *what)
{
    int interrupted;
    char *line = edit(typed, &interrupted);
    int good = want ? line && !strcmp(line, want) : line == NULL;
    if (!ok(good, "%s", what))
        why("got \"%s\", want \"%s\"", line ? line : "(null)", want ? want : "(null)");
    free(line);
}

int main(void)
{
    plan(22);
    if (pipe(keys) < 0 || pipe(screen) < 0)
        return 1;
    /* Nothing may wait: a drained screen pipe reads as empty. */
    fcntl(screen[0], F_SETFL, O_NONBLOCK);

    int interrupted;
    char *line = edit("hello\r", &interrupted);
    ok(line && !strcmp(line, "hello\n"), "Enter (CR) ends the line, given back with a newline");
    ok(!strncmp(drawn, "p> hello", 8), "the prompt is drawn, then each key as typed");
    ok(strstr(drawn, "\r\n") != NULL, "Enter moves to the next line");
    free(line);
    expect("newline\n", "newline\n", "LF ends the line too");

    expect("abd\033[Dc\r", "abcd\n", "Left arrow (ESC [ D), then insertion in the middle");
    ok(strstr(drawn, "\rp> abcd\033[K\b") != NULL, "insertion redraws: CR, prompt, line, ESC [ K, backspace to the cursor");
    expect("ab\033[D\033[D\033[Cx\r", "axb\n", "Right arrow (ESC [ C)");
    expect("abx\177c\r", "abc\n", "Backspace (0x7f) deletes before the cursor");
    expect("abx\bc\r", "abc\n", "Backspace (0x08) too");
    expect("bc\033[Ha\033[Fd\r", "abcd\n", "Home and End (ESC [ H, ESC [ F)");
    expect("bc\033[1~a\033[4~d\r", "abcd\n", "Home and End (ESC [ 1 ~, ESC [ 4 ~)");
    expect("abc\033[D\033[D\033[3~\r", "ac\n", "Delete (ESC [ 3 ~) deletes under the cursor");
    expect("junk\025ok\r", "ok\n", "Ctrl-U kills the line");
    expect("one two\027three\r", "one three\n", "Ctrl-W deletes a word");

    line = edit("abc\003", &interrupted);
    ok(line == NULL && interrupted && strstr(drawn, "^C"), "Ctrl-C discards the line and says so");
    free(line);
    line = edit("\004", &interrupted);
    ok(line == NULL && !interrupted, "Ctrl-D on an empty line is the end of input");
    free(line);
    expect("ab\033[D\004\r", "a\n", "Ctrl-D elsewhere deletes under the cursor");

    /* History: the lines accepted above, newest last ("a\n" was the last). */
    expect("first\r", "first\n", "a line for the history");
    expect("second\r", "second\n", "another line for the history");
    expect("\033[A\033[A\r", "first\n", "Up twice recalls the line before last");
    expect("draft\033[A\033[B\r", "draft\n", "Down comes back to the line being typed");

    /* The history keeps the last LINE_HISTORY_SIZE lines only. */
    for (int i = 0; i < LINE_HISTORY_SIZE + 5; i++) {
        char typed[32];
        snprintf(typed, sizeof typed, "line%d\r", i);
        free(edit(typed, &interrupted));
    }
    char ups[4 * (LINE_HISTORY_SIZE + 10) + 2] = "";
    for (int i = 0; i < LINE_HISTORY_SIZE + 10; i++)
        strcat(ups, "\033[A");
    strcat(ups, "\r");
    expect(ups, "line5\n", "the oldest line kept is the 100th from the end");
    return done();
}
