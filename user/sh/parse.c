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
 *   command      : simple | compound {redirection} | function
 *   compound     : '{' list '}' | '(' list ')'
 *                | 'if' list 'then' list {'elif' list 'then' list}
 *                       ['else' list] 'fi'
 *                | ('while' | 'until') list 'do' list 'done'
 *                | 'for' NAME [{NEWLINE} 'in' {WORD}] (';' | NEWLINE)
 *                       {NEWLINE} 'do' list 'done'
 *                | 'case' WORD {NEWLINE} 'in' {NEWLINE}
 *                       { ['('] WORD {'|' WORD} ')' [list] [';;'] {NEWLINE} }
 *                       'esac'       (only the last item may lack its ;;)
 *   function     : NAME '(' ')' {NEWLINE} compound {redirection}
 *   simple       : { ASSIGNMENT | redirection } { WORD | redirection }
 *   redirection  : REDIR WORD
 *
 * Reserved words are words that are recognised only where a command may
 * start (and 'in', 'do', 'esac' where the for and case rules expect them),
 * and only when written without quotes: `echo if` and `'if'` are ordinary
 * words.
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
    case T_DSEMI: return ";;";
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
    if (t->kind == T_EOF || t->kind == T_RPAREN || t->kind == T_DSEMI)
        return 1;
    static const char *const enders[] = { "then", "else", "elif", "fi", "do", "done", "}", "esac", NULL };
    for (int i = 0; enders[i]; i++)
        if (is_word(p, enders[i]))
            return 1;
    return 0;
}

/* The delimiter of a here-document: its word with the quotes removed
 * (and nothing expanded). Quoting any part of it, as in <<'END' or
 * <<\END, means the text is taken as it is. */
