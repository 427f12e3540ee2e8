#include <arch/i386/fpu.h>
#include <kernel/mm/frames.h>
#include <kernel/mm/heap.h>
#include <kernel/task/scheduler.h>
#include <kernel/task/tasks.h>
#include <kernel/fs/file_table.h>
#include <kernel/fs/fs_context.h>
#include <kernel/task/nsproxy.h>
#include <kernel/mm/mm.h>
#include <kernel/signal/sighand.h>
#include <kernel/signal/thread_group.h>
#include <kernel/task/wait_queue.h>
#include <kernel/time/clock.h>
#include <libk/string.h>
#include <new>

extern "C" void task_first_return();
extern "C" void kernel_thread_start();

namespace {

// Every task; guarded by the kernel not being preemptible (only system
// calls and kernel threads change it, never an interrupt handler).
IntrusiveList<Task, &Task::all_node> all_tasks;
pid_t last_pid;
u64 created; // tasks made since boot

constexpr pid_t PID_MAX = 32768; // /proc/sys/kernel/pid_max on Linux

pid_t next_pid()
{
    // Like Linux: pids go up and wrap around, skipping those in use.
    for (;;) {
        last_pid = last_pid >= PID_MAX - 1 ? 1 : last_pid + 1;
        if (!tasks::find(last_pid))
            return last_pid;
    }
}

// The first switch_context() into a task pops four registers and returns
// to `entry`; this writes that frame just below `top`.
void push_switch_frame(Task& task, uptr top, uptr entry, u32 ebx, u32 esi)
{
    u32* stack = reinterpret_cast<u32*>(top);
    *--stack = entry;
    *--stack = 0;   // ebp: the backtrace stops here
    *--stack = ebx;
    *--stack = esi;
    *--stack = 0;   // edi
    task.saved_esp = reinterpret_cast<uptr>(stack);
}

} // namespace

Task::Task() = default;
Task::~Task() = default;

namespace tasks {

ErrorOr<Task*> allocate(const char* name)
{
    auto* task = new (std::nothrow) Task;
    if (!task)
        return Error::from_errno(12);
    auto stack = frames::allocate_contiguous(Task::KERNEL_STACK_PAGES);
    task->fpu = static_cast<FpuState*>(kmalloc(sizeof(FpuState)));
    task->child_exit_queue = new (std::nothrow) WaitQueue;
    task->signals = new (std::nothrow) SignalSet;
    if (stack.is_error() || !task->fpu || !task->child_exit_queue || !task->signals) {
        if (!stack.is_error())
            frames::free_contiguous(stack.value(), Task::KERNEL_STACK_PAGES);
        kfree(task->fpu);
        delete task->signals;
        delete task->child_exit_queue;
        delete task;
        return Error::from_errno(12);
    }
    task->kernel_stack = static_cast<u8*>(phys_to_virt(stack.value()));
    *reinterpret_cast<u32*>(task->kernel_stack) = Task::STACK_CANARY;
    fpu::reset(*task->fpu);
    task->tid = task->tgid = next_pid();
    task->start_tick = clock::ticks();
    set_name(*task, name);
    all_tasks.append(*task);
    ++created;
    return task;
}

void free(Task* task)
{
    all_tasks.remove(*task);
    frames::free_contiguous(virt_to_phys(task->kernel_stack), Task::KERNEL_STACK_PAGES);
    kfree(task->fpu);
    delete task->child_exit_queue;
    delete task->signals;
    delete task;
}

ErrorOr<Task*> spawn_kernel_thread(const char* name, void (*entry)(void*), void* argument)
{
    Task* task = TRY(allocate(name));
    push_switch_frame(*task, reinterpret_cast<uptr>(task->kernel_stack + Task::KERNEL_STACK_SIZE),
        reinterpret_cast<uptr>(kernel_thread_start), reinterpret_cast<u32>(entry), reinterpret_cast<u32>(argument));
    scheduler::make_runnable(*task);
    return task;
}

void prepare_user_return(Task& task)
{
    push_switch_frame(task, reinterpret_cast<uptr>(task.trap_frame()), reinterpret_cast<uptr>(task_first_return), 0, 0);
}

pid_t last_pid_given() { return last_pid; }
u64 created_count() { return created; }

Task* find(pid_t pid)
{
    for (Task& task : all_tasks) {
        if (task.tid == pid)
            return &task;
    }
    return nullptr;
}

void set_name(Task& task, const char* name) { libk::strlcpy(task.name, name, sizeof(task.name)); }

IntrusiveList<Task, &Task::all_node>& all() { return all_tasks; }

} // namespace tasks
