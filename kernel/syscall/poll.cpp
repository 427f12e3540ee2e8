// Waiting for any of several files: poll, ppoll, select (_newselect) and
// pselect6, with their 64-bit-time variants. All are one loop (wait_ready):
// ask every file whether it is ready (Inode::poll, fs/poll.h), and if none
// is, sleep until a file's wait queue is woken, a signal comes or the
// time is up, then ask again.
#include <kernel/abi/poll.h>
#include <kernel/fs/poll.h>
#include <kernel/mm/heap.h>
#include <kernel/mm/user_copy.h>
#include <kernel/signal/signal.h>
#include <kernel/syscall/file_calls.h>
#include <kernel/time/clock.h>
#include <libk/string.h>

namespace {

using abi::PollFd;
using namespace abi::poll_events;

constexpr i64 NS_PER_SECOND = 1000000000;
constexpr u32 SIGSET_SIZE = 8;
constexpr u32 RLIMIT_NOFILE = 7;

// What select's three sets look for (Linux's POLLIN_SET and friends):
// readable includes hung up and in error, so a select wakes for them too.
constexpr u32 SELECT_READ = POLLIN | POLLRDNORM | POLLRDBAND | POLLHUP | POLLERR;
constexpr u32 SELECT_WRITE = POLLOUT | POLLWRNORM | POLLWRBAND | POLLERR;
constexpr u32 SELECT_EXCEPT = POLLPRI;

// How long a call may wait.
struct Timeout {
    bool forever = true;
    i64 end_ns = 0;  // when it ends (monotonic), if not forever
    u64 deadline = 0; // the same in ticks, for the scheduler; 0 with !forever: do not wait

    static Timeout after_ns(i64 ns)
    {
        Timeout t;
        t.forever = false;
        t.end_ns = clock::monotonic_ns() + ns;
        if (ns > 0) {
            // Sleeps end on a tick: round up, and one more for the tick under way.
            i64 tick_ns = NS_PER_SECOND / clock::HZ;
            t.deadline = clock::ticks() + static_cast<u64>((ns + tick_ns - 1) / tick_ns) + 1;
        }
        return t;
    }
    bool immediate() const { return !forever && deadline == 0; }
    i64 left_ns() const
    {
        i64 left = end_ns - clock::monotonic_ns();
        return left > 0 ? left : 0;
    }
};

struct Timespec32 {
    i32 seconds, nanoseconds;
};
struct Timespec64 {
    i64 seconds, nanoseconds;
};
struct Timeval32 {
    i32 seconds, microseconds;
};

// A timespec from user memory (NULL: wait for ever). On i386 the upper
// half of a 64-bit tv_nsec is padding, ignored as Linux does.
ErrorOr<Timeout> read_timespec(uptr address, bool wide)
{
    if (!address)
        return Timeout {};
    i64 seconds, nanoseconds;
    if (wide) {
        auto t = TRY(read_user<Timespec64>(address));
        seconds = t.seconds, nanoseconds = static_cast<i32>(t.nanoseconds);
    } else {
        auto t = TRY(read_user<Timespec32>(address));
        seconds = t.seconds, nanoseconds = t.nanoseconds;
    }
    if (seconds < 0 || nanoseconds < 0 || nanoseconds >= NS_PER_SECOND)
        return Error::from_errno(abi::EINVAL);
    // Far in the future is for ever (and keeps the arithmetic in range).
    if (seconds > 0x7FFFFFFF / 2)
        return Timeout {};
    return Timeout::after_ns(seconds * NS_PER_SECOND + nanoseconds);
}

// Linux writes the time left back (select's timeval, pselect's and
// ppoll's timespec), and ignores a failure: the call has happened.
void write_time_left(uptr address, const Timeout& timeout, bool wide, bool timeval)
{
    if (!address || timeout.forever)
        return;
    i64 left = timeout.left_ns();
    if (timeval)
        (void)write_user(address, Timeval32 { static_cast<i32>(left / NS_PER_SECOND), static_cast<i32>(left % NS_PER_SECOND / 1000) });
    else if (wide)
        (void)write_user(address, Timespec64 { left / NS_PER_SECOND, left % NS_PER_SECOND });
    else
        (void)write_user(address, Timespec32 { static_cast<i32>(left / NS_PER_SECOND), static_cast<i32>(left % NS_PER_SECOND) });
}

// The events of one fd now: POLLNVAL if it is not open (or open with
// O_PATH, which gives no access to the file).
u32 events_of(i32 fd, PollTable* table)
{
    auto file = current_files().get(fd);
    if (file.is_error() || file.value()->is_path_only())
        return POLLNVAL;
    return file.value()->inode().poll(*file.value(), table);
}

// The loop every call shares. Sets each entry's revents to everything its
// file reports (the caller picks what it asked for); `count_ready` counts
// the ready entries from those. Returns that count, 0 when the time ran
// out, or restart::NO_HANDLER for a signal (EINTR after a handler, a
// restart otherwise, as Linux's ERESTARTNOHAND).
template<typename CountReady>
ErrorOr<u32> wait_ready(PollFd* fds, u32 count, const Timeout& timeout, CountReady count_ready)
{
    PollTable table;
    bool subscribe = !timeout.immediate(); // nothing to subscribe to if we never sleep
    bool timed_out = false;
    for (;;) {
        for (u32 i = 0; i < count; ++i)
            fds[i].revents = fds[i].fd < 0 ? 0 : static_cast<i16>(events_of(fds[i].fd, subscribe ? &table : nullptr));
        subscribe = false;
        u32 ready = count_ready();
        if (ready)
            return ready;
        if (table.error())
            return Error::from_errno(table.error());
        if (signal::has_deliverable(*current()))
            return Error::from_errno(restart::NO_HANDLER);
        if (timed_out || timeout.immediate())
            return 0;
        WaitResult result = table.sleep(timeout.forever ? 0 : timeout.deadline);
        if (result == WaitResult::TimedOut)
            timed_out = true; // one last look
    }
}

// The signal mask of ppoll and pselect6, in force while the call waits.
// Interrupted, the old mask comes back only after the handler ran (as with
// sigsuspend); otherwise at once.
class TemporaryMask {
public:
    ErrorOr<void> install(uptr mask_address, u32 size)
    {
        if (!mask_address)
            return {};
        if (size != SIGSET_SIZE)
            return Error::from_errno(abi::EINVAL);
        u64 mask = TRY(read_user<u64>(mask_address));
        Task* task = current();
        m_installed = true;
        m_old = task->blocked;
        task->blocked = mask & ~signal::UNBLOCKABLE;
        return {};
    }

