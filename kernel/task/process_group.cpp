#include <kernel/signal/signal.h>
#include <kernel/task/process_group.h>
#include <kernel/task/tasks.h>

namespace {

constexpr pid_t INIT_PID = 1;

// A process: the leader of a thread group (zombies included).
bool is_process(const Task& task) { return task.group && task.group->leader == &task; }

} // namespace

namespace process_groups {

void signal(pid_t pgid, int s)
{
    for (Task& task : tasks::all()) {
        if (is_process(task) && task.group->pgid == pgid)
            signal::send_to_group(*task.group, s, PendingInfo { abi::SI_KERNEL, 0, 0, 0 });
    }
}

bool is_orphaned(pid_t pgid, const Task* ignoring)
{
    for (Task& task : tasks::all()) {
        if (!is_process(task) || task.group->pgid != pgid || task.state == TaskState::Zombie || &task == ignoring)
            continue;
        Task* parent = task.parent;
        if (!parent || !parent->group || parent->tgid == INIT_PID)
            continue;
        if (parent->group->pgid != pgid && parent->group->sid == task.group->sid)
            return false;
    }
    return true;
}

namespace {

bool has_stopped_member(pid_t pgid)
{
    for (Task& task : tasks::all()) {
        if (is_process(task) && task.group->pgid == pgid && task.group->stopped)
            return true;
    }
    return false;
}

// `parent` was the link of `child`'s group to the rest of the session.
void hang_up_if_orphaned(const Task& parent, const Task& child, const Task* ignoring)
{
    if (!parent.group || !child.group)
        return;
    pid_t pgid = child.group->pgid;
    if (parent.group->pgid != pgid && parent.group->sid == child.group->sid && is_orphaned(pgid, ignoring)
        && has_stopped_member(pgid)) {
        signal(pgid, abi::SIGHUP);
        signal(pgid, abi::SIGCONT);
    }
}

} // namespace

void child_orphaned(const Task& exiting, Task& child)
{
    if (is_process(child))
        hang_up_if_orphaned(exiting, child, nullptr);
}

void exiting(Task& leader)
{
    if (leader.parent)
        hang_up_if_orphaned(*leader.parent, leader, &leader);
}

pid_t session_of(pid_t pgid)
{
    for (Task& task : tasks::all()) {
        if (is_process(task) && task.group->pgid == pgid)
            return task.group->sid;
    }
    for (Task& task : tasks::all()) {
        if (task.tid == pgid && task.group)
            return task.group->sid;
    }
    return 0;
}

bool pid_in_use(pid_t pid)
{
    for (Task& task : tasks::all()) {
        if (task.tid == pid || (task.group && (task.group->pgid == pid || task.group->sid == pid)))
            return true;
    }
    return false;
}

} // namespace process_groups
