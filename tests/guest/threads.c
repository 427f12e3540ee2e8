/* threads: POSIX threads as the C library builds them on clone, futex,
 * set_thread_area and tgkill. Mutexes and condition variables under
 * contention, join values, pids and tids, thread-local storage, how exit
 * and faults end every thread, how signals pick a thread, and execve from
 * a thread that is not the main one.
 *
 * Built twice: against musl (threads) and glibc (threads_glibc), whose
 * thread libraries use the kernel differently. Each scenario runs in a
 * child process that the test waits for with a bound: a lost wake-up
 * shows as "not ok", not as a hang.
 */
#include "bounded.h"

#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/syscall.h>

#define EXEC_THREAD "exec-thread"
#define NTHREADS 8
#define ROUNDS 1000

static struct report {
    volatile int ready, go, done, handled;
    volatile int value[8];
    volatile pid_t pid[NTHREADS + 1], tid[NTHREADS + 1];
    volatile uintptr_t addr[NTHREADS + 1];
    volatile pid_t handler_tid;
} *sh;

static void reset_report(void)
{
    memset((void *)sh, 0, sizeof *sh);
}

static pid_t my_tid(void)
{
    return (pid_t)syscall(SYS_gettid);
}

/* ---- a shared counter and a queue ------------------------------------------ */

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;

/* A read-modify-write under the mutex, with a yield in the middle now and
 * then so that the others do find the mutex taken and sleep on it. */
static void *count_up(void *arg)
{
    for (int i = 0; i < ROUNDS; i++) {
        pthread_mutex_lock(&lock);
        long v = counter;
        if (i % 50 == 0)
            sched_yield();
        counter = v + 1;
        pthread_mutex_unlock(&lock);
    }
    return arg;
}

#define QSIZE 4
static int queue[QSIZE], qhead, qcount;
static pthread_cond_t not_full = PTHREAD_COND_INITIALIZER, not_empty = PTHREAD_COND_INITIALIZER;
static long consumed[NTHREADS];

static void *produce(void *arg)
{
    int k = (int)(intptr_t)arg;
    for (int i = 1; i <= ROUNDS; i++) {
        pthread_mutex_lock(&lock);
        while (qcount == QSIZE)
            pthread_cond_wait(&not_full, &lock);
        queue[(qhead + qcount) % QSIZE] = k * ROUNDS + i;
        qcount++;
        pthread_cond_signal(&not_empty);
        pthread_mutex_unlock(&lock);
    }
    return arg;
}

static void *consume(void *arg)
{
    int k = (int)(intptr_t)arg;
    long sum = 0;
    for (int i = 0; i < ROUNDS; i++) {
        pthread_mutex_lock(&lock);
        while (qcount == 0)
            pthread_cond_wait(&not_empty, &lock);
        sum += queue[qhead];
        qhead = (qhead + 1) % QSIZE;
        qcount--;
        pthread_cond_signal(&not_full);
        pthread_mutex_unlock(&lock);
    }
    consumed[k] = sum;
    return arg;
}

static int counter_and_queue(void)
{
    pthread_t t[NTHREADS];
    int joined_right = 0, created = 0;
    for (int i = 0; i < NTHREADS; i++)
        created += pthread_create(&t[i], NULL, count_up, (void *)(intptr_t)(i + 100)) == 0;
    for (int i = 0; i < created; i++) {
        void *ret = NULL;
        if (pthread_join(t[i], &ret) == 0 && ret == (void *)(intptr_t)(i + 100))
            joined_right++;
    }
    sh->value[0] = (int)counter;
    sh->value[1] = created;

    created = 0;
    for (int i = 0; i < NTHREADS / 2; i++) {
        created += pthread_create(&t[i], NULL, produce, (void *)(intptr_t)i) == 0;
        created += pthread_create(&t[NTHREADS / 2 + i], NULL, consume, (void *)(intptr_t)i) == 0;
    }
    for (int i = 0; i < NTHREADS; i++) {
        void *ret = NULL;
        int k = i % (NTHREADS / 2);
        if (pthread_join(t[i], &ret) == 0 && ret == (void *)(intptr_t)k)
            joined_right++;
    }
    long sum = 0;
    for (int i = 0; i < NTHREADS / 2; i++)
        sum += consumed[i];
    sh->value[2] = (int)sum;
    sh->value[3] = created;
    sh->value[4] = joined_right;
    sh->value[5] = qcount;
    return 0;
}

