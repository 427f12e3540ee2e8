/* util_files: the utilities that change the file system: pwd, mkdir,
 * rmdir, rm, cp, mv (also across mounts), ln and touch (user/bin). Each
 * is run from /bin, and the test looks at what it did with stat(2):
 * what exists, its mode, its contents, its inode and its times; and at
 * its exit status and messages when it must fail. */
#include "utility.h"

#include <sched.h>
#include <sys/mount.h>
#include <time.h>

#define DIR "/tmp/util-files"

static void in_dir(void)
{
    if (chdir(DIR) != 0)
        _exit(124);
}

static mode_t mode_of(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0 ? st.st_mode : 0;
}

static void test_pwd(void)
{
    struct run r;
    struct run_setup there = { .prepare = in_dir };
    run_as(&r, &there, "/bin/pwd");
    expect_exactly(&r, 0, DIR "\n", "", "pwd prints the working directory");
    run(&r, "/bin/pwd", "extra");
    expect(&r, 2, "", "usage: pwd", "pwd with an operand is a usage error");
}

static void test_mkdir(void)
{
    struct run r;
    run(&r, "/bin/mkdir", DIR "/d");
    check_run(exited_with(r.status, 0) && S_ISDIR(mode_of(DIR "/d")), &r, "mkdir makes a directory");
    run(&r, "/bin/mkdir", "-p", DIR "/p/q/r");
    check_run(exited_with(r.status, 0) && S_ISDIR(mode_of(DIR "/p/q/r")), &r, "mkdir -p makes the parents too");
    run(&r, "/bin/mkdir", "-p", DIR "/p/q");
    expect_exactly(&r, 0, "", "", "mkdir -p of an existing directory succeeds");
    run(&r, "/bin/mkdir", DIR "/d");
    expect_exactly(&r, 1, "", "mkdir: " DIR "/d: File exists\n", "mkdir of an existing directory fails");
    run(&r, "/bin/mkdir", DIR "/none/x");
    expect_exactly(&r, 1, "", "mkdir: " DIR "/none/x: No such file or directory\n",
        "mkdir without its parent fails");
    run(&r, "/bin/mkdir", "-m", "710", DIR "/m");
    check_run(exited_with(r.status, 0) && (mode_of(DIR "/m") & 07777) == 0710, &r, "mkdir -m 710 gives that mode");
    run(&r, "/bin/mkdir");
    expect(&r, 2, "", "usage: mkdir", "mkdir without operands is a usage error");
}

static void test_rmdir(void)
{
    struct run r;
    run(&r, "/bin/rmdir", DIR "/m");
    check_run(exited_with(r.status, 0) && !exists(DIR "/m"), &r, "rmdir removes an empty directory");
    run(&r, "/bin/rmdir", DIR "/p");
    check_run(exited_with(r.status, 1) && exists(DIR "/p") && strstr(r.err, "rmdir: " DIR "/p: Directory not empty"),
        &r, "rmdir of a directory that holds something fails with ENOTEMPTY");
    run(&r, "/bin/rmdir", DIR "/missing");
    expect_exactly(&r, 1, "", "rmdir: " DIR "/missing: No such file or directory\n", "rmdir of a missing one fails");
    run(&r, "/bin/rmdir");
    expect(&r, 2, "", "usage: rmdir", "rmdir without operands is a usage error");
}

static void test_rm(void)
{
    struct run r;
    write_file(DIR "/f", "x", 0644);
    run(&r, "/bin/rm", DIR "/f");
    check_run(exited_with(r.status, 0) && !exists(DIR "/f"), &r, "rm removes a file");
    run(&r, "/bin/rm", DIR "/p");
    check_run(exited_with(r.status, 1) && exists(DIR "/p") && strstr(r.err, "rm: " DIR "/p: Is a directory"), &r,
        "rm of a directory without -r fails");
    write_file(DIR "/p/q/file", "x", 0644);
    symlink("/", DIR "/p/link");
    run(&r, "/bin/rm", "-r", DIR "/p");
    check_run(exited_with(r.status, 0) && !exists(DIR "/p") && exists("/bin/rm"), &r,
        "rm -r removes a tree (not what its links point to)");
    run(&r, "/bin/rm", DIR "/missing");
    expect_exactly(&r, 1, "", "rm: " DIR "/missing: No such file or directory\n", "rm of a missing file fails");
    run(&r, "/bin/rm", "-f", DIR "/missing");
    expect_exactly(&r, 0, "", "", "rm -f of a missing file is quiet and succeeds");
    run(&r, "/bin/rm");
    expect(&r, 2, "", "usage: rm", "rm without operands is a usage error");
}

