// System information: uname, sysinfo, resource limits.
#include <kernel/fs/file_table.h>
#include <kernel/lib/hostname.h>
#include <kernel/mm/frames.h>
#include <kernel/mm/mm.h>
#include <kernel/mm/user_copy.h>
#include <kernel/signal/thread_group.h>
#include <kernel/syscall/syscall.h>
#include <kernel/task/load_average.h>
#include <kernel/task/tasks.h>
#include <kernel/time/clock.h>
#include <kernel/version.h>
#include <libk/string.h>

namespace {

struct Utsname {
    char sysname[65], nodename[65], release[65], version[65], machine[65], domainname[65];
};

// struct sysinfo on i386.
struct Sysinfo {
    i32 uptime;
    u32 loads[3];
    u32 totalram, freeram, sharedram, bufferram, totalswap, freeswap;
    u16 procs, pad;
    u32 totalhigh, freehigh;
    u32 mem_unit;
    char padding[8];
};
static_assert(sizeof(Sysinfo) == 64);

constexpr u32 RLIMIT_NLIMITS = ThreadGroup::RLIMITS;

ErrorOr<ThreadGroup::Limit*> limit(u32 resource)
{
    if (resource >= RLIMIT_NLIMITS)
        return Error::from_errno(abi::EINVAL);
    return &current()->group->limits[resource];
}

// Raising a hard limit needs CAP_SYS_RESOURCE, as on Linux; no process
// may have more fds than /proc/sys/fs/nr_open allows.
ErrorOr<void> set_limit(u32 resource, ThreadGroup::Limit wanted)
{
    ThreadGroup::Limit* l = TRY(limit(resource));
    if (wanted.current > wanted.maximum)
        return Error::from_errno(abi::EINVAL);
    if (resource == ThreadGroup::RLIMIT_NOFILE && wanted.maximum > FileTable::nr_open)
        return Error::from_errno(abi::EPERM);
    if (wanted.maximum > l->maximum && !capable(capability::SYS_RESOURCE))
        return Error::from_errno(abi::EPERM);
    *l = wanted;
    return {};
}

u32 clamp32(u64 v) { return v > 0xFFFFFFFFull ? 0xFFFFFFFFu : static_cast<u32>(v); }
u64 widen32(u32 v) { return v == 0xFFFFFFFFu ? ~0ull : v; }

} // namespace

SyscallResult sys_uname(u32 address, u32, u32, u32, u32, u32)
{
    Utsname u {};
    // Programs compare release numbers, so Cleave says which Linux it follows.
    libk::strlcpy(u.sysname, "Linux", sizeof(u.sysname));
    libk::strlcpy(u.nodename, hostname::get(), sizeof(u.nodename));
    libk::strlcpy(u.release, "6.1.0-cleave", sizeof(u.release));
    libk::strlcpy(u.version, CLEAVE_UTS_VERSION, sizeof(u.version));
    libk::strlcpy(u.machine, "i686", sizeof(u.machine));
    libk::strlcpy(u.domainname, "(none)", sizeof(u.domainname));
    TRY(write_user(address, u));
    return 0;
}

SyscallResult sys_sysinfo(u32 address, u32, u32, u32, u32, u32)
{
    auto stats = frames::stats();
    Sysinfo info {};
    // Rounded up, as Linux does: a machine that has run at all has run a second.
    info.uptime = static_cast<i32>((clock::monotonic_ns() + 999999999) / 1000000000);
    // The load averages with 16 fraction bits (SI_LOAD_SHIFT).
    auto loads = load_average::get();
    constexpr u32 shift = 16 - load_average::FRACTION_BITS;
    info.loads[0] = loads.one << shift;
    info.loads[1] = loads.five << shift;
    info.loads[2] = loads.fifteen << shift;
    info.totalram = stats.total;
    info.freeram = stats.free;
    info.mem_unit = PAGE_SIZE;
    info.procs = static_cast<u16>(tasks::all().size_in_linear_time());
    TRY(write_user(address, info));
    return 0;
}

SyscallResult sys_ugetrlimit(u32 resource, u32 address, u32, u32, u32, u32)
{
    ThreadGroup::Limit* l = TRY(limit(resource));
    u32 pair[2] = { clamp32(l->current), clamp32(l->maximum) };
    TRY(copy_to_user(address, pair, sizeof(pair)));
    return 0;
}

SyscallResult sys_setrlimit(u32 resource, u32 address, u32, u32, u32, u32)
{
    u32 pair[2];
    TRY(copy_from_user(pair, address, sizeof(pair)));
    TRY(set_limit(resource, ThreadGroup::Limit { widen32(pair[0]), widen32(pair[1]) }));
    return 0;
}

SyscallResult sys_prlimit64(u32 pid, u32 resource, u32 new_limit, u32 old_limit, u32, u32)
{
    if (pid != 0 && static_cast<pid_t>(pid) != current()->tgid)
        return errno_error(abi::ESRCH); // other processes' limits: not yet
    ThreadGroup::Limit old = *TRY(limit(resource));
    if (new_limit)
        TRY(set_limit(resource, TRY(read_user<ThreadGroup::Limit>(new_limit))));
    if (old_limit)
        TRY(write_user(old_limit, old));
    return 0;
}
