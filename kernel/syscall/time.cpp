// Time system calls. The clock ticks at clock::HZ; the real-time clock is
// the CMOS clock read at boot plus the time since, until root sets it.
#include <kernel/lib/random.h>
#include <kernel/mm/user_copy.h>
#include <kernel/signal/thread_group.h>
#include <kernel/syscall/syscall.h>
#include <kernel/task/cputime.h>
#include <kernel/task/scheduler.h>
#include <kernel/time/clock.h>

namespace {

constexpr u32 CLOCK_REALTIME = 0, CLOCK_MONOTONIC = 1, CLOCK_PROCESS_CPUTIME_ID = 2, CLOCK_THREAD_CPUTIME_ID = 3;
constexpr u32 CLOCK_MONOTONIC_RAW = 4, CLOCK_REALTIME_COARSE = 5, CLOCK_MONOTONIC_COARSE = 6, CLOCK_BOOTTIME = 7;
constexpr u32 TIMER_ABSTIME = 1;
constexpr i64 NS_PER_SECOND = 1000000000;

struct Timespec32 {
    i32 seconds;
    i32 nanoseconds;
};

struct Timespec64 {
    i64 seconds;
    i64 nanoseconds;
};

i64 ticks_to_ns(u64 ticks) { return static_cast<i64>(ticks) * (NS_PER_SECOND / clock::HZ); }

// The CPU time of the calling process or thread (kernel/task/cputime.h).
i64 cpu_clock_ns(bool whole_process)
{
    Task& task = *current();
    CpuTimes t;
    if (whole_process) {
        t = cputime::of_process(*task.group);
    } else {
        u32 state = libk::irq_save();
        t = task.cpu;
        libk::irq_restore(state);
    }
    return ticks_to_ns(t.user + t.system);
}

ErrorOr<i64> clock_now(u32 clock)
{
    switch (clock) {
    case CLOCK_REALTIME:
    case CLOCK_REALTIME_COARSE:
        return clock::realtime_ns();
    case CLOCK_MONOTONIC:
    case CLOCK_MONOTONIC_RAW:
    case CLOCK_MONOTONIC_COARSE:
    case CLOCK_BOOTTIME:
        return clock::monotonic_ns();
    case CLOCK_PROCESS_CPUTIME_ID:
        return cpu_clock_ns(true);
    case CLOCK_THREAD_CPUTIME_ID:
        return cpu_clock_ns(false);
    default:
        return Error::from_errno(abi::EINVAL);
    }
}

// What Linux accepts as a time of day to set: not before 1970, and whole
// nanoseconds below a second.
bool valid_time_of_day(i64 seconds, i64 nanoseconds)
{
    // As Linux: the clock counts nanoseconds in an i64, and must not wrap
    // within the next 30 years of uptime.
    constexpr i64 MAX_SECONDS = 0x7fffffffffffffffll / NS_PER_SECOND - 30ll * 365 * 86400;
    return seconds >= 0 && seconds < MAX_SECONDS && nanoseconds >= 0 && nanoseconds < NS_PER_SECOND;
}

// Sets the time of day: EINVAL for a time that is not valid, then EPERM
// without CAP_SYS_TIME, in Linux's order.
SyscallResult set_time_of_day(i64 seconds, i64 nanoseconds)
{
    if (!valid_time_of_day(seconds, nanoseconds))
        return errno_error(abi::EINVAL);
    if (!capable(capability::SYS_TIME))
        return errno_error(abi::EPERM);
    clock::set_realtime_ns(seconds * NS_PER_SECOND + nanoseconds);
    return 0;
}

// Only CLOCK_REALTIME can be set: the others do not have the operation
// (EINVAL), the CPU-time clocks included, as on Linux.
SyscallResult do_clock_settime(u32 clock, uptr address, bool wide)
{
    if (clock != CLOCK_REALTIME)
        return errno_error(abi::EINVAL);
    if (wide) {
        auto t = TRY(read_user<Timespec64>(address));
        // A 32-bit kernel keeps the low half of the nanoseconds, as Linux's does.
        return set_time_of_day(t.seconds, static_cast<i32>(t.nanoseconds));
    }
    auto t = TRY(read_user<Timespec32>(address));
    return set_time_of_day(t.seconds, t.nanoseconds);
}

// The timezone settimeofday was given, which gettimeofday gives back
// (minutes west of Greenwich, and a DST kind no one uses any more).
struct Timezone {
    i32 minutes_west;
    i32 dst_time;
};
Timezone system_timezone; // guarded by the kernel not being preemptible

ErrorOr<void> put_time(uptr address, i64 ns, bool wide)
{
    if (wide)
        return write_user(address, Timespec64 { ns / NS_PER_SECOND, ns % NS_PER_SECOND });
    return write_user(address, Timespec32 { static_cast<i32>(ns / NS_PER_SECOND), static_cast<i32>(ns % NS_PER_SECOND) });
}

ErrorOr<i64> get_duration(uptr address, bool wide)
{
    i64 seconds, nanoseconds;
    if (wide) {
        auto t = TRY(read_user<Timespec64>(address));
        seconds = t.seconds, nanoseconds = t.nanoseconds;
    } else {
        auto t = TRY(read_user<Timespec32>(address));
        seconds = t.seconds, nanoseconds = t.nanoseconds;
    }
    if (seconds < 0 || nanoseconds < 0 || nanoseconds >= NS_PER_SECOND)
        return Error::from_errno(abi::EINVAL);
    return seconds * NS_PER_SECOND + nanoseconds;
}

// Sleeps until `clock` reads `deadline` (ns). Sleeps end on a tick, so a
// sleep lasts at least what was asked and at most one tick more.
SyscallResult sleep_until(u32 clock, i64 deadline)
{
    i64 now = TRY(clock_now(clock));
    if (deadline <= now)
        return 0;
    i64 tick_ns = NS_PER_SECOND / clock::HZ;
    u64 ticks = static_cast<u64>((deadline - now + tick_ns - 1) / tick_ns);
    if (!scheduler::sleep_until(clock::ticks() + ticks + 1))
        return errno_error(abi::EINTR);
    return 0;
}

// An interrupted relative sleep tells what was left of it in `remaining`
// (if given), as nanosleep does: C libraries build nanosleep on this call
// and hand the caller that time to sleep again.
SyscallResult do_clock_nanosleep(u32 clock, u32 flags, uptr request, uptr remaining, bool wide)
{
    if (clock == CLOCK_THREAD_CPUTIME_ID)
        return errno_error(abi::EINVAL);
    i64 duration = TRY(get_duration(request, wide));
    i64 deadline = flags & TIMER_ABSTIME ? duration : TRY(clock_now(clock)) + duration;
    auto slept = sleep_until(clock, deadline);
    if (slept.is_error() && remaining && !(flags & TIMER_ABSTIME)) {
        i64 left = deadline - TRY(clock_now(clock));
        TRY(put_time(remaining, left > 0 ? left : 0, wide));
    }
    return slept;
}

} // namespace

