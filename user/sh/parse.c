/* parse.c: builds the tree of one complete command from the tokens.
 *
 * A recursive-descent parser, one function per rule of this grammar (a
 * subset of the POSIX shell grammar; {x} means x repeated, [x] optional):
 *
 *   command_line : list (NEWLINE | EOF)
 *   list         : and_or { (';' | '&' | NEWLINE) and_or } [';' | '&']
 *                  (NEWLINE separates only inside compound commands)
 *   and_or       : pipeline { ('&&' | '||') {NEWLINE} pipeline }
 *   pipeline     : ['!'] command { '|' {NEWLINE} command }
 *   command      : simple | compound {redirection}
 *   compound     : '{' list '}' | '(' list ')'
 *                | 'if' list 'then' list {'elif' list 'then' list}
 *                       ['else' list] 'fi'
 *                | ('while' | 'until') list 'do' list 'done'
 *                | 'for' NAME [{NEWLINE} 'in' {WORD}] (';' | NEWLINE)
 *                       {NEWLINE} 'do' list 'done'
 *   simple       : { ASSIGNMENT | redirection } { WORD | redirection }
 *   redirection  : REDIR WORD
 *
 * Reserved words are words that are recognised only where a command may
 * start (and 'in', 'do' where the for rule expects them), and only when
 * written without quotes: `echo if` and `'if'` are ordinary words.
 *
 * The tree lives in the arena. A syntax error prints a message and jumps
 * (longjmp) straight back to parse_command, which gives up the command:
 * nothing of a half-built tree needs freeing, the arena takes it all back.
 */
#include "sh.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

enum { FAIL_SYNTAX = 1, FAIL_INTR = 2 };

void syntax_error(Parser *p, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    /* The line of the token in question, or of the lexer's position. */
    int line = p->have_tok ? p->tok.line : p->lineno;
    if (p->in->name)
        sh_error("%s: line %d: syntax error: %s", p->in->name, line, msg);
    else if (p->in->string || !sh.interactive)
        sh_error("line %d: syntax error: %s", line, msg);
    else
        sh_error("syntax error: %s", msg);
    longjmp(p->fail, FAIL_SYNTAX);
}

void parse_interrupted(Parser *p)
{
    longjmp(p->fail, FAIL_INTR);
}

/* ---- tokens ------------------------------------------------------------- */

static Token *peek(Parser *p)
{
    if (!p->have_tok) {
        p->tok = lex_next(p);
        p->have_tok = 1;
    }
    return &p->tok;
}

static Token take(Parser *p)
{
    peek(p);
    p->have_tok = 0;
    return p->tok;
}

static int accept(Parser *p, int kind)
{
    if (peek(p)->kind != kind)
        return 0;
    take(p);
    return 1;
}

/* True if the next token is the reserved word kw. */
static int is_word(Parser *p, const char *kw)
{
    Token *t = peek(p);
    return t->kind == T_WORD && !strcmp(t->text, kw);
}

static const char *describe(Token *t)
{
    switch (t->kind) {
    case T_EOF: return "end of file";
    case T_NEWLINE: return "newline";
    case T_WORD: return t->text;
    case T_SEMI: return ";";
    case T_AMP: return "&";
    case T_PIPE: return "|";
    case T_ANDAND: return "&&";
    case T_OROR: return "||";
    case T_LPAREN: return "(";
    case T_RPAREN: return ")";
    default: return "redirection";
    }
}

static _Noreturn void unexpected(Parser *p)
{
    syntax_error(p, "unexpected '%s'", describe(peek(p)));
}

static void expect_word(Parser *p, const char *kw)
{
    if (!is_word(p, kw))
        syntax_error(p, "expected '%s', found '%s'", kw, describe(peek(p)));
    take(p);
}

static void skip_newlines(Parser *p)
{
    while (accept(p, T_NEWLINE)) {
    }
}

/* ---- nodes ------------------------------------------------------------- */

static Node *node(int kind)
{
    Node *n = arena_alloc(sizeof *n);
    n->kind = kind;
    return n;
}

static Node *binary(int kind, Node *left, Node *right)
{
    Node *n = node(kind);
    n->left = left;
    n->right = right;
    return n;
}

/* The source text from token offset start to the last token taken. */
static char *text_from(Parser *p, size_t start)
{
    size_t end = p->tok.end; /* the last token taken (have_tok is 0) */
    if (p->have_tok) {
        /* A token was peeked past the command: it ends where that began,
         * less the blanks between. */
        end = p->tok.start;
        while (end > start && (p->src.s[end - 1] == ' ' || p->src.s[end - 1] == '\t' ||
                               p->src.s[end - 1] == '\n'))
            end--;
    }
    if (end < start)
        end = start;
    return arena_strndup(p->src.s + start, end - start);
}