static void test_counter_and_queue(void)
{
    reset_report();
    int status = run_bounded(counter_and_queue, 60000);
    int done_ok = exited_with(status, 0);
    if (!ok(done_ok && sh->value[1] == NTHREADS && sh->value[0] == NTHREADS * ROUNDS,
            "8 threads x 1000 increments under a mutex give 8000"))
        why("child %s; %d threads made, counter %d", outcome(status), sh->value[1], sh->value[0]);

    long want = 0;
    for (int k = 0; k < NTHREADS / 2; k++)
        for (int i = 1; i <= ROUNDS; i++)
            want += k * ROUNDS + i;
    if (!ok(done_ok && sh->value[3] == NTHREADS && sh->value[2] == want && sh->value[5] == 0,
            "4 producers and 4 consumers pass 4000 items through a 4-slot queue (mutex and condition variables)"))
        why("child %s; %d threads made; consumed sum %d, want %ld; %d left in the queue", outcome(status),
            sh->value[3], sh->value[2], want, sh->value[5]);
    if (!ok(done_ok && sh->value[4] == 2 * NTHREADS, "pthread_join returns each thread's return value"))
        why("%d of %d joins gave the right value", sh->value[4], 2 * NTHREADS);
}

/* ---- ids and thread-local storage ------------------------------------------ */

static __thread int tls_value = 42;
static __thread int tls_zero;
static pthread_barrier_t barrier;

static void *who_am_i(void *arg)
{
    int i = (int)(intptr_t)arg;
    sh->pid[i] = getpid();
    sh->tid[i] = my_tid();
    int fresh = tls_value == 42 && tls_zero == 0;
    tls_value = 1000 + i;
    tls_zero = i;
    sh->addr[i] = (uintptr_t)&tls_value;
    pthread_barrier_wait(&barrier); /* all alive at once: tids cannot be reused */
    for (int k = 0; k < 20; k++)
        sched_yield();
    pthread_barrier_wait(&barrier);
    if (fresh && tls_value == 1000 + i && tls_zero == i)
        __sync_fetch_and_add(&sh->value[0], 1);
    return NULL;
}

static int ids_and_tls(void)
{
    pthread_t t[NTHREADS];
    pthread_barrier_init(&barrier, NULL, NTHREADS + 1);
    tls_value = 7;
    int created = 0;
    for (int i = 0; i < NTHREADS; i++)
        created += pthread_create(&t[i], NULL, who_am_i, (void *)(intptr_t)i) == 0;
    if (created != NTHREADS)
        return 10;
    sh->pid[NTHREADS] = getpid();
    sh->tid[NTHREADS] = my_tid();
    sh->addr[NTHREADS] = (uintptr_t)&tls_value;
    pthread_barrier_wait(&barrier);
    pthread_barrier_wait(&barrier);
    for (int i = 0; i < NTHREADS; i++)
        pthread_join(t[i], NULL);
    sh->value[1] = tls_value == 7;
    return 0;
}

static void test_ids_and_tls(void)
{
    reset_report();
    pid_t pid = fork();
    if (pid == 0)
        _exit(ids_and_tls());
    int status = pid > 0 ? finish_child(pid, 30000) : -1;
    int same_pid = exited_with(status, 0), distinct = exited_with(status, 0), tls_distinct = exited_with(status, 0);
    for (int i = 0; i <= NTHREADS; i++) {
        if (sh->pid[i] != pid)
            same_pid = 0;
        for (int j = 0; j < i; j++) {
            if (sh->tid[i] == sh->tid[j])
                distinct = 0;
            if (sh->addr[i] == sh->addr[j])
                tls_distinct = 0;
        }
    }
    if (!ok(same_pid, "getpid() is the same in every thread: the process's pid"))
        why("child %d %s; thread pids %d %d ... main %d", pid, outcome(status), sh->pid[0], sh->pid[1],
            sh->pid[NTHREADS]);
    if (!ok(distinct && sh->tid[NTHREADS] == pid && sh->tid[0] != pid,
            "gettid() differs in every thread; the main thread's tid is the pid"))
        why("tids %d %d %d ... main %d (pid %d)", sh->tid[0], sh->tid[1], sh->tid[2], sh->tid[NTHREADS], pid);
    if (!ok(sh->value[0] == NTHREADS, "each thread starts with the initial values of __thread variables"))
        why("%d of %d threads saw 42 and 0 and kept their own values", sh->value[0], NTHREADS);
    if (!ok(tls_distinct && sh->value[1], "__thread variables are at a different address in each thread"))
        why("distinct addresses %d (%#lx, %#lx, ...); main kept its value %d", tls_distinct,
            (unsigned long)sh->addr[0], (unsigned long)sh->addr[1], sh->value[1]);
}

