/* ls [-l] [-a] [-d] [path...]: lists directories (and names files).
 *
 *   -a  also the names that begin with a dot
 *   -d  a directory operand itself, not what it holds
 *   -l  the long format, one file a line:
 *
 *       drwxr-xr-x 2 alice alice 60 Jan  1  2024 notes
 *       lrwxrwxrwx 1 root  root   8 Mar  3 12:00 sh -> /bin/ash
 *
 *       type and permission bits, number of hard links, owner and group
 *       (names from /etc/passwd and /etc/group, or the numbers), size in
 *       bytes (major, minor for a device), modification time (hour and
 *       minute within six months, else the year; in UTC), name, and the
 *       target of a symbolic link.
 *
 * Names are sorted bytewise. Files named on the command line come first,
 * then each directory, introduced by "name:" when there are several.
 *
 * System calls: getdents64 (through opendir/readdir), stat and lstat (the
 * kernel's inode fields: mode, nlink, uid, gid, size, times), readlink. */
#include "util.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#define USAGE "[-l] [-a] [-d] [path...]"

static int long_format, all, directory_itself;

/* One name to show: as printed, and where to find it. */
struct entry {
    char *name;
    char *path;
    struct stat st;
};

/* ---- the long format ------------------------------------------------------ */

static void mode_string(mode_t mode, char *s)
{
    s[0] = S_ISDIR(mode) ? 'd' : S_ISLNK(mode) ? 'l' : S_ISCHR(mode) ? 'c' : S_ISBLK(mode) ? 'b'
         : S_ISFIFO(mode) ? 'p' : S_ISSOCK(mode) ? 's' : '-';
    const char *rwx = "rwxrwxrwx";
    for (int i = 0; i < 9; i++)
        s[1 + i] = mode & (0400 >> i) ? rwx[i] : '-';
    /* set-uid, set-gid and sticky take the place of an x: lower case if
     * the x is there too. */
    if (mode & S_ISUID)
        s[3] = mode & S_IXUSR ? 's' : 'S';
    if (mode & S_ISGID)
        s[6] = mode & S_IXGRP ? 's' : 'S';
    if (mode & S_ISVTX)
        s[9] = mode & S_IXOTH ? 't' : 'T';
    s[10] = 0;
}

/* The owner's name, or the number: the last answer is kept, as a
 * directory's files mostly have one owner. */
static const char *owner_name(uid_t uid)
{
    static char name[64];
    static uid_t cached = (uid_t)-1;
    static int valid;
    if (!valid || cached != uid) {
        struct user u;
        if (user_by_uid(uid, &u) == 0 && u.name[0])
            snprintf(name, sizeof name, "%s", u.name);
        else
            snprintf(name, sizeof name, "%u", (unsigned)uid);
        cached = uid;
        valid = 1;
    }
    return name;
}

static const char *group_of(gid_t gid)
{
    static char name[64];
    static gid_t cached = (gid_t)-1;
    static int valid;
    if (!valid || cached != gid) {
        if (group_name(gid, name, sizeof name) != 0)
            snprintf(name, sizeof name, "%u", (unsigned)gid);
        cached = gid;
        valid = 1;
    }
    return name;
}

static void time_string(time_t t, char *s, size_t size)
{
    /* Recent files show the time of day, older (or future) ones the year. */
    time_t now = time(NULL);
    const time_t six_months = 365 * 24 * 3600 / 2;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(s, size, t <= now && now - t < six_months ? "%b %e %H:%M" : "%b %e  %Y", &tm);
}

static void size_string(const struct stat *st, char *s, size_t size)
{
    if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode))
        snprintf(s, size, "%u, %u", major(st->st_rdev), minor(st->st_rdev));
    else
        snprintf(s, size, "%lld", (long long)st->st_size);
}

static int digits(unsigned long long n)
{
    int d = 1;
    while (n >= 10) {
        n /= 10;
        d++;
    }
    return d;
}

/* Prints the entries, in the long format with aligned columns or one
 * name a line. */
static void print_entries(struct entry *e, size_t count)
{
    if (!long_format) {
        for (size_t i = 0; i < count; i++)
            printf("%s\n", e[i].name);
        return;
    }
    int links_width = 1, owner_width = 1, group_width = 1, size_width = 1;
    char text[64];
    for (size_t i = 0; i < count; i++) {
        int w = digits(e[i].st.st_nlink);
        links_width = w > links_width ? w : links_width;
        w = (int)strlen(owner_name(e[i].st.st_uid));
        owner_width = w > owner_width ? w : owner_width;
        w = (int)strlen(group_of(e[i].st.st_gid));
        group_width = w > group_width ? w : group_width;
        size_string(&e[i].st, text, sizeof text);
        w = (int)strlen(text);
        size_width = w > size_width ? w : size_width;
    }
    for (size_t i = 0; i < count; i++) {
        const struct stat *st = &e[i].st;
        char mode[11], when[32];
        mode_string(st->st_mode, mode);
        time_string(st->st_mtime, when, sizeof when);
        size_string(st, text, sizeof text);
        printf("%s %*lu ", mode, links_width, (unsigned long)st->st_nlink);
        printf("%-*s ", owner_width, owner_name(st->st_uid));
        printf("%-*s ", group_width, group_of(st->st_gid));
        printf("%*s %s %s", size_width, text, when, e[i].name);
        if (S_ISLNK(st->st_mode)) {
            char target[PATH_MAX];
            ssize_t n = readlink(e[i].path, target, sizeof target - 1);
            if (n >= 0) {
                target[n] = 0;
                printf(" -> %s", target);
            }
        }
        printf("\n");
    }
}