/* A growable array of pointers in the arena, NULL-terminated. */
typedef struct Vec {
    void **v;
    int n, cap;
} Vec;

static void vec_add(Vec *vec, void *x);

/* The array, NULL-terminated, even when nothing was added. */
static void **vec_finish(Vec *vec)
{
    if (!vec->v) {
        vec_add(vec, NULL);
        vec->n = 0;
    }
    return vec->v;
}

static void vec_add(Vec *vec, void *x)
{
    if (vec->n + 2 > vec->cap) {
        int cap = vec->cap ? vec->cap * 2 : 8;
        void **v = arena_alloc((size_t)cap * sizeof *v);
        if (vec->n)
            memcpy(v, vec->v, (size_t)vec->n * sizeof *v);
        vec->v = v;
        vec->cap = cap;
    }
    vec->v[vec->n++] = x;
    vec->v[vec->n] = NULL;
}

/* ---- the grammar -------------------------------------------------------- */

static Node *parse_list(Parser *p, int top);

/* The words that end a list inside a compound command. */
static int at_list_end(Parser *p, int top)
{
    Token *t = peek(p);
    if (top)
        return t->kind == T_NEWLINE || t->kind == T_EOF;
    if (t->kind == T_EOF || t->kind == T_RPAREN)
        return 1;
    static const char *const enders[] = { "then", "else", "elif", "fi", "do", "done", "}", NULL };
    for (int i = 0; enders[i]; i++)
        if (is_word(p, enders[i]))
            return 1;
    return 0;
}

static Redir *parse_redirection(Parser *p)
{
    Token op = take(p);
    Token target = take(p);
    if (target.kind != T_WORD)
        syntax_error(p, "a redirection needs a file name, found '%s'", describe(&target));
    Redir *r = arena_alloc(sizeof *r);
    r->kind = op.redir;
    r->fd = op.fd;
    r->target = target.text;
    return r;
}

/* Redirections after a compound command: `done < file`. */
static void parse_redirections(Parser *p, Node *n)
{
    Redir **end = &n->redirs;
    while (*end)
        end = &(*end)->next;
    while (peek(p)->kind == T_REDIR) {
        *end = parse_redirection(p);
        end = &(*end)->next;
    }
}

static int is_assignment(const char *word)
{
    const char *eq = strchr(word, '=');
    return eq && is_name(word, (size_t)(eq - word));
}

static Node *parse_simple(Parser *p)
{
    Node *n = node(N_SIMPLE);
    Vec assigns = { 0 }, words = { 0 };
    Redir **rend = &n->redirs;
    for (;;) {
        Token *t = peek(p);
        if (t->kind == T_REDIR) {
            *rend = parse_redirection(p);
            rend = &(*rend)->next;
        } else if (t->kind == T_WORD) {
            if (words.n == 0 && is_assignment(t->text))
                vec_add(&assigns, take(p).text);
            else
                vec_add(&words, take(p).text);
        } else {
            break;
        }
    }
    if (assigns.n == 0 && words.n == 0 && !n->redirs)
        unexpected(p);
    n->assigns = (char **)vec_finish(&assigns);
    n->words = (char **)vec_finish(&words);
    return n;
}

static Node *parse_if(Parser *p)
{
    /* 'if' or 'elif' was taken */
    Node *n = node(N_IF);
    n->left = parse_list(p, 0);
    expect_word(p, "then");
    n->right = parse_list(p, 0);
    if (is_word(p, "elif")) {
        take(p);
        n->alt = parse_if(p); /* elif: an if inside the else */
        return n;
    }
    if (is_word(p, "else")) {
        take(p);
        n->alt = parse_list(p, 0);
    }
    expect_word(p, "fi");
    return n;
}

static Node *parse_loop(Parser *p, int kind)
{
    Node *n = node(kind);
    n->left = parse_list(p, 0);
    expect_word(p, "do");
    n->right = parse_list(p, 0);
    expect_word(p, "done");
    return n;
}

static Node *parse_for(Parser *p)
{
    Node *n = node(N_FOR);
    Token name = take(p);
    if (name.kind != T_WORD || !is_name(name.text, strlen(name.text)))
        syntax_error(p, "'for' needs a variable name, found '%s'", describe(&name));
    n->var = name.text;
    skip_newlines(p);
    if (is_word(p, "in")) {
        take(p);
        Vec words = { 0 };
        while (peek(p)->kind == T_WORD)
            vec_add(&words, take(p).text);
        n->words = (char **)vec_finish(&words);
        if (!accept(p, T_SEMI) && !accept(p, T_NEWLINE))
            unexpected(p);
    } else {
        accept(p, T_SEMI); /* for x; do ...: the positional parameters */
    }
    skip_newlines(p);
    expect_word(p, "do");
    n->right = parse_list(p, 0);
    expect_word(p, "done");
    return n;
}

