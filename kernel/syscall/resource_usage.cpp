// CPU time as processes read it: times, getrusage, and the rusage of
// wait4 and waitid (kernel/task/cputime.h counts it).
#include <kernel/mm/user_copy.h>
#include <kernel/syscall/rusage.h>
#include <kernel/syscall/syscall.h>
#include <kernel/task/cputime.h>
#include <kernel/time/clock.h>

namespace {

// struct rusage on i386: two timevals, then 14 longs Cleave does not
// count (memory, faults, I/O, context switches) and leaves zero.
struct Timeval {
    i32 seconds, microseconds;
};
struct Rusage {
    Timeval user, system;
    i32 others[14];
};
static_assert(sizeof(Rusage) == 72);

Timeval timeval_of(u64 ticks)
{
    u64 us = cputime::to_microseconds(ticks);
    return Timeval { static_cast<i32>(us / 1000000), static_cast<i32>(us % 1000000) };
}

// struct tms: clock_t values in USER_HZ units (100 a second, as Cleave's ticks).
struct Tms {
    i32 user, system, children_user, children_system;
};
static_assert(clock::HZ == 100, "times(2) reports in USER_HZ (100 a second)");

constexpr i32 RUSAGE_SELF = 0, RUSAGE_CHILDREN = -1, RUSAGE_THREAD = 1;

} // namespace

ErrorOr<void> write_rusage(uptr address, CpuTimes times)
{
    Rusage usage {};
    usage.user = timeval_of(times.user);
    usage.system = timeval_of(times.system);
    return write_user(address, usage);
}

SyscallResult sys_times(u32 address, u32, u32, u32, u32, u32)
{
    if (address) {
        const ThreadGroup& group = *current()->group;
        CpuTimes own = cputime::of_process(group), children = cputime::of_children(group);
        Tms tms { static_cast<i32>(own.user), static_cast<i32>(own.system), static_cast<i32>(children.user),
            static_cast<i32>(children.system) };
        TRY(write_user(address, tms));
    }
    // The clock ticks since boot: a point of reference for the caller.
    return static_cast<u32>(clock::ticks());
}

SyscallResult sys_getrusage(u32 who, u32 address, u32, u32, u32, u32)
{
    Task& task = *current();
    CpuTimes times;
    switch (static_cast<i32>(who)) {
    case RUSAGE_SELF: times = cputime::of_process(*task.group); break;
    case RUSAGE_CHILDREN: times = cputime::of_children(*task.group); break;
    case RUSAGE_THREAD: {
        u32 state = libk::irq_save();
        times = task.cpu;
        libk::irq_restore(state);
        break;
    }
    default: return errno_error(abi::EINVAL);
    }
    TRY(write_rusage(address, times));
    return 0;
}
