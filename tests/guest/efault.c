/* efault: bad pointers. Handed to a system call they give EFAULT (the
 * kernel never trusts a user address); dereferenced by the program itself
 * they kill it with SIGSEGV, and only it. */
#include "tap.h"

#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/utsname.h>

#define KERNEL_ADDRESS ((void *)0xC0000000u)

/* Addresses the compiler cannot see through, so that it emits the plain
 * memory access (and not a trap of its own for a NULL dereference). */
static volatile uintptr_t null_address = 0;
static volatile uintptr_t kernel_address = 0xC0000000u;
static volatile uintptr_t kernel_code = 0xC0100000u;

static void expect_efault(long r, const char *what)
{
    int e = errno;
    if (!ok(r == -1 && e == EFAULT, "%s gives EFAULT", what))
        why("returned %ld, errno %d (%s)", r, e, strerror(e));
}

static int read_kernel(void)
{
    return *(volatile int *)kernel_address == 0x1234 ? 3 : 4;
}

static int write_kernel(void)
{
    *(volatile int *)kernel_code = 0x1234;
    return 3;
}

static int read_null(void)
{
    return *(volatile int *)null_address == 0x1234 ? 3 : 4;
}

static int write_null(void)
{
    *(volatile int *)null_address = 0x1234;
    return 3;
}

static int write_text(void)
{
    *(volatile unsigned char *)(uintptr_t)&write_text = 0xc3;
    return 3;
}

static int call_kernel(void)
{
    void (*f)(void) = (void (*)(void))kernel_code;
    f();
    return 3;
}

int main(int argc, char **argv)
{
    (void)argc;
    plan(16);
    char buf[16] = { 0 };

    errno = 0;
    expect_efault(write(1, KERNEL_ADDRESS, 10), "write(1) from a kernel address");
    errno = 0;
    expect_efault(write(1, NULL, 10), "write(1) from NULL");
    errno = 0;
    expect_efault(write(1, (void *)(0xC0000000u - 4), 10), "write(1) from a buffer that runs into kernel space");

    void *hole = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (hole != MAP_FAILED)
        munmap(hole, 4096);
    errno = 0;
    expect_efault(hole == MAP_FAILED ? 0 : write(1, hole, 10), "write(1) from an unmapped user page");

    /* Reading a file (this program) rather than the console, which would
     * wait for input before it looks at the buffer. */
    int fd = open(argv[0], O_RDONLY);
    errno = 0;
    expect_efault(fd < 0 ? 0 : read(fd, KERNEL_ADDRESS, 10), "read() into a kernel address");
    errno = 0;
    expect_efault(fd < 0 ? 0 : read(fd, NULL, 10), "read() into NULL");
    ssize_t n = fd < 0 ? -1 : read(fd, buf, 4);
    if (!ok(n == 4 && !memcmp(buf, "\177ELF", 4), "the file reads normally afterwards"))
        why("open gave %d, read gave %zd, errno %d", fd, n, errno);
    if (fd >= 0)
        close(fd);

    errno = 0;
    expect_efault(syscall(SYS_uname, KERNEL_ADDRESS), "uname() into a kernel address");
    errno = 0;
    expect_efault(syscall(SYS_open, KERNEL_ADDRESS, O_RDONLY, 0), "open() of a path at a kernel address");
    errno = 0;
    char *args[] = { "x", NULL };
    expect_efault(syscall(SYS_execve, KERNEL_ADDRESS, args, args + 1), "execve() of a path at a kernel address");

    int st = in_child(read_kernel);
    if (!ok(killed_by(st, SIGSEGV), "reading kernel memory kills the process with SIGSEGV"))
        why("child %s", status_text(st));
    st = in_child(write_kernel);
    if (!ok(killed_by(st, SIGSEGV), "writing kernel memory kills the process with SIGSEGV"))
        why("child %s", status_text(st));
    st = in_child(call_kernel);
    if (!ok(killed_by(st, SIGSEGV), "jumping into kernel code kills the process with SIGSEGV"))
        why("child %s", status_text(st));
    st = in_child(read_null);
    if (!ok(killed_by(st, SIGSEGV), "reading through NULL kills the process with SIGSEGV"))
        why("child %s", status_text(st));
    st = in_child(write_null);
    if (!ok(killed_by(st, SIGSEGV), "writing through NULL kills the process with SIGSEGV"))
        why("child %s", status_text(st));
    st = in_child(write_text);
    if (!ok(killed_by(st, SIGSEGV), "writing to the program's own code kills the process with SIGSEGV"))
        why("child %s", status_text(st));
    return done();
}
