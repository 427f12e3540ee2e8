#include <kernel/abi/errno.h>
#include <kernel/fs/open_file.h>
#include <kernel/fs/size_limit.h>
#include <new>

namespace {
// The largest offset a file can have (Linux's MAX_LFS_FILESIZE on i386 is
// larger; this is what off64_t can say).
constexpr u64 MAX_OFFSET = 0x7FFFFFFFFFFFFFFFull;
}

ErrorOr<RefPtr<OpenFile>> OpenFile::create(Path path, u32 flags)
{
    auto* file = new (std::nothrow_t {}) OpenFile(libk::move(path), flags);
    if (!file)
        return Error::from_errno(abi::ENOMEM);
    if (!file->is_path_only())
        file->inode().opened(*file);
    return adopt_ref(*file);
}

ErrorOr<RefPtr<OpenFile>> OpenFile::create(RefPtr<Inode> inode, u32 flags)
{
    return create(Path { {}, libk::move(inode) }, flags);
}

OpenFile::~OpenFile()
{
    if (!is_path_only())
        inode().closed(*this);
}

u32 OpenFile::flags() const
{
    SpinLockGuard guard(m_lock);
    return m_flags;
}

void OpenFile::set_status_flags(u32 flags)
{
    constexpr u32 changeable = open_flags::APPEND | open_flags::NONBLOCK | open_flags::ASYNC | open_flags::DIRECT
        | open_flags::NO_ATIME;
    SpinLockGuard guard(m_lock);
    m_flags = (m_flags & ~changeable) | (flags & changeable);
}

u64 OpenFile::offset() const
{
    SpinLockGuard guard(m_lock);
    return m_offset;
}

void OpenFile::set_offset(u64 offset)
{
    SpinLockGuard guard(m_lock);
    m_offset = offset;
}

// The offset is read before and written after the transfer, without the
// lock held across it (a copy to user memory may fault): two tasks
// sharing the description and reading at once on several CPUs could read
// the same bytes. On one CPU a task in the kernel is not preempted, so
// they cannot.
ErrorOr<usize> OpenFile::read(const IoBuffer& buffer, usize length)
{
    if (!can_read())
        return Error::from_errno(abi::EBADF);
    if (!inode().is_seekable())
        return inode().read_stream(*this, buffer, length);
    u64 position = offset();
    usize n = TRY(inode().read(position, buffer, length));
    set_offset(position + n);
    return n;
}

ErrorOr<usize> OpenFile::write(const IoBuffer& buffer, usize length)
{
    if (!can_write())
        return Error::from_errno(abi::EBADF);
    if (!inode().is_seekable())
        return inode().write_stream(*this, buffer, length);
    u64 position = (flags() & open_flags::APPEND) ? inode().size() : offset();
    if (position + length < position || position + length > MAX_OFFSET)
        return Error::from_errno(abi::EFBIG);
    if (inode().is_regular())
        length = TRY(size_limit::for_write(position, length));
    usize n = TRY(inode().write(position, buffer, length));
    set_offset(position + n);
    return n;
}

ErrorOr<usize> OpenFile::read_at(u64 position, const IoBuffer& buffer, usize length)
{
    if (!can_read())
        return Error::from_errno(abi::EBADF);
    if (!inode().is_seekable())
        return Error::from_errno(abi::ESPIPE);
    if (inode().is_directory())
        return Error::from_errno(abi::EISDIR);
    return inode().read(position, buffer, length);
}

ErrorOr<usize> OpenFile::write_at(u64 position, const IoBuffer& buffer, usize length)
{
    if (!can_write())
        return Error::from_errno(abi::EBADF);
    if (!inode().is_seekable())
        return Error::from_errno(abi::ESPIPE);
    // Linux's pwrite ignores the offset of an O_APPEND file and appends.
    if (flags() & open_flags::APPEND)
        position = inode().size();
    if (position + length < position || position + length > MAX_OFFSET)
        return Error::from_errno(abi::EFBIG);
    if (inode().is_regular())
        length = TRY(size_limit::for_write(position, length));
    return inode().write(position, buffer, length);
}

ErrorOr<u64> OpenFile::seek(i64 offset, int whence)
{
    if (!inode().is_seekable())
        return Error::from_errno(abi::ESPIPE);
    SpinLockGuard guard(m_lock);
    i64 base;
    switch (whence) {
    case 0: base = 0; break;
    case 1: base = static_cast<i64>(m_offset); break;
    case 2: base = static_cast<i64>(inode().size()); break;
    default: return Error::from_errno(abi::EINVAL);
    }
    if ((offset > 0 && base > static_cast<i64>(MAX_OFFSET) - offset) || base + offset < 0)
        return Error::from_errno(abi::EINVAL);
    m_offset = static_cast<u64>(base + offset);
    return m_offset;
}
