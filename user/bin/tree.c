/* tree.c: copying and removing trees of files (cp, mv, rm).
 *
 * System calls: lstat, open, read, write, readlink, symlink, mkdir,
 * getdents64 (through opendir/readdir), fchmod, fchown, utimensat,
 * unlink, rmdir. */
#include "tree.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *join_path(const char *dir, const char *name)
{
    size_t n = strlen(dir);
    char *path = malloc(n + strlen(name) + 2);
    if (!path)
        die_errno("malloc");
    strcpy(path, dir);
    if (n == 0 || dir[n - 1] != '/')
        strcat(path, "/");
    strcat(path, name);
    return path;
}

char *last_component(const char *path)
{
    size_t end = strlen(path);
    while (end > 1 && path[end - 1] == '/')
        end--;
    size_t start = end;
    while (start > 0 && path[start - 1] != '/')
        start--;
    char *name = strndup(path + start, end - start);
    if (!name)
        die_errno("malloc");
    return name;
}

/* Owner and times of st onto path (not following a last symbolic link).
 * Failing to give away a file is not an error for a user who may not. */
static void preserve_attributes(const char *path, const struct stat *st)
{
    if (lchown(path, st->st_uid, st->st_gid) != 0 && errno != EPERM)
        warn_errno(path);
    struct timespec times[2] = { st->st_atim, st->st_mtim };
    if (utimensat(AT_FDCWD, path, times, AT_SYMLINK_NOFOLLOW) != 0)
        warn_errno(path);
}

static int copy_file(const char *from, const char *to, const struct stat *st)
{
    /* Opening the copy would empty the original if they were one file. */
    struct stat existing;
    if (stat(to, &existing) == 0 && existing.st_dev == st->st_dev && existing.st_ino == st->st_ino) {
        warn("%s and %s are the same file", from, to);
        return -1;
    }
    int in = open(from, O_RDONLY | O_CLOEXEC);
    if (in < 0) {
        warn_errno(from);
        return -1;
    }
    int out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, st->st_mode & 07777);
    if (out < 0) {
        warn_errno(to);
        close(in);
        return -1;
    }
    static char buf[65536];
    int result = 0;
    for (;;) {
        ssize_t n = read(in, buf, sizeof buf);
        if (n == 0)
            break;
        if (n < 0) {
            warn_errno(from);
            result = -1;
            break;
        }
        if (write_all(out, buf, (size_t)n) != 0) {
            warn_errno(to);
            result = -1;
            break;
        }
    }
    /* An existing file keeps its own mode on open; give it from's. */
    if (result == 0 && fchmod(out, st->st_mode & 07777) != 0) {
        warn_errno(to);
        result = -1;
    }
    close(in);
    if (close(out) != 0 && result == 0) {
        warn_errno(to);
        result = -1;
    }
    return result;
}

static int copy_link(const char *from, const char *to)
{
    char target[PATH_MAX];
    ssize_t n = readlink(from, target, sizeof target - 1);
    if (n < 0) {
        warn_errno(from);
        return -1;
    }
    target[n] = 0;
    if (symlink(target, to) != 0) {
        warn_errno(to);
        return -1;
    }
    return 0;
}

/* The names in a directory but "." and "..", read before anything is
 * changed in it: removing entries while reading a directory may make the
 * reading skip some. Returns a NULL-terminated array (malloc), or NULL
 * after a message. */
static char **read_names(const char *path)
{
    DIR *dir = opendir(path);
    if (!dir) {
        warn_errno(path);
        return NULL;
    }
    size_t count = 0, capacity = 16;
    char **names = malloc(capacity * sizeof *names);
    struct dirent *entry;
    while (names && (entry = readdir(dir))) {
        if (!strcmp(entry->d_name, ".") || !strcmp(entry->d_name, ".."))
            continue;
        if (count + 2 > capacity)
            names = realloc(names, (capacity *= 2) * sizeof *names);
        if (names && !(names[count++] = strdup(entry->d_name)))
            names = NULL;
    }
    closedir(dir);
    if (!names)
        die_errno("malloc");
    names[count] = NULL;
    return names;
}

static void free_names(char **names)
{
    for (char **n = names; *n; n++)
        free(*n);
    free(names);
}

static int copy_directory(const char *from, const char *to, const struct stat *st, int preserve)
{
    struct stat existing;
    if (mkdir(to, 0700) != 0 && !(errno == EEXIST && stat(to, &existing) == 0 && S_ISDIR(existing.st_mode))) {
        warn_errno(to);
        return -1;
    }
    char **names = read_names(from);
    if (!names)
        return -1;
    int result = 0;
    for (char **name = names; *name; name++) {
        char *source = join_path(from, *name), *target = join_path(to, *name);
        if (copy_path(source, target, 1, preserve) != 0)
            result = -1;
        free(source);
        free(target);
    }
    free_names(names);
    /* The mode last: a read-only directory could not have been filled. */
    if (chmod(to, st->st_mode & 07777) != 0) {
        warn_errno(to);
        result = -1;
    }
    return result;
}

int copy_path(const char *from, const char *to, int recursive, int preserve)
{
    struct stat st;
    if (lstat(from, &st) != 0) {
        warn_errno(from);
        return -1;
    }
    int result;
    if (S_ISDIR(st.st_mode)) {
        if (!recursive) {
            warn("%s: is a directory (not copied without -r)", from);
            return -1;
        }
        result = copy_directory(from, to, &st, preserve);
    } else if (S_ISLNK(st.st_mode)) {
        result = copy_link(from, to);
    } else if (S_ISREG(st.st_mode)) {
        result = copy_file(from, to, &st);
    } else {
        warn("%s: not a regular file, directory or symbolic link", from);
        return -1;
    }
    if (result == 0 && preserve)
        preserve_attributes(to, &st);
    return result;
}

int remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0) {
        warn_errno(path);
        return -1;
    }
    if (!S_ISDIR(st.st_mode)) {
        if (unlink(path) != 0) {
            warn_errno(path);
            return -1;
        }
        return 0;
    }
    char **names = read_names(path);
    if (!names)
        return -1;
    int result = 0;
    for (char **name = names; *name; name++) {
        char *child = join_path(path, *name);
        if (remove_tree(child) != 0)
            result = -1;
        free(child);
    }
    free_names(names);
    if (rmdir(path) != 0) {
        warn_errno(path);
        return -1;
    }
    return result;
}
