// check_unshare_flags, the first step of unshare(): pure, so its rules are
// tested on the host (tests/host/test_unshare_flags.cpp) as a table.
#include <kernel/abi/errno.h>
#include <kernel/task/process.h>
#include <kernel/task/unshare.h>

using namespace clone_flags;

ErrorOr<u32> check_unshare_flags(u32 flags, const UnshareState& state)
{
    u32 valid = FS | FILES | VM | SIGHAND | THREAD | SYSVSEM | (state.namespaces_supported ? NEWNS : 0);
    if (flags & ~valid)
        return Error::from_errno(abi::EINVAL);
    // Implied flags, as Linux has them today. The seed also makes
    // CLONE_THREAD imply CLONE_VM; Linux dropped that, and so does Cleave
    // (docs/process-model.md says why).
    if (flags & VM)
        flags |= SIGHAND;
    if (flags & SIGHAND)
        flags |= THREAD;
    if (flags & NEWNS)
        flags |= FS;
    // Leaving a thread group, or taking memory or handlers away from
    // threads that share them, is not possible while there are other threads.
    if ((flags & (THREAD | SIGHAND | VM)) && state.other_threads)
        return Error::from_errno(abi::EINVAL);
    if ((flags & NEWNS) && !state.may_admin)
        return Error::from_errno(abi::EPERM);
    return flags;
}