    template<typename T>
    ErrorOr<T> finish(ErrorOr<T> result)
    {
        if (!m_installed)
            return result;
        Task* task = current();
        if (result.is_error() && result.error().code() == restart::NO_HANDLER) {
            task->saved_blocked = m_old;
            task->restore_blocked = true;
        } else {
            task->blocked = m_old;
        }
        return result;
    }

private:
    bool m_installed = false;
    u64 m_old = 0;
};

// ---- poll ----------------------------------------------------------------------

ErrorOr<u32> do_poll(uptr fds_address, u32 count, const Timeout& timeout)
{
    // Linux's limit is RLIMIT_NOFILE, which root may raise very high: the
    // table's size must still fit in a usize.
    if (count > current()->group->limits[RLIMIT_NOFILE].current || count > ~usize(0) / sizeof(PollFd))
        return Error::from_errno(abi::EINVAL);
    usize size = count * sizeof(PollFd);
    auto* fds = static_cast<PollFd*>(count ? kmalloc(size) : nullptr);
    if (count && !fds)
        return Error::from_errno(abi::ENOMEM);
    auto copied = count ? copy_from_user(fds, fds_address, size) : ErrorOr<void>();
    if (copied.is_error()) {
        kfree(fds);
        return copied.release_error();
    }
    // A file counts if it has an event asked for, or an error, a hang-up or
    // a bad fd, which are reported whether asked for or not.
    auto ready = wait_ready(fds, count, timeout, [&] {
        u32 n = 0;
        for (u32 i = 0; i < count; ++i) {
            u32 wanted = static_cast<u16>(fds[i].events) | POLLERR | POLLHUP | POLLNVAL;
            fds[i].revents = static_cast<i16>(static_cast<u16>(fds[i].revents) & wanted);
            n += fds[i].revents != 0;
        }
        return n;
    });
    if (!ready.is_error()) {
        for (u32 i = 0; i < count; ++i) {
            auto written = write_user(fds_address + i * sizeof(PollFd) + __builtin_offsetof(PollFd, revents), fds[i].revents);
            if (written.is_error()) {
                ready = written.release_error();
                break;
            }
        }
    }
    kfree(fds);
    return ready;
}

SyscallResult ppoll(uptr fds, u32 count, uptr timeout_address, uptr mask_address, u32 mask_size, bool wide)
{
    Timeout timeout = TRY(read_timespec(timeout_address, wide));
    TemporaryMask mask;
    TRY(mask.install(mask_address, mask_size));
    auto result = mask.finish(do_poll(fds, count, timeout));
    write_time_left(timeout_address, timeout, wide, false);
    return result;
}

// ---- select --------------------------------------------------------------------

// An fd_set: a bitmap of fds in 32-bit words, as user space lays it out.
constexpr u32 FD_BITS = 32;
u32 words_for(u32 n) { return (n + FD_BITS - 1) / FD_BITS; }
bool is_set(const u32* set, u32 fd) { return set && (set[fd / FD_BITS] >> (fd % FD_BITS)) & 1; }

// The three sets of one select: what the caller asked (in) and what is
// ready (out), one allocation for all six.
struct SelectSets {
    u32* asked[3] = {};
    u32* ready[3] = {};
    u32* memory = nullptr;
    ~SelectSets() { kfree(memory); }
};

ErrorOr<u32> do_select(i32 n, const uptr addresses[3], const Timeout& timeout)
{
    if (n < 0)
        return Error::from_errno(abi::EINVAL);
    // No fd can be at or above the limit: bits there are not looked at (as
    // Linux ignores the bits beyond its fd table).
    u32 count = libk::min(static_cast<u32>(n), FileTable::DEFAULT_LIMIT);
    u32 words = words_for(count);
    SelectSets sets;
    if (words) {
        sets.memory = static_cast<u32*>(kmalloc(6 * words * sizeof(u32)));
        if (!sets.memory)
            return Error::from_errno(abi::ENOMEM);
        libk::memset(sets.memory, 0, 6 * words * sizeof(u32));
    }
    for (int k = 0; k < 3; ++k) {
        if (!addresses[k] || !words)
            continue;
        sets.asked[k] = sets.memory + k * words;
        sets.ready[k] = sets.memory + (3 + k) * words;
        TRY(copy_from_user(sets.asked[k], addresses[k], words * sizeof(u32)));
    }
    // The fds asked about, each once, for the common loop; any that is not
    // open fails the whole call.
    u32 asked = 0;
    for (u32 fd = 0; fd < count; ++fd)
        asked += is_set(sets.asked[0], fd) || is_set(sets.asked[1], fd) || is_set(sets.asked[2], fd);
    auto* fds = static_cast<PollFd*>(asked ? kmalloc(asked * sizeof(PollFd)) : nullptr);
    if (asked && !fds)
        return Error::from_errno(abi::ENOMEM);
    u32 i = 0;
    for (u32 fd = 0; fd < count; ++fd) {
        if (is_set(sets.asked[0], fd) || is_set(sets.asked[1], fd) || is_set(sets.asked[2], fd))
            fds[i++] = PollFd { static_cast<i32>(fd), 0, 0 };
    }
    auto ready = wait_ready(fds, asked, timeout, [&] {
        // select counts bits, not fds: an fd both readable and writable counts twice.
        const u32 masks[3] = { SELECT_READ, SELECT_WRITE, SELECT_EXCEPT };
        u32 bits = 0;
        for (u32 j = 0; j < asked; ++j) {
            u32 fd = static_cast<u32>(fds[j].fd);
            u32 events = static_cast<u16>(fds[j].revents);
            if (events & POLLNVAL)
                return ~0u; // closed meanwhile: EBADF below
            for (int k = 0; k < 3; ++k) {
                if (is_set(sets.asked[k], fd) && (events & masks[k])) {
                    sets.ready[k][fd / FD_BITS] |= 1u << (fd % FD_BITS);
                    ++bits;
                }
            }
        }
        return bits;
    });
    kfree(fds);
    u32 bits = TRY(ready);
    if (bits == ~0u)
        return Error::from_errno(abi::EBADF);
    for (int k = 0; k < 3; ++k) {
        if (sets.ready[k])
            TRY(copy_to_user(addresses[k], sets.ready[k], words * sizeof(u32)));
    }
    return bits;
}

// Fails with EBADF before any waiting if an fd in the sets is not open.
ErrorOr<void> check_select_fds(i32 n, const uptr addresses[3])
{
    u32 count = n < 0 ? 0 : libk::min(static_cast<u32>(n), FileTable::DEFAULT_LIMIT);
    for (int k = 0; k < 3; ++k) {
        if (!addresses[k])
            continue;
        for (u32 word = 0; word < words_for(count); ++word) {
            u32 bits = TRY(read_user<u32>(addresses[k] + word * sizeof(u32)));
            for (u32 bit = 0; bit < FD_BITS && word * FD_BITS + bit < count; ++bit) {
                if ((bits >> bit) & 1 && events_of(static_cast<i32>(word * FD_BITS + bit), nullptr) == POLLNVAL)
                    return Error::from_errno(abi::EBADF);
            }
        }
    }
    return {};
}

struct SigsetArgument {
    u32 mask_address;
    u32 size;
};

SyscallResult pselect6(u32 n, u32 read_set, u32 write_set, u32 except_set, u32 timeout_address, u32 mask_argument,
    bool wide)
{
    Timeout timeout = TRY(read_timespec(timeout_address, wide));
    const uptr sets[3] = { read_set, write_set, except_set };
    TemporaryMask mask;
    if (mask_argument) {
        auto argument = TRY(read_user<SigsetArgument>(mask_argument));
        TRY(mask.install(argument.mask_address, argument.size));
    }
    auto checked = check_select_fds(static_cast<i32>(n), sets);
    auto result = mask.finish(checked.is_error() ? ErrorOr<u32>(checked.release_error())
                                                 : do_select(static_cast<i32>(n), sets, timeout));
    write_time_left(timeout_address, timeout, wide, false);
    return result;
}

} // namespace

