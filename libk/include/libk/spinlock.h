// Spin locks.
//
// A spin lock protects data that interrupt handlers (and, later, other
// CPUs) may also touch. lock() first disables interrupts on this CPU, so an
// interrupt handler can never spin on a lock that the code it interrupted
// is holding, and then waits for the lock with an atomic test-and-set.
// unlock() releases the lock and puts the interrupt state back.
//
// On a single CPU the atomic flag is never contended, but keeping it means
// a multiprocessor port does not have to change any code that uses locks.
//
// Locks must be released in the opposite order to taking them, because
// each unlock() restores the interrupt state from before its lock(). The
// guard class makes that automatic:
//
//     SpinLockGuard guard(g_frame_lock);
//
// A SpinLock is constexpr-constructible and trivially destructible, so a
// global one needs no constructor call at boot.

#pragma once

#include <libk/types.h>

namespace libk {

// Supplied by whoever links libk (the kernel's architecture code, or the
// host test program). irq_save() disables interrupts and returns a value
// describing whether they were enabled; irq_restore() returns to the state
// that value describes.
u32 irq_save();
void irq_restore(u32 state);

class SpinLock {
public:
    constexpr SpinLock() = default;

    SpinLock(const SpinLock&) = delete;
    SpinLock& operator=(const SpinLock&) = delete;

    void lock();
    void unlock();
    bool is_locked() const;

private:
    bool m_locked { false };
    // Written only by the holder of the lock, after taking it.
    u32 m_saved_irq_state { 0 };
};

class SpinLockGuard {
public:
    explicit SpinLockGuard(SpinLock& lock)
        : m_lock(lock)
    {
        m_lock.lock();
    }

    ~SpinLockGuard() { m_lock.unlock(); }

    SpinLockGuard(const SpinLockGuard&) = delete;
    SpinLockGuard& operator=(const SpinLockGuard&) = delete;

private:
    SpinLock& m_lock;
};

} // namespace libk

using libk::SpinLock;
using libk::SpinLockGuard;