/* ---- ending a process from a thread ------------------------------------------- */

static pthread_cond_t never = PTHREAD_COND_INITIALIZER;

static void *wait_forever(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&lock);
    for (int i = 0; i < 100; i++) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_sec += 1;
        pthread_cond_timedwait(&never, &lock, &ts);
    }
    pthread_mutex_unlock(&lock);
    return NULL;
}

static void *exit_soon(void *arg)
{
    (void)arg;
    while (!sh->ready)
        msleep(1);
    msleep(50);
    _exit(7);
}

/* The main thread blocks joining a thread that waits on a condition
 * variable; a third thread calls _exit (exit_group). */
static int exit_group_child(void)
{
    pthread_t a, b;
    if (pthread_create(&a, NULL, wait_forever, NULL) != 0 || pthread_create(&b, NULL, exit_soon, NULL) != 0)
        return 10;
    sh->ready = 1;
    pthread_join(a, NULL);
    return 11;
}

static void *exit_later(void *arg)
{
    (void)arg;
    msleep(300);
    exit(sh->value[0] == getpid() ? 9 : 12);
}

static int main_thread_exits(void)
{
    pthread_t t;
    sh->value[0] = getpid();
    if (pthread_create(&t, NULL, exit_later, NULL) != 0)
        return 10;
    pthread_exit(NULL);
}

static void *fault(void *arg)
{
    (void)arg;
    msleep(20);
    *(volatile int *)(uintptr_t)sh->value[7] = 1;
    return NULL;
}

static int fault_child(void)
{
    pthread_t t;
    if (pthread_create(&t, NULL, fault, NULL) != 0)
        return 10;
    pthread_join(t, NULL);
    return 11;
}

static void test_exit(void)
{
    reset_report();
    int status = run_bounded(exit_group_child, 20000);
    if (!ok(exited_with(status, 7), "_exit (exit_group) in one thread ends all threads, blocked ones too"))
        why("child %s (11: the main thread's join returned)", outcome(status));

    reset_report();
    status = run_bounded(main_thread_exits, 20000);
    if (!ok(exited_with(status, 9), "after pthread_exit in the main thread, the other threads go on"))
        why("child %s (want exit 9 from the other thread)", outcome(status));

    reset_report();
    status = run_bounded(fault_child, 20000);
    if (!ok(killed_by(status, SIGSEGV), "a fault in one thread kills the whole process with SIGSEGV"))
        why("child %s", outcome(status));
}

/* ---- signals and threads ----------------------------------------------------- */

static void on_signal(int sig)
{
    (void)sig;
    sh->handler_tid = my_tid();
    __sync_fetch_and_add(&sh->handled, 1);
}

static void set_handler(int sig)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

static void change_mask(int how, int sig)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    pthread_sigmask(how, &set, NULL);
}

static int pending_here(int sig)
{
    sigset_t set;
    sigemptyset(&set);
    sigpending(&set);
    return sigismember(&set, sig) == 1;
}

#define CHOSEN 2

/* Thread i records its tid and idles until the main thread says done.
 * Thread CHOSEN unblocks SIGUSR1, which all others keep blocked. */
static void *idle_thread(void *arg)
{
    int i = (int)(intptr_t)arg;
    sh->tid[i] = my_tid();
    if (i == CHOSEN)
        change_mask(SIG_UNBLOCK, SIGUSR1);
    __sync_fetch_and_add(&sh->ready, 1);
    for (int t = 0; t < 20000 && !sh->done; t++)
        msleep(1);
    return NULL;
}

static int process_signal(void)
{
    set_handler(SIGUSR1);
    set_handler(SIGUSR2);
    change_mask(SIG_BLOCK, SIGUSR1); /* inherited by the threads */
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        if (pthread_create(&t[i], NULL, idle_thread, (void *)(intptr_t)i) != 0)
            return 10;
    if (!wait_flag(&sh->ready, 4, 10000))
        return 11;

    kill(getpid(), SIGUSR1);
    wait_flag(&sh->handled, 1, 10000);
    sh->value[0] = sh->handler_tid;

    /* Directed at one thread: tgkill, then pthread_kill. */
    sh->handled = 0;
    sh->handler_tid = 0;
    syscall(SYS_tgkill, getpid(), sh->tid[1], SIGUSR2);
    wait_flag(&sh->handled, 1, 10000);
    sh->value[1] = sh->handler_tid;
    sh->handled = 0;
    sh->handler_tid = 0;
    pthread_kill(t[3], SIGUSR2);
    wait_flag(&sh->handled, 1, 10000);
    sh->value[2] = sh->handler_tid;

    sh->done = 1;
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    return 0;
}

