/* fpu: each process keeps its own x87 and SSE registers. Two processes
 * (and then four) run floating-point loops at the same time, holding
 * values in registers across preemption and sched_yield, and each checks
 * that what it computes is what it should: a kernel that forgets to save
 * or restore the FPU state between tasks mixes their values. Also: a
 * freshly exec'd program starts with the default control words. */
#include "tap.h"
#include <sched.h>
#include <sys/wait.h>

/* Sums 1/(i+k) in SSE2 (double) and x87 (long double) arithmetic; with
 * `yield`, gives the CPU away now and then so another process runs in
 * between, with its own values in the same registers. */
__attribute__((noinline)) static void sums(int k, int rounds, int yield, double *sse_out, long double *x87_out)
{
    /* volatile: each step is rounded to memory the same way with or
     * without the yields (a call makes the compiler spill registers, and
     * x87 registers are wider than a double). */
    volatile double sse = 0;
    volatile long double x87 = 0;
    for (int i = 1; i <= rounds; i++) {
        sse += 1.0 / (i + k);
        x87 += (long double)1.0 / (i + k);
        if (yield && i % 997 == 0)
            sched_yield();
    }
    *sse_out = sse;
    *x87_out = x87;
}

/* 0 when the interrupted computation gives exactly the uninterrupted one's results. */
static int churn(int k, int rounds)
{
    double sse_quiet, sse_busy;
    long double x87_quiet, x87_busy;
    sums(k, rounds, 0, &sse_quiet, &x87_quiet);
    sums(k, rounds, 1, &sse_busy, &x87_busy);
    return sse_quiet == sse_busy && x87_quiet == x87_busy ? 0 : 1;
}

/* The SSE register xmm7 holds a pattern across many yields. */
__attribute__((target("sse2"))) static int xmm_survives(unsigned pattern)
{
    unsigned in[4] = { pattern, ~pattern, pattern ^ 0x5a5a5a5a, pattern + 1 }, out[4];
    __asm__ volatile("movdqu %0, %%xmm7" : : "m"(in) : "xmm7");
    for (int i = 0; i < 200; i++)
        sched_yield();
    __asm__ volatile("movdqu %%xmm7, %0" : "=m"(out) : : "xmm7");
    return memcmp(in, out, sizeof(in)) == 0 ? 0 : 1;
}

static int run_in_children(int children, int (*work)(int))
{
    pid_t pids[8];
    for (int c = 0; c < children; c++) {
        pids[c] = fork();
        if (pids[c] == 0)
            _exit(work(c));
    }
    int failures = work(children);
    for (int c = 0; c < children; c++) {
        int status = 0;
        waitpid(pids[c], &status, 0);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
            failures++;
    }
    return failures;
}

static int churn_work(int who) { return churn(who * 3 + 1, 200000); }
static int xmm_work(int who) { return xmm_survives(0x13579bdf * (unsigned)(who + 1)); }

int main(void)
{
    plan(4);
    unsigned short control;
    unsigned mxcsr;
    __asm__ volatile("fnstcw %0" : "=m"(control));
    __asm__ volatile("stmxcsr %0" : "=m"(mxcsr));
    ok(control == 0x037f, "a new program starts with the default x87 control word (0x%x)", control);
    ok((mxcsr & 0xffff) == 0x1f80, "a new program starts with the default MXCSR (0x%x)", mxcsr);
    ok(run_in_children(1, churn_work) == 0, "two processes computing in x87 and SSE at once each get their own results");
    ok(run_in_children(3, xmm_work) == 0, "xmm7 keeps each of four processes' value across yields");
    return done();
}
