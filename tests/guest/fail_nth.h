/* fail_nth.h: Cleave's fault injection from a guest test. Writing N to
 * /proc/self/fail-nth makes this task's Nth allocation in the kernel from
 * then on fail once (kernel/lib/fault_injection.h); reading it gives what
 * is left of the countdown, 0 once the fault has fired. Linux has the file
 * only with fault injection built in, so tests skip these checks there.
 * Header-only, for tap.h's tests. */
#pragma once
#include "tap.h"

#include <fcntl.h>

/* Reads a small file whole into buffer, NUL-terminated; 0, or -1. */
TAP_FN int read_file(const char *path, char *buffer, size_t size)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    ssize_t n = read(fd, buffer, size - 1);
    close(fd);
    if (n < 0)
        return -1;
    buffer[n] = 0;
    return 0;
}

/* Arms the fault: this task's nth allocation from now on fails. 0, or -1. */
TAP_FN int set_fail_nth(int n)
{
    int fd = open("/proc/self/fail-nth", O_WRONLY);
    if (fd < 0)
        return -1;
    char text[16];
    int length = snprintf(text, sizeof text, "%d", n);
    int r = write(fd, text, length) == length ? 0 : -1;
    close(fd);
    return r;
}
