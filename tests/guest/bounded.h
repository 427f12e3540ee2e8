/* bounded.h: waiting for children and flags without the risk of waiting
 * forever. A kernel that loses a wake-up or a signal must make a test
 * report "not ok", never hang it, so every wait here polls with a bound:
 * a child that does not finish in time is killed with SIGKILL and the
 * caller sees a timeout.
 *
 * Header-only, to go with tap.h.
 */
#pragma once
#include "tap.h"

#include <signal.h>
#include <sys/mman.h>

/* The result of run_bounded and finish_child for a child that had to be
 * killed because it did not finish in time. */
#define TIMED_OUT (-2)

/* waitpid(pid, status, options | WNOHANG), polled every 5 ms for at most
 * ms milliseconds. Returns what waitpid returned: the pid, -1 on an error,
 * or 0 if nothing happened in time. */
TAP_FN pid_t wait_within(pid_t pid, int *status, int options, int ms)
{
    for (int waited = 0;; waited += 5) {
        pid_t r = waitpid(pid, status, options | WNOHANG);
        if (r < 0 && errno == EINTR)
            continue;
        if (r != 0 || waited >= ms)
            return r;
        msleep(5);
    }
}

/* Waits at most ms milliseconds for child pid to end and returns its wait
 * status; kills and reaps it on a timeout and returns TIMED_OUT, or -1 if
 * it cannot be waited for. */
TAP_FN int finish_child(pid_t pid, int ms)
{
    int status = 0;
    pid_t r = wait_within(pid, &status, 0, ms);
    if (r == pid)
        return status;
    if (r < 0)
        return -1;
    kill(pid, SIGKILL);
    wait_within(pid, &status, 0, 10000);
    return TIMED_OUT;
}

/* Runs fn in a child process and returns its wait status (fn's return
 * value is the exit code), TIMED_OUT if it ran longer than ms milliseconds,
 * or -1 if fork failed. */
TAP_FN int run_bounded(int (*fn)(void), int ms)
{
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0)
        _exit(fn());
    return finish_child(pid, ms);
}

/* Describes a status that may also be TIMED_OUT or -1. */
TAP_FN const char *outcome(int status)
{
    if (status == TIMED_OUT)
        return "timed out (killed)";
    if (status == -1)
        return "fork or wait failed";
    return status_text(status);
}

/* Polls *flag every millisecond or so until it is at least want, for at
 * most ms milliseconds; returns whether it got there. */
TAP_FN int wait_flag(volatile int *flag, int want, int ms)
{
    for (int waited = 0; *flag < want; waited++) {
        if (waited >= ms)
            return 0;
        msleep(1);
    }
    return 1;
}

/* Zeroed memory that stays shared with the children forked after this
 * call: where children leave what they saw for the parent to check. */
TAP_FN void *shared_memory(size_t size)
{
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}
