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

bool is_orphaned(pid_t pgid)
{
    for (Task& task : tasks::all()) {
        if (!is_process(task) || task.group->pgid != pgid || task.state == TaskState::Zombie)
            continue;
        Task* parent = task.parent;
        if (!parent || !parent->group || parent->tgid == INIT_PID)
            continue;
        if (parent->group->pgid != pgid && parent->group->sid == task.group->sid)
            return false;
    }
    return true;
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
