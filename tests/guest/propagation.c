/* propagation: shared subtrees within one namespace. A bind mount of a
 * shared mount is its peer: what is mounted under one appears under the
 * other, both ways, and goes away from both. A slave receives from its
 * master but sends nothing back; a private mount neither receives nor
 * sends; an unbindable one cannot be bound. mountinfo shows shared:N,
 * master:N and unbindable. As root, under /tmp/propagation-test. */
#include "tap.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/stat.h>

#define DIR "/tmp/propagation-test"

static char text[65536];

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

static int make(const char *path)
{
    int fd = open(path, O_WRONLY | O_CREAT, 0644);
    if (fd < 0)
        return -1;
    close(fd);
    return 0;
}

/* Mounts a tmpfs on `path` with a file named `marker` in it. */
static int mount_marked(const char *path, const char *marker)
{
    mkdir(path, 0755);
    if (mount("none", path, "tmpfs", 0, NULL) != 0)
        return -1;
    char file[256];
    snprintf(file, sizeof file, "%s/%s", path, marker);
    return make(file);
}

static int has(const char *directory, const char *marker)
{
    char file[256];
    snprintf(file, sizeof file, "%s/%s", directory, marker);
    return exists(file);
}

/* The optional fields of `point`'s mountinfo line (between the options and
 * " - "), e.g. " shared:3 master:1", in `fields`. */
static int optional_fields(const char *point, char *fields, size_t size)
{
    int fd = open("/proc/self/mountinfo", O_RDONLY);
    long used = 0, n;
    while ((n = read(fd, text + used, sizeof text - 1 - (size_t)used)) > 0)
        used += n;
    close(fd);
    text[used] = 0;
    int found = 0;
    for (char *p = text; *p;) {
        char *end = strchr(p, '\n');
        if (!end)
            break;
        *end = 0;
        char mountpoint[256], options[256];
        int consumed = 0;
        if (sscanf(p, "%*u %*u %*u:%*u %*s %255s %255s%n", mountpoint, options, &consumed) == 2
            && !strcmp(mountpoint, point)) {
            char *dash = strstr(p + consumed, " - ");
            size_t len = dash ? (size_t)(dash - (p + consumed)) : 0;
            if (len >= size)
                len = size - 1;
            memcpy(fields, p + consumed, len);
            fields[len] = 0;
            found = 1;
        }
        p = end + 1;
    }
    return found;
}

static unsigned tag(const char *fields, const char *name)
{
    const char *at = strstr(fields, name);
    return at ? (unsigned)strtoul(at + strlen(name), NULL, 10) : 0;
}

int main(void)
{
    plan(20);
    mkdir(DIR, 0755);
    char fa[128], fb[128];

    /* Shared: a and its bind b are peers. */
    mount_marked(DIR "/a", "a-root");
    succeeds(mount(NULL, DIR "/a", NULL, MS_SHARED, NULL), "mount --make-shared");
    mkdir(DIR "/b", 0755);
    succeeds(mount(DIR "/a", DIR "/b", NULL, MS_BIND, NULL), "bind the shared mount elsewhere");
    ok(optional_fields(DIR "/a", fa, sizeof fa) && optional_fields(DIR "/b", fb, sizeof fb) && tag(fa, "shared:")
            && tag(fa, "shared:") == tag(fb, "shared:"),
        "both are shared:N with the same N (peers)");
    mkdir(DIR "/a/x", 0755);
    mount_marked(DIR "/a/x", "from-a");
    ok(has(DIR "/b/x", "from-a"), "a mount under one peer appears under the other");
    mkdir(DIR "/b/y", 0755);
    mount_marked(DIR "/b/y", "from-b");
    ok(has(DIR "/a/y", "from-b"), "and the other way round");
    ok(optional_fields(DIR "/b/x", fb, sizeof fb) && tag(fb, "shared:"), "the propagated copy is shared too");
    succeeds(umount(DIR "/a/x"), "umount under one peer");
    ok(!has(DIR "/b/x", "from-a"), "takes the copy under the other away too");
    umount(DIR "/a/y");

    /* Slave: b receives from a, sends nothing back. */
    succeeds(mount(NULL, DIR "/b", NULL, MS_SLAVE, NULL), "mount --make-slave on the bind");
    ok(optional_fields(DIR "/a", fa, sizeof fa) && optional_fields(DIR "/b", fb, sizeof fb) && tag(fb, "master:")
            && tag(fb, "master:") == tag(fa, "shared:") && !tag(fb, "shared:"),
        "mountinfo: the slave says master:N, N its former peer group");
    mkdir(DIR "/a/z", 0755);
    mount_marked(DIR "/a/z", "to-slave");
    ok(has(DIR "/b/z", "to-slave"), "a mount under the master appears under the slave");
    mkdir(DIR "/b/w", 0755);
    mount_marked(DIR "/b/w", "from-slave");
    ok(!has(DIR "/a/w", "from-slave"), "a mount under the slave does not appear under the master");
    umount(DIR "/b/w");
    umount(DIR "/a/z");

    /* Private: nothing either way. */
    succeeds(mount(NULL, DIR "/b", NULL, MS_PRIVATE, NULL), "mount --make-private on the bind");
    ok(optional_fields(DIR "/b", fb, sizeof fb) && !tag(fb, "shared:") && !tag(fb, "master:"), "mountinfo: no shared:, no master:");
    mkdir(DIR "/a/p", 0755);
    mount_marked(DIR "/a/p", "private");
    ok(!has(DIR "/b/p", "private"), "a mount under the former master no longer appears");
    umount(DIR "/a/p");
    umount(DIR "/b");

    /* Unbindable. */
    succeeds(mount(NULL, DIR "/a", NULL, MS_UNBINDABLE, NULL), "mount --make-unbindable");
    ok(optional_fields(DIR "/a", fa, sizeof fa) && strstr(fa, "unbindable"), "mountinfo says unbindable");
    fails_with(mount(DIR "/a", DIR "/b", NULL, MS_BIND, NULL), EINVAL, "bind of an unbindable mount");
    fails_with(mount(NULL, DIR "/a", NULL, MS_SHARED | MS_PRIVATE, NULL), EINVAL, "two propagation types at once");
    fails_with(mount(NULL, DIR, NULL, MS_SHARED, NULL), EINVAL, "a propagation type for a directory that is not a mount point");
    umount(DIR "/a");
    return done();
}
