/* expand.c: turns the words of a command, as written, into the strings
 * that become its arguments.
 *
 * POSIX does it in steps, and so does this file:
 *
 *  1. tilde, parameter expansion ($NAME, ${NAME}, $?, $1, "$@", ...),
 *     command substitution ($(...) and `...`) and arithmetic ($((...))),
 *     together with quote removal: the word is read once, left to right,
 *     and each resulting character is written out with a flag saying how
 *     it came to be (written literally, inside quotes, or produced by an
 *     unquoted expansion);
 *  2. field splitting: characters of IFS (space, tab, newline by default)
 *     that an unquoted expansion produced separate fields: `x="a b"; cmd
 *     $x` gives cmd two arguments, `cmd "$x"` one;
 *  3. pathname expansion: a field with an unquoted * ? or [ is a pattern,
 *     replaced by the names it matches (glob(3)), or kept as it is when
 *     nothing matches.
 *
 * Assignments and redirection targets take step 1 only (expand_string),
 * and so do the patterns of case and ${x#...} (expand_pattern), which keep
 * a mark on quoted characters so that they match only themselves. The
 * text of a here-document takes step 1 as if it were inside double quotes,
 * except that a " there is an ordinary character (expand_here).
 */
#include "sh.h"

#include <ctype.h>
#include <errno.h>
#include <fnmatch.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Where the text being expanded is (the in_dq argument below). */
enum {
    IN_WORD = 0, /* a word, outside quotes */
    IN_DQ = 1,   /* inside "..." */
    IN_HERE = 2, /* a here-document's text: as inside "...", but a " is
                  * a character like any other, and \ quotes only $ ` \
                  * and newline */
};

/* How an output character came to be. */
enum {
    Q_LITERAL, /* written in the word, unquoted: may glob, never splits */
    Q_QUOTED,  /* quoted (or escaped): neither globs nor splits */
    Q_SPLIT,   /* from an unquoted expansion: may split and glob */
    Q_BREAK,   /* not a character: a field ends here ("$@") */
    Q_MARK,    /* not a character: quotes were here, so the field exists
                * even if empty ("" is an argument) */
};

/* Characters with a flag each. */
typedef struct XBuf {
    Str text;
    unsigned char *flags;
    size_t fcap;
} XBuf;

static int failed; /* an expansion failed; its message was printed */

static void xadd(XBuf *x, char c, int flag)
{
    str_addc(&x->text, c);
    if (x->text.len > x->fcap) {
        x->fcap = x->text.cap;
        x->flags = xrealloc(x->flags, x->fcap);
    }
    x->flags[x->text.len - 1] = (unsigned char)flag;
}

static void xfree(XBuf *x)
{
    str_free(&x->text);
    free(x->flags);
    x->flags = NULL;
    x->fcap = 0;
}

/* A value produced by an expansion: quoted inside "...", else subject to
 * field splitting. */
static void emit(XBuf *x, const char *value, int in_dq)
{
    for (; *value; value++)
        xadd(x, *value, in_dq ? Q_QUOTED : Q_SPLIT);
}

/* ---- finding the end of quoted parts ----------------------------------- *
 * The lexer has checked that every quote and bracket is closed; these
 * find the closing one again. Each takes p just after the opening
 * character and returns the closing one (or end). */

static const char *end_of_nested(const char *p, const char *end, char open);

static const char *end_of_single(const char *p, const char *end)
{
    while (p < end && *p != '\'')
        p++;
    return p;
}

static const char *end_of_backquote(const char *p, const char *end)
{
    while (p < end && *p != '`')
        p += (*p == '\\' && p + 1 < end) ? 2 : 1;
    return p;
}

/* The character after a closing one, never past end. */
static const char *after(const char *q, const char *end)
{
    return q < end ? q + 1 : end;
}

static const char *end_of_double(const char *p, const char *end)
{
    while (p < end && *p != '"') {
        if (*p == '\\' && p + 1 < end)
            p += 2;
        else if (*p == '$' && p + 1 < end && (p[1] == '(' || p[1] == '{'))
            p = after(end_of_nested(p + 2, end, p[1]), end);
        else if (*p == '`')
            p = after(end_of_backquote(p + 1, end), end);
        else
            p++;
    }
    return p;
}

