// The host test program's stand-ins for what the kernel provides to libk,
// and the knobs tests use to observe and disturb them.

#pragma once

#include <cstddef>

namespace test_env {

// Makes the nth nothrow allocation from now on return null (1 = the very
// next one). 0 turns fault injection off. Only the nothrow forms of
// operator new, which are all libk uses, are counted and failed.
void fail_nth_allocation(long n);

// Number of blocks obtained from nothrow operator new and not yet freed.
long live_allocations();

// Simulated interrupt flag of the current thread ("CPU"), and how often the
// irq hooks were called on it.
bool interrupts_enabled();
void set_interrupts_enabled(bool enabled);
long irq_save_calls();
long irq_restore_calls();

} // namespace test_env
