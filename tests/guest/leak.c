/* leak: process creation and teardown give back every page. 1000 fork,
 * exit, wait cycles, 100 fork, exec, exit, wait cycles, 1000 mmap, touch,
 * munmap cycles, 1000 pipes and 200 files (written, mapped, removed) must
 * leave exactly as much free memory (sysinfo) as there was before them.
 *
 * The exact comparison is made on Cleave only (its uname release contains
 * "cleave"): elsewhere free memory moves for reasons of its own (caches,
 * per-CPU lists), so those results are skipped and only the rest runs.
 */
#include "tap.h"

#include <ctype.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>

#define EXEC_CHILD "leak-exec-child"

static int on_cleave;

static unsigned long long free_bytes(void)
{
    struct sysinfo si;
    if (sysinfo(&si) != 0)
        return 0;
    return (unsigned long long)si.freeram * si.mem_unit;
}

/* Returns how many of n fork/exit/wait cycles went wrong. */
static int fork_cycles(int n)
{
    int bad = 0;
    for (int i = 0; i < n; i++) {
        pid_t pid = fork();
        if (pid == 0)
            _exit(i & 0x7f);
        int status = -1;
        if (pid < 0 || waitpid(pid, &status, 0) != pid || !exited_with(status, i & 0x7f))
            bad++;
    }
    return bad;
}

static int exec_cycles(const char *self, int n)
{
    int bad = 0;
    for (int i = 0; i < n; i++) {
        pid_t pid = fork();
        if (pid == 0) {
            char *argv[] = { (char *)self, EXEC_CHILD, NULL };
            char *envp[] = { NULL };
            execve(self, argv, envp);
            _exit(126);
        }
        int status = -1;
        if (pid < 0 || waitpid(pid, &status, 0) != pid || !exited_with(status, 0))
            bad++;
    }
    return bad;
}

static int mmap_cycles(int n)
{
    int bad = 0;
    for (int i = 0; i < n; i++) {
        size_t size = 16 * 4096;
        volatile unsigned char *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) {
            bad++;
            continue;
        }
        for (size_t off = 0; off < size; off += 4096)
            p[off] = (unsigned char)i;
        if (munmap((void *)p, size) != 0)
            bad++;
    }
    return bad;
}

static int pipe_cycles(int n)
{
    int bad = 0;
    for (int i = 0; i < n; i++) {
        int fds[2];
        char c;
        if (pipe(fds) != 0) {
            bad++;
            continue;
        }
        if (write(fds[1], "x", 1) != 1 || read(fds[0], &c, 1) != 1)
            bad++;
        close(fds[0]);
        close(fds[1]);
    }
    return bad;
}

/* A file of three pages, mapped shared and written through the mapping,
 * then closed and removed while mapped, then unmapped. */
static int file_cycles(int n)
{
    int bad = 0;
    static char data[3 * 4096];
    for (int i = 0; i < n; i++) {
        int fd = open("/tmp/leak-file", O_RDWR | O_CREAT | O_TRUNC, 0644);
        if (fd < 0 || write(fd, data, sizeof data) != (ssize_t)sizeof data) {
            bad++;
            continue;
        }
        char *map = mmap(NULL, sizeof data, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        close(fd);
        unlink("/tmp/leak-file");
        if (map == MAP_FAILED) {
            bad++;
            continue;
        }
        map[5000] = (char)i;
        munmap(map, sizeof data);
    }
    return bad;
}

static void compare(unsigned long long before, unsigned long long after, const char *what)
{
    char description[160];
    snprintf(description, sizeof description, "free memory is the same after %s", what);
    if (!on_cleave) {
        diag("free memory before %llu, after %llu bytes", before, after);
        skip("not Cleave (free memory fluctuates)", description);
        return;
    }
    if (!ok(before != 0 && before == after, "%s", description))
        why("free memory before %llu, after %llu bytes (%lld)", before, after, (long long)(after - before));
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], EXEC_CHILD))
        return 0;

    struct utsname u;
    if (uname(&u) == 0) {
        for (char *c = u.release; *c; c++)
            *c = (char)tolower((unsigned char)*c);
        on_cleave = strstr(u.release, "cleave") != NULL;
    }

    plan(11);
    int bad = fork_cycles(10) + exec_cycles(argv[0], 2) + mmap_cycles(10) + pipe_cycles(10) + file_cycles(10); /* warm-up */
    if (!ok(bad == 0 && free_bytes() > 0, "warm-up: 10 fork cycles, 2 exec cycles, 10 of mmap, pipe and file cycles; sysinfo works"))
        why("%d cycles went wrong", bad);

    unsigned long long before = free_bytes();
    bad = fork_cycles(1000);
    unsigned long long after = free_bytes();
    if (!ok(bad == 0, "1000 fork, exit, wait cycles"))
        why("%d of them went wrong", bad);
    compare(before, after, "1000 fork cycles");

    before = free_bytes();
    bad = exec_cycles(argv[0], 100);
    after = free_bytes();
    if (!ok(bad == 0, "100 fork, exec, exit, wait cycles"))
        why("%d of them went wrong", bad);
    compare(before, after, "100 exec cycles");

    before = free_bytes();
    bad = mmap_cycles(1000);
    after = free_bytes();
    if (!ok(bad == 0, "1000 mmap, touch, munmap cycles of 64 KiB"))
        why("%d of them went wrong", bad);
    compare(before, after, "1000 mmap cycles");

    before = free_bytes();
    bad = pipe_cycles(1000);
    after = free_bytes();
    if (!ok(bad == 0, "1000 pipe, write, read, close cycles"))
        why("%d of them went wrong", bad);
    compare(before, after, "1000 pipe cycles");

    before = free_bytes();
    bad = file_cycles(200);
    after = free_bytes();
    if (!ok(bad == 0, "200 cycles of a 3-page file written, mapped, closed, removed, unmapped"))
        why("%d of them went wrong", bad);
    compare(before, after, "200 file cycles");
    return done();
}
