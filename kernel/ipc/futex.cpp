#include <kernel/abi/errno.h>
#include <kernel/ipc/futex.h>
#include <kernel/mm/mm.h>
#include <kernel/mm/user_copy.h>
#include <kernel/signal/signal.h>
#include <kernel/task/scheduler.h>
#include <kernel/task/task.h>
#include <kernel/time/clock.h>
#include <libk/list.h>

namespace {

constexpr u32 WAIT = 0, WAKE = 1, REQUEUE = 3, CMP_REQUEUE = 4, WAKE_OP = 5, WAIT_BITSET = 9, WAKE_BITSET = 10;
constexpr u32 PRIVATE_FLAG = 128, CLOCK_REALTIME_FLAG = 256;
constexpr u32 COMMAND_MASK = ~(PRIVATE_FLAG | CLOCK_REALTIME_FLAG);

struct Key {
    uptr space;  // the Mm for a private key, the physical page for a shared one
    uptr offset; // the address for a private key, the offset in the page for a shared one
    bool operator==(const Key&) const = default;
};

struct Waiter {
    Key key;
    u32 bitset;
    Task* task;
    bool woken = false;
    ListNode node;
};

// Every sleeping waiter; guarded by disabled interrupts.
IntrusiveList<Waiter, &Waiter::node> waiters;

ErrorOr<Key> key_for(uptr address, bool private_futex)
{
    if (address % 4)
        return Error::from_errno(abi::EINVAL);
    if (!is_user_range(address, 4))
        return Error::from_errno(abi::EFAULT);
    Mm* mm = current_mm();
    const Vma* vma = mm->find(address);
    if (!vma)
        return Error::from_errno(abi::EFAULT);
    if (private_futex || !(vma->flags & Vma::SHARED))
        return Key { reinterpret_cast<uptr>(mm), address };
    PhysAddr frame = TRY(mm->frame_at(address));
    return Key { frame, address % PAGE_SIZE };
}

u32 wake_matching(const Key& key, u32 count, u32 bitset)
{
    u32 woken = 0;
    for (Waiter& waiter : waiters) {
        if (woken >= count)
            break;
        if (!(waiter.key == key) || !(waiter.bitset & bitset))
            continue;
        waiters.remove(waiter);
        waiter.woken = true;
        scheduler::make_runnable(*waiter.task);
        ++woken;
    }
    return woken;
}

ErrorOr<u32> wait(uptr address, u32 expected, u32 bitset, u64 deadline, bool private_futex, bool timed)
{
    Key key = TRY(key_for(address, private_futex));
    u32 state = libk::irq_save();
    auto value = read_user<u32>(address);
    if (value.is_error() || value.value() != expected) {
        libk::irq_restore(state);
        return Error::from_errno(value.is_error() ? abi::EFAULT : abi::EAGAIN);
    }
    Task* task = current();
    Waiter waiter { key, bitset, task, false, {} };
    waiters.append(waiter);
    int error = 0;
    while (!waiter.woken) {
        if (signal::has_deliverable(*task)) {
            // An untimed wait is restarted after an SA_RESTART handler.
            error = timed ? abi::EINTR : restart::SYS;
            break;
        }
        if (deadline && clock::ticks() >= deadline) {
            error = abi::ETIMEDOUT;
            break;
        }
        task->state = TaskState::Sleeping;
        task->interruptible = true;
        if (deadline)
            scheduler::arm_wakeup(*task, deadline);
        scheduler::schedule();
        task->interruptible = false;
    }
    if (waiter.node.is_linked())
        waiters.remove(waiter);
    libk::irq_restore(state);
    if (waiter.woken)
        return 0;
    return Error::from_errno(error);
}

ErrorOr<u32> requeue(uptr address, u32 wake_count, u32 requeue_count, uptr address2, bool compare, u32 expected,
    bool private_futex)
{
    Key from = TRY(key_for(address, private_futex));
    Key to = TRY(key_for(address2, private_futex));
    u32 state = libk::irq_save();
    if (compare) {
        auto value = read_user<u32>(address);
        if (value.is_error() || value.value() != expected) {
            libk::irq_restore(state);
            return Error::from_errno(value.is_error() ? abi::EFAULT : abi::EAGAIN);
        }
    }
    u32 done = wake_matching(from, wake_count, ~0u);
    u32 moved = 0;
    for (Waiter& waiter : waiters) {
        if (moved >= requeue_count)
            break;
        if (waiter.key == from) {
            waiter.key = to;
            ++moved;
        }
    }
    libk::irq_restore(state);
    return done + moved;
}

i32 sign_extend_12(u32 value) { return (value & 0x800) ? static_cast<i32>(value | 0xFFFFF000) : static_cast<i32>(value); }

ErrorOr<u32> wake_op(uptr address, u32 count, u32 count2, uptr address2, u32 encoded, bool private_futex)
{
    Key key1 = TRY(key_for(address, private_futex));
    Key key2 = TRY(key_for(address2, private_futex));
    u32 op = (encoded >> 28) & 7;
    bool shift = (encoded >> 28) & 8;
    u32 comparison = (encoded >> 24) & 15;
    i32 argument = sign_extend_12((encoded >> 12) & 0xFFF);
    i32 compare_with = sign_extend_12(encoded & 0xFFF);
    if (shift)
        argument = 1 << (argument & 31);
    u32 state = libk::irq_save();
    auto old_value = read_user<i32>(address2);
    if (old_value.is_error()) {
        libk::irq_restore(state);
        return old_value.release_error();
    }
    i32 old = old_value.value(), updated;
    switch (op) {
    case 0: updated = argument; break;
    case 1: updated = old + argument; break;
    case 2: updated = old | argument; break;
    case 3: updated = old & ~argument; break;
    case 4: updated = old ^ argument; break;
    default: libk::irq_restore(state); return Error::from_errno(abi::ENOSYS);
    }
    bool matches;
    switch (comparison) {
    case 0: matches = old == compare_with; break;
    case 1: matches = old != compare_with; break;
    case 2: matches = old < compare_with; break;
    case 3: matches = old <= compare_with; break;
    case 4: matches = old > compare_with; break;
    case 5: matches = old >= compare_with; break;
    default: libk::irq_restore(state); return Error::from_errno(abi::ENOSYS);
    }
    auto written = write_user(address2, updated);
    if (written.is_error()) {
        libk::irq_restore(state);
        return written.release_error();
    }
    u32 woken = wake_matching(key1, count, ~0u);
    if (matches)
        woken += wake_matching(key2, count2, ~0u);
    libk::irq_restore(state);
    return woken;
}

// Nanoseconds to a tick deadline, rounding up so a wait is never short.
u64 deadline_after(i64 ns)
{
    i64 tick_ns = 1000000000 / clock::HZ;
    return clock::ticks() + static_cast<u64>((ns + tick_ns - 1) / tick_ns) + 1;
}

} // namespace

