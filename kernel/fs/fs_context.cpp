#include <kernel/fs/fs_context.h>

ErrorOr<RefPtr<FsContext>> FsContext::create(Path root)
{
    auto context = TRY(try_make_ref_counted<FsContext>());
    context->m_cwd = root;
    context->m_root = libk::move(root);
    return context;
}

ErrorOr<RefPtr<FsContext>> FsContext::clone() const
{
    auto copy = TRY(try_make_ref_counted<FsContext>());
    SpinLockGuard guard(m_lock);
    copy->m_root = m_root;
    copy->m_cwd = m_cwd;
    copy->m_umask = m_umask;
    return copy;
}

Path FsContext::root() const
{
    SpinLockGuard guard(m_lock);
    return m_root;
}

Path FsContext::cwd() const
{
    SpinLockGuard guard(m_lock);
    return m_cwd;
}

// The old path is dropped after the lock: it may hold the last reference
// to a mount, whose destructor takes the mounts lock.
void FsContext::set_root(Path path)
{
    {
        SpinLockGuard guard(m_lock);
        libk::swap(m_root, path);
    }
}

void FsContext::set_cwd(Path path)
{
    {
        SpinLockGuard guard(m_lock);
        libk::swap(m_cwd, path);
    }
}

u32 FsContext::umask() const
{
    SpinLockGuard guard(m_lock);
    return m_umask;
}

u32 FsContext::exchange_umask(u32 mask)
{
    SpinLockGuard guard(m_lock);
    return libk::exchange(m_umask, mask & 0777);
}
