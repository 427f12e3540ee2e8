/* lex.c: cuts the characters of the input into tokens.
 *
 * A token is an operator (newline ; ;; & | && || ( ) and the redirections
 * < > >> <> <& >& >| << <<- with an optional fd number before them), or a
 * word.
 * The lexer only finds where a word ends: it keeps the word as written,
 * quotes, backslashes and $(...) included, and expand.c interprets it when
 * the command runs. To find the end it has to understand quoting: a blank
 * inside '...' or "...", after a backslash or inside $(...) does not end
 * the word. Reserved words (if, then, ...) are ordinary words here; the
 * parser recognises them where a command may start.
 *
 * Comments (# to the end of the line) and line continuations (backslash,
 * newline) disappear here.
 *
 * Here-documents are read here too. `cat <<END` is a redirection whose
 * text comes from the lines after the current one: when the lexer takes
 * the newline that ends the line, it first reads the text of every
 * here-document that line started, in order, each up to its END line
 * (read_here_texts), and only then hands out the newline token. So
 *
 *     cat <<A; cat <<B
 *     text of A
 *     A
 *     text of B
 *     B
 *
 * works, and the parser never sees the texts as commands.
 */
#include "sh.h"

#include <string.h>

/* Takes the next character. Everything taken is kept in p->src, which
 * the parser uses to show a command's text in job lists. */
static int nextc(Parser *p)
{
    int c;
    if (p->peeked != NO_CHAR) {
        c = p->peeked;
        p->peeked = NO_CHAR;
    } else {
        c = input_getc(p->in);
    }
    if (c == INPUT_INTR)
        parse_interrupted(p);
    if (c >= 0)
        str_addc(&p->src, (char)c);
    if (c == '\n')
        p->lineno++;
    return c;
}

/* Looks at the next character without taking it. */
static int peekc(Parser *p)
{
    if (p->peeked == NO_CHAR) {
        p->peeked = input_getc(p->in);
        if (p->peeked == INPUT_INTR) {
            p->peeked = NO_CHAR;
            parse_interrupted(p);
        }
    }
    return p->peeked;
}

/* The characters that end a word when they are not quoted. */
static int is_meta(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' || c == '|' ||
           c == '<' || c == '>' || c == '(' || c == ')' || c == INPUT_EOF;
}

static void scan_dollar(Parser *p, Str *w);
static void scan_backquote(Parser *p, Str *w);

/* After an opening ': everything up to the closing ' is literal. */
static void scan_single(Parser *p, Str *w)
{
    for (;;) {
        int c = nextc(p);
        if (c == INPUT_EOF)
            syntax_error(p, "unterminated quoted string");
        str_addc(w, (char)c);
        if (c == '\'')
            return;
    }
}

/* After an opening ": up to the closing ", where $ ` and \ keep their
 * meaning. */
static void scan_double(Parser *p, Str *w)
{
    for (;;) {
        int c = nextc(p);
        if (c == INPUT_EOF)
            syntax_error(p, "unterminated quoted string");
        if (c == '\\') {
            int d = nextc(p);
            if (d == '\n')
                continue; /* line continuation */
            str_addc(w, '\\');
            if (d != INPUT_EOF)
                str_addc(w, (char)d);
            continue;
        }
        str_addc(w, (char)c);
        if (c == '"')
            return;
        if (c == '$')
            scan_dollar(p, w);
        else if (c == '`')
            scan_backquote(p, w);
    }
}

/* After the opening bracket of $( or ${: up to the matching close, with
 * the quotes and substitutions inside. */
static void scan_nested(Parser *p, Str *w, int open, int close)
{
    int depth = 1;
    for (;;) {
        int c = nextc(p);
        if (c == INPUT_EOF)
            syntax_error(p, "missing '%c'", close);
        str_addc(w, (char)c);
        if (c == '\\') {
            int d = nextc(p);
            if (d != INPUT_EOF)
                str_addc(w, (char)d);
        } else if (c == '\'') {
            scan_single(p, w);
        } else if (c == '"') {
            scan_double(p, w);
        } else if (c == '`') {
            scan_backquote(p, w);
        } else if (c == '$') {
            scan_dollar(p, w);
        } else if (c == open) {
            depth++;
        } else if (c == close && --depth == 0) {
            return;
        }
    }
}

/* After a $: takes the (...) or {...} that may follow. */
static void scan_dollar(Parser *p, Str *w)
{
    int c = peekc(p);
    if (c == '(' || c == '{') {
        str_addc(w, (char)nextc(p));
        scan_nested(p, w, c, c == '(' ? ')' : '}');
    }
}

/* After an opening `: up to the closing one. */
static void scan_backquote(Parser *p, Str *w)
{
    for (;;) {
        int c = nextc(p);
        if (c == INPUT_EOF)
            syntax_error(p, "missing '`'");
        str_addc(w, (char)c);
        if (c == '\\') {
            int d = nextc(p);
            if (d != INPUT_EOF)
                str_addc(w, (char)d);
        } else if (c == '`') {
            return;
        }
    }
}

