/* util.c: messages, numbers and whole writes for Cleave's utilities. */
#include "util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The C library sets it from argv[0] before main runs. */
#define NAME program_invocation_short_name

void warn_errno(const char *what)
{
    fprintf(stderr, "%s: %s: %s\n", NAME, what, strerror(errno));
}

void warn(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s: ", NAME);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

void die_errno(const char *what)
{
    warn_errno(what);
    exit(EXIT_FAIL);
}

void usage(const char *text)
{
    fprintf(stderr, "usage: %s%s%s\n", NAME, *text ? " " : "", text);
    exit(EXIT_USAGE);
}

int parse_number(const char *s, unsigned long *out)
{
    if (*s < '0' || *s > '9')
        return -1;
    char *end;
    errno = 0;
    unsigned long value = strtoul(s, &end, 10);
    if (*end || errno)
        return -1;
    *out = value;
    return 0;
}

int write_all(int fd, const void *buf, size_t size)
{
    const char *p = buf;
    while (size > 0) {
        ssize_t n = write(fd, p, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        p += n;
        size -= (size_t)n;
    }
    return 0;
}
