// Process groups and sessions, and the small calls around processes that
// libraries make: prctl, CPU affinity, priorities.
#include <kernel/mm/user_copy.h>
#include <kernel/signal/thread_group.h>
#include <kernel/syscall/syscall.h>
#include <kernel/task/tasks.h>
#include <libk/string.h>

namespace {

using namespace abi;

// The process (group leader) with this pid, if it is alive or a zombie.
Task* process(pid_t pid)
{
    Task* task = tasks::find(pid);
    if (!task || !task->group || task->group->leader != task)
        return nullptr;
    return task;
}

bool session_has_group(pid_t sid, pid_t pgid)
{
    for (Task& task : tasks::all()) {
        if (task.group && task.group->sid == sid && task.group->pgid == pgid)
            return true;
    }
    return false;
}

bool is_group_leader_of_something(pid_t pid)
{
    for (Task& task : tasks::all()) {
        if (task.group && task.group->pgid == pid)
            return true;
    }
    return false;
}

} // namespace

SyscallResult sys_setpgid(u32 pid_word, u32 pgid_word, u32, u32, u32, u32)
{
    Task* me = current()->group->leader;
    pid_t pid = pid_word ? static_cast<pid_t>(pid_word) : me->tgid;
    pid_t pgid = static_cast<i32>(pgid_word);
    if (pgid < 0)
        return errno_error(EINVAL);
    Task* target = process(pid);
    if (!target || (target != me && target->parent != me))
        return errno_error(ESRCH);
    ThreadGroup& group = *target->group;
    if (group.sid == group.leader->tgid) // a session leader cannot move
        return errno_error(EPERM);
    if (target != me && group.sid != me->group->sid)
        return errno_error(EPERM);
    if (target != me && group.did_exec)
        return errno_error(EACCES);
    if (!pgid)
        pgid = target->tgid;
    if (pgid != target->tgid && !session_has_group(me->group->sid, pgid))
        return errno_error(EPERM);
    group.pgid = pgid;
    return 0;
}

SyscallResult sys_getpgid(u32 pid, u32, u32, u32, u32, u32)
{
    Task* target = pid ? process(static_cast<pid_t>(pid)) : current()->group->leader;
    if (!target)
        return errno_error(ESRCH);
    return static_cast<u32>(target->group->pgid);
}

SyscallResult sys_getpgrp(u32, u32, u32, u32, u32, u32) { return static_cast<u32>(current()->group->pgid); }

SyscallResult sys_setsid(u32, u32, u32, u32, u32, u32)
{
    ThreadGroup& group = *current()->group;
    if (is_group_leader_of_something(group.tgid))
        return errno_error(EPERM);
    group.sid = group.pgid = group.tgid;
    group.tty = nullptr; // a new session starts without a controlling terminal
    return static_cast<u32>(group.sid);
}

SyscallResult sys_getsid(u32 pid, u32, u32, u32, u32, u32)
{
    Task* target = pid ? process(static_cast<pid_t>(pid)) : current()->group->leader;
    if (!target)
        return errno_error(ESRCH);
    return static_cast<u32>(target->group->sid);
}

SyscallResult sys_prctl(u32 option, u32 argument, u32, u32, u32, u32)
{
    constexpr u32 PR_SET_PDEATHSIG = 1, PR_GET_PDEATHSIG = 2, PR_SET_NAME = 15, PR_GET_NAME = 16;
    Task* task = current();
    switch (option) {
    case PR_SET_NAME: {
        char name[16] = {};
        for (u32 i = 0; i < 15; ++i) {
            name[i] = TRY(read_user<char>(argument + i));
            if (!name[i])
                break;
        }
        tasks::set_name(*task, name);
        return 0;
    }
    case PR_GET_NAME:
        TRY(copy_to_user(argument, task->name, 16));
        return 0;
    case PR_SET_PDEATHSIG:
        if (argument > static_cast<u32>(NSIG))
            return errno_error(EINVAL);
        task->parent_death_signal = static_cast<u8>(argument);
        return 0;
    case PR_GET_PDEATHSIG:
        TRY(write_user<i32>(argument, task->parent_death_signal));
        return 0;
    default:
        return errno_error(EINVAL);
    }
}

