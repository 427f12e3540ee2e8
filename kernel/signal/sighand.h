// SigHand: the table of 64 signal handlers, a context object of its own.
// Threads made with CLONE_SIGHAND share one; fork gives the child a copy
// (dup_sighand).
#pragma once

#include <kernel/abi/signal.h>
#include <libk/error.h>
#include <libk/refptr.h>
#include <libk/spinlock.h>

class SigHand : public RefCounted<SigHand> {
public:
    static ErrorOr<RefPtr<SigHand>> create();
    ErrorOr<RefPtr<SigHand>> clone() const;

    // Signal numbers are 1..64; actions[signal - 1].
    abi::KernelSigaction actions[abi::NSIG] = {};
    mutable SpinLock lock; // guards actions

    // execve: handled signals go back to the default; ignored stay ignored.
    void reset_for_exec();
};

ErrorOr<RefPtr<SigHand>> dup_sighand(const SigHand&);
