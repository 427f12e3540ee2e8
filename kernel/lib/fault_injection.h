// Fault injection, as Linux's /proc/<pid>/fail-nth: writing N there makes
// the Nth allocation the task makes from then on fail (kmalloc, or a frame
// from the frame allocator), once. Tests use it to walk every error path
// of a system call: N = 1, 2, ... until the call succeeds, checking each
// time that a failed call left everything as it was.
//
// Allocations while resolving a page fault are not counted: a fault there
// ends in SIGKILL or EFAULT, never in the ENOMEM the tests look for.
#pragma once

#include <libk/types.h>

namespace fault_injection {

// True if this allocation is the one to fail (and counts it).
bool should_fail();

// Scopes in which allocations are not counted (the page fault handler,
// the heap's own page allocations).
class Suppress {
public:
    Suppress();
    ~Suppress();
};

} // namespace fault_injection
