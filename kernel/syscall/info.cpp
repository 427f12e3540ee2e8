// System information: uname, sysinfo, resource limits.
#include <kernel/lib/hostname.h>
#include <kernel/mm/frames.h>
#include <kernel/mm/mm.h>
#include <kernel/mm/user_copy.h>
#include <kernel/syscall/syscall.h>
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

constexpr u32 RLIMIT_STACK = 3, RLIMIT_NOFILE = 7, RLIM_NLIMITS = 16;
constexpr u64 RLIM_INFINITY = ~0ull;

struct Limit {
    u64 current, maximum;
};

ErrorOr<Limit> limit(u32 resource)
{
    if (resource >= RLIM_NLIMITS)
        return Error::from_errno(abi::EINVAL);
    if (resource == RLIMIT_STACK)
        return Limit { Mm::STACK_SIZE, RLIM_INFINITY };
    if (resource == RLIMIT_NOFILE)
        return Limit { 1024, 4096 };
    return Limit { RLIM_INFINITY, RLIM_INFINITY };
}

} // namespace

SyscallResult sys_uname(u32 address, u32, u32, u32, u32, u32)
{
    Utsname u {};
    // Programs compare release numbers, so Cleave says which Linux it follows.
    libk::strlcpy(u.sysname, "Linux", sizeof(u.sysname));
    libk::strlcpy(u.nodename, hostname::get(), sizeof(u.nodename));
    libk::strlcpy(u.release, "6.1.0-cleave", sizeof(u.release));
    libk::strlcpy(u.version, "#1 " CLEAVE_NAME " " CLEAVE_VERSION, sizeof(u.version));
    libk::strlcpy(u.machine, "i686", sizeof(u.machine));
    libk::strlcpy(u.domainname, "(none)", sizeof(u.domainname));
    TRY(write_user(address, u));
    return 0;
}

SyscallResult sys_sysinfo(u32 address, u32, u32, u32, u32, u32)
{
    auto stats = frames::stats();
    Sysinfo info {};
    info.uptime = static_cast<i32>(clock::monotonic_ns() / 1000000000);
    info.totalram = stats.total;
    info.freeram = stats.free;
    info.mem_unit = PAGE_SIZE;
    info.procs = static_cast<u16>(tasks::all().size_in_linear_time());
    TRY(write_user(address, info));
    return 0;
}

SyscallResult sys_ugetrlimit(u32 resource, u32 address, u32, u32, u32, u32)
{
    Limit l = TRY(limit(resource));
    auto clamp = [](u64 v) { return v > 0xFFFFFFFFull ? 0xFFFFFFFFu : static_cast<u32>(v); };
    u32 pair[2] = { clamp(l.current), clamp(l.maximum) };
    TRY(copy_to_user(address, pair, sizeof(pair)));
    return 0;
}

SyscallResult sys_prlimit64(u32 pid, u32 resource, u32 new_limit, u32 old_limit, u32, u32)
{
    if (pid != 0 && static_cast<pid_t>(pid) != current()->tgid)
        return errno_error(abi::ESRCH);
    Limit l = TRY(limit(resource));
    if (new_limit)
        return errno_error(abi::EPERM); // limits cannot be changed yet
    if (old_limit)
        TRY(write_user(old_limit, l));
    return 0;
}
