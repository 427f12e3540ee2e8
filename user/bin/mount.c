/* mount: lists the mounts, or mounts a file system.
 *
 *   mount                              every mount of this namespace, from
 *                                      /proc/mounts: SRC on DIR type TYPE (OPTIONS)
 *   mount -t TYPE [-o OPTS] SRC DIR    a new file system (tmpfs, proc, ...)
 *   mount --bind OLD NEW               OLD's tree seen at NEW as well
 *   mount --rbind OLD NEW              the same, with the mounts below OLD
 *   mount --move OLD NEW               a mount moved to another place
 *   mount -o remount[,ro|rw,...] DIR   new flags for a mounted file system
 *   mount --make-shared DIR            the propagation type of a mount:
 *     (and --make-slave, --make-private, --make-unbindable, and the
 *      recursive --make-rshared, --make-rslave, --make-rprivate,
 *      --make-runbindable, which change every mount below DIR too)
 *
 * Options of -o: ro, rw, nosuid, suid, nodev, dev, noexec, exec, noatime,
 * nodiratime, relatime, strictatime, remount, bind, rbind; anything else
 * (size=1m, mode=755, ...) goes to the file system as its data string.
 *
 * System calls: mount (one call, whose flags say which of these it is),
 * and read of /proc/mounts. See docs/mounts.md for how mounts propagate. */
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>

#define USAGE "[-t type] [-o options] [--bind|--rbind|--move] [source] dir\n" \
              "       mount --make-[r]shared|slave|private|unbindable dir"

/* The escapes of /proc/mounts ("\040" for a space) undone, in place. */
static void unescape(char *s)
{
    char *to = s;
    for (char *p = s; *p; p++) {
        if (p[0] == '\\' && p[1] >= '0' && p[1] <= '3' && p[2] >= '0' && p[2] <= '7' && p[3] >= '0' && p[3] <= '7') {
            *to++ = (char)((p[1] - '0') * 64 + (p[2] - '0') * 8 + (p[3] - '0'));
            p += 3;
        } else {
            *to++ = *p;
        }
    }
    *to = 0;
}

static int list(void)
{
    FILE *f = fopen("/proc/mounts", "re");
    if (!f)
        die_errno("/proc/mounts");
    char line[4096];
    while (fgets(line, sizeof line, f)) {
        char *source = strtok(line, " \n"), *dir = strtok(NULL, " \n");
        char *type = strtok(NULL, " \n"), *options = strtok(NULL, " \n");
        if (!source || !dir || !type || !options)
            continue;
        unescape(source);
        unescape(dir);
        printf("%s on %s type %s (%s)\n", source, dir, type, options);
    }
    fclose(f);
    return EXIT_OK;
}

/* The -o words that are flags of mount(2) rather than data. */
static const struct {
    const char *name;
    unsigned long set, clear;
} flag_words[] = {
    { "ro", MS_RDONLY, 0 },          { "rw", 0, MS_RDONLY },
    { "nosuid", MS_NOSUID, 0 },      { "suid", 0, MS_NOSUID },
    { "nodev", MS_NODEV, 0 },        { "dev", 0, MS_NODEV },
    { "noexec", MS_NOEXEC, 0 },      { "exec", 0, MS_NOEXEC },
    { "noatime", MS_NOATIME, 0 },    { "nodiratime", MS_NODIRATIME, 0 },
    { "relatime", MS_RELATIME, 0 },  { "strictatime", MS_STRICTATIME, 0 },
    { "remount", MS_REMOUNT, 0 },    { "bind", MS_BIND, 0 },
    { "rbind", MS_BIND | MS_REC, 0 }, { "defaults", 0, 0 },
};

/* Sorts the words of -o into flags and the data string (data must have
 * room for all of options). */
static void parse_options(char *options, unsigned long *flags, char *data)
{
    for (char *word = strtok(options, ","); word; word = strtok(NULL, ",")) {
        size_t i;
        for (i = 0; i < sizeof flag_words / sizeof flag_words[0]; i++) {
            if (strcmp(word, flag_words[i].name) == 0) {
                *flags = (*flags | flag_words[i].set) & ~flag_words[i].clear;
                break;
            }
        }
        if (i < sizeof flag_words / sizeof flag_words[0])
            continue;
        if (*data)
            strcat(data, ",");
        strcat(data, word);
    }
}

/* --make-TYPE and --make-rTYPE. */
static const struct {
    const char *option;
    unsigned long flags;
} propagation[] = {
    { "--make-shared", MS_SHARED },         { "--make-rshared", MS_SHARED | MS_REC },
    { "--make-slave", MS_SLAVE },           { "--make-rslave", MS_SLAVE | MS_REC },
    { "--make-private", MS_PRIVATE },       { "--make-rprivate", MS_PRIVATE | MS_REC },
    { "--make-unbindable", MS_UNBINDABLE }, { "--make-runbindable", MS_UNBINDABLE | MS_REC },
};

int main(int argc, char **argv)
{
    if (argc == 1)
        return list();
    const char *type = NULL;
    char *data = NULL;
    unsigned long flags = 0;
    char *operands[2];
    int count = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-t") && i + 1 < argc) {
            type = argv[++i];
        } else if (!strcmp(a, "-o") && i + 1 < argc) {
            char *options = argv[++i];
            size_t have = data ? strlen(data) : 0;
            char *grown = realloc(data, have + strlen(options) + 2);
            if (!grown)
                die_errno("malloc");
            grown[have] = 0;
            data = grown;
            parse_options(options, &flags, data);
        } else if (!strcmp(a, "--bind") || !strcmp(a, "-B")) {
            flags |= MS_BIND;
        } else if (!strcmp(a, "--rbind") || !strcmp(a, "-R")) {
            flags |= MS_BIND | MS_REC;
        } else if (!strcmp(a, "--move") || !strcmp(a, "-M")) {
            flags |= MS_MOVE;
        } else if (!strncmp(a, "--make-", 7)) {
            size_t j;
            for (j = 0; j < sizeof propagation / sizeof propagation[0]; j++)
                if (!strcmp(a, propagation[j].option))
                    break;
            if (j == sizeof propagation / sizeof propagation[0])
                usage(USAGE);
            flags |= propagation[j].flags;
        } else if (a[0] == '-' || count == 2) {
            usage(USAGE);
        } else {
            operands[count++] = argv[i];
        }
    }
    /* Which call this is decides what it needs: a change of propagation or
     * flags names only the mount; the others a source and a place. */
    const char *source = "none", *dir;
    if (flags & (MS_SHARED | MS_SLAVE | MS_PRIVATE | MS_UNBINDABLE | MS_REMOUNT)) {
        if (count != 1)
            usage(USAGE);
        dir = operands[0];
    } else {
        if (count != 2 || (!type && !(flags & (MS_BIND | MS_MOVE))))
            usage(USAGE);
        source = operands[0];
        dir = operands[1];
    }
    if (mount(source, dir, type, flags, data && *data ? data : NULL) != 0) {
        warn_errno(dir);
        return EXIT_FAIL;
    }
    return EXIT_OK;
}
