/* memory: the program break (brk) and anonymous mappings (mmap, munmap,
 * mprotect, madvise) as a user sees them, including the faults that
 * unmapped or protected memory must cause.
 *
 * brk is called directly (musl's brk() refuses on purpose), and nothing
 * here calls malloc, which could be using the break too.
 */
#include "tap.h"

#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#define PAGE 4096u

static uintptr_t sys_brk(uintptr_t addr)
{
    return (uintptr_t)syscall(SYS_brk, addr);
}

static int all_bytes(const volatile unsigned char *p, size_t n, unsigned char value)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != value)
            return 0;
    return 1;
}

static void fill(volatile unsigned char *p, size_t n, unsigned char value)
{
    for (size_t i = 0; i < n; i++)
        p[i] = value;
}

/* ---- brk ----------------------------------------------------------------- */

extern char end[]; /* the linker's: the end of .bss */

static volatile unsigned char *fault_address;

static int read_fault_address(void)
{
    return fault_address[0] == 0x42 ? 3 : 4; /* should never return */
}

static int write_fault_address(void)
{
    fault_address[0] = 0x42;
    return 3; /* should never get here */
}

static void test_brk(void)
{
    uintptr_t b0 = sys_brk(0);
    if (!ok(b0 >= (uintptr_t)end && sys_brk(0) == b0, "brk(0) returns the current break, after the program's data"))
        why("brk(0) = %#lx, end of .bss = %p", (unsigned long)b0, (void *)end);

    uintptr_t grown = sys_brk(b0 + 64 * 1024);
    int grew = grown == b0 + 64 * 1024 && sys_brk(0) == grown;
    if (!ok(grew, "brk grows the break by 64 KiB"))
        why("brk(%#lx) returned %#lx", (unsigned long)(b0 + 64 * 1024), (unsigned long)grown);
    volatile unsigned char *heap = (volatile unsigned char *)b0;
    int zeroed = grew && all_bytes(heap, 64 * 1024, 0);
    if (grew)
        fill(heap, 64 * 1024, 0xab);
    if (!ok(zeroed && all_bytes(heap, 64 * 1024, 0xab), "the new memory is zeroed and usable"))
        why("zeroed %d", zeroed);

    uintptr_t shrunk = grew ? sys_brk(b0 + PAGE) : 0;
    if (!ok(shrunk == b0 + PAGE && sys_brk(0) == b0 + PAGE && all_bytes(heap, PAGE, 0xab),
            "brk shrinks the break; the memory below it keeps its contents"))
        why("brk(%#lx) returned %#lx", (unsigned long)(b0 + PAGE), (unsigned long)shrunk);

    fault_address = heap + 8 * PAGE;
    int st = in_child(read_fault_address);
    if (!ok(killed_by(st, SIGSEGV), "reading above a shrunk break kills with SIGSEGV"))
        why("child %s", status_text(st));

    /* From the first page boundary above the shrunk break: the rest of
     * the page the break is in may keep its contents. */
    uintptr_t fresh = (b0 + PAGE + PAGE - 1) & ~(uintptr_t)(PAGE - 1);
    uintptr_t regrown = sys_brk(b0 + 64 * 1024);
    if (!ok(regrown == b0 + 64 * 1024 && all_bytes((volatile unsigned char *)fresh, b0 + 64 * 1024 - fresh, 0) &&
                all_bytes(heap, PAGE, 0xab),
            "growing the break again gives zeroed pages above the old break"))
        why("brk returned %#lx", (unsigned long)regrown);

    uintptr_t below = sys_brk(0x1000);
    if (!ok(below == b0 + 64 * 1024 && sys_brk(0) == b0 + 64 * 1024, "a break below the program's data is refused "
                                                                       "(brk returns the old break)"))
        why("brk(0x1000) returned %#lx", (unsigned long)below);

    uintptr_t back = sys_brk(b0);
    if (!ok(back == b0, "brk returns to its first value"))
        why("brk(%#lx) returned %#lx", (unsigned long)b0, (unsigned long)back);
}

/* ---- mmap ---------------------------------------------------------------- */

