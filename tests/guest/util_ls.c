/* util_ls: ls (user/bin/ls.c). The names of a directory sorted, with and
 * without the dot files; -d; several operands; the long format field by
 * field (mode string, links, owner and group names, size, time, name,
 * "-> target"); a device's numbers; a missing operand and a bad option.
 * On Cleave, also that the root file system gives /home/alice to alice
 * (tools/lib/mkinitrd). */
#include "utility.h"

#include <sched.h>
#include <sys/mount.h>

#define DIR "/tmp/util-ls"

/* 2024-01-01 00:00:00 UTC: old enough to be shown with its year. */
#define NEW_YEAR_2024 1704067200

#define MAX_FIELDS 12

/* The fields (split at spaces) of the line of `out` about `name`: mode
 * links owner group size (or "major," minor) month day time-or-year name
 * [-> target]. Returns how many, or 0 if there is no such line. */
static int long_line(const char *out, const char *name, char fields[MAX_FIELDS][64])
{
    for (const char *line = out; *line;) {
        const char *end = strchr(line, '\n');
        size_t length = end ? (size_t)(end - line) : strlen(line);
        char text[512], *save = NULL;
        snprintf(text, sizeof text, "%.*s", (int)length, line);
        int n = 0;
        for (char *word = strtok_r(text, " ", &save); word && n < MAX_FIELDS; word = strtok_r(NULL, " ", &save))
            snprintf(fields[n++], 64, "%s", word);
        int link = n >= 11 && !strcmp(fields[n - 2], "->");
        if (n >= 9 && !strcmp(fields[link ? n - 3 : n - 1], name))
            return n;
        line += length + (end ? 1 : 0);
    }
    return 0;
}

/* Checks the fields of name's line against the expected ones (NULL: any). */
static void expect_fields(const struct run *r, const char *name, const char *const want[], int count, const char *what)
{
    char fields[MAX_FIELDS][64];
    int n = long_line(r->out, name, fields);
    int good = exited_with(r->status, 0) && n == count;
    for (int i = 0; good && i < count; i++) {
        if (want[i] && strcmp(fields[i], want[i])) {
            diag("field %d is [%s], not [%s]", i + 1, fields[i], want[i]);
            good = 0;
        }
    }
    if (!ok(good, "%s", what)) {
        diag("line of %s: %d fields", name, n);
        show_run(r);
    }
}

static void make_tree(void)
{
    struct timespec then[2] = { { NEW_YEAR_2024, 0 }, { NEW_YEAR_2024, 0 } };
    mkdir(DIR, 0755);
    write_file(DIR "/b", "12345", 0644);
    write_file(DIR "/a", "1", 0640);
    write_file(DIR "/.hidden", "", 0600);
    mkdir(DIR "/c", 0750);
    symlink("a", DIR "/l");
    chown(DIR "/b", 65534, 65534);
    chmod(DIR "/b", 04755);
    utimensat(AT_FDCWD, DIR "/a", then, 0);
    utimensat(AT_FDCWD, DIR "/b", then, 0);
}

int main(void)
{
    plan(16);
    if (unshare(CLONE_NEWNS) != 0 || mount("none", "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
        diag("a mount namespace of its own: %s", strerror(errno));
    /* A fresh tmpfs: no other test's files, and Linux's and Cleave's
     * directories look alike. */
    mkdir(DIR, 0755);
    if (mount("none", DIR, "tmpfs", 0, NULL) != 0)
        diag("mount tmpfs on " DIR ": %s", strerror(errno));
    make_tree();
    struct run r;

    run(&r, "/bin/ls", DIR);
    expect_exactly(&r, 0, "a\nb\nc\nl\n", "", "ls lists the names sorted, without dot files");
    run(&r, "/bin/ls", "-a", DIR);
    expect_exactly(&r, 0, ".\n..\n.hidden\na\nb\nc\nl\n", "", "ls -a lists the dot files too, . and .. among them");
    run(&r, "/bin/ls", "-d", DIR);
    expect_exactly(&r, 0, DIR "\n", "", "ls -d names the directory itself");
    run(&r, "/bin/ls", DIR "/c", DIR "/a", DIR "/l");
    expect_exactly(&r, 0, DIR "/a\n" DIR "/l\n\n" DIR "/c:\n", "",
        "ls of several operands: the files, then each directory under its name");

    run(&r, "/bin/ls", "-l", DIR);
    check_run(exited_with(r.status, 0) && !strncmp(r.out, "total ", 6), &r, "ls -l of a directory begins with its total");
    expect_fields(&r, "a", (const char *const[]){ "-rw-r-----", "1", "root", "root", "1", "Jan", "1", "2024", "a" }, 9,
        "ls -l: a file's mode, links, owner, group, size, date and name");
    expect_fields(&r, "b", (const char *const[]){ "-rwsr-xr-x", "1", "nobody", "nogroup", "5", "Jan", "1", "2024", "b" },
        9, "ls -l: set-uid shows as s; owner and group by name from /etc/passwd and /etc/group");
    expect_fields(&r, "c", (const char *const[]){ "drwxr-x---", "2", "root", "root", NULL, NULL, NULL, NULL, "c" }, 9,
        "ls -l: a directory, with its two links");
    expect_fields(&r, "l", (const char *const[]){ "lrwxrwxrwx", "1", "root", "root", "1", NULL, NULL, NULL, "l", "->", "a" },
        11, "ls -l: a symbolic link with -> and its target");
    char fields[MAX_FIELDS][64];
    int n = long_line(r.out, "l", fields);
    check_run(n > 7 && strchr(fields[7], ':'), &r, "ls -l: a recent file shows the time of day, not the year");

    run(&r, "/bin/ls", "-ld", DIR "/c");
    expect_fields(&r, DIR "/c", (const char *const[]){ "drwxr-x---", NULL, "root", "root", NULL, NULL, NULL, NULL, DIR "/c" },
        9, "ls -ld: the directory itself, in the long format");
    run(&r, "/bin/ls", "-l", "/dev/null");
    expect_fields(&r, "/dev/null", (const char *const[]){ "crw-rw-rw-", "1", "root", "root", "1,", "3", NULL, NULL, NULL, "/dev/null" },
        10, "ls -l: a character device shows major, minor instead of a size");

    run(&r, "/bin/ls", DIR "/missing", DIR "/a");
    expect_exactly(&r, 1, DIR "/a\n", "ls: " DIR "/missing: No such file or directory\n",
        "ls of a missing operand: message, status 1, the others still listed");
    run(&r, "/bin/ls", "-z");
    expect(&r, 2, "", "usage: ls", "ls -z is a usage error");
    run(&r, "/bin/ls", "-l", "/etc/passwd");
    expect_fields(&r, "/etc/passwd", (const char *const[]){ "-rw-r--r--", "1", "root", "root", NULL, NULL, NULL, NULL, "/etc/passwd" },
        9, "ls -l of a file operand");

    if (running_on_cleave()) {
        run(&r, "/bin/ls", "-ld", "/home/alice");
        expect_fields(&r, "/home/alice",
            (const char *const[]){ "drwxr-xr-x", NULL, "alice", "alice", NULL, NULL, NULL, NULL, "/home/alice" }, 9,
            "the root file system gives /home/alice to alice");
    } else {
        skip("the Linux VM has no /home/alice", "the root file system gives /home/alice to alice");
    }
    umount2(DIR, MNT_DETACH);
    rmdir(DIR);
    return done();
}
