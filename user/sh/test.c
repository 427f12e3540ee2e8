/* test.c: the test builtin, also spelled [ ... ], for the conditions of
 * if and while.
 *
 *   expr : and { -o and }           and : not { -a not }
 *   not  : ! not | ( expr ) | primary
 *   primary : STRING                  true if not empty
 *           | -n STRING | -z STRING   not empty / empty
 *           | -e -f -d -r -w -x -s -L -h FILE   the file exists, is a regular
 *                                     file, a directory, readable, writable,
 *                                     executable, not empty, a symbolic link
 *           | -t FD                   fd is a terminal
 *           | S1 = S2 | S1 != S2      strings equal / different
 *           | N1 -eq -ne -lt -le -gt -ge N2   integers
 *
 * Exit status: 0 true, 1 false, 2 for a malformed expression.
 */
#include "sh.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct Test {
    char **argv;
    int argc, i;
    int error;
} Test;

static int expr(Test *t);

static const char *next(Test *t)
{
    return t->i < t->argc ? t->argv[t->i++] : NULL;
}

static int peek_is(Test *t, const char *s)
{
    return t->i < t->argc && !strcmp(t->argv[t->i], s);
}

static void fail(Test *t, const char *msg, const char *arg)
{
    if (!t->error)
        sh_error("test: %s%s%s", arg ? arg : "", arg ? ": " : "", msg);
    t->error = 1;
}

static long integer(Test *t, const char *s)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (end == s || *end || errno)
        fail(t, "integer expected", s);
    return v;
}

static int file_test(char op, const char *path)
{
    struct stat st;
    if (op == 'L' || op == 'h')
        return lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
    if (stat(path, &st) != 0)
        return 0;
    switch (op) {
    case 'e': return 1;
    case 'f': return S_ISREG(st.st_mode);
    case 'd': return S_ISDIR(st.st_mode);
    case 's': return st.st_size > 0;
    case 'r': return access(path, R_OK) == 0;
    case 'w': return access(path, W_OK) == 0;
    default: return access(path, X_OK) == 0; /* x */
    }
}

static int is_binary_op(const char *s)
{
    static const char *const ops[] = { "=", "==", "!=", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", NULL };
    for (int i = 0; ops[i]; i++)
        if (!strcmp(s, ops[i]))
            return 1;
    return 0;
}

static int primary(Test *t)
{
    const char *a = next(t);
    if (!a) {
        fail(t, "argument expected", NULL);
        return 0;
    }
    /* a binary operator next: a is its left operand, whatever it looks like */
    if (t->i < t->argc && is_binary_op(t->argv[t->i])) {
        const char *op = next(t), *b = next(t);
        if (!b) {
            fail(t, "argument expected", op);
            return 0;
        }
        if (!strcmp(op, "=") || !strcmp(op, "=="))
            return !strcmp(a, b);
        if (!strcmp(op, "!="))
            return strcmp(a, b) != 0;
        long x = integer(t, a), y = integer(t, b);
        if (!strcmp(op, "-eq")) return x == y;
        if (!strcmp(op, "-ne")) return x != y;
        if (!strcmp(op, "-lt")) return x < y;
        if (!strcmp(op, "-le")) return x <= y;
        if (!strcmp(op, "-gt")) return x > y;
        return x >= y;
    }
    if (a[0] == '-' && a[1] && !a[2] && strchr("nzefdrwxsLht", a[1]) && t->i < t->argc) {
        const char *b = next(t);
        switch (a[1]) {
        case 'n': return *b != 0;
        case 'z': return *b == 0;
        case 't': return isatty((int)integer(t, b));
        default: return file_test(a[1], b);
        }
    }
    return *a != 0; /* a lone string */
}

static int not(Test *t)
{
    if (peek_is(t, "!") && t->i + 1 < t->argc) {
        t->i++;
        return !not(t);
    }
    if (peek_is(t, "(") && t->i + 1 < t->argc) {
        t->i++;
        int v = expr(t);
        if (!peek_is(t, ")"))
            fail(t, "')' expected", NULL);
        else
            t->i++;
        return v;
    }
    return primary(t);
}

static int and(Test *t)
{
    int v = not(t);
    while (peek_is(t, "-a")) {
        t->i++;
        int w = not(t);
        v = v && w;
    }
    return v;
}

static int expr(Test *t)
{
    int v = and(t);
    while (peek_is(t, "-o")) {
        t->i++;
        int w = and(t);
        v = v || w;
    }
    return v;
}

int builtin_test(int argc, char **argv)
{
    if (!strcmp(argv[0], "[")) {
        if (strcmp(argv[argc - 1], "]")) {
            sh_error("[: missing ']'");
            return 2;
        }
        argc--;
    }
    Test t = { argv, argc, 1, 0 };
    if (argc == 1)
        return 1; /* no expression: false */
    int v = expr(&t);
    if (t.i < t.argc)
        fail(&t, "unexpected argument", t.argv[t.i]);
    return t.error ? 2 : !v;
}
