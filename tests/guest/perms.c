/* perms: permission bits for a user who is not root. A child sets its
 * ids to nobody (65534) and finds EACCES where the bits say no: reading,
 * writing, executing, searching directories, creating and removing names;
 * EPERM for what only an owner or root may do (chmod, chown, utimes with
 * a time, the sticky bit of /tmp), and for mount and chroot. */
#include "tap.h"

#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>

#define DIR "/tmp/perms-test"
#define NOBODY 65534

static int make(const char *path, mode_t mode)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0)
        return -1;
    write(fd, "#!/bin/nothing\n", 15);
    close(fd);
    return chmod(path, mode);
}

/* Each check runs in a child that became nobody; it exits with the errno
 * it saw (0 for success). */
static int as_nobody(int (*check)(void))
{
    pid_t pid = fork();
    if (pid == 0) {
        if (setgid(NOBODY) != 0 || setuid(NOBODY) != 0)
            _exit(200);
        errno = 0;
        _exit(check() == -1 ? errno : 0);
    }
    int status;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 255;
}

static void expect(int got, int wanted, const char *what)
{
    if (!ok(got == wanted, "as nobody, %s: %s", what, wanted ? strerror(wanted) : "allowed"))
        why("got %d (%s)", got, got == 200 ? "could not become nobody" : strerror(got));
}

static int read_private(void) { return open(DIR "/private", O_RDONLY); }
static int write_readonly(void) { return open(DIR "/readable", O_WRONLY); }
static int read_readable(void) { return open(DIR "/readable", O_RDONLY); }
static int exec_plain(void)
{
    char *argv[] = { DIR "/plain", NULL };
    return execve(argv[0], argv, argv + 1);
}
static int search_closed(void) { return open(DIR "/closed/inside", O_RDONLY); }
static int list_unreadable(void) { return open(DIR "/unlistable", O_RDONLY | O_DIRECTORY); }
static int search_unreadable(void) { return open(DIR "/unlistable/inside", O_RDONLY); }
static int create_in_root_dir(void) { return open(DIR "/new", O_WRONLY | O_CREAT, 0600); }
static int mkdir_in_root_dir(void) { return mkdir(DIR "/newdir", 0755); }
static int unlink_in_root_dir(void) { return unlink(DIR "/readable"); }
static int create_in_open_dir(void) { return open(DIR "/open/mine", O_WRONLY | O_CREAT, 0600); }
static int chmod_not_mine(void) { return chmod(DIR "/readable", 0777); }
static int chown_mine(void) { return chown(DIR "/open/mine", 0, 0); }
static int chmod_mine(void) { return chmod(DIR "/open/mine", 0640); }
static int times_not_mine(void)
{
    struct timespec t[2] = { { 1, 0 }, { 1, 0 } };
    return utimensat(AT_FDCWD, DIR "/writable", t, 0);
}
static int now_writable(void) { return utimensat(AT_FDCWD, DIR "/writable", NULL, 0); }
static int sticky_unlink(void) { return unlink("/tmp/perms-sticky-root"); }
static int access_private(void) { return access(DIR "/private", R_OK); }
static int truncate_readonly(void) { return truncate(DIR "/readable", 0); }
static int mount_tmpfs(void) { return mount("none", DIR "/open", "tmpfs", 0, NULL); }
static int umount_tmp(void) { return umount("/tmp"); }
static int chroot_open(void) { return chroot(DIR "/open"); }
static int rename_out(void) { return rename(DIR "/readable", DIR "/open/stolen"); }
static int link_private(void) { return link(DIR "/private", DIR "/open/linked"); }

int main(void)
{
    plan(26);
    mkdir(DIR, 0755);
    make(DIR "/private", 0600);
    make(DIR "/readable", 0644);
    make(DIR "/writable", 0666);
    make(DIR "/plain", 0644);
    mkdir(DIR "/closed", 0700);
    make(DIR "/closed/inside", 0644);
    mkdir(DIR "/unlistable", 0711);
    make(DIR "/unlistable/inside", 0644);
    mkdir(DIR "/open", 0777);
    chmod(DIR "/open", 0777);
    make("/tmp/perms-sticky-root", 0666);

    expect(as_nobody(read_private), EACCES, "open for reading a file of mode 0600");
    expect(as_nobody(read_readable), 0, "open for reading a file of mode 0644");
    expect(as_nobody(write_readonly), EACCES, "open for writing a file of mode 0644");
    expect(as_nobody(truncate_readonly), EACCES, "truncate a file of mode 0644");
    expect(as_nobody(exec_plain), EACCES, "execve of a file without execute permission");
    expect(as_nobody(search_closed), EACCES, "open through a directory of mode 0700");
    expect(as_nobody(list_unreadable), EACCES, "open for listing a directory of mode 0711");
    expect(as_nobody(search_unreadable), 0, "open through a directory of mode 0711 (search only)");
    expect(as_nobody(create_in_root_dir), EACCES, "create a file in a directory of mode 0755");
    expect(as_nobody(mkdir_in_root_dir), EACCES, "mkdir in a directory of mode 0755");
    expect(as_nobody(unlink_in_root_dir), EACCES, "unlink in a directory of mode 0755");
    expect(as_nobody(rename_out), EACCES, "rename out of a directory of mode 0755");
    expect(as_nobody(create_in_open_dir), 0, "create a file in a directory of mode 0777");
    struct stat st;
    ok(stat(DIR "/open/mine", &st) == 0 && st.st_uid == NOBODY && st.st_gid == NOBODY, "the new file belongs to nobody");
    expect(as_nobody(chmod_mine), 0, "chmod of its own file");
    expect(as_nobody(chmod_not_mine), EPERM, "chmod of root's file");
    expect(as_nobody(chown_mine), EPERM, "chown of its own file to root");
    expect(as_nobody(times_not_mine), EPERM, "utimensat with a time on root's file");
    expect(as_nobody(now_writable), 0, "utimensat to now on a file it may write");
    expect(as_nobody(sticky_unlink), EPERM, "unlink of root's file in sticky /tmp");
    expect(as_nobody(access_private), EACCES, "access(R_OK) of a file of mode 0600");
    expect(as_nobody(link_private), EPERM, "link to root's file it may not read (protected hard links)");
    expect(as_nobody(mount_tmpfs), EPERM, "mount");
    expect(as_nobody(umount_tmp), EPERM, "umount");
    expect(as_nobody(chroot_open), EPERM, "chroot");
    unlink("/tmp/perms-sticky-root");
    ok(setuid(0) == 0 && getuid() == 0, "root stays root (setuid(0) as root)");
    return done();
}