/* A word, up to the first unquoted metacharacter. */
static void scan_word(Parser *p, Str *w)
{
    for (;;) {
        int c = peekc(p);
        if (is_meta(c))
            return;
        nextc(p);
        switch (c) {
        case '\\': {
            int d = nextc(p);
            if (d == '\n')
                break; /* line continuation: both vanish */
            str_addc(w, '\\');
            if (d != INPUT_EOF)
                str_addc(w, (char)d);
            break;
        }
        case '\'':
            str_addc(w, '\'');
            scan_single(p, w);
            break;
        case '"':
            str_addc(w, '"');
            scan_double(p, w);
            break;
        case '$':
            str_addc(w, '$');
            scan_dollar(p, w);
            break;
        case '`':
            str_addc(w, '`');
            scan_backquote(p, w);
            break;
        case 0:
            break; /* NUL bytes cannot be in a C string: dropped */
        default:
            str_addc(w, (char)c);
        }
    }
}

/* After the first character of a redirection operator. */
static void scan_redirection(Parser *p, Token *t, int c)
{
    int n = peekc(p);
    if (c == '<' && n == '<') { /* << or <<- */
        nextc(p);
        t->redir = R_HERE;
        if (peekc(p) == '-') {
            nextc(p);
            t->redir = R_HERE_TABS;
        }
    } else if (c == '<') {
        t->redir = n == '&' ? R_DUPIN : n == '>' ? R_RDWR : R_IN;
        if (n == '&' || n == '>')
            nextc(p);
    } else {
        t->redir = n == '>' ? R_APPEND : n == '&' ? R_DUPOUT : R_OUT;
        if (n == '>' || n == '&' || n == '|')
            nextc(p);
    }
    if (t->fd < 0)
        t->fd = (t->redir == R_OUT || t->redir == R_APPEND || t->redir == R_DUPOUT) ? 1 : 0;
    t->kind = T_REDIR;
}

/* The text of one here-document: the lines up to the one that is its
 * delimiter (with <<-, tabs at the start of each line are dropped first).
 * The end of the input also ends the text. */
static void read_here_text(Parser *p, Redir *r)
{
    Str text = { 0 }, line = { 0 };
    str_adds(&text, "");
    for (;;) {
        line.len = 0;
        str_adds(&line, "");
        int c;
        while ((c = nextc(p)) != INPUT_EOF && c != '\n') {
            if (c == '\t' && line.len == 0 && r->kind == R_HERE_TABS)
                continue;
            if (c != 0)
                str_addc(&line, (char)c);
        }
        if (!strcmp(line.s, r->here_end))
            break;
        if (c == INPUT_EOF) { /* no delimiter line: what there is */
            str_adds(&text, line.s);
            break;
        }
        str_adds(&text, line.s);
        str_addc(&text, '\n');
    }
    r->target = arena_strndup(text.s, text.len);
    str_free(&text);
    str_free(&line);
}

/* After a newline: the texts of the here-documents of the line. */
static void read_here_texts(Parser *p)
{
    while (p->here_first) {
        Redir *r = p->here_first;
        p->here_first = r->here_next;
        read_here_text(p, r);
    }
    p->here_last = NULL;
}

Token lex_next(Parser *p)
{
    for (;;) {
        Token t = { .fd = -1 };
        int c = peekc(p);
        if (c == ' ' || c == '\t' || c == 0) {
            nextc(p);
            continue;
        }
        if (c == '#') { /* a comment, up to (not including) the newline */
            while ((c = peekc(p)) != '\n' && c != INPUT_EOF)
                nextc(p);
            continue;
        }
        t.start = p->src.len;
        t.line = p->lineno;
        if (c == INPUT_EOF) {
            read_here_texts(p); /* `sh -c 'cat <<END'`: empty texts */
            t.kind = T_EOF;
            t.end = t.start;
            return t;
        }
        if (is_meta(c)) {
            nextc(p);
            /* No look past a newline: that would read the next line
             * before this command has run. */
            int n = (c == '&' || c == '|') ? peekc(p) : 0;
            switch (c) {
            case '\n':
                t.kind = T_NEWLINE;
                read_here_texts(p);
                break;
            case ';': /* ; or ;; (the end of a case item) */
                t.kind = T_SEMI;
                if (peekc(p) == ';') {
                    nextc(p);
                    t.kind = T_DSEMI;
                }
                break;
            case '(': t.kind = T_LPAREN; break;
            case ')': t.kind = T_RPAREN; break;
            case '&':
                t.kind = n == '&' ? T_ANDAND : T_AMP;
                if (n == '&')
                    nextc(p);
                break;
            case '|':
                t.kind = n == '|' ? T_OROR : T_PIPE;
                if (n == '|')
                    nextc(p);
                break;
            default: /* < or > */
                scan_redirection(p, &t, c);
            }
            t.end = p->src.len;
            return t;
        }
        Str w = { 0 };
        scan_word(p, &w);
        if (w.len == 0) { /* only a line continuation: nothing there */
            str_free(&w);
            continue;
        }
        /* Digits right before < or > are the fd to redirect: 2>file. */
        long fd;
        c = peekc(p);
        if ((c == '<' || c == '>') && parse_number(w.s, &fd) == 0 && fd < 1024) {
            t.fd = (int)fd;
            scan_redirection(p, &t, nextc(p));
        } else {
            t.kind = T_WORD;
            t.text = arena_strndup(w.s, w.len);
        }
        str_free(&w);
        t.end = p->src.len;
        return t;
    }
}