static void here_delimiter(Redir *r, const char *word)
{
    Str end = { 0 };
    str_adds(&end, "");
    char quote = 0; /* ' or " while inside quotes */
    for (const char *c = word; *c; c++) {
        if (quote == '\'') {
            if (*c == '\'')
                quote = 0;
            else
                str_addc(&end, *c);
        } else if (quote == '"') {
            if (*c == '"')
                quote = 0;
            else if (*c == '\\' && c[1] && strchr("$`\"\\", c[1]))
                str_addc(&end, *++c);
            else
                str_addc(&end, *c);
        } else if (*c == '\'' || *c == '"') {
            quote = *c;
            r->here_quoted = 1;
        } else if (*c == '\\' && c[1]) {
            str_addc(&end, *++c);
            r->here_quoted = 1;
        } else {
            str_addc(&end, *c);
        }
    }
    r->here_end = arena_strndup(end.s, end.len);
    str_free(&end);
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
    if (r->kind == R_HERE || r->kind == R_HERE_TABS) {
        /* The text is read by the lexer at the end of the line. */
        here_delimiter(r, target.text);
        r->target = NULL;
        if (p->here_last)
            p->here_last->here_next = r;
        else
            p->here_first = r;
        p->here_last = r;
    }
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

static Node *parse_command_node(Parser *p);

/* name() was taken: the body of a function, a compound command. */
static Node *parse_function(Parser *p, char *name)
{
    if (!is_name(name, strlen(name)))
        syntax_error(p, "'%s' is not a valid function name", name);
    take(p); /* ( */
    if (!accept(p, T_RPAREN))
        syntax_error(p, "expected ')' after '%s(', found '%s'", name, describe(peek(p)));
    skip_newlines(p);
    Node *n = node(N_FUNCDEF);
    n->var = name;
    n->left = parse_command_node(p);
    if (n->left->kind == N_SIMPLE || n->left->kind == N_FUNCDEF)
        syntax_error(p, "the body of function '%s' must be a compound command, such as { ...; }", name);
    return n;
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
            /* A lone first word followed by ( starts a function
             * definition: `name() { ...; }`. Anywhere else a ( after a
             * word is a syntax error, so one token of look-ahead does. */
            if (words.n == 1 && assigns.n == 0 && !n->redirs && peek(p)->kind == T_LPAREN)
                return parse_function(p, words.v[0]);
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

/* 'case' was taken. */
static Node *parse_case(Parser *p)
{
    Node *n = node(N_CASE);
    Token word = take(p);
    if (word.kind != T_WORD)
        syntax_error(p, "'case' needs a word, found '%s'", describe(&word));
    n->var = word.text;
    skip_newlines(p);
    expect_word(p, "in");
    skip_newlines(p);
    CaseItem **end = &n->items;
    while (!is_word(p, "esac")) {
        CaseItem *item = arena_alloc(sizeof *item);
        Vec patterns = { 0 };
        accept(p, T_LPAREN);
        do {
            Token pat = take(p);
            if (pat.kind != T_WORD)
                syntax_error(p, "expected a pattern, found '%s'", describe(&pat));
            vec_add(&patterns, pat.text);
        } while (accept(p, T_PIPE));
        if (!accept(p, T_RPAREN))
            syntax_error(p, "expected ')' after a case pattern, found '%s'", describe(peek(p)));
        item->patterns = (char **)vec_finish(&patterns);
        skip_newlines(p);
        if (!at_list_end(p, 0)) /* `a) ;;`: an empty list is allowed here */
            item->body = parse_list(p, 0);
        *end = item;
        end = &item->next;
        if (!accept(p, T_DSEMI)) { /* only the last item may lack ;; */
            skip_newlines(p);
            if (!is_word(p, "esac"))
                syntax_error(p, "expected ';;' or 'esac', found '%s'", describe(peek(p)));
            break;
        }
        skip_newlines(p);
    }
    take(p); /* esac */
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
    } else if (is_word(p, "case")) {
        take(p);
        n = parse_case(p);
    } else if (at_list_end(p, 0) && peek(p)->kind == T_WORD) {
        unexpected(p); /* then, fi, done, ... where a command should be */
    } else {
        return parse_simple(p); /* or a function definition */
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
    p->here_first = p->here_last = NULL;
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

/* ---- copying a tree ----------------------------------------------------- */

static char *copy_string(const char *s)
{
    return s ? arena_strndup(s, strlen(s)) : NULL;
}

static char **copy_strings(char **v)
{
    if (!v)
        return NULL;
    int n = 0;
    while (v[n])
        n++;
    char **c = arena_alloc(((size_t)n + 1) * sizeof *c);
    for (int i = 0; i < n; i++)
        c[i] = copy_string(v[i]);
    return c;
}

static Redir *copy_redirs(const Redir *r)
{
    if (!r)
        return NULL;
    Redir *c = arena_alloc(sizeof *c);
    *c = *r;
    c->target = copy_string(r->target);
    c->here_end = copy_string(r->here_end);
    c->here_next = NULL;
    c->next = copy_redirs(r->next);
    return c;
}

/* Every field of every node, into the current arena: a function's
 * definition (exec.c) switches to the function's own arena first. */
Node *tree_copy(const Node *n)
{
    if (!n)
        return NULL;
    Node *c = arena_alloc(sizeof *c);
    *c = *n;
    c->text = copy_string(n->text);
    c->redirs = copy_redirs(n->redirs);
    c->assigns = copy_strings(n->assigns);
    c->words = copy_strings(n->words);
    c->left = tree_copy(n->left);
    c->right = tree_copy(n->right);
    c->alt = tree_copy(n->alt);
    c->var = copy_string(n->var);
    if (n->cmds) {
        c->cmds = arena_alloc((size_t)n->ncmds * sizeof *c->cmds);
        for (int i = 0; i < n->ncmds; i++)
            c->cmds[i] = tree_copy(n->cmds[i]);
    }
    CaseItem **end = &c->items;
    for (const CaseItem *item = n->items; item; item = item->next) {
        CaseItem *ci = arena_alloc(sizeof *ci);
        ci->patterns = copy_strings(item->patterns);
        ci->body = tree_copy(item->body);
        *end = ci;
        end = &ci->next;
    }
    return c;
}
