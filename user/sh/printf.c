/* printf.c: the printf builtin, and the backslash escapes it shares with
 * echo -e.
 *
 *   printf FORMAT [ARGUMENT...]
 *
 * FORMAT is written out with its backslash escapes (\n, \t, \\, \NNN
 * octal, ...) interpreted and each conversion replaced by the next
 * argument:
 *
 *   %s  the argument             %b  the argument, its escapes interpreted
 *   %c  its first character      %%  a %
 *   %d %i  a decimal number      %o %u %x %X  an unsigned number
 *   %e %f %g (and E F G)  a floating-point number
 *
 * with C's flags (- + space # 0), width and .precision, either of them
 * possibly * (taken from the arguments). A number may be written in
 * decimal, octal (0NN) or hexadecimal (0xNN), or as 'c: the code of the
 * character c. If there are more arguments than conversions, FORMAT is
 * used again until they are all taken; missing arguments count as "" or
 * 0. An argument that is not a number is reported and counts as what
 * could be read of it; the status is then 1.
 *
 * The text is collected and written in one write(2), like every output
 * of the shell (sh.h).
 */
#include "sh.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One escape; *s is just after the backslash and is moved past it. In a
 * FORMAT, \NNN is octal; in %b and echo -e it is \0NNN, and \c means
 * "stop": the return value is then 1. */
static int add_escape(Str *out, const char **s, int in_format)
{
    const char *p = *s;
    char c = *p++;
    int stop = 0;
    switch (c) {
    case 'a': str_addc(out, '\a'); break;
    case 'b': str_addc(out, '\b'); break;
    case 'e': str_addc(out, 27); break;
    case 'f': str_addc(out, '\f'); break;
    case 'n': str_addc(out, '\n'); break;
    case 'r': str_addc(out, '\r'); break;
    case 't': str_addc(out, '\t'); break;
    case 'v': str_addc(out, '\v'); break;
    case '\\': str_addc(out, '\\'); break;
    case 'c':
        if (in_format) {
            str_adds(out, "\\c");
        } else {
            stop = 1;
        }
        break;
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7':
        if (c != '0' && !in_format) { /* \1 in %b is not an escape */
            str_addc(out, '\\');
            str_addc(out, c);
            break;
        }
        {
            /* \NNN in a format; \0NNN (up to three more digits) in %b. */
            int value = in_format ? c - '0' : 0;
            for (int digits = in_format ? 1 : 0; digits < 3 && *p >= '0' && *p <= '7'; digits++)
                value = value * 8 + (*p++ - '0');
            str_addc(out, (char)value);
        }
        break;
    case 0: /* a lone backslash at the end */
        str_addc(out, '\\');
        p--;
        break;
    default: /* \" and \' are the character; an unknown escape stays */
        if (c != '"' && c != '\'')
            str_addc(out, '\\');
        str_addc(out, c);
    }
    *s = p;
    return stop;
}

int add_escaped(Str *out, const char *s)
{
    while (*s) {
        if (*s != '\\') {
            str_addc(out, *s++);
            continue;
        }
        s++;
        if (add_escape(out, &s, 0))
            return 1;
    }
    return 0;
}

/* ---- arguments ------------------------------------------------------------ */

typedef struct Args {
    char **v;
    int n, next;
    int status; /* 1 once an argument was not a number */
} Args;

static const char *next_arg(Args *a)
{
    return a->next < a->n ? a->v[a->next++] : NULL;
}

/* A number argument: 'c or "c is the character's code. */
static long long arg_number(Args *a, int is_signed)
{
    const char *s = next_arg(a);
    if (!s || !*s)
        return 0;
    if (s[0] == '\'' || s[0] == '"')
        return (unsigned char)s[1];
    char *end;
    errno = 0;
    long long v = is_signed ? strtoll(s, &end, 0) : (long long)strtoull(s, &end, 0);
    if (*end || end == s || errno) {
        sh_error("printf: %s: %s", s, errno ? strerror(errno) : "not a number");
        a->status = 1;
    }
    return v;
}

static double arg_double(Args *a)
{
    const char *s = next_arg(a);
    if (!s || !*s)
        return 0;
    if (s[0] == '\'' || s[0] == '"')
        return (unsigned char)s[1];
    char *end;
    double v = strtod(s, &end);
    if (*end || end == s) {
        sh_error("printf: %s: not a number", s);
        a->status = 1;
    }
    return v;
}

