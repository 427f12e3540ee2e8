#include <kernel/abi/errno.h>
#include <kernel/fs/open_file.h>
#include <new>

ErrorOr<RefPtr<OpenFile>> OpenFile::create(RefPtr<Inode> inode, u32 flags)
{
    auto* file = new (std::nothrow_t {}) OpenFile(libk::move(inode), flags);
    if (!file)
        return Error::from_errno(abi::ENOMEM);
    file->m_inode->opened(*file);
    return adopt_ref(*file);
}

OpenFile::~OpenFile() { m_inode->closed(*this); }

void OpenFile::set_status_flags(u32 flags)
{
    constexpr u32 changeable = open_flags::APPEND | open_flags::NONBLOCK;
    m_flags = (m_flags & ~changeable) | (flags & changeable);
}

ErrorOr<usize> OpenFile::read(const IoBuffer& buffer, usize length)
{
    if (!can_read())
        return Error::from_errno(abi::EBADF);
    if (!m_inode->is_seekable())
        return m_inode->read_stream(*this, buffer, length);
    usize n = TRY(m_inode->read(m_offset, buffer, length));
    m_offset += n;
    return n;
}

ErrorOr<usize> OpenFile::write(const IoBuffer& buffer, usize length)
{
    if (!can_write())
        return Error::from_errno(abi::EBADF);
    if (!m_inode->is_seekable())
        return m_inode->write_stream(*this, buffer, length);
    if (m_flags & open_flags::APPEND)
        m_offset = m_inode->size();
    usize n = TRY(m_inode->write(m_offset, buffer, length));
    m_offset += n;
    return n;
}

ErrorOr<u64> OpenFile::seek(i64 offset, int whence)
{
    if (!m_inode->is_seekable())
        return Error::from_errno(abi::ESPIPE);
    i64 base;
    switch (whence) {
    case 0: base = 0; break;
    case 1: base = static_cast<i64>(m_offset); break;
    case 2: base = static_cast<i64>(m_inode->size()); break;
    default: return Error::from_errno(abi::EINVAL);
    }
    if (base + offset < 0)
        return Error::from_errno(abi::EINVAL);
    m_offset = static_cast<u64>(base + offset);
    return m_offset;
}