static void test_mmap(void)
{
    size_t size = 4 * PAGE;
    volatile unsigned char *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        ok(0, "mmap of 4 anonymous pages");
        why("errno %d", errno);
        return;
    }
    if (!ok(((uintptr_t)p & (PAGE - 1)) == 0 && (uintptr_t)p < 0xC0000000u && all_bytes(p, size, 0),
            "mmap returns page-aligned, zeroed anonymous memory"))
        why("mmap returned %p", (void *)p);
    fill(p, size, 0xaa);
    ok(all_bytes(p, size, 0xaa), "the mapping is writable");

    /* MAP_FIXED over the second page replaces it with a fresh zeroed one. */
    void *q = mmap((void *)(p + PAGE), PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (!ok(q == (void *)(p + PAGE) && all_bytes(p + PAGE, PAGE, 0) && all_bytes(p, PAGE, 0xaa) &&
                all_bytes(p + 2 * PAGE, 2 * PAGE, 0xaa),
            "MAP_FIXED at an address replaces exactly that page"))
        why("mmap returned %p for %p", q, (void *)(p + PAGE));

    /* munmap of the middle: the hole faults, the neighbours stay. */
    int r = munmap((void *)(p + PAGE), PAGE);
    if (!ok(r == 0 && all_bytes(p, PAGE, 0xaa) && all_bytes(p + 2 * PAGE, 2 * PAGE, 0xaa),
            "munmap of one page leaves its neighbours intact"))
        why("munmap returned %d, errno %d", r, errno);
    fault_address = p + PAGE;
    int st = in_child(read_fault_address);
    if (!ok(killed_by(st, SIGSEGV), "reading an unmapped page kills with SIGSEGV"))
        why("child %s", status_text(st));

    /* MAP_FIXED into the hole: the address chosen is the address given. */
    q = mmap((void *)(p + PAGE), PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (!ok(q == (void *)(p + PAGE) && all_bytes(p + PAGE, PAGE, 0), "MAP_FIXED maps a chosen free address"))
        why("mmap returned %p for %p", q, (void *)(p + PAGE));

    /* mprotect: read-only makes writes fault; back to read-write works. */
    r = mprotect((void *)p, PAGE, PROT_READ);
    fault_address = p;
    st = in_child(write_fault_address);
    if (!ok(r == 0 && killed_by(st, SIGSEGV) && all_bytes(p, PAGE, 0xaa),
            "after mprotect(PROT_READ) a write kills with SIGSEGV, and reading works"))
        why("mprotect returned %d; child %s", r, status_text(st));
    r = mprotect((void *)p, PAGE, PROT_READ | PROT_WRITE);
    st = in_child(write_fault_address);
    if (!ok(r == 0 && exited_with(st, 3), "mprotect(PROT_READ | PROT_WRITE) makes the page writable again"))
        why("mprotect returned %d; child %s", r, status_text(st));
    p[0] = 0x99;
    ok(p[0] == 0x99, "the parent writes the page again");

    r = mprotect((void *)(p + 2 * PAGE), PAGE, PROT_NONE);
    fault_address = p + 2 * PAGE;
    st = in_child(read_fault_address);
    if (!ok(r == 0 && killed_by(st, SIGSEGV), "after mprotect(PROT_NONE) a read kills with SIGSEGV"))
        why("mprotect returned %d; child %s", r, status_text(st));
    mprotect((void *)(p + 2 * PAGE), PAGE, PROT_READ | PROT_WRITE);

    /* madvise(MADV_DONTNEED) on private anonymous memory: zero-fill. */
    fill(p + 3 * PAGE, PAGE, 0x77);
    r = madvise((void *)(p + 3 * PAGE), PAGE, MADV_DONTNEED);
    if (!ok(r == 0 && all_bytes(p + 3 * PAGE, PAGE, 0), "madvise(MADV_DONTNEED) gives zeroed pages"))
        why("madvise returned %d, errno %d", r, errno);

    r = munmap((void *)p, size);
    ok(r == 0, "munmap of the whole mapping");
    r = munmap((void *)p, size);
    if (!ok(r == 0, "munmap of a range with nothing mapped succeeds"))
        why("returned %d, errno %d", r, errno);
}

static void test_large_mapping(void)
{
    size_t size = 64u << 20;
    volatile unsigned char *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    int good = p != MAP_FAILED;
    if (good) {
        p[0] = 1;
        p[size / 2] = 2;
        p[size - 1] = 3;
        good = p[0] == 1 && p[size / 2] == 2 && p[size - 1] == 3 && p[PAGE] == 0;
        munmap((void *)p, size);
    }
    if (!ok(good, "a 64 MiB mapping is usable at its start, middle and end"))
        why("mmap returned %p, errno %d", (void *)p, errno);
}

static void test_invalid(void)
{
    errno = 0;
    void *p = mmap(NULL, 0, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (!ok(p == MAP_FAILED && errno == EINVAL, "mmap of length 0 gives EINVAL"))
        why("returned %p, errno %d", p, errno);

    errno = 0;
    p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_ANONYMOUS, -1, 0);
    if (!ok(p == MAP_FAILED && errno == EINVAL, "mmap without MAP_PRIVATE or MAP_SHARED gives EINVAL"))
        why("returned %p, errno %d", p, errno);

    errno = 0;
    p = mmap((void *)0x20000100, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (!ok(p == MAP_FAILED && errno == EINVAL, "mmap MAP_FIXED at an unaligned address gives EINVAL"))
        why("returned %p, errno %d", p, errno);

    volatile unsigned char *m = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    errno = 0;
    int r = m == MAP_FAILED ? 0 : munmap((void *)(m + 1), PAGE);
    if (!ok(m != MAP_FAILED && r == -1 && errno == EINVAL, "munmap of an unaligned address gives EINVAL"))
        why("returned %d, errno %d", r, errno);

    errno = 0;
    /* Directly: musl's mprotect() rounds the address down itself. */
    r = m == MAP_FAILED ? 0 : (int)syscall(SYS_mprotect, (void *)(m + 1), PAGE, PROT_READ);
    if (!ok(m != MAP_FAILED && r == -1 && errno == EINVAL, "mprotect of an unaligned address gives EINVAL"))
        why("returned %d, errno %d", r, errno);
    if (m != MAP_FAILED)
        munmap((void *)m, 2 * PAGE);

    errno = 0;
    p = mmap((void *)0xC0000000u, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (!ok(p == MAP_FAILED && errno == ENOMEM, "mmap MAP_FIXED in kernel space gives ENOMEM"))
        why("returned %p, errno %d", p, errno);
}

int main(void)
{
    plan(28);
    test_brk();
    test_mmap();
    test_large_mapping();
    test_invalid();
    return done();
}
