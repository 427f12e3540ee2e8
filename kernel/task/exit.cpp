// The end of a task: exit, and its parent collecting the status with wait4
// or waitid.
//
// Threads complicate the picture a little. A process is its thread group;
// its parent waits for the group, represented by the group leader. A thread
// other than the leader is freed as soon as it exits. The leader stays a
// zombie until its parent reaps it, which it can only do once every thread
// of the group has exited.
#include <arch/i386/paging.h>
#include <kernel/abi/errno.h>
#include <kernel/abi/signal.h>
#include <kernel/debug/panic.h>
#include <kernel/fs/file_table.h>
#include <kernel/ipc/futex.h>
#include <kernel/fs/fs_context.h>
#include <kernel/mm/mm.h>
#include <kernel/mm/user_copy.h>
#include <kernel/signal/sighand.h>
#include <kernel/signal/signal.h>
#include <kernel/task/cputime.h>
#include <kernel/task/process.h>
#include <kernel/task/process_group.h>
#include <kernel/task/scheduler.h>
#include <kernel/task/tasks.h>
#include <kernel/task/nsproxy.h>
#include <kernel/task/wait_queue.h>
#include <kernel/tty/job_control.h>

namespace {

constexpr pid_t INIT_PID = 1;

// Orphans go to init, which reaps them.
void reparent_children(Task& task)
{
    Task* init = tasks::find(INIT_PID);
    bool zombies = false;
    while (Task* child = task.children.take_first()) {
        if (child->parent_death_signal && child->group)
            signal::send_to_group(*child->group, child->parent_death_signal, PendingInfo { abi::SI_USER, task.tgid, 0, 0 });
        child->parent = init;
        init->children.append(*child);
        zombies |= child->state == TaskState::Zombie;
        process_groups::child_orphaned(task, *child);
    }
    if (zombies)
        init->child_exit_queue->wake_all();
}

i32 child_code(i32 status)
{
    if ((status & 0x7F) == 0)
        return abi::CLD_EXITED;
    return (status & 0x80) ? abi::CLD_DUMPED : abi::CLD_KILLED;
}

bool parent_reaps_automatically(const Task& leader)
{
    const Task* parent = leader.parent;
    if (!parent || !parent->sighand || leader.exit_signal != abi::SIGCHLD)
        return false;
    const auto& action = parent->sighand->actions[abi::SIGCHLD - 1];
    return action.handler == abi::SIG_IGN || (action.flags & abi::SA_NOCLDWAIT);
}

i32 child_status(i32 status) { return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : status & 0x7F; }

} // namespace

void exit_current(i32 wait_status)
{
    Task* task = current();
    ThreadGroup& group = *task->group;
    if (group.exiting)
        wait_status = group.exit_status;
    if (task->tgid == INIT_PID && group.live_threads == 1)
        panic("init exited (wait status 0x%x): nothing is left to run", wait_status);

    // The last thread of a session leader takes the terminal from its
    // session, and its foreground group gets SIGHUP. First, while this
    // task still has all a task has: that group may be its own.
    if (group.live_threads == 1)
        job_control::process_exiting(group);

    if (task->clear_child_tid && task->mm) {
        // CLONE_CHILD_CLEARTID: zero the tid word and wake whoever joins us.
        if (!write_user<u32>(task->clear_child_tid, 0).is_error())
            (void)futex::wake(task->clear_child_tid, 1, ~0u, true);
    }
    RefPtr<FileTable> files;
    RefPtr<FsContext> fs;
    RefPtr<NsProxy> nsproxy;
    RefPtr<Mm> mm;
    RefPtr<SigHand> sighand;
    {
        SpinLockGuard guard(task->task_lock);
        files = libk::move(task->files);
        fs = libk::move(task->fs);
        nsproxy = libk::move(task->nsproxy);
        mm = libk::move(task->mm);
        sighand = libk::move(task->sighand);
    }
    // Off this address space before it can be freed.
    paging::switch_to(paging::kernel_directory());
    files = nullptr;
    fs = nullptr;
    nsproxy = nullptr;
    mm = nullptr;
    sighand = nullptr;

    reparent_children(*task);
    if (Task* parent = task->vfork_parent) {
        task->vfork_parent = nullptr;
        parent->child_exit_queue->wake_all();
    }

    libk::irq_save();
    cputime::thread_exited(*task);
    group.threads.remove(*task);
    bool last = --group.live_threads == 0;
    if (last) {
        group.exit_status = group.exiting ? group.exit_status : wait_status;
        group.exiting = true;
        if (group.alarm_node.is_linked())
            IntrusiveList<ThreadGroup, &ThreadGroup::alarm_node>::remove(group);
    }
    if (group.exec_survivor)
        group.exec_survivor->child_exit_queue->wake_all();
    Task* leader = group.leader;
    if (last && leader)
        process_groups::exiting(*leader);
    if (task == leader) {
        task->exit_status = wait_status;
        task->state = TaskState::Zombie;
    } else {
        scheduler::defer_free(*task);
    }
    if (last && leader) {
        leader->exit_status = group.exit_status;
        Task* parent = leader->parent;
        if (parent_reaps_automatically(*leader)) {
            // SIGCHLD ignored (or SA_NOCLDWAIT): no zombie, as POSIX says.
            parent->children.remove(*leader);
            if (leader == task)
                scheduler::defer_free(*task);
            else
                tasks::free(leader);
            parent->child_exit_queue->wake_all();
        } else {
            signal::notify_parent(*leader, child_code(group.exit_status), child_status(group.exit_status));
        }
    }
    scheduler::schedule();
    panic("an exited task was scheduled");
}