static void test_cp(void)
{
    struct run r;
    char buf[256];
    write_file(DIR "/src", "contents\n", 0640);
    run(&r, "/bin/cp", DIR "/src", DIR "/dst");
    check_run(exited_with(r.status, 0) && !strcmp(read_file(DIR "/dst", buf, sizeof buf), "contents\n")
            && (mode_of(DIR "/dst") & 0777) == 0640,
        &r, "cp copies the contents and the permissions");
    run(&r, "/bin/cp", DIR "/src", DIR "/dst", DIR "/d");
    check_run(exited_with(r.status, 0) && !strcmp(read_file(DIR "/d/src", buf, sizeof buf), "contents\n")
            && exists(DIR "/d/dst"),
        &r, "cp of several files into a directory");
    mkdir(DIR "/tree", 0755);
    mkdir(DIR "/tree/sub", 0700);
    write_file(DIR "/tree/sub/leaf", "leaf\n", 0600);
    symlink("sub/leaf", DIR "/tree/link");
    run(&r, "/bin/cp", "-r", DIR "/tree", DIR "/copy");
    char target[64] = "";
    readlink(DIR "/copy/link", target, sizeof target - 1);
    check_run(exited_with(r.status, 0) && !strcmp(read_file(DIR "/copy/sub/leaf", buf, sizeof buf), "leaf\n")
            && (mode_of(DIR "/copy/sub") & 0777) == 0700 && S_ISLNK(mode_of(DIR "/copy/link"))
            && !strcmp(target, "sub/leaf"),
        &r, "cp -r copies a tree, modes and symbolic links as they are");
    run(&r, "/bin/cp", DIR "/tree", DIR "/copy2");
    check_run(exited_with(r.status, 1) && !exists(DIR "/copy2") && strstr(r.err, "cp: " DIR "/tree: is a directory"),
        &r, "cp of a directory without -r fails");
    run(&r, "/bin/cp", DIR "/src", DIR);
    check_run(exited_with(r.status, 1) && strstr(r.err, "cp: " DIR "/src and " DIR "/src are the same file")
            && !strcmp(read_file(DIR "/src", buf, sizeof buf), "contents\n"),
        &r, "cp of a file onto itself fails and leaves it whole");
    run(&r, "/bin/cp", DIR "/missing", DIR "/x");
    expect_exactly(&r, 1, "", "cp: " DIR "/missing: No such file or directory\n", "cp of a missing file fails");
    run(&r, "/bin/cp", DIR "/src");
    expect(&r, 2, "", "usage: cp", "cp with one operand is a usage error");
}

static void test_mv(void)
{
    struct run r;
    char buf[256];
    struct stat before, after;
    write_file(DIR "/a", "moved\n", 0644);
    stat(DIR "/a", &before);
    run(&r, "/bin/mv", DIR "/a", DIR "/b");
    check_run(exited_with(r.status, 0) && !exists(DIR "/a") && stat(DIR "/b", &after) == 0
            && after.st_ino == before.st_ino,
        &r, "mv renames: the same inode under the new name");
    run(&r, "/bin/mv", DIR "/b", DIR "/d");
    check_run(exited_with(r.status, 0) && !exists(DIR "/b") && !strcmp(read_file(DIR "/d/b", buf, sizeof buf), "moved\n"),
        &r, "mv into a directory");

    /* Another file system: rename gives EXDEV, mv copies and removes. */
    mkdir(DIR "/mnt", 0755);
    if (mount("none", DIR "/mnt", "tmpfs", 0, NULL) != 0)
        diag("mount tmpfs on " DIR "/mnt: %s", strerror(errno));
    write_file(DIR "/far", "far away\n", 0600);
    run(&r, "/bin/mv", DIR "/far", DIR "/mnt/far");
    check_run(exited_with(r.status, 0) && !exists(DIR "/far")
            && !strcmp(read_file(DIR "/mnt/far", buf, sizeof buf), "far away\n") && (mode_of(DIR "/mnt/far") & 0777) == 0600,
        &r, "mv across mounts copies the file and removes the original");
    run(&r, "/bin/mv", DIR "/tree", DIR "/mnt");
    check_run(exited_with(r.status, 0) && !exists(DIR "/tree")
            && !strcmp(read_file(DIR "/mnt/tree/sub/leaf", buf, sizeof buf), "leaf\n") && S_ISLNK(mode_of(DIR "/mnt/tree/link")),
        &r, "mv of a directory across mounts moves the whole tree");
    umount2(DIR "/mnt", MNT_DETACH);

    run(&r, "/bin/mv", DIR "/missing", DIR "/x");
    expect_exactly(&r, 1, "", "mv: " DIR "/missing: No such file or directory\n", "mv of a missing file fails");
    run(&r, "/bin/mv", DIR "/src");
    expect(&r, 2, "", "usage: mv", "mv with one operand is a usage error");
}