/* ---- gathering ------------------------------------------------------------ */

static int by_name(const void *a, const void *b)
{
    return strcmp(((const struct entry *)a)->name, ((const struct entry *)b)->name);
}

static void free_entries(struct entry *e, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        free(e[i].name);
        free(e[i].path);
    }
    free(e);
}

/* Lists what directory `path` holds; 0, or -1 after a message. */
static int list_directory(const char *path)
{
    DIR *dir = opendir(path);
    if (!dir) {
        warn_errno(path);
        return -1;
    }
    size_t count = 0, capacity = 16;
    struct entry *e = malloc(capacity * sizeof *e);
    int status = 0;
    struct dirent *d;
    while (e && (d = readdir(dir))) {
        if (d->d_name[0] == '.' && !all)
            continue;
        if (count == capacity && !(e = realloc(e, (capacity *= 2) * sizeof *e)))
            break;
        struct entry *n = &e[count];
        n->name = strdup(d->d_name);
        n->path = malloc(strlen(path) + strlen(d->d_name) + 2);
        if (!n->name || !n->path)
            die_errno("malloc");
        sprintf(n->path, "%s/%s", path, d->d_name);
        /* Only the long format needs more than the name. */
        if (long_format && lstat(n->path, &n->st) != 0) {
            warn_errno(n->path);
            status = -1;
            free(n->name);
            free(n->path);
            continue;
        }
        count++;
    }
    closedir(dir);
    if (!e)
        die_errno("malloc");
    qsort(e, count, sizeof *e, by_name);
    if (long_format) {
        unsigned long long blocks = 0;
        for (size_t i = 0; i < count; i++)
            blocks += (unsigned long long)e[i].st.st_blocks;
        printf("total %llu\n", blocks / 2); /* st_blocks counts 512-byte units */
    }
    print_entries(e, count);
    free_entries(e, count);
    return status;
}

int main(int argc, char **argv)
{
    int c;
    while ((c = getopt(argc, argv, "lad")) != -1) {
        switch (c) {
        case 'l': long_format = 1; break;
        case 'a': all = 1; break;
        case 'd': directory_itself = 1; break;
        default: usage(USAGE);
        }
    }
    char *dot[] = { ".", NULL };
    char **operands = optind < argc ? argv + optind : dot;
    int count = optind < argc ? argc - optind : 1;

    /* Sort the operands into files (shown at once) and directories. */
    struct entry *files = calloc((size_t)count, sizeof *files);
    struct entry *dirs = calloc((size_t)count, sizeof *dirs);
    if (!files || !dirs)
        die_errno("malloc");
    size_t file_count = 0, dir_count = 0;
    int status = EXIT_OK;
    for (int i = 0; i < count; i++) {
        struct stat st;
        /* A symbolic link named on the command line is followed, unless
         * the link itself is what is asked about (-l, -d); a dangling one
         * is shown as a link. */
        int r = long_format || directory_itself ? lstat(operands[i], &st) : stat(operands[i], &st);
        if (r != 0 && lstat(operands[i], &st) != 0) {
            warn_errno(operands[i]);
            status = EXIT_FAIL;
            continue;
        }
        struct entry *e = S_ISDIR(st.st_mode) && !directory_itself ? &dirs[dir_count++] : &files[file_count++];
        e->name = strdup(operands[i]);
        e->path = strdup(operands[i]);
        if (!e->name || !e->path)
            die_errno("malloc");
        e->st = st;
    }
    qsort(files, file_count, sizeof *files, by_name);
    qsort(dirs, dir_count, sizeof *dirs, by_name);
    print_entries(files, file_count);
    int titles = count > 1;
    for (size_t i = 0; i < dir_count; i++) {
        if (file_count || i > 0)
            printf("\n");
        if (titles)
            printf("%s:\n", dirs[i].name);
        fflush(stdout);
        if (list_directory(dirs[i].path) != 0)
            status = EXIT_FAIL;
    }
    free_entries(files, file_count);
    free_entries(dirs, dir_count);
    return status;
}