// ---- waiting -------------------------------------------------------------------

namespace {

bool selected(const Task& child, const WaitSelection& which, const Task& waiter)
{
    const ThreadGroup& group = *child.group;
    switch (which.kind) {
    case WaitSelection::Any: break;
    case WaitSelection::Pid: if (child.tgid != which.id) return false; break;
    case WaitSelection::ProcessGroup: if (group.pgid != (which.id ? which.id : waiter.group->pgid)) return false; break;
    }
    // A child with another exit signal than SIGCHLD is a "clone" child:
    // waited for only with __WCLONE, or __WALL.
    bool clone_child = child.exit_signal != abi::SIGCHLD;
    if (which.options & wait_options::ALL)
        return true;
    return clone_child == bool(which.options & wait_options::CLONE);
}

// One state change of `child` the waiter asked for, if there is one.
bool take_event(Task& child, const WaitSelection& which, WaitEvent& event)
{
    ThreadGroup& group = *child.group;
    bool keep = which.options & wait_options::NO_WAIT;
    event.pid = child.tgid;
    event.uid = child.credentials.uid;
    // For wait4's rusage: the child's time and its reaped children's.
    CpuTimes own = cputime::of_process(group), reaped = cputime::of_children(group);
    event.cpu = CpuTimes { own.user + reaped.user, own.system + reaped.system };
    if ((which.options & wait_options::EXITED) && child.state == TaskState::Zombie && group.live_threads == 0) {
        event.code = child_code(group.exit_status);
        event.status = group.exit_status;
        event.si_status = child_status(group.exit_status);
        event.reap = !keep;
        return true;
    }
    if ((which.options & wait_options::STOPPED) && group.stopped && group.stop_to_report) {
        event.code = abi::CLD_STOPPED;
        event.status = (group.stop_signal << 8) | 0x7F;
        event.si_status = group.stop_signal;
        if (!keep)
            group.stop_to_report = false;
        return true;
    }
    if ((which.options & wait_options::CONTINUED) && group.continue_to_report) {
        event.code = abi::CLD_CONTINUED;
        event.status = 0xFFFF;
        event.si_status = abi::SIGCONT;
        if (!keep)
            group.continue_to_report = false;
        return true;
    }
    return false;
}

} // namespace

ErrorOr<pid_t> wait_for_child(const WaitSelection& which, WaitEvent& event)
{
    Task* waiter = current();
    Task* parent = waiter->group->leader; // a process's children belong to all its threads
    Task* found = nullptr;
    bool any = false;
    auto scan = [&] {
        any = false;
        for (Task& child : parent->children) {
            if (!selected(child, which, *waiter))
                continue;
            any = true;
            if (take_event(child, which, event)) {
                found = &child;
                return true;
            }
        }
        return !any || (which.options & wait_options::NO_HANG);
    };
    auto result = parent->child_exit_queue->wait(scan);
    if (result == WaitResult::Interrupted)
        return Error::from_errno(restart::SYS);
    if (!any)
        return Error::from_errno(abi::ECHILD);
    if (!found)
        return 0; // WNOHANG and nothing to report
    pid_t pid = found->tgid;
    if (event.reap) {
        cputime::child_reaped(*waiter->group, *found->group);
        parent->children.remove(*found);
        found->group = nullptr;
        tasks::free(found);
    }
    return pid;
}
