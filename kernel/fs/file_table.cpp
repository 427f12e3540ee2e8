#include <kernel/abi/errno.h>
#include <kernel/fs/file_table.h>

u32 FileTable::nr_open = 1048576;

ErrorOr<RefPtr<FileTable>> FileTable::create() { return try_make_ref_counted<FileTable>(); }

int FileTable::highest_open_fd() const
{
    SpinLockGuard guard(m_lock);
    for (usize fd = m_slots.size(); fd-- > 0;) {
        if (m_slots[fd].file)
            return static_cast<int>(fd);
    }
    return -1;
}

ErrorOr<RefPtr<FileTable>> FileTable::clone() const
{
    // As Linux: a copy may not hold an fd at or above nr_open (lowered
    // since the fd was opened).
    if (highest_open_fd() >= static_cast<int>(nr_open))
        return Error::from_errno(abi::EMFILE);
    auto copy = TRY(create());
    SpinLockGuard guard(m_lock);
    TRY(copy->m_slots.try_resize(m_slots.size()));
    for (usize fd = 0; fd < m_slots.size(); ++fd)
        copy->m_slots[fd] = m_slots[fd];
    return copy;
}

ErrorOr<int> FileTable::install(RefPtr<OpenFile> file, bool close_on_exec, u32 limit, int minimum)
{
    SpinLockGuard guard(m_lock);
    usize fd = static_cast<usize>(minimum);
    while (fd < m_slots.size() && m_slots[fd].file)
        ++fd;
    if (fd >= limit || fd >= nr_open)
        return Error::from_errno(abi::EMFILE);
    if (fd >= m_slots.size())
        TRY(m_slots.try_resize(fd + 1));
    m_slots[fd] = Slot { libk::move(file), close_on_exec };
    return static_cast<int>(fd);
}

ErrorOr<void> FileTable::install_at(int fd, RefPtr<OpenFile> file, bool close_on_exec, u32 limit)
{
    if (fd < 0 || static_cast<usize>(fd) >= limit || static_cast<usize>(fd) >= nr_open)
        return Error::from_errno(abi::EBADF);
    RefPtr<OpenFile> old;
    {
        SpinLockGuard guard(m_lock);
        if (static_cast<usize>(fd) >= m_slots.size())
            TRY(m_slots.try_resize(static_cast<usize>(fd) + 1));
        old = libk::move(m_slots[fd].file);
        m_slots[fd] = Slot { libk::move(file), close_on_exec };
    }
    return {}; // `old` is released outside the lock
}

ErrorOr<RefPtr<OpenFile>> FileTable::get(int fd) const
{
    SpinLockGuard guard(m_lock);
    if (fd < 0 || static_cast<usize>(fd) >= m_slots.size() || !m_slots[fd].file)
        return Error::from_errno(abi::EBADF);
    return m_slots[fd].file;
}

ErrorOr<void> FileTable::close(int fd)
{
    RefPtr<OpenFile> old;
    SpinLockGuard guard(m_lock);
    if (fd < 0 || static_cast<usize>(fd) >= m_slots.size() || !m_slots[fd].file)
        return Error::from_errno(abi::EBADF);
    old = libk::move(m_slots[fd].file);
    m_slots[fd].close_on_exec = false;
    return {};
}

ErrorOr<bool> FileTable::close_on_exec(int fd) const
{
    SpinLockGuard guard(m_lock);
    if (fd < 0 || static_cast<usize>(fd) >= m_slots.size() || !m_slots[fd].file)
        return Error::from_errno(abi::EBADF);
    return m_slots[fd].close_on_exec;
}

ErrorOr<void> FileTable::set_close_on_exec(int fd, bool value)
{
    SpinLockGuard guard(m_lock);
    if (fd < 0 || static_cast<usize>(fd) >= m_slots.size() || !m_slots[fd].file)
        return Error::from_errno(abi::EBADF);
    m_slots[fd].close_on_exec = value;
    return {};
}

void FileTable::close_all_marked_close_on_exec()
{
    for (usize fd = 0; fd < m_slots.size(); ++fd) {
        if (m_slots[fd].close_on_exec)
            (void)close(static_cast<int>(fd));
    }
}

usize FileTable::open_count() const
{
    SpinLockGuard guard(m_lock);
    usize count = 0;
    for (const Slot& slot : m_slots)
        count += slot.file ? 1 : 0;
    return count;
}
