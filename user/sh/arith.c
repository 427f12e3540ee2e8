/* arith.c: $((expression)), integer arithmetic.
 *
 * By the time an expression gets here its $ expansions are done; what is
 * left are numbers (decimal, 0x hexadecimal, 0 octal), variable names
 * (their value read as a number, 0 if unset or empty), parentheses, the
 * unary operators - + ! ~, and the binary operators of C on long integers,
 * from the weakest:
 *
 *   ||   &&   |   ^   &   == !=   < <= > >=   << >>   + -   * / %
 *
 * Assignment operators (=, +=, ++) and ?: are not supported.
 *
 * A precedence-climbing parser: binary(min) parses operands joined by
 * operators at least as strong as min; each operator's right side is
 * parsed with a stronger minimum, which makes them left-associative.
 */
#include "sh.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

typedef struct Arith {
    const char *p;
    int error;
} Arith;

static void skip_blanks(Arith *a)
{
    while (isspace((unsigned char)*a->p))
        a->p++;
}

static void fail(Arith *a, const char *what)
{
    if (!a->error)
        sh_error("arithmetic: %s", what);
    a->error = 1;
}

static long binary(Arith *a, int min);

/* A number in C's notation: 10, 0x1f, 017. */
static long number(Arith *a, const char *s, const char **end)
{
    char *e;
    long v = strtol(s, &e, 0);
    if (e == s || isalnum((unsigned char)*e) || *e == '_')
        fail(a, "bad number");
    *end = e;
    return v;
}

static long unary(Arith *a)
{
    skip_blanks(a);
    char c = *a->p;
    if (c == '-' || c == '+' || c == '!' || c == '~') {
        a->p++;
        long v = unary(a);
        return c == '-' ? -v : c == '+' ? v : c == '!' ? !v : ~v;
    }
    if (c == '(') {
        a->p++;
        long v = binary(a, 1);
        skip_blanks(a);
        if (*a->p != ')')
            fail(a, "missing ')'");
        else
            a->p++;
        return v;
    }
    if (isdigit((unsigned char)c))
        return number(a, a->p, &a->p);
    if (isalpha((unsigned char)c) || c == '_') {
        const char *start = a->p;
        while (isalnum((unsigned char)*a->p) || *a->p == '_')
            a->p++;
        char *name = xstrndup(start, (size_t)(a->p - start));
        const char *value = var_get(name);
        free(name);
        if (!value || !*value)
            return 0;
        const char *end;
        long v = number(a, value, &end);
        if (*end)
            fail(a, "a variable's value is not a number");
        return v;
    }
    fail(a, c ? "syntax error" : "missing operand");
    return 0;
}

static const struct {
    const char *op;
    int prec;
} ops[] = {
    /* longest first, so that "<=" is not taken for "<" */
    { "||", 1 }, { "&&", 2 }, { "==", 6 }, { "!=", 6 }, { "<=", 7 }, { ">=", 7 },
    { "<<", 8 }, { ">>", 8 }, { "|", 3 }, { "^", 4 }, { "&", 5 }, { "<", 7 },
    { ">", 7 }, { "+", 9 }, { "-", 9 }, { "*", 10 }, { "/", 10 }, { "%", 10 },
};

static long apply(Arith *a, const char *op, long l, long r)
{
    switch (op[0]) {
    case '|': return op[1] ? (l || r) : (l | r);
    case '&': return op[1] ? (l && r) : (l & r);
    case '^': return l ^ r;
    case '=': return l == r;
    case '!': return l != r;
    case '<': return op[1] == '=' ? l <= r : op[1] == '<' ? l << r : l < r;
    case '>': return op[1] == '=' ? l >= r : op[1] == '>' ? l >> r : l > r;
    case '+': return l + r;
    case '-': return l - r;
    case '*': return l * r;
    default: /* / and % */
        if (r == 0) {
            fail(a, "division by zero");
            return 0;
        }
        return op[0] == '/' ? l / r : l % r;
    }
}

static long binary(Arith *a, int min)
{
    long left = unary(a);
    for (;;) {
        skip_blanks(a);
        int found = -1;
        for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
            if (!strncmp(a->p, ops[i].op, strlen(ops[i].op))) {
                found = (int)i;
                break;
            }
        }
        if (found < 0 || ops[found].prec < min || a->error)
            return left;
        a->p += strlen(ops[found].op);
        long right = binary(a, ops[found].prec + 1);
        left = apply(a, ops[found].op, left, right);
    }
}

int arith_eval(const char *expr, long *result)
{
    Arith a = { expr, 0 };
    skip_blanks(&a);
    if (!*a.p) { /* $(()) is 0 */
        *result = 0;
        return 0;
    }
    *result = binary(&a, 1);
    skip_blanks(&a);
    if (*a.p && !a.error)
        fail(&a, "syntax error");
    return a.error ? -1 : 0;
}