/* A signal sent to a thread that blocks it stays pending for that thread
 * alone, and is handled there once it unblocks. */
static void *blocker(void *arg)
{
    (void)arg;
    change_mask(SIG_BLOCK, SIGUSR2);
    sh->tid[0] = my_tid();
    sh->ready = 1;
    wait_flag(&sh->go, 1, 10000);
    sh->value[0] = pending_here(SIGUSR2);
    change_mask(SIG_UNBLOCK, SIGUSR2);
    sh->value[1] = sh->handled;
    return NULL;
}

static int thread_pending(void)
{
    set_handler(SIGUSR2);
    pthread_t t;
    if (pthread_create(&t, NULL, blocker, NULL) != 0)
        return 10;
    if (!wait_flag(&sh->ready, 1, 10000))
        return 11;
    syscall(SYS_tgkill, getpid(), sh->tid[0], SIGUSR2);
    sh->value[2] = pending_here(SIGUSR2);
    sh->value[3] = sh->handled;
    sh->go = 1;
    pthread_join(t, NULL);
    return 0;
}

static void test_signals(void)
{
    reset_report();
    int status = run_bounded(process_signal, 30000);
    if (!ok(exited_with(status, 0) && sh->value[0] == sh->tid[CHOSEN] && sh->value[0] != 0,
            "a signal to the process is handled by the one thread that does not block it"))
        why("child %s; handler ran in %d, the unblocking thread is %d", outcome(status), sh->value[0],
            sh->tid[CHOSEN]);
    if (!ok(sh->value[1] == sh->tid[1] && sh->value[2] == sh->tid[3] && sh->value[1] != 0,
            "tgkill and pthread_kill reach the thread they name"))
        why("tgkill to %d ran in %d; pthread_kill to %d ran in %d", sh->tid[1], sh->value[1], sh->tid[3],
            sh->value[2]);

    reset_report();
    status = run_bounded(thread_pending, 30000);
    if (!ok(exited_with(status, 0) && sh->value[0] == 1 && sh->value[2] == 0 && sh->value[3] == 0 &&
                sh->value[1] == 1 && sh->handler_tid == sh->tid[0],
            "a signal to a thread that blocks it is pending for that thread only, and handled there on unblock"))
        why("child %s; pending in the thread %d, in main %d; handled while blocked %d, on unblock %d, in %d "
            "(thread %d)",
            outcome(status), sh->value[0], sh->value[2], sh->value[3], sh->value[1], sh->handler_tid, sh->tid[0]);
}

/* ---- execve from a thread ------------------------------------------------------ */

static const char *self_path;

static void *exec_from_thread(void *arg)
{
    (void)arg;
    while (sh->ready < 1)
        msleep(1);
    char pid[16];
    snprintf(pid, sizeof pid, "%d", getpid());
    char *argv[] = { (char *)self_path, EXEC_THREAD, pid, NULL };
    char *envp[] = { NULL };
    execve(self_path, argv, envp);
    _exit(100);
}

static int exec_child(void)
{
    pthread_t idle, execer;
    if (pthread_create(&idle, NULL, wait_forever, NULL) != 0 ||
        pthread_create(&execer, NULL, exec_from_thread, NULL) != 0)
        return 10;
    sh->ready = 1;
    pthread_join(execer, NULL);
    return 11;
}

static void test_exec(void)
{
    reset_report();
    int status = run_bounded(exec_child, 30000);
    if (!ok(exited_with(status, 42),
            "execve in a thread that is not the main one replaces the whole process, which keeps its pid"))
        why("child %s (42: new image with the old pid and tid = pid; 43: another pid; 44: tid differs; 100: "
            "execve failed; 11: the main thread went on)",
            outcome(status));
}

int main(int argc, char **argv)
{
    if (argc > 2 && !strcmp(argv[1], EXEC_THREAD)) {
        if (getpid() != atoi(argv[2]))
            return 43;
        return my_tid() == getpid() ? 42 : 44;
    }
    self_path = argv[0];
    sh = shared_memory(sizeof *sh);
    if (!sh) {
        diag("mmap(MAP_SHARED | MAP_ANONYMOUS) failed, errno %d", errno);
        return 1;
    }

    plan(14);
    test_counter_and_queue(); /* 3 */
    test_ids_and_tls();       /* 4 */
    test_exit();              /* 3 */
    test_signals();           /* 3 */
    test_exec();              /* 1 */
    return done();
}
