/* grep [-v] [-c] [-i] [-n] string [file...]: prints the lines of each
 * file (or of standard input) that contain string: a fixed string, not a
 * pattern. -v: the lines that do not; -c: only how many lines matched;
 * -i: ignoring case; -n: each line with its number. With several files,
 * each line (or count) is prefixed by the file's name.
 *
 * Exit status: 0 a line was selected, 1 none was, 2 an error (as every
 * grep: a script can tell "not found" from "could not look").
 *
 * System calls: open, read (through stdio's buffer), write. */
#include "util.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define USAGE "[-v] [-c] [-i] [-n] string [file...]"

static int invert, count_only, ignore_case, numbers, with_names;
static const char *needle;

/* Searches one stream; returns how many lines were selected. */
static unsigned long search(FILE *f, const char *name)
{
    char *line = NULL;
    size_t capacity = 0;
    ssize_t length;
    unsigned long number = 0, selected = 0;
    while ((length = getline(&line, &capacity, f)) >= 0) {
        number++;
        /* A line is matched without its newline. */
        int had_newline = length > 0 && line[length - 1] == '\n';
        if (had_newline)
            line[length - 1] = 0;
        int found = (ignore_case ? strcasestr(line, needle) : strstr(line, needle)) != NULL;
        if (found == invert)
            continue;
        selected++;
        if (count_only)
            continue;
        if (with_names)
            printf("%s:", name);
        if (numbers)
            printf("%lu:", number);
        printf("%s\n", line);
    }
    free(line);
    if (count_only) {
        if (with_names)
            printf("%s:", name);
        printf("%lu\n", selected);
    }
    return selected;
}

int main(int argc, char **argv)
{
    int c;
    while ((c = getopt(argc, argv, "vcin")) != -1) {
        switch (c) {
        case 'v': invert = 1; break;
        case 'c': count_only = 1; break;
        case 'i': ignore_case = 1; break;
        case 'n': numbers = 1; break;
        default: usage(USAGE);
        }
    }
    if (optind >= argc)
        usage(USAGE);
    needle = argv[optind++];
    with_names = argc - optind > 1;
    unsigned long selected = 0;
    int error = 0;
    if (optind >= argc)
        selected += search(stdin, "(standard input)");
    for (int i = optind; i < argc; i++) {
        if (!strcmp(argv[i], "-")) {
            selected += search(stdin, "(standard input)");
            continue;
        }
        FILE *f = fopen(argv[i], "re");
        if (!f) {
            warn_errno(argv[i]);
            error = 1;
            continue;
        }
        selected += search(f, argv[i]);
        if (ferror(f)) {
            warn_errno(argv[i]);
            error = 1;
        }
        fclose(f);
    }
    if (fflush(stdout) != 0)
        error = 1;
    return error ? 2 : selected ? 0 : 1;
}