// One CPU: the affinity mask is bit 0.
SyscallResult sys_sched_getaffinity(u32 pid, u32 size, u32 address, u32, u32, u32)
{
    if (pid && !tasks::find(static_cast<pid_t>(pid)))
        return errno_error(ESRCH);
    if (size < 4 || size % 4)
        return errno_error(EINVAL);
    u32 mask = 1;
    TRY(write_user(address, mask));
    return 4;
}

namespace {

// May the caller change `target`'s scheduling (affinity, nice)? Its own
// processes, or anyone's with CAP_SYS_NICE, as Linux says.
bool may_reschedule(const Task& target)
{
    const Credentials& me = current()->credentials;
    return capable(capability::SYS_NICE) || me.euid == target.credentials.uid || me.euid == target.credentials.euid;
}

} // namespace

SyscallResult sys_sched_setaffinity(u32 pid, u32 size, u32 address, u32, u32, u32)
{
    Task* target = pid ? tasks::find(static_cast<pid_t>(pid)) : current();
    if (!target)
        return errno_error(ESRCH);
    if (size < 4)
        return errno_error(EINVAL);
    u32 mask = TRY(read_user<u32>(address));
    if (!(mask & 1))
        return errno_error(EINVAL);
    if (!may_reschedule(*target))
        return errno_error(EPERM);
    return 0;
}

// Priorities are kept (nice values -20..19) but the scheduler treats every
// task alike: round robin.
namespace {

constexpr u32 PRIO_PROCESS = 0, PRIO_PGRP = 1, PRIO_USER = 2;

// Calls `visit` for each live task (not a zombie, not the idle task) that
// `selected` picks; ESRCH if it picks none. What getpriority, setpriority
// and the ioprio calls share: they differ only in what they select.
template<typename Selected, typename Visit>
ErrorOr<void> for_each_selected_task(Selected selected, Visit visit)
{
    bool found = false;
    for (Task& task : tasks::all()) {
        if (!task.group || task.state == TaskState::Zombie || task.tid == 0 || !selected(task))
            continue;
        found = true;
        TRY(visit(task));
    }
    if (!found)
        return Error::from_errno(ESRCH);
    return {};
}

// Calls `visit` for each live process `which`/`who` selects; ESRCH if none,
// EINVAL for an unknown `which`.
template<typename Visit>
ErrorOr<void> for_priority_targets(u32 which, u32 who, Visit visit)
{
    if (which != PRIO_PROCESS && which != PRIO_PGRP && which != PRIO_USER)
        return Error::from_errno(EINVAL);
    Task* me = current();
    return for_each_selected_task([&](Task& task) {
        if (task.group->leader != &task) // a process is its group's leader
            return false;
        switch (which) {
        case PRIO_PROCESS: return task.tgid == (who ? static_cast<pid_t>(who) : me->tgid);
        case PRIO_PGRP: return task.group->pgid == (who ? static_cast<pid_t>(who) : me->group->pgid);
        default: return task.credentials.uid == (who ? who : me->credentials.uid);
        }
    }, visit);
}

} // namespace

SyscallResult sys_getpriority(u32 which, u32 who, u32, u32, u32, u32)
{
    i32 best = 20;
    TRY(for_priority_targets(which, who, [&](Task& task) -> ErrorOr<void> {
        best = libk::min(best, task.nice);
        return {};
    }));
    return static_cast<u32>(20 - best); // the raw call returns 20 - nice
}

SyscallResult sys_setpriority(u32 which, u32 who, u32 value, u32, u32, u32)
{
    i32 nice = libk::clamp(static_cast<i32>(value), -20, 19);
    int error = 0;
    TRY(for_priority_targets(which, who, [&](Task& task) -> ErrorOr<void> {
        if (!may_reschedule(task))
            error = EPERM;
        else if (nice < task.nice && !capable(capability::SYS_NICE))
            error = EACCES;
        else
            task.nice = nice;
        return {};
    }));
    if (error)
        return errno_error(error);
    return 0;
}

// ---- I/O priorities ------------------------------------------------------------

