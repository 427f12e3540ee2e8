#include <kernel/mm/mm.h>
#include <kernel/signal/thread_group.h>

ErrorOr<RefPtr<ThreadGroup>> ThreadGroup::create(pid_t tgid)
{
    auto group = TRY(try_make_ref_counted<ThreadGroup>());
    group->tgid = tgid;
    constexpr u64 infinity = ~0ull;
    for (auto& limit : group->limits)
        limit = { infinity, infinity };
    group->limits[3] = { Mm::STACK_SIZE, infinity }; // RLIMIT_STACK
    group->limits[4] = { 0, infinity };              // RLIMIT_CORE: no core files
    group->limits[7] = { 1024, 4096 };               // RLIMIT_NOFILE
    return group;
}
