// Futexes: user space's fast locks sleep and wake through the kernel here.
//
// A waiter sleeps on a key naming the futex word: for a private futex (or
// any futex in private memory) the address space and the address; for a
// futex in shared memory (MAP_SHARED, SysV shm) the physical page and the
// offset, so processes that map the page at different addresses meet.
#pragma once

#include <libk/error.h>
#include <libk/types.h>

namespace futex {

// The futex(2) system call's work; `timeout` is nanoseconds (or a count for
// the requeue operations), -1 for none.
ErrorOr<u32> call(uptr address, u32 operation, u32 value, i64 timeout_ns, bool timeout_given, u32 value2,
    uptr address2, u32 value3);

// Wakes up to `count` waiters of the futex at `address` (thread exit's
// CLONE_CHILD_CLEARTID wakeup). Returns how many woke.
ErrorOr<u32> wake(uptr address, u32 count, u32 bitset, bool private_futex);

} // namespace futex
