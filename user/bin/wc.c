/* wc [-l] [-w] [-c] [file...]: counts the lines, words and bytes of each
 * file, or of standard input, printed "lines words bytes name" (only the
 * counts asked for, in that order; all three when none is). With several
 * files, a "total" line follows.
 *
 * System calls: open, read. */
#include "util.h"

#include <ctype.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define USAGE "[-l] [-w] [-c] [file...]"

struct counts {
    unsigned long lines, words, bytes;
};

static int show_lines, show_words, show_bytes;

static int count(int fd, const char *name, struct counts *c)
{
    char buf[65536];
    int in_word = 0;
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n == 0)
            return 0;
        if (n < 0) {
            warn_errno(name);
            return -1;
        }
        c->bytes += (unsigned long)n;
        for (ssize_t i = 0; i < n; i++) {
            unsigned char ch = (unsigned char)buf[i];
            if (ch == '\n')
                c->lines++;
            if (isspace(ch)) {
                in_word = 0;
            } else if (!in_word) {
                in_word = 1;
                c->words++;
            }
        }
    }
}

static void print(const struct counts *c, const char *name)
{
    const char *space = "";
    if (show_lines) {
        printf("%lu", c->lines);
        space = " ";
    }
    if (show_words) {
        printf("%s%lu", space, c->words);
        space = " ";
    }
    if (show_bytes)
        printf("%s%lu", space, c->bytes);
    if (name)
        printf(" %s", name);
    printf("\n");
}

int main(int argc, char **argv)
{
    int c;
    while ((c = getopt(argc, argv, "lwc")) != -1) {
        switch (c) {
        case 'l': show_lines = 1; break;
        case 'w': show_words = 1; break;
        case 'c': show_bytes = 1; break;
        default: usage(USAGE);
        }
    }
    if (!show_lines && !show_words && !show_bytes)
        show_lines = show_words = show_bytes = 1;
    if (optind >= argc) {
        struct counts counts = { 0, 0, 0 };
        if (count(0, "-", &counts))
            return EXIT_FAIL;
        print(&counts, NULL);
        return EXIT_OK;
    }
    struct counts total = { 0, 0, 0 };
    int status = EXIT_OK;
    for (int i = optind; i < argc; i++) {
        int fd = strcmp(argv[i], "-") ? open(argv[i], O_RDONLY | O_CLOEXEC) : 0;
        if (fd < 0) {
            warn_errno(argv[i]);
            status = EXIT_FAIL;
            continue;
        }
        struct counts counts = { 0, 0, 0 };
        if (count(fd, argv[i], &counts))
            status = EXIT_FAIL;
        else
            print(&counts, argv[i]);
        if (fd)
            close(fd);
        total.lines += counts.lines;
        total.words += counts.words;
        total.bytes += counts.bytes;
    }
    if (argc - optind > 1)
        print(&total, "total");
    return status;
}