SyscallResult sys_poll(u32 fds, u32 count, u32 milliseconds, u32, u32, u32)
{
    i32 ms = static_cast<i32>(milliseconds);
    Timeout timeout = ms < 0 ? Timeout {} : Timeout::after_ns(static_cast<i64>(ms) * 1000000);
    return do_poll(fds, count, timeout);
}

SyscallResult sys_ppoll(u32 fds, u32 count, u32 timeout, u32 mask, u32 mask_size, u32)
{
    return ppoll(fds, count, timeout, mask, mask_size, false);
}

SyscallResult sys_ppoll_time64(u32 fds, u32 count, u32 timeout, u32 mask, u32 mask_size, u32)
{
    return ppoll(fds, count, timeout, mask, mask_size, true);
}

SyscallResult sys__newselect(u32 n, u32 read_set, u32 write_set, u32 except_set, u32 timeout_address, u32)
{
    Timeout timeout;
    if (timeout_address) {
        auto t = TRY(read_user<Timeval32>(timeout_address));
        if (t.seconds < 0 || t.microseconds < 0)
            return errno_error(abi::EINVAL);
        // Linux carries whole seconds out of tv_usec.
        i64 ns = static_cast<i64>(t.seconds) * NS_PER_SECOND + static_cast<i64>(t.microseconds) * 1000;
        timeout = Timeout::after_ns(ns);
    }
    const uptr sets[3] = { read_set, write_set, except_set };
    TRY(check_select_fds(static_cast<i32>(n), sets));
    auto result = do_select(static_cast<i32>(n), sets, timeout);
    write_time_left(timeout_address, timeout, false, true);
    return result;
}

SyscallResult sys_pselect6(u32 n, u32 r, u32 w, u32 e, u32 timeout, u32 mask)
{
    return pselect6(n, r, w, e, timeout, mask, false);
}

SyscallResult sys_pselect6_time64(u32 n, u32 r, u32 w, u32 e, u32 timeout, u32 mask)
{
    return pselect6(n, r, w, e, timeout, mask, true);
}
