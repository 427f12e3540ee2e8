/* hello: the smallest user program. Built twice from this file, against
 * musl (/bin/hello) and against glibc (/bin/hello-glibc), to show that
 * static binaries of either C library run on Cleave. */
#include <stdio.h>

#ifndef HELLO_LIBC
#define HELLO_LIBC "musl"
#endif

int main(void)
{
    puts("hello from " HELLO_LIBC);
    return 0;
}
