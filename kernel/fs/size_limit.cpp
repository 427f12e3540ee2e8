#include <kernel/abi/signal.h>
#include <kernel/fs/size_limit.h>
#include <kernel/signal/signal.h>

namespace size_limit {

namespace {

constexpr u64 UNLIMITED = ~0ull;

u64 limit() { return current()->group->limits[ThreadGroup::RLIMIT_FSIZE].current; }

Error too_big()
{
    Task& me = *current();
    signal::send_to_thread(me, abi::SIGXFSZ, PendingInfo { abi::SI_USER, me.tgid, me.credentials.uid, 0 });
    return Error::from_errno(abi::EFBIG);
}

} // namespace

ErrorOr<usize> for_write(u64 position, usize length)
{
    u64 most = limit();
    if (length == 0 || most == UNLIMITED)
        return length;
    if (position >= most)
        return too_big();
    return most - position < length ? static_cast<usize>(most - position) : length;
}

ErrorOr<void> check_new_size(const Inode& inode, u64 new_size)
{
    u64 most = limit();
    if (new_size > inode.size() && most != UNLIMITED && new_size > most)
        return too_big();
    return {};
}

} // namespace size_limit