SyscallResult sys_clock_gettime(u32 clock, u32 address, u32, u32, u32, u32)
{
    TRY(put_time(address, TRY(clock_now(clock)), false));
    return 0;
}

SyscallResult sys_clock_gettime64(u32 clock, u32 address, u32, u32, u32, u32)
{
    TRY(put_time(address, TRY(clock_now(clock)), true));
    return 0;
}

SyscallResult sys_clock_getres(u32 clock, u32 address, u32, u32, u32, u32)
{
    TRY(clock_now(clock));
    if (address)
        TRY(put_time(address, NS_PER_SECOND / clock::HZ, false));
    return 0;
}

SyscallResult sys_clock_getres_time64(u32 clock, u32 address, u32, u32, u32, u32)
{
    TRY(clock_now(clock));
    if (address)
        TRY(put_time(address, NS_PER_SECOND / clock::HZ, true));
    return 0;
}

SyscallResult sys_gettimeofday(u32 timeval, u32 timezone, u32, u32, u32, u32)
{
    i64 ns = clock::realtime_ns();
    if (timeval)
        TRY(write_user(timeval, Timespec32 { static_cast<i32>(ns / NS_PER_SECOND), static_cast<i32>(ns % NS_PER_SECOND / 1000) }));
    if (timezone)
        TRY(write_user(timezone, system_timezone));
    return 0;
}

