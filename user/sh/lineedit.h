/* lineedit.h: the interactive shell's line editor (lineedit.c).
 *
 * Self-contained (it uses nothing else of the shell), so that a test can
 * drive the editor through a pipe.
 */
#pragma once

/* Writes prompt to standard error and reads one line from standard input.
 * When standard input is a terminal that accepts raw mode, the line is
 * edited (lineedit.c says which keys do what); otherwise it is read as the
 * terminal or pipe delivers it. Returns the line, ending with '\n' (except
 * for a last line without one), malloc'd; NULL at the end of the input.
 * Ctrl-C returns NULL with *interrupted set. */
char *line_read(const char *prompt, int *interrupted);

/* The editor itself: reads keys from in, draws on out (which it takes to
 * be a VT100 terminal), whatever those descriptors are. Same results as
 * line_read. The line is added to the history. */
char *line_edit(int in, int out, const char *prompt, int *interrupted);

/* How many lines the history keeps. */
#define LINE_HISTORY_SIZE 100