/* ---- conversions ---------------------------------------------------------- */

/* Appends what vsnprintf makes of spec and its value. */
__attribute__((format(printf, 2, 3))) static void add_formatted(Str *out, const char *spec, ...)
{
    va_list ap, again;
    va_start(ap, spec);
    va_copy(again, ap);
    int len = vsnprintf(NULL, 0, spec, ap);
    if (len > 0) {
        char *buf = xmalloc((size_t)len + 1);
        vsnprintf(buf, (size_t)len + 1, spec, again);
        str_addn(out, buf, (size_t)len);
        free(buf);
    }
    va_end(again);
    va_end(ap);
}

/* One conversion; *f is just after its %, and is moved past it. Returns
 * 1 to stop (\c in %b), -1 for a bad conversion, 0 otherwise. */
static int convert(Str *out, const char **f, Args *a)
{
    /* The conversion is rebuilt as a C format, *-widths made numbers. */
    char spec[64];
    size_t n = 0;
    const char *p = *f;
    spec[n++] = '%';
    while (*p && strchr("-+ #0", *p) && n < 10)
        spec[n++] = *p++;
    for (int part = 0; part < 2; part++) { /* the width, then .precision */
        if (part == 1) {
            if (*p != '.')
                break;
            spec[n++] = *p++;
        }
        if (*p == '*') {
            p++;
            n += (size_t)snprintf(spec + n, sizeof spec - n - 8, "%d", (int)arg_number(a, 1));
        } else {
            while (*p >= '0' && *p <= '9' && n < sizeof spec - 8)
                spec[n++] = *p++;
        }
    }
    char conv = *p ? *p++ : 0;
    *f = p;
    switch (conv) {
    case 'd': case 'i':
        strcpy(spec + n, "lld");
        add_formatted(out, spec, arg_number(a, 1));
        return 0;
    case 'o': case 'u': case 'x': case 'X':
        spec[n++] = 'l';
        spec[n++] = 'l';
        spec[n++] = conv;
        spec[n] = 0;
        add_formatted(out, spec, (unsigned long long)arg_number(a, 0));
        return 0;
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
        spec[n++] = conv;
        spec[n] = 0;
        add_formatted(out, spec, arg_double(a));
        return 0;
    case 'c': {
        const char *s = next_arg(a);
        char one[2] = { s ? s[0] : 0, 0 };
        strcpy(spec + n, "s");
        add_formatted(out, spec, one);
        return 0;
    }
    case 's': {
        const char *s = next_arg(a);
        strcpy(spec + n, "s");
        add_formatted(out, spec, s ? s : "");
        return 0;
    }
    case 'b': { /* the escapes first, then the width and precision */
        const char *s = next_arg(a);
        Str text = { 0 };
        str_adds(&text, "");
        int stop = add_escaped(&text, s ? s : "");
        strcpy(spec + n, "s");
        add_formatted(out, spec, text.s);
        str_free(&text);
        return stop;
    }
    case '%':
        str_addc(out, '%');
        return 0;
    default:
        sh_error("printf: %%%.*s: invalid conversion", conv ? 1 : 0, &conv);
        return -1;
    }
}

int builtin_printf(int argc, char **argv)
{
    if (argc < 2) {
        sh_error("printf: usage: printf format [argument...]");
        return 2;
    }
    const char *format = argv[1];
    Args a = { argv + 2, argc - 2, 0, 0 };
    Str out = { 0 };
    str_adds(&out, "");
    int stop = 0;
    do {
        int first = a.next;
        for (const char *f = format; *f && !stop;) {
            if (*f == '\\') {
                f++;
                add_escape(&out, &f, 1);
            } else if (*f == '%') {
                f++;
                int r = convert(&out, &f, &a);
                if (r < 0) {
                    a.status = 1;
                    stop = 1;
                } else if (r > 0) {
                    stop = 1;
                }
            } else {
                str_addc(&out, *f++);
            }
        }
        if (a.next == first)
            break; /* the format takes no arguments: once is enough */
    } while (!stop && a.next < a.n);
    write_all(1, out.s, out.len);
    str_free(&out);
    return a.status;
}
