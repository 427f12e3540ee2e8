/* mmap_file: mappings of files. MAP_SHARED maps the file's own pages:
 * writes through a mapping are in the file and in every other mapping of
 * it (across fork, and in other processes that map it themselves), and
 * they stay valid after close and unlink. MAP_PRIVATE is copy-on-write:
 * it starts as the file and its writes are its own. msync succeeds. And
 * the errors: EACCES, ENODEV, EBADF, EINVAL, ENOMEM. */
#include "tap.h"

#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>

#define DIR "/tmp/mmap-test"
#define PAGE 4096

static int make(const char *path, size_t pages, char fill)
{
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
    char page[PAGE];
    memset(page, fill, sizeof page);
    for (size_t i = 0; i < pages; i++)
        write(fd, page, sizeof page);
    return fd;
}

static volatile char *beyond;

static int touch_beyond(void)
{
    beyond[0] = 1;
    return 0;
}

static char byte_at(int fd, off_t offset)
{
    char c = 0;
    pread(fd, &c, 1, offset);
    return c;
}

/* A write whose source is a mapping of the very hole it fills: the copy
 * faults the page in while writing it. The file must read as zeros then,
 * never as what the page held for someone else before (free memory is
 * filled with 0xA5 first, so stale bytes would show). */
static void hole_written_from_itself(int kind)
{
    size_t dirty_size = 4 << 20;
    char *dirty = mmap(NULL, dirty_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (dirty != MAP_FAILED) {
        memset(dirty, 0xA5, dirty_size);
        munmap(dirty, dirty_size);
    }
    int fd = open(DIR "/hole", O_RDWR | O_CREAT | O_TRUNC, 0600);
    ftruncate(fd, PAGE);
    char *hole = mmap(NULL, PAGE, PROT_READ, kind, fd, 0);
    ssize_t wrote = hole == MAP_FAILED ? -1 : pwrite(fd, hole, PAGE, 0);
    static char back[PAGE];
    ssize_t got = pread(fd, back, PAGE, 0);
    int zeros = got == PAGE;
    for (int i = 0; zeros && i < PAGE; i++)
        zeros = back[i] == 0;
    if (!ok(wrote == PAGE && zeros, "a page written from a %s mapping of its own hole reads as zeros",
            kind == MAP_PRIVATE ? "private" : "shared"))
        why("pwrite %zd, pread %zd, first byte 0x%02x", wrote, got, (unsigned char)back[0]);
    if (hole != MAP_FAILED)
        munmap(hole, PAGE);
    close(fd);
    unlink(DIR "/hole");
}

int main(void)
{
    plan(28);
    mkdir(DIR, 0755);

    int fd = make(DIR "/shared", 2, 'a');
    char *map = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    ok(map != MAP_FAILED && map[0] == 'a' && map[PAGE + 5] == 'a', "MAP_SHARED of a file shows its contents");
    map[10] = 'M';
    ok(byte_at(fd, 10) == 'M', "a write through the mapping is in the file (read sees it)");
    pwrite(fd, "W", 1, PAGE + 1);
    ok(map[PAGE + 1] == 'W', "a write to the file is in the mapping");
    char *second = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, PAGE);
    ok(second != MAP_FAILED && second[1] == 'W', "a second mapping at an offset shows the same page");

    pid_t pid = fork();
    if (pid == 0) {
        map[20] = 'C';
        _exit(0);
    }
    int status;
    waitpid(pid, &status, 0);
    ok(map[20] == 'C', "a child's write through the inherited mapping reaches the parent");
    pid = fork();
    if (pid == 0) {
        int own = open(DIR "/shared", O_RDWR);
        char *m = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, own, 0);
        if (m == MAP_FAILED)
            _exit(1);
        m[30] = 'O';
        _exit(m[10] == 'M' ? 0 : 2);
    }
    waitpid(pid, &status, 0);
    ok(exited_with(status, 0) && map[30] == 'O', "another process mapping the file itself shares the same pages");
    ok(msync(map, 2 * PAGE, MS_SYNC) == 0 && msync(map, PAGE, MS_ASYNC) == 0, "msync succeeds");
    fails_with(msync(map + 1, PAGE, MS_SYNC), EINVAL, "msync of an address that is not page-aligned");
    fails_with(msync(map, PAGE, MS_SYNC | MS_ASYNC), EINVAL, "msync with MS_SYNC and MS_ASYNC");

    close(fd);
    unlink(DIR "/shared");
    map[40] = 'U';
    ok(map[40] == 'U' && map[10] == 'M' && second[1] == 'W', "after close and unlink the mapping still works");
    pid = fork();
    if (pid == 0) {
        map[50] = 'K';
        _exit(0);
    }
    waitpid(pid, &status, 0);
    ok(map[50] == 'K', "and is still shared with a child");
    munmap(second, PAGE);
    munmap(map, 2 * PAGE);
    fails_with(msync(map, PAGE, MS_SYNC), ENOMEM, "msync of an unmapped range");

    /* Growing: a mapping longer than the file reaches new pages once the file grows. */
    fd = make(DIR "/grow", 1, 'g');
    map = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    beyond = map + PAGE;
    int st = in_child(touch_beyond);
    if (!ok(killed_by(st, SIGBUS), "touching a mapped page past the end of the file is SIGBUS"))
        why("child %s", status_text(st));
    ftruncate(fd, 2 * PAGE);
    map[PAGE + 7] = 'N';
    ok(byte_at(fd, PAGE + 7) == 'N', "after the file grows, its new page is mapped too");
    munmap(map, 2 * PAGE);
    close(fd);

    /* Private: copy-on-write. */
    fd = make(DIR "/private", 1, 'p');
    map = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    ok(map != MAP_FAILED && map[0] == 'p', "MAP_PRIVATE starts as the file");
    map[0] = 'X';
    ok(map[0] == 'X' && byte_at(fd, 0) == 'p', "its writes stay in the mapping; the file is unchanged");
    char *other = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, 0);
    ok(other != MAP_FAILED && other[0] == 'p', "a shared mapping of the file does not see them");
    pid = fork();
    if (pid == 0) {
        map[1] = 'Y';
        _exit(map[0] == 'X' ? 0 : 1);
    }
    waitpid(pid, &status, 0);
    ok(exited_with(status, 0) && map[1] == 'p', "after fork, a child's write to the private mapping is its own");
    munmap(map, PAGE);
    munmap(other, PAGE);
    close(fd);

    hole_written_from_itself(MAP_PRIVATE);
    hole_written_from_itself(MAP_SHARED);

    /* Errors. */
    fd = open(DIR "/private", O_RDONLY);
    fails_with((long)mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0), EACCES,
        "a writable shared mapping of a file open read-only");
    map = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, 0);
    ok(map != MAP_FAILED, "a read-only shared mapping of it");
    fails_with(mprotect(map, PAGE, PROT_READ | PROT_WRITE), EACCES, "mprotect making that mapping writable");
    munmap(map, PAGE);
    map = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    ok(map != MAP_FAILED, "a writable private mapping of a read-only file is fine");
    munmap(map, PAGE);
    close(fd);
    fd = open(DIR "/private", O_WRONLY);
    fails_with((long)mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, 0), EACCES, "a mapping of a file open write-only");
    close(fd);
    fd = open(DIR, O_RDONLY | O_DIRECTORY);
    fails_with((long)mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, fd, 0), ENODEV, "a mapping of a directory");
    close(fd);
    int fds[2];
    pipe(fds);
    fails_with((long)mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, fds[0], 0), ENODEV, "a mapping of a pipe");
    close(fds[0]), close(fds[1]);
    fails_with((long)mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, 999, 0), EBADF, "a mapping of a closed fd");
    return done();
}