// Kept as Linux keeps them, per thread and inherited by a child; Cleave's
// file systems live in memory and have no I/O queue they would order.
namespace {

constexpr u32 IOPRIO_WHO_PROCESS = 1, IOPRIO_WHO_PGRP = 2, IOPRIO_WHO_USER = 3;
constexpr u32 IOPRIO_CLASS_NONE = 0, IOPRIO_CLASS_RT = 1, IOPRIO_CLASS_BE = 2, IOPRIO_CLASS_IDLE = 3;
constexpr u32 IOPRIO_CLASS_SHIFT = 13, IOPRIO_NR_LEVELS = 8, IOPRIO_BE_NORM = 4;

constexpr u32 ioprio_class(u32 ioprio) { return ioprio >> IOPRIO_CLASS_SHIFT; }
constexpr u32 ioprio_data(u32 ioprio) { return ioprio & ((1u << IOPRIO_CLASS_SHIFT) - 1); }

// The more urgent of two priorities; "none" counts as best effort, normal level.
u32 ioprio_best(u32 a, u32 b)
{
    constexpr u32 normal = (IOPRIO_CLASS_BE << IOPRIO_CLASS_SHIFT) | IOPRIO_BE_NORM;
    if (ioprio_class(a) == IOPRIO_CLASS_NONE)
        a = normal;
    if (ioprio_class(b) == IOPRIO_CLASS_NONE)
        b = normal;
    return libk::min(a, b);
}

// Calls `visit` for each live task `which`/`who` selects: one thread by
// its id, every thread of a process group, or of a user. ESRCH if none.
template<typename Visit>
ErrorOr<void> for_ioprio_targets(u32 which, u32 who, Visit visit)
{
    Task* me = current();
    if (which == IOPRIO_WHO_PROCESS) {
        Task* task = who ? tasks::find(static_cast<pid_t>(who)) : me;
        if (!task || !task->group || task->state == TaskState::Zombie)
            return Error::from_errno(ESRCH);
        return visit(*task);
    }
    if (which != IOPRIO_WHO_PGRP && which != IOPRIO_WHO_USER)
        return Error::from_errno(EINVAL);
    return for_each_selected_task([&](Task& task) {
        return which == IOPRIO_WHO_PGRP ? task.group->pgid == (who ? static_cast<pid_t>(who) : me->group->pgid)
                                        : task.credentials.uid == (who ? who : me->credentials.uid);
    }, visit);
}

} // namespace

SyscallResult sys_ioprio_get(u32 which, u32 who, u32, u32, u32, u32)
{
    bool first = true;
    u32 best = 0;
    TRY(for_ioprio_targets(which, who, [&](Task& task) -> ErrorOr<void> {
        best = first ? task.ioprio : ioprio_best(best, task.ioprio);
        first = false;
        return {};
    }));
    return best;
}

SyscallResult sys_ioprio_set(u32 which, u32 who, u32 ioprio, u32, u32, u32)
{
    switch (ioprio_class(ioprio)) {
    case IOPRIO_CLASS_RT:
        if (!capable(capability::SYS_NICE) && !capable(capability::SYS_ADMIN))
            return errno_error(EPERM);
        [[fallthrough]];
    case IOPRIO_CLASS_BE:
        if (ioprio_data(ioprio) >= IOPRIO_NR_LEVELS)
            return errno_error(EINVAL);
        break;
    case IOPRIO_CLASS_IDLE:
        break;
    case IOPRIO_CLASS_NONE:
        if (ioprio_data(ioprio))
            return errno_error(EINVAL);
        break;
    default:
        return errno_error(EINVAL);
    }
    const Credentials& me = current()->credentials;
    TRY(for_ioprio_targets(which, who, [&](Task& task) -> ErrorOr<void> {
        // Its owner (by real or effective uid), or CAP_SYS_NICE.
        if (task.credentials.uid != me.euid && task.credentials.uid != me.uid && !capable(capability::SYS_NICE))
            return Error::from_errno(EPERM);
        task.ioprio = static_cast<u16>(ioprio);
        return {};
    }));
    return 0;
}

// ---- personality ------------------------------------------------------------------

// The execution domain and its flags (ADDR_NO_RANDOMIZE, READ_IMPLIES_EXEC,
// ...), kept per task and inherited, as setarch and linux32 expect. Cleave
// does not randomise addresses and has one execution domain, so no flag
// changes what a program sees; 0xffffffff only asks.
SyscallResult sys_personality(u32 persona, u32, u32, u32, u32, u32)
{
    Task& task = *current();
    u32 old = task.personality;
    if (persona != 0xffffffff)
        task.personality = persona;
    return old;
}
