// The end of a task: exit, and its parent collecting the status with wait4.
#include <arch/i386/paging.h>
#include <kernel/abi/errno.h>
#include <kernel/debug/panic.h>
#include <kernel/fs/file_table.h>
#include <kernel/fs/fs_context.h>
#include <kernel/mm/mm.h>
#include <kernel/mm/user_copy.h>
#include <kernel/task/process.h>
#include <kernel/task/scheduler.h>
#include <kernel/task/tasks.h>
#include <kernel/task/nsproxy.h>
#include <kernel/task/wait_queue.h>

namespace {

constexpr pid_t INIT_PID = 1;
constexpr u32 WNOHANG = 1;

bool matches(const Task& child, pid_t pid)
{
    // pid 0 and < -1 name process groups, which come with the signals
    // issue; until then every task is in one group.
    return pid <= 0 || child.tid == pid;
}

Task* zombie_child(Task& parent, pid_t pid)
{
    for (Task& child : parent.children) {
        if (matches(child, pid) && child.state == TaskState::Zombie)
            return &child;
    }
    return nullptr;
}

bool has_child(Task& parent, pid_t pid)
{
    for (Task& child : parent.children) {
        if (matches(child, pid))
            return true;
    }
    return false;
}

// Orphans go to init, which reaps them.
void reparent_children(Task& task)
{
    Task* init = tasks::find(INIT_PID);
    bool zombies = false;
    while (Task* child = task.children.take_first()) {
        child->parent = init;
        init->children.append(*child);
        zombies |= child->state == TaskState::Zombie;
    }
    if (zombies)
        init->child_exit_queue->wake_all();
}

} // namespace

void exit_current(i32 wait_status)
{
    Task* task = current();
    if (task->tid == INIT_PID)
        panic("init exited (wait status 0x%x): nothing is left to run", wait_status);

    if (task->clear_child_tid && task->mm) {
        // CLONE_CHILD_CLEARTID: zero the word (the futex wake-up comes with futexes).
        (void)write_user<u32>(task->clear_child_tid, 0);
    }
    RefPtr<FileTable> files;
    RefPtr<FsContext> fs;
    RefPtr<NsProxy> nsproxy;
    RefPtr<Mm> mm;
    {
        SpinLockGuard guard(task->task_lock);
        files = libk::move(task->files);
        fs = libk::move(task->fs);
        nsproxy = libk::move(task->nsproxy);
        mm = libk::move(task->mm);
    }
    // Off this address space before it can be freed.
    paging::switch_to(paging::kernel_directory());
    files = nullptr;
    fs = nullptr;
    nsproxy = nullptr;
    mm = nullptr;

    reparent_children(*task);
    if (Task* parent = task->vfork_parent) {
        task->vfork_parent = nullptr;
        parent->child_exit_queue->wake_all();
    }
    libk::irq_save();
    task->exit_status = wait_status;
    task->state = TaskState::Zombie;
    task->parent->child_exit_queue->wake_all();
    scheduler::schedule();
    panic("a zombie was scheduled");
}

ErrorOr<pid_t> wait_for_child(pid_t pid, i32* status, u32 options)
{
    Task* task = current();
    if (!has_child(*task, pid))
        return Error::from_errno(abi::ECHILD);
    Task* zombie = zombie_child(*task, pid);
    if (!zombie && (options & WNOHANG))
        return 0;
    task->child_exit_queue->wait_until([&] {
        zombie = zombie_child(*task, pid);
        return zombie != nullptr || !has_child(*task, pid);
    });
    if (!zombie)
        return Error::from_errno(abi::ECHILD);
    pid_t reaped = zombie->tid;
    *status = zombie->exit_status;
    task->children.remove(*zombie);
    tasks::free(zombie);
    return reaped;
}