namespace futex {

ErrorOr<u32> wake(uptr address, u32 count, u32 bitset, bool private_futex)
{
    Key key = TRY(key_for(address, private_futex));
    u32 state = libk::irq_save();
    u32 woken = wake_matching(key, count, bitset);
    libk::irq_restore(state);
    return woken;
}

ErrorOr<u32> call(uptr address, u32 operation, u32 value, i64 timeout_ns, bool timeout_given, u32 value2,
    uptr address2, u32 value3)
{
    bool private_futex = operation & PRIVATE_FLAG;
    u32 command = operation & COMMAND_MASK;
    if ((operation & CLOCK_REALTIME_FLAG) && command != WAIT_BITSET && command != WAIT)
        return Error::from_errno(abi::ENOSYS);
    switch (command) {
    case WAIT:
    case WAIT_BITSET: {
        u32 bitset = command == WAIT ? ~0u : value3;
        if (!bitset)
            return Error::from_errno(abi::EINVAL);
        u64 deadline = 0;
        if (timeout_given) {
            if (timeout_ns < 0)
                return Error::from_errno(abi::EINVAL);
            if (command == WAIT) {
                deadline = deadline_after(timeout_ns); // relative, CLOCK_MONOTONIC
            } else {
                i64 now = (operation & CLOCK_REALTIME_FLAG) ? clock::realtime_ns() : clock::monotonic_ns();
                deadline = timeout_ns <= now ? clock::ticks() : deadline_after(timeout_ns - now);
            }
        }
        return wait(address, value, bitset, deadline, private_futex, timeout_given);
    }
    case WAKE:
        return wake(address, value, ~0u, private_futex);
    case WAKE_BITSET:
        if (!value3)
            return Error::from_errno(abi::EINVAL);
        return wake(address, value, value3, private_futex);
    case REQUEUE:
        return requeue(address, value, value2, address2, false, 0, private_futex);
    case CMP_REQUEUE:
        return requeue(address, value, value2, address2, true, value3, private_futex);
    case WAKE_OP:
        return wake_op(address, value, value2, address2, value3, private_futex);
    default:
        return Error::from_errno(abi::ENOSYS);
    }
}

} // namespace futex