// Linux's order: a bad time is EINVAL, then anything at all without
// CAP_SYS_TIME is EPERM, then a timezone beyond 15 hours is EINVAL.
SyscallResult sys_settimeofday(u32 timeval, u32 timezone, u32, u32, u32, u32)
{
    Timespec32 tv {};
    Timezone tz {};
    if (timeval) {
        tv = TRY(read_user<Timespec32>(timeval));
        if (tv.seconds < 0 || tv.nanoseconds < 0 || tv.nanoseconds >= 1000000) // microseconds, here
            return errno_error(abi::EINVAL);
    }
    if (timezone)
        tz = TRY(read_user<Timezone>(timezone));
    if (!capable(capability::SYS_TIME))
        return errno_error(abi::EPERM);
    if (timezone) {
        if (tz.minutes_west < -15 * 60 || tz.minutes_west > 15 * 60)
            return errno_error(abi::EINVAL);
        system_timezone = tz;
    }
    if (timeval)
        return set_time_of_day(tv.seconds, static_cast<i64>(tv.nanoseconds) * 1000);
    return 0;
}

// stime(2), i386's oldest way: whole seconds.
SyscallResult sys_stime(u32 address, u32, u32, u32, u32, u32)
{
    i32 seconds = TRY(read_user<i32>(address));
    if (!capable(capability::SYS_TIME)) // before the time's check, as Linux
        return errno_error(abi::EPERM);
    return set_time_of_day(seconds, 0);
}

SyscallResult sys_clock_settime(u32 clock, u32 address, u32, u32, u32, u32)
{
    return do_clock_settime(clock, address, false);
}

SyscallResult sys_clock_settime64(u32 clock, u32 address, u32, u32, u32, u32)
{
    return do_clock_settime(clock, address, true);
}

SyscallResult sys_time(u32 address, u32, u32, u32, u32, u32)
{
    u32 seconds = static_cast<u32>(clock::realtime_ns() / NS_PER_SECOND);
    if (address)
        TRY(write_user(address, seconds));
    return seconds;
}

SyscallResult sys_nanosleep(u32 request, u32 remaining, u32, u32, u32, u32)
{
    i64 duration = TRY(get_duration(request, false));
    i64 deadline = clock::monotonic_ns() + duration;
    auto slept = sleep_until(CLOCK_MONOTONIC, deadline);
    if (slept.is_error() && remaining) {
        i64 left = deadline - clock::monotonic_ns();
        TRY(put_time(remaining, left > 0 ? left : 0, false));
    }
    return slept;
}

SyscallResult sys_clock_nanosleep(u32 clock, u32 flags, u32 request, u32 remaining, u32, u32)
{
    return do_clock_nanosleep(clock, flags, request, remaining, false);
}

SyscallResult sys_clock_nanosleep_time64(u32 clock, u32 flags, u32 request, u32 remaining, u32, u32)
{
    return do_clock_nanosleep(clock, flags, request, remaining, true);
}

SyscallResult sys_getrandom(u32 buffer, u32 length, u32 flags, u32, u32, u32)
{
    if (flags & ~7u)
        return errno_error(abi::EINVAL);
    u8 chunk[256];
    for (u32 done = 0; done < length;) {
        u32 n = libk::min<u32>(sizeof(chunk), length - done);
        random::fill(chunk, n);
        TRY(copy_to_user(buffer + done, chunk, n));
        done += n;
    }
    return length;
}
