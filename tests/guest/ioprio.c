/* ioprio: two settings a task keeps and its children inherit, as ionice
 * and setarch use them. ioprio_get and ioprio_set: one thread, a process
 * group, a user; the classes and levels that are valid; EINVAL, ESRCH and
 * EPERM. personality(2): asking, setting, inheriting, and keeping it
 * through execve.
 */
#include "bounded.h"

#include <stdlib.h>
#include <sys/syscall.h>

#define WHO_PROCESS 1
#define WHO_PGRP 2
#define WHO_USER 3
#define CLASS_RT 1
#define CLASS_BE 2
#define CLASS_IDLE 3
#define PRIO(class, data) (((class) << 13) | (data))

#define PER_LINUX32 0x0008
#define ADDR_NO_RANDOMIZE 0x0040000
#define ASK 0xffffffffUL

static long ioprio_get(int which, int who) { return syscall(SYS_ioprio_get, which, who); }
static long ioprio_set(int which, int who, int prio) { return syscall(SYS_ioprio_set, which, who, prio); }
static long personality_call(unsigned long persona) { return syscall(SYS_personality, persona); }

static const char *self;

/* ---- I/O priorities ---------------------------------------------------------- */

static int child_sees_be3(void) { return ioprio_get(WHO_PROCESS, 0) == PRIO(CLASS_BE, 3) ? 0 : 1; }

/* As nobody: exit 0 if the checks hold (a bit set for each that failed). */
static int nobody_checks(void)
{
    if (setuid(65534) != 0)
        return 100;
    int bad = 0;
    errno = 0;
    bad |= !(ioprio_set(WHO_PROCESS, 0, PRIO(CLASS_RT, 0)) == -1 && errno == EPERM);
    errno = 0;
    bad |= !(ioprio_set(WHO_PROCESS, 1, PRIO(CLASS_BE, 7)) == -1 && errno == EPERM) << 1;
    bad |= !(ioprio_set(WHO_PROCESS, 0, PRIO(CLASS_IDLE, 0)) == 0) << 2;
    bad |= !(ioprio_get(WHO_PROCESS, 0) == PRIO(CLASS_IDLE, 0)) << 3;
    return bad;
}

static void test_ioprio(void)
{
    long first = ioprio_get(WHO_PROCESS, 0);
    if (!ok(first == 0, "a task starts with no I/O priority chosen (0)"))
        why("ioprio_get returned %ld errno %d", first, errno);

    long set = ioprio_set(WHO_PROCESS, 0, PRIO(CLASS_BE, 3));
    long got = ioprio_get(WHO_PROCESS, getpid());
    if (!ok(set == 0 && got == PRIO(CLASS_BE, 3), "ioprio_set then ioprio_get, by pid: best effort, level 3"))
        why("set %ld, got %#lx", set, got);

    int status = run_bounded(child_sees_be3, 10000);
    if (!ok(exited_with(status, 0), "a child inherits it"))
        why("child %s", outcome(status));

    got = ioprio_get(WHO_PGRP, 0);
    if (!ok(got >= 0 && got <= PRIO(CLASS_BE, 3), "WHO_PGRP: the most urgent of the group (%#lx)", got))
        why("errno %d", errno);
    got = ioprio_get(WHO_USER, 0);
    if (!ok(got >= 0 && got <= PRIO(CLASS_BE, 4), "WHO_USER: the most urgent of root's tasks (%#lx)", got))
        why("errno %d", errno);

    fails_with(ioprio_set(WHO_PROCESS, 0, PRIO(CLASS_BE, 8)), EINVAL, "best effort at level 8");
    fails_with(ioprio_set(WHO_PROCESS, 0, PRIO(0, 1)), EINVAL, "class none with a level");
    fails_with(ioprio_set(WHO_PROCESS, 0, PRIO(4, 0)), EINVAL, "class 4");
    fails_with(ioprio_get(0, 0), EINVAL, "ioprio_get of who-kind 0");
    fails_with(ioprio_get(4, 0), EINVAL, "ioprio_get of who-kind 4");
    fails_with(ioprio_get(WHO_PROCESS, 999999), ESRCH, "ioprio_get of no such task");
    fails_with(ioprio_set(WHO_PGRP, 999999, PRIO(CLASS_BE, 1)), ESRCH, "ioprio_set of no such process group");

    set = ioprio_set(WHO_PROCESS, 0, PRIO(CLASS_RT, 2));
    got = ioprio_get(WHO_PROCESS, 0);
    if (!ok(set == 0 && got == PRIO(CLASS_RT, 2), "root may choose the real-time class"))
        why("set %ld errno %d, got %#lx", set, errno, got);

    status = run_bounded(nobody_checks, 10000);
    if (!ok(exited_with(status, 0), "an ordinary user: EPERM for real time and for root's tasks, its own idle class is fine"))
        why("child %s (a bit for each check that failed)", outcome(status));
    ioprio_set(WHO_PROCESS, 0, 0);
}

/* ---- personality ----------------------------------------------------------------- */

static int child_sees_linux32(void) { return personality_call(ASK) == PER_LINUX32 ? 0 : 1; }

/* Runs this program again with "exec-check"; it checks what execve left. */
static int exec_self(void)
{
    char *argv[] = { (char *)self, "exec-check", NULL };
    char *envp[] = { NULL };
    execve(self, argv, envp);
    return 100;
}

static void test_personality(void)
{
    long now = personality_call(ASK);
    if (!ok(now == 0, "personality: a task starts in PER_LINUX (0)"))
        why("returned %#lx", now);
    long old = personality_call(PER_LINUX32);
    now = personality_call(ASK);
    if (!ok(old == 0 && now == PER_LINUX32, "setting PER_LINUX32 returns the old value; asking returns the new"))
        why("returned %#lx, then %#lx", old, now);
    int status = run_bounded(child_sees_linux32, 10000);
    if (!ok(exited_with(status, 0), "a child inherits it"))
        why("child %s", outcome(status));
    personality_call(PER_LINUX32 | ADDR_NO_RANDOMIZE);
    status = run_bounded(exec_self, 20000);
    if (!ok(exited_with(status, 0), "execve keeps it, domain and flags (an i386 program)"))
        why("child %s (1: the domain changed, 2: the flag was lost, 100: execve failed)", outcome(status));
    personality_call(0);
    ok(personality_call(ASK) == 0, "and back to 0");
}

int main(int argc, char **argv)
{
    self = argv[0];
    if (argc > 1 && !strcmp(argv[1], "exec-check")) {
        long p = personality_call(ASK);
        if ((p & 0xff) != PER_LINUX32)
            return 1;
        return (p & ADDR_NO_RANDOMIZE) ? 0 : 2;
    }
    plan(19);
    test_ioprio();
    test_personality();
    return done();
}
