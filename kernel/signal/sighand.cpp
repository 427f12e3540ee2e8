#include <kernel/signal/sighand.h>

ErrorOr<RefPtr<SigHand>> SigHand::create() { return try_make_ref_counted<SigHand>(); }

ErrorOr<RefPtr<SigHand>> SigHand::clone() const
{
    auto copy = TRY(create());
    SpinLockGuard guard(lock);
    for (int i = 0; i < abi::NSIG; ++i)
        copy->actions[i] = actions[i];
    return copy;
}

void SigHand::reset_for_exec()
{
    SpinLockGuard guard(lock);
    for (auto& action : actions) {
        if (action.handler != abi::SIG_IGN)
            action = {};
        action.flags = 0;
        action.restorer = 0;
        action.mask = 0;
    }
}

ErrorOr<RefPtr<SigHand>> dup_sighand(const SigHand& sighand) { return sighand.clone(); }
