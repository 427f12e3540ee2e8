/* cow: after fork, parent and child each see their own memory (copy on
 * write): globals, the heap, the stack, a large array, private anonymous
 * mappings; and a shared anonymous mapping is really shared. */
#include "tap.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

static int wait_child(pid_t pid)
{
    int status = -1;
    if (pid < 0)
        return -1;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return -1;
    return status;
}

/* The pattern: parent writes 3 after fork; child checks it still sees 1
 * (after a pause, so that the parent's write has happened), writes 2 and
 * reads 2 back. Then the parent must still see 3. Exit codes: 0 good,
 * 1 the child saw the parent's write, 2 its own write did not stick. */
static void test_isolated(volatile int *p, const char *what)
{
    *p = 1;
    pid_t pid = fork();
    if (pid == 0) {
        msleep(50);
        if (*p != 1)
            _exit(1);
        *p = 2;
        msleep(10);
        _exit(*p == 2 ? 0 : 2);
    }
    *p = 3;
    int status = wait_child(pid);
    if (!ok(exited_with(status, 0) && *p == 3, "%s variable: parent and child each see their own writes", what))
        why("child %s (1: saw the parent's write, 2: lost its own); parent sees %d", status_text(status), *p);
}

static volatile int global_var;

static void test_large_array(void)
{
    enum { SIZE = 8 << 20 };
    static unsigned char big[SIZE]; /* .bss, 8 MiB */
    for (size_t i = 0; i < SIZE; i += 512)
        big[i] = (unsigned char)(i >> 9);
    pid_t pid = fork();
    if (pid == 0) {
        for (size_t i = 0; i < SIZE; i += 512)
            if (big[i] != (unsigned char)(i >> 9))
                _exit(1);
        for (size_t i = 0; i < SIZE; i += 512)
            big[i] = (unsigned char)~(i >> 9);
        for (size_t i = 0; i < SIZE; i += 512)
            if (big[i] != (unsigned char)~(i >> 9))
                _exit(2);
        _exit(0);
    }
    int status = wait_child(pid);
    size_t bad = SIZE;
    for (size_t i = 0; i < SIZE && bad == SIZE; i += 512)
        if (big[i] != (unsigned char)(i >> 9))
            bad = i;
    if (!ok(exited_with(status, 0) && bad == SIZE, "an 8 MiB array: the child sees the parent's data, its own writes "
                                                   "stay its own"))
        why("child %s (1: wrong data, 2: lost writes); parent's first changed byte at %zu", status_text(status), bad);

    /* And the parent can write its pages again once the child is gone. */
    for (size_t i = 0; i < SIZE; i += 4096)
        big[i] = 0x5a;
    bad = SIZE;
    for (size_t i = 0; i < SIZE && bad == SIZE; i += 4096)
        if (big[i] != 0x5a)
            bad = i;
    if (!ok(bad == SIZE, "the parent writes every page of the array after the child exited"))
        why("byte %zu did not keep its value", bad);
}

static void test_private_mapping(void)
{
    enum { SIZE = 16 * 4096 };
    unsigned char *m = mmap(NULL, SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) {
        ok(0, "MAP_PRIVATE | MAP_ANONYMOUS mapping: isolated after fork");
        why("mmap failed, errno %d", errno);
        return;
    }
    memset(m, 0x11, SIZE);
    pid_t pid = fork();
    if (pid == 0) {
        for (int i = 0; i < SIZE; i++)
            if (m[i] != 0x11)
                _exit(1);
        memset(m, 0x22, SIZE);
        _exit(m[SIZE - 1] == 0x22 ? 0 : 2);
    }
    int status = wait_child(pid);
    int bad = -1;
    for (int i = 0; i < SIZE && bad < 0; i++)
        if (m[i] != 0x11)
            bad = i;
    if (!ok(exited_with(status, 0) && bad < 0, "MAP_PRIVATE | MAP_ANONYMOUS mapping: isolated after fork"))
        why("child %s; parent's first changed byte: %d", status_text(status), bad);
    munmap(m, SIZE);
}

static void test_shared_mapping(void)
{
    enum { SIZE = 4 * 4096 };
    volatile unsigned char *m = mmap(NULL, SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) {
        ok(0, "MAP_SHARED | MAP_ANONYMOUS mapping: the child sees the parent's data");
        why("mmap failed, errno %d", errno);
        ok(0, "MAP_SHARED | MAP_ANONYMOUS mapping: the parent sees the child's writes");
        return;
    }
    m[0] = 0x33;
    m[SIZE - 1] = 0x44;
    pid_t pid = fork();
    if (pid == 0) {
        int saw = m[0] == 0x33 && m[SIZE - 1] == 0x44;
        m[0] = 0x55;
        m[2 * 4096] = 0x66;
        m[SIZE - 1] = 0x77;
        _exit(saw ? 0 : 1);
    }
    int status = wait_child(pid);
    if (!ok(exited_with(status, 0), "MAP_SHARED | MAP_ANONYMOUS mapping: the child sees the parent's data"))
        why("child %s", status_text(status));
    if (!ok(m[0] == 0x55 && m[2 * 4096] == 0x66 && m[SIZE - 1] == 0x77,
            "MAP_SHARED | MAP_ANONYMOUS mapping: the parent sees the child's writes"))
        why("parent sees %#x %#x %#x, want 0x55 0x66 0x77", m[0], m[2 * 4096], m[SIZE - 1]);
    munmap((void *)m, SIZE);
}

/* A child of a child: copies of copies stay apart. */
static void test_grandchild(void)
{
    global_var = 10;
    pid_t pid = fork();
    if (pid == 0) {
        global_var = 20;
        pid_t inner = fork();
        if (inner == 0) {
            int saw = global_var;
            global_var = 30;
            _exit(saw == 20 ? 0 : 1);
        }
        int st = wait_child(inner);
        _exit(exited_with(st, 0) && global_var == 20 ? 0 : 2);
    }
    int status = wait_child(pid);
    if (!ok(exited_with(status, 0) && global_var == 10, "three generations each keep their own copy"))
        why("child %s (1: grandchild saw wrong value, 2: child's value changed); parent sees %d", status_text(status),
            global_var);
}

int main(void)
{
    plan(9);
    test_isolated(&global_var, "a global");
    volatile int *heap = malloc(64);
    if (heap)
        test_isolated(heap, "a heap (malloc)");
    else
        ok(0, "a heap (malloc) variable"), why("malloc failed");
    volatile int on_stack = 0;
    test_isolated(&on_stack, "a stack");
    test_large_array();
    test_private_mapping();
    test_shared_mapping();
    test_grandchild();
    return done();
}