static void test_ln(void)
{
    struct run r;
    struct stat a, b;
    run(&r, "/bin/ln", DIR "/src", DIR "/hard");
    check_run(exited_with(r.status, 0) && stat(DIR "/src", &a) == 0 && stat(DIR "/hard", &b) == 0
            && a.st_ino == b.st_ino && b.st_nlink == 2,
        &r, "ln makes a second name for the same inode");
    run(&r, "/bin/ln", "-s", "src", DIR "/soft");
    char target[64] = "";
    readlink(DIR "/soft", target, sizeof target - 1);
    check_run(exited_with(r.status, 0) && S_ISLNK(mode_of(DIR "/soft")) && !strcmp(target, "src"), &r,
        "ln -s makes a symbolic link holding the target as given");
    run(&r, "/bin/ln", "-s", "elsewhere", DIR "/soft");
    expect_exactly(&r, 1, "", "ln: " DIR "/soft: File exists\n", "ln onto an existing name fails");
    run(&r, "/bin/ln", "-s", "src");
    expect(&r, 2, "", "usage: ln", "ln with one operand is a usage error");
}

static void test_touch(void)
{
    struct run r;
    struct stat st;
    run(&r, "/bin/touch", DIR "/new");
    check_run(exited_with(r.status, 0) && stat(DIR "/new", &st) == 0 && st.st_size == 0, &r,
        "touch makes an empty file");
    struct timespec old[2] = { { 1000000000, 0 }, { 1000000000, 0 } };
    utimensat(AT_FDCWD, DIR "/new", old, 0);
    time_t before = time(NULL);
    run(&r, "/bin/touch", DIR "/new");
    check_run(exited_with(r.status, 0) && stat(DIR "/new", &st) == 0 && st.st_mtime >= before - 1
            && st.st_atime >= before - 1,
        &r, "touch sets the times of an existing file to now");
    run(&r, "/bin/touch", "-c", DIR "/not-made");
    check_run(exited_with(r.status, 0) && !exists(DIR "/not-made"), &r, "touch -c does not make a file");
    run(&r, "/bin/touch", DIR "/missing/x");
    expect_exactly(&r, 1, "", "touch: " DIR "/missing/x: No such file or directory\n",
        "touch in a missing directory fails");
    run(&r, "/bin/touch");
    expect(&r, 2, "", "usage: touch", "touch without operands is a usage error");
}

int main(void)
{
    plan(42);
    /* A mount namespace of the test's own: its tmpfs mounts stay here. */
    if (unshare(CLONE_NEWNS) != 0 || mount("none", "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
        diag("a mount namespace of its own: %s", strerror(errno));
    struct run r;
    run(&r, "/bin/rm", "-rf", DIR);
    mkdir(DIR, 0755);
    umask(022);
    test_pwd();
    test_mkdir();
    test_rmdir();
    test_rm();
    test_cp();
    test_mv();
    test_ln();
    test_touch();
    run(&r, "/bin/rm", "-rf", DIR);
    ok(exited_with(r.status, 0) && !exists(DIR), "rm -rf cleans up the test's tree");
    return done();
}
