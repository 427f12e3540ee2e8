#include "libk_env.h"

#include <libk/spinlock.h>

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace {

// Global locks must be usable without a constructor having run.
constinit SpinLock g_global_lock;

} // namespace

TEST(SpinLock, LockAndUnlock)
{
    SpinLock lock;
    EXPECT_FALSE(lock.is_locked());
    lock.lock();
    EXPECT_TRUE(lock.is_locked());
    lock.unlock();
    EXPECT_FALSE(lock.is_locked());

    g_global_lock.lock();
    EXPECT_TRUE(g_global_lock.is_locked());
    g_global_lock.unlock();
}

TEST(SpinLock, DisablesInterruptsWhileHeld)
{
    test_env::set_interrupts_enabled(true);
    long saves = test_env::irq_save_calls();
    long restores = test_env::irq_restore_calls();
    SpinLock lock;
    lock.lock();
    EXPECT_FALSE(test_env::interrupts_enabled());
    EXPECT_EQ(test_env::irq_save_calls(), saves + 1);
    lock.unlock();
    EXPECT_TRUE(test_env::interrupts_enabled());
    EXPECT_EQ(test_env::irq_restore_calls(), restores + 1);
}

TEST(SpinLock, RestoresDisabledStateToo)
{
    // Taking a lock where interrupts are already off (say, in an interrupt
    // handler) must not turn them on when it is released.
    test_env::set_interrupts_enabled(false);
    SpinLock lock;
    lock.lock();
    lock.unlock();
    EXPECT_FALSE(test_env::interrupts_enabled());
    test_env::set_interrupts_enabled(true);
}

TEST(SpinLock, NestedLocksRestoreInOrder)
{
    test_env::set_interrupts_enabled(true);
    SpinLock outer;
    SpinLock inner;
    outer.lock();
    inner.lock();
    inner.unlock();
    EXPECT_FALSE(test_env::interrupts_enabled()); // Still inside outer.
    outer.unlock();
    EXPECT_TRUE(test_env::interrupts_enabled());
}

TEST(SpinLock, GuardLocksForItsScope)
{
    test_env::set_interrupts_enabled(true);
    SpinLock lock;
    {
        SpinLockGuard guard(lock);
        EXPECT_TRUE(lock.is_locked());
        EXPECT_FALSE(test_env::interrupts_enabled());
    }
    EXPECT_FALSE(lock.is_locked());
    EXPECT_TRUE(test_env::interrupts_enabled());
}

// Host threads stand in for CPUs. Each thread counts itself in and out of
// the critical section; if two were ever inside at once the lock failed. A
// non-atomic read-modify-write of a shared counter would also lose updates.
TEST(SpinLock, MutualExclusionBetweenThreads)
{
    SpinLock lock;
    long counter = 0;
    std::atomic<int> inside { 0 };
    std::atomic<int> most_inside { 0 };
    std::atomic<bool> go { false };
    constexpr int thread_count = 4;
    constexpr int increments = 200000;

    std::vector<std::thread> threads;
    for (int t = 0; t < thread_count; t++) {
        threads.emplace_back([&] {
            // Start together, so the threads really compete for the lock.
            while (!go.load())
                std::this_thread::yield();
            for (int i = 0; i < increments; i++) {
                SpinLockGuard guard(lock);
                int now_inside = inside.fetch_add(1) + 1;
                if (now_inside > most_inside.load())
                    most_inside.store(now_inside);
                long value = counter;
                for (int delay = 0; delay < 20; delay++)
                    asm volatile("" ::: "memory"); // Widen the window for a race.
                counter = value + 1;
                inside.fetch_sub(1);
            }
        });
    }
    go.store(true);
    for (auto& thread : threads)
        thread.join();
    EXPECT_EQ(most_inside.load(), 1);
    EXPECT_EQ(counter, long(thread_count) * increments);
    EXPECT_FALSE(lock.is_locked());
}

TEST(SpinLockDeathTest, UnlockingAnUnlockedLockAsserts)
{
    EXPECT_DEATH(
        {
            SpinLock lock;
            lock.unlock();
        },
        "ASSERTION FAILED: is_locked");
}
