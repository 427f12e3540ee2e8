/* echo [-n] [word...]: writes its arguments, separated by spaces, and a
 * newline unless -n is given. Escapes such as \n are not interpreted.
 *
 * System calls: write (one call for the whole line). */
#include "util.h"

#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    int i = 1, newline = 1;
    if (i < argc && strcmp(argv[i], "-n") == 0) {
        newline = 0;
        i++;
    }
    size_t size = 1;
    for (int j = i; j < argc; j++)
        size += strlen(argv[j]) + 1;
    char *line = malloc(size);
    if (!line)
        die_errno("malloc");
    size_t length = 0;
    for (int j = i; j < argc; j++) {
        if (j > i)
            line[length++] = ' ';
        size_t n = strlen(argv[j]);
        memcpy(line + length, argv[j], n);
        length += n;
    }
    if (newline)
        line[length++] = '\n';
    if (write_all(1, line, length) != 0)
        die_errno("write error");
    return EXIT_OK;
}