static Node *parse_command_node(Parser *p)
{
    Token *t = peek(p);
    Node *n;
    if (t->kind == T_LPAREN) {
        take(p);
        n = node(N_SUBSHELL);
        n->left = parse_list(p, 0);
        if (!accept(p, T_RPAREN))
            syntax_error(p, "expected ')', found '%s'", describe(peek(p)));
    } else if (is_word(p, "{")) {
        take(p);
        n = node(N_GROUP);
        n->left = parse_list(p, 0);
        expect_word(p, "}");
    } else if (is_word(p, "if")) {
        take(p);
        n = parse_if(p);
    } else if (is_word(p, "while") || is_word(p, "until")) {
        int kind = is_word(p, "while") ? N_WHILE : N_UNTIL;
        take(p);
        n = parse_loop(p, kind);
    } else if (is_word(p, "for")) {
        take(p);
        n = parse_for(p);
    } else if (at_list_end(p, 0) && peek(p)->kind == T_WORD) {
        unexpected(p); /* then, fi, done, ... where a command should be */
    } else {
        return parse_simple(p);
    }
    parse_redirections(p, n);
    return n;
}

static Node *parse_pipeline(Parser *p)
{
    size_t start = peek(p)->start;
    int negate = 0;
    if (is_word(p, "!")) {
        take(p);
        negate = 1;
    }
    Vec cmds = { 0 };
    vec_add(&cmds, parse_command_node(p));
    while (accept(p, T_PIPE)) {
        skip_newlines(p);
        vec_add(&cmds, parse_command_node(p));
    }
    Node *n;
    if (cmds.n == 1) {
        n = cmds.v[0];
    } else {
        n = node(N_PIPE);
        n->cmds = (Node **)cmds.v;
        n->ncmds = cmds.n;
    }
    if (!n->text)
        n->text = text_from(p, start);
    if (negate) {
        n = binary(N_NOT, n, NULL);
        n->text = text_from(p, start);
    }
    return n;
}

static Node *parse_and_or(Parser *p)
{
    size_t start = peek(p)->start;
    Node *n = parse_pipeline(p);
    for (;;) {
        int kind;
        if (accept(p, T_ANDAND))
            kind = N_AND;
        else if (accept(p, T_OROR))
            kind = N_OR;
        else
            break;
        skip_newlines(p);
        n = binary(kind, n, parse_pipeline(p));
        n->text = text_from(p, start);
    }
    return n;
}

/* A list: at the top level, up to the end of the line; inside a compound
 * command, over as many lines as it takes, up to a closing word. */
static Node *parse_list(Parser *p, int top)
{
    Node *list = NULL;
    for (;;) {
        if (!top)
            skip_newlines(p);
        if (at_list_end(p, top))
            break;
        Node *n = parse_and_or(p);
        int more = 1;
        if (accept(p, T_AMP)) {
            Node *bg = binary(N_BG, n, NULL);
            bg->text = n->text;
            n = bg;
        } else if (!accept(p, T_SEMI)) {
            more = !top && peek(p)->kind == T_NEWLINE;
        }
        list = list ? binary(N_SEQ, list, n) : n;
        if (!more)
            break;
    }
    if (!list && !top)
        syntax_error(p, "unexpected '%s' (an empty command list)", describe(peek(p)));
    return list;
}

void parser_init(Parser *p, Input *in)
{
    memset(p, 0, sizeof *p);
    p->in = in;
    p->peeked = NO_CHAR;
    p->lineno = 1;
}

void parser_free(Parser *p)
{
    str_free(&p->src);
}

int parse_command(Parser *p, Node **out)
{
    *out = NULL;
    p->have_tok = 0;
    p->src.len = 0;
    if (p->src.s)
        p->src.s[0] = 0;
    p->in->want_ps1 = 1;
    int why = setjmp(p->fail);
    if (why) {
        /* Forget the rest of the line the error was on (Ctrl-C in the
         * line editor has already dropped it). */
        int line_done = p->peeked == '\n' ||
                        (p->peeked == NO_CHAR && p->src.len > 0 && p->src.s[p->src.len - 1] == '\n');
        if (why == FAIL_SYNTAX && !line_done)
            input_discard_line(p->in);
        p->have_tok = 0;
        p->peeked = NO_CHAR;
        return why == FAIL_INTR ? PARSE_INTR : PARSE_SYNTAX;
    }
    if (peek(p)->kind == T_EOF)
        return PARSE_EOF;
    Node *n = parse_list(p, 1);
    if (!accept(p, T_NEWLINE) && !accept(p, T_EOF))
        unexpected(p);
    *out = n;
    return PARSE_OK;
}
