#include <kernel/lib/fault_injection.h>
#include <kernel/task/task.h>

namespace fault_injection {

bool should_fail()
{
    Task* task = current();
    if (!task || !task->fail_nth || task->injection_suppressed)
        return false;
    return --task->fail_nth == 0;
}

Suppress::Suppress()
{
    if (Task* task = current())
        ++task->injection_suppressed;
}

Suppress::~Suppress()
{
    if (Task* task = current())
        --task->injection_suppressed;
}

} // namespace fault_injection