static const char *end_of_nested(const char *p, const char *end, char open)
{
    char close = open == '(' ? ')' : '}';
    int depth = 1;
    while (p < end) {
        char c = *p;
        if (c == '\\' && p + 1 < end)
            p += 2;
        else if (c == '\'')
            p = after(end_of_single(p + 1, end), end);
        else if (c == '"')
            p = after(end_of_double(p + 1, end), end);
        else if (c == '`')
            p = after(end_of_backquote(p + 1, end), end);
        else if (c == '$' && p + 1 < end && (p[1] == '(' || p[1] == '{'))
            p = after(end_of_nested(p + 2, end, p[1]), end);
        else if (c == open && ++depth)
            p++;
        else if (c == close && --depth == 0)
            return p;
        else
            p++;
    }
    return end;
}

/* ---- command substitution ----------------------------------------------- */

/* Runs text in a child shell and returns what it wrote on its standard
 * output, less the newlines at the end (malloc'd). */
static char *command_output(const char *text)
{
    int fds[2];
    if (pipe(fds) < 0) {
        sh_error("cannot make a pipe: %s", strerror(errno));
        failed = 1;
        return xstrdup("");
    }
    pid_t pid = fork();
    if (pid < 0) {
        sh_error("cannot fork: %s", strerror(errno));
        close(fds[0]);
        close(fds[1]);
        failed = 1;
        return xstrdup("");
    }
    if (pid == 0) {
        close(fds[0]);
        if (fds[1] != 1) {
            dup2(fds[1], 1);
            close(fds[1]);
        }
        enter_subshell();
        shell_exit(run_string(text));
    }
    close(fds[1]);
    Str out = { 0 };
    char buf[512];
    for (;;) {
        ssize_t n = read(fds[0], buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        str_addn(&out, buf, (size_t)n);
    }
    close(fds[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    sh.subst_status = status_of(status);
    while (out.len > 0 && out.s[out.len - 1] == '\n')
        out.s[--out.len] = 0;
    return out.s ? out.s : xstrdup("");
}

/* ---- parameters ---------------------------------------------------------- */

/* The value of a special parameter or variable; NULL if unset. Special
 * values are formatted into buf. */
static const char *param_value(const char *name, char *buf, size_t size)
{
    long n;
    if (!strcmp(name, "?"))
        snprintf(buf, size, "%d", sh.last_status);
    else if (!strcmp(name, "$"))
        snprintf(buf, size, "%d", (int)sh.pid);
    else if (!strcmp(name, "!"))
        snprintf(buf, size, "%d", (int)sh.last_bg);
    else if (!strcmp(name, "#"))
        snprintf(buf, size, "%d", sh.argc);
    else if (!strcmp(name, "-"))
        snprintf(buf, size, "%s%s%s", sh.errexit ? "e" : "", sh.interactive ? "i" : "", sh.xtrace ? "x" : "");
    else if (!strcmp(name, "0"))
        return sh.arg0;
    else if (parse_number(name, &n) == 0)
        return n >= 1 && n <= sh.argc ? sh.argv[n - 1] : NULL;
    else
        return var_get(name);
    if (!strcmp(name, "!") && sh.last_bg == 0)
        return NULL;
    return buf;
}

/* $@ and $*: the positional parameters. "$@" makes one field of each;
 * "$*" one field, joined by the first character of IFS. Unquoted, both
 * make fields that are split further. */
static void emit_params(XBuf *x, int star, int in_dq)
{
    const char *ifs = var_get("IFS");
    char sep = ifs ? ifs[0] : ' ';
    for (int i = 0; i < sh.argc; i++) {
        if (i > 0) {
            if (in_dq && star) {
                if (sep)
                    xadd(x, sep, Q_QUOTED);
            } else {
                xadd(x, 0, Q_BREAK);
                if (in_dq)
                    xadd(x, 0, Q_MARK);
            }
        }
        emit(x, sh.argv[i], in_dq);
    }
}

static void expand_text(const char *p, const char *end, int in_dq, XBuf *out);

/* The characters of x as one string (malloc'd). With as_pattern, quoted
 * characters that mean something in a pattern (* ? [ ] \) get a
 * backslash, so that fnmatch and glob take them as themselves. */
static char *flatten(const XBuf *x, int as_pattern)
{
    Str s = { 0 };
    str_adds(&s, "");
    for (size_t i = 0; i < x->text.len; i++) {
        char c = x->text.s[i];
        if (x->flags[i] == Q_BREAK) {
            str_addc(&s, ' ');
        } else if (x->flags[i] != Q_MARK) {
            if (as_pattern && x->flags[i] == Q_QUOTED && strchr("*?[]\\", c))
                str_addc(&s, '\\');
            str_addc(&s, c);
        }
    }
    return s.s;
}

/* Expands p..end into one string, without splitting (malloc'd). */
static char *expand_range(const char *p, const char *end, int in_dq, int as_pattern)
{
    XBuf x = { 0 };
    expand_text(p, end, in_dq, &x);
    char *s = flatten(&x, as_pattern);
    xfree(&x);
    return s;
}

/* ${name#pattern} and friends: removes the shortest (or, doubled, the
 * longest) prefix (#) or suffix (%) of value that matches pattern. */
static char *remove_pattern(const char *value, const char *pattern, char op, int longest)
{
    size_t len = strlen(value);
    char *s = xstrdup(value);
    for (size_t k = 0; k <= len; k++) {
        size_t cut = longest ? len - k : k; /* how many characters to try */
        if (op == '#') {
            char saved = s[cut];
            s[cut] = 0;
            int match = fnmatch(pattern, s, 0) == 0;
            s[cut] = saved;
            if (match) {
                memmove(s, s + cut, len - cut + 1);
                return s;
            }
        } else if (fnmatch(pattern, value + len - cut, 0) == 0) {
            s[len - cut] = 0;
            return s;
        }
    }
    return s;
}

/* ${...}: p..end is what is between the braces. */
static void expand_braced(const char *p, const char *end, int in_dq, XBuf *out)
{
    char buf[32];
    int length = 0;
    if (*p == '#' && p + 1 < end) { /* ${#name}: the length */
        length = 1;
        p++;
    }
    /* The name: a special character, digits, or a NAME. */
    const char *name_end = p;
    if (p < end && strchr("?$!#@*-", *p)) {
        name_end = p + 1;
    } else if (p < end && isdigit((unsigned char)*p)) { /* ${10} */
        while (name_end < end && isdigit((unsigned char)*name_end))
            name_end++;
    } else {
        while (name_end < end && is_name(p, (size_t)(name_end - p + 1)))
            name_end++;
    }
    if (name_end == p) {
        sh_error("${%.*s}: bad substitution", (int)(end - p), p);
        failed = 1;
        return;
    }
    char *name = xstrndup(p, (size_t)(name_end - p));
    const char *value = param_value(name, buf, sizeof buf);
    int all = !strcmp(name, "@") || !strcmp(name, "*");
    if (all)
        value = sh.argc ? "" : NULL;
    p = name_end;

    if (length) {
        if (p != end) {
            sh_error("${#%s...}: bad substitution", name);
            failed = 1;
        } else {
            snprintf(buf, sizeof buf, "%zu", value ? strlen(value) : 0);
            emit(out, buf, in_dq);
        }
        free(name);
        return;
    }
    if (p == end) { /* ${name} */
        if (all)
            emit_params(out, name[0] == '*', in_dq);
        else if (value)
            emit(out, value, in_dq);
        free(name);
        return;
    }

    int colon = *p == ':';
    if (colon)
        p++;
    char op = p < end ? *p++ : 0;
    int set = value && (!colon || *value);
    switch (op) {
    case '-': /* default */
        if (set)
            emit(out, value, in_dq);
        else
            expand_text(p, end, in_dq, out);
        break;
    case '=': /* default, assigned */
        if (set) {
            emit(out, value, in_dq);
        } else if (!is_name(name, strlen(name))) {
            sh_error("${%s=...}: cannot assign to a special parameter", name);
            failed = 1;
        } else {
            char *w = expand_range(p, end, IN_WORD, 0);
            var_set(name, w);
            emit(out, w, in_dq);
            free(w);
        }
        break;
    case '+': /* alternative */
        if (set)
            expand_text(p, end, in_dq, out);
        break;
    case '?': { /* error if unset */
        if (set) {
            emit(out, value, in_dq);
            break;
        }
        char *msg = p < end ? expand_range(p, end, IN_WORD, 0) : xstrdup(colon ? "parameter null or not set" : "parameter not set");
        sh_error("%s: %s", name, msg);
        free(msg);
        failed = 1;
        break;
    }
    case '#':
    case '%': {
        if (colon)
            goto bad;
        int longest = p < end && *p == op;
        if (longest)
            p++;
        char *pattern = expand_range(p, end, IN_WORD, 1);
        char *result = remove_pattern(value ? value : "", pattern, op, longest);
        emit(out, result, in_dq);
        free(result);
        free(pattern);
        break;
    }
    default:
    bad:
        sh_error("${%s%s...}: bad substitution", name, colon ? ":" : "");
        failed = 1;
    }
    free(name);
}

/* After a $ at p: one expansion. Returns where the text goes on. */
static const char *expand_dollar(const char *p, const char *end, int in_dq, XBuf *out)
{
    char buf[32];
    p++; /* the $ */
    if (p >= end) {
        xadd(out, '$', in_dq ? Q_QUOTED : Q_LITERAL);
        return p;
    }
    char c = *p;
    if (c == '{') {
        const char *q = end_of_nested(p + 1, end, '{');
        expand_braced(p + 1, q, in_dq, out);
        return after(q, end);
    }
    if (c == '(') {
        const char *q = end_of_nested(p + 1, end, '(');
        if (p + 1 < end && p[1] == '(' && q > p + 2 && q[-1] == ')') {
            /* $((expression)): expanded first, then evaluated */
            char *expr = expand_range(p + 2, q - 1, IN_DQ, 0);
            long value;
            if (arith_eval(expr, &value) == 0) {
                snprintf(buf, sizeof buf, "%ld", value);
                emit(out, buf, in_dq);
            } else {
                failed = 1;
            }
            free(expr);
        } else {
            char *text = xstrndup(p + 1, (size_t)(q - p - 1));
            char *output = command_output(text);
            emit(out, output, in_dq);
            free(output);
            free(text);
        }
        return after(q, end);
    }
    if (c == '@' || c == '*') {
        emit_params(out, c == '*', in_dq);
        return p + 1;
    }
    const char *name_end = p;
    if (strchr("?$!#-", c) || (c >= '0' && c <= '9')) {
        name_end = p + 1; /* one character: $10 is ${1}0 */
    } else {
        while (name_end < end && is_name(p, (size_t)(name_end - p + 1)))
            name_end++;
    }
    if (name_end == p) { /* a lone $ */
        xadd(out, '$', in_dq ? Q_QUOTED : Q_LITERAL);
        return p;
    }
    char *name = xstrndup(p, (size_t)(name_end - p));
    const char *value = param_value(name, buf, sizeof buf);
    if (value)
        emit(out, value, in_dq);
    free(name);
    return name_end;
}

/* `...`: the old form of $(...). Inside, a backslash quotes only $ ` \. */
static void expand_backquote(const char *p, const char *end, int in_dq, XBuf *out)
{
    Str text = { 0 };
    str_adds(&text, "");
    for (; p < end; p++) {
        if (*p == '\\' && p + 1 < end && strchr("$`\\", p[1]))
            p++;
        str_addc(&text, *p);
    }
    char *output = command_output(text.s);
    emit(out, output, in_dq);
    free(output);
    str_free(&text);
}

/* Step 1 on p..end: every expansion and quote removal. */
static void expand_text(const char *p, const char *end, int in_dq, XBuf *out)
{
    const char *start = p;
    while (p < end) {
        char c = *p;
        if (c == '\'' && !in_dq) {
            const char *q = end_of_single(p + 1, end);
            xadd(out, 0, Q_MARK);
            for (p++; p < q; p++)
                xadd(out, *p, Q_QUOTED);
            p = after(q, end);
        } else if (c == '"' && !in_dq) {
            const char *q = end_of_double(p + 1, end);
            /* "$@" with no parameters is no field at all, not an empty one. */
            if (!(q - p == 3 && !strncmp(p, "\"$@", 3) && sh.argc == 0))
                xadd(out, 0, Q_MARK);
            expand_text(p + 1, q, IN_DQ, out);
            p = after(q, end);
        } else if (c == '\\') {
            if (p + 1 >= end) {
                xadd(out, '\\', Q_QUOTED);
                p++;
            } else if (in_dq == IN_HERE && p[1] == '\n') {
                p += 2; /* backslash-newline joins the lines */
            } else if (!in_dq || strchr(in_dq == IN_HERE ? "$`\\" : "$`\"\\", p[1])) {
                xadd(out, p[1], Q_QUOTED);
                p += 2;
            } else { /* "\a" keeps its backslash */
                xadd(out, '\\', Q_QUOTED);
                xadd(out, p[1], Q_QUOTED);
                p += 2;
            }
        } else if (c == '$') {
            p = expand_dollar(p, end, in_dq, out);
        } else if (c == '`') {
            const char *q = end_of_backquote(p + 1, end);
            expand_backquote(p + 1, q, in_dq, out);
            p = after(q, end);
        } else if (c == '~' && p == start && !in_dq && (p + 1 == end || p[1] == '/')) {
            const char *home = var_get("HOME");
            for (const char *h = home ? home : "~"; *h; h++)
                xadd(out, *h, Q_QUOTED);
            p++;
        } else {
            xadd(out, c, in_dq ? Q_QUOTED : Q_LITERAL);
            p++;
        }
    }
}

/* ---- steps 2 and 3: fields and patterns ---------------------------------- */

/* A finished field: expands it as a pattern if it has unquoted pattern
 * characters, else adds it as it is. */
static void add_field(XBuf *f, StrList *fields)
{
    int pattern = 0;
    for (size_t i = 0; i < f->text.len; i++)
        if (f->flags[i] != Q_QUOTED && strchr("*?[", f->text.s[i]))
            pattern = 1;
    if (pattern) {
        /* Quoted characters must match themselves: escaped. */
        char *pat = flatten(f, 1);
        glob_t g;
        int r = glob(pat, 0, NULL, &g);
        free(pat);
        if (r == 0) {
            for (size_t i = 0; i < g.gl_pathc; i++)
                list_add(fields, xstrdup(g.gl_pathv[i]));
            globfree(&g);
            return;
        }
        if (r == GLOB_NOMATCH)
            globfree(&g);
    }
    list_add(fields, xstrndup(f->text.s ? f->text.s : "", f->text.len));
}

static void split_fields(XBuf *x, StrList *fields)
{
    const char *ifs = var_get("IFS");
    if (!ifs)
        ifs = " \t\n";
    XBuf field = { 0 };
    int present = 0;  /* the field exists, even if empty */
    int after_ws = 0; /* the last separator was IFS white space */
    for (size_t i = 0; i < x->text.len; i++) {
        char c = x->text.s[i];
        int flag = x->flags[i];
        if (flag == Q_MARK) {
            present = 1;
            continue;
        }
        if (flag == Q_BREAK || (flag == Q_SPLIT && c && strchr(ifs, c))) {
            int white = flag == Q_BREAK || c == ' ' || c == '\t' || c == '\n';
            /* White space only ends a field that has begun; any other
             * separator ends one even if empty: IFS=: splits "a::b" into
             * a, "", b. */
            if (field.text.len || present || (!white && !after_ws)) {
                add_field(&field, fields);
                field.text.len = 0;
                present = 0;
            }
            after_ws = white;
            continue;
        }
        xadd(&field, c, flag);
        after_ws = 0;
    }
    if (field.text.len || present)
        add_field(&field, fields);
    xfree(&field);
}

char **expand_words(char **words, int *count)
{
    StrList fields = { 0 };
    failed = 0;
    for (char **w = words; w && *w; w++) {
        XBuf x = { 0 };
        expand_text(*w, *w + strlen(*w), 0, &x);
        split_fields(&x, &fields);
        xfree(&x);
    }
    char **v = list_finish(&fields);
    if (failed) {
        free_strv(v);
        return NULL;
    }
    if (count)
        *count = fields.n;
    return v;
}

/* One string from text, or NULL if an expansion failed. */
static char *expand_one(const char *text, int in_dq, int as_pattern)
{
    failed = 0;
    char *s = expand_range(text, text + strlen(text), in_dq, as_pattern);
    if (failed) {
        free(s);
        return NULL;
    }
    return s;
}

char *expand_string(const char *word)
{
    return expand_one(word, IN_WORD, 0);
}

char *expand_pattern(const char *word)
{
    return expand_one(word, IN_WORD, 1);
}

char *expand_here(const char *text)
{
    return expand_one(text, IN_HERE, 0);
}
