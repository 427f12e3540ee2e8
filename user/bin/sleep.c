/* sleep seconds: waits that long; a fraction is allowed ("0.25").
 *
 * System calls: nanosleep (resumed with what is left if a signal handler
 * interrupts it; a signal without a handler simply ends the process). */
#include "util.h"

#include <errno.h>
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv)
{
    if (argc != 2)
        usage("seconds");
    char *end;
    double seconds = strtod(argv[1], &end);
    if (end == argv[1] || *end || !(seconds >= 0) || seconds > 2147483647.0)
        usage("seconds");
    struct timespec left;
    left.tv_sec = (time_t)seconds;
    left.tv_nsec = (long)((seconds - (double)left.tv_sec) * 1e9);
    while (nanosleep(&left, &left) != 0) {
        if (errno != EINTR)
            die_errno("nanosleep");
    }
    return EXIT_OK;
}
