/* util.c: the small helpers every part of the shell uses: allocation that
 * cannot fail (a shell out of memory can only stop), error messages and
 * output through write(2), growable strings and string lists, and the
 * arena that holds the parse tree of the command being run.
 */
#include "sh.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static _Noreturn void out_of_memory(void)
{
    static const char msg[] = "sh: out of memory\n";
    write_all(2, msg, sizeof msg - 1);
    _exit(2);
}

void *xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        out_of_memory();
    return p;
}

void *xrealloc(void *p, size_t size)
{
    p = realloc(p, size ? size : 1);
    if (!p)
        out_of_memory();
    return p;
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

void write_all(int fd, const char *s, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, s, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return;
        s += w;
        n -= (size_t)w;
    }
}

static void vout(int fd, const char *prefix, const char *fmt, va_list ap, const char *suffix)
{
    char small[512];
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(small, sizeof small, fmt, copy);
    va_end(copy);
    if (n < 0)
        return;
    /* One write for the whole message, so that messages of processes
     * sharing a terminal or a pipe do not interleave. */
    size_t plen = strlen(prefix), slen = strlen(suffix);
    char *buf = xmalloc(plen + (size_t)n + slen + 1);
    memcpy(buf, prefix, plen);
    if ((size_t)n < sizeof small)
        memcpy(buf + plen, small, (size_t)n);
    else
        vsnprintf(buf + plen, (size_t)n + 1, fmt, ap);
    memcpy(buf + plen + n, suffix, slen);
    write_all(fd, buf, plen + (size_t)n + slen);
    free(buf);
}

void sh_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vout(2, "sh: ", fmt, ap, "\n");
    va_end(ap);
}

void out_printf(int fd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vout(fd, "", fmt, ap, "");
    va_end(ap);
}

/* ---- growable strings and lists ----------------------------------------- */

void str_addn(Str *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->s = xrealloc(b->s, b->cap);
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = 0;
}

void str_addc(Str *b, char c)
{
    str_addn(b, &c, 1);
}

void str_adds(Str *b, const char *s)
{
    str_addn(b, s, strlen(s));
}

void str_free(Str *b)
{
    free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
}

void list_add(StrList *l, char *s)
{
    if (l->n + 2 > l->cap) {
        l->cap = (l->n + 2) * 2;
        l->v = xrealloc(l->v, (size_t)l->cap * sizeof *l->v);
    }
    l->v[l->n++] = s;
    l->v[l->n] = NULL;
}

char **list_finish(StrList *l)
{
    if (!l->v) {
        l->v = xmalloc(sizeof *l->v);
        l->v[0] = NULL;
    }
    return l->v;
}

void free_strv(char **v)
{
    if (!v)
        return;
    for (char **p = v; *p; p++)
        free(*p);
    free(v);
}

/* ---- the arena ----------------------------------------------------------- */

/* Blocks form a stack; a mark is a block and how much of it was used.
 * Releasing frees the blocks pushed after the mark's. */
struct Block {
    struct Block *prev;
    size_t used, size;
    _Alignas(8) char data[];
};
struct Arena {
    struct Block *top;
};

/* The arena of the command being read; functions have their own. */
static Arena command_arena;
static Arena *current = &command_arena;

void *arena_alloc(size_t size)
{
    struct Block *top = current->top;
    size = (size + 7) & ~(size_t)7;
    if (!top || top->used + size > top->size) {
        size_t want = size > 8192 ? size : 8192;
        struct Block *b = xmalloc(sizeof *b + want);
        b->prev = top;
        b->used = 0;
        b->size = want;
        current->top = top = b;
    }
    void *p = top->data + top->used;
    top->used += size;
    memset(p, 0, size);
    return p;
}

char *arena_strndup(const char *s, size_t n)
{
    char *p = arena_alloc(n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

ArenaMark arena_mark(void)
{
    return (ArenaMark){ current->top, current->top ? current->top->used : 0 };
}

void arena_release(ArenaMark mark)
{
    while (current->top && current->top != mark.block) {
        struct Block *prev = current->top->prev;
        free(current->top);
        current->top = prev;
    }
    if (current->top)
        current->top->used = mark.used;
}

Arena *arena_new(void)
{
    Arena *a = xmalloc(sizeof *a);
    a->top = NULL;
    return a;
}

Arena *arena_switch(Arena *to)
{
    Arena *was = current;
    current = to ? to : &command_arena;
    return was;
}

void arena_free(Arena *a)
{
    while (a->top) {
        struct Block *prev = a->top->prev;
        free(a->top);
        a->top = prev;
    }
    free(a);
}

/* ---- small parsers ------------------------------------------------------- */

int is_name(const char *s, size_t n)
{
    if (n == 0 || !(isalpha((unsigned char)s[0]) || s[0] == '_'))
        return 0;
    for (size_t i = 1; i < n; i++)
        if (!(isalnum((unsigned char)s[i]) || s[i] == '_'))
            return 0;
    return 1;
}

int parse_number(const char *s, long *value)
{
    if (!*s)
        return -1;
    long v = 0;
    for (; *s; s++) {
        if (!isdigit((unsigned char)*s) || v > 100000000)
            return -1;
        v = v * 10 + (*s - '0');
    }
    *value = v;
    return 0;
}
