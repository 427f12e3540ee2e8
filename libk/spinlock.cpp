// Spin locks. See libk/spinlock.h.

#include <libk/assert.h>
#include <libk/spinlock.h>

namespace libk {

// Tells the CPU we are in a busy-wait loop. On x86 this "pause" saves power
// and avoids a pipeline flush when the lock is finally released.
static inline void relax()
{
#if defined(__i386__) || defined(__x86_64__)
    __builtin_ia32_pause();
#endif
}

void SpinLock::lock()
{
    u32 irq_state = irq_save();
    // Acquire ordering: nothing we do inside the critical section may
    // appear to happen before we own the lock.
    while (__atomic_test_and_set(&m_locked, __ATOMIC_ACQUIRE)) {
        // Wait with plain loads until the lock looks free, so a waiting CPU
        // does not keep stealing the cache line from the holder.
        while (__atomic_load_n(&m_locked, __ATOMIC_RELAXED))
            relax();
    }
    m_saved_irq_state = irq_state;
}

void SpinLock::unlock()
{
    ASSERT(is_locked());
    // Read the saved state while we still own the lock: the moment it is
    // released, another CPU may take it and overwrite the field.
    u32 irq_state = m_saved_irq_state;
    // Release ordering: everything done in the critical section becomes
    // visible before the lock is seen to be free.
    __atomic_clear(&m_locked, __ATOMIC_RELEASE);
    irq_restore(irq_state);
}

bool SpinLock::is_locked() const
{
    return __atomic_load_n(&m_locked, __ATOMIC_RELAXED);
}

} // namespace libk
