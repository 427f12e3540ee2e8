#include <kernel/abi/errno.h>
#include <kernel/fs/inode.h>

// What an inode without the operation answers: the error Linux gives.
ErrorOr<usize> Inode::read(u64, const IoBuffer&, usize)
{
    return Error::from_errno(is_directory() ? abi::EISDIR : abi::EINVAL);
}
ErrorOr<usize> Inode::write(u64, const IoBuffer&, usize)
{
    return Error::from_errno(is_directory() ? abi::EISDIR : abi::EINVAL);
}
ErrorOr<usize> Inode::read_stream(OpenFile&, const IoBuffer& buffer, usize length) { return read(0, buffer, length); }
ErrorOr<usize> Inode::write_stream(OpenFile&, const IoBuffer& buffer, usize length) { return write(0, buffer, length); }
ErrorOr<i32> Inode::ioctl(u32, uptr) { return Error::from_errno(abi::ENOTTY); }
ErrorOr<RefPtr<Inode>> Inode::lookup(const char*, usize) { return Error::from_errno(abi::ENOTDIR); }
ErrorOr<void> Inode::for_each_entry(bool (*)(const DirectoryEntry&, void*), void*)
{
    return Error::from_errno(abi::ENOTDIR);
}
ErrorOr<usize> Inode::name_in_parent(char*, usize) { return Error::from_errno(abi::ENOENT); }
ErrorOr<usize> Inode::read_link(char*, usize) { return Error::from_errno(abi::EINVAL); }
ErrorOr<RefPtr<Inode>> Inode::create(const char*, usize, u32)
{
    return Error::from_errno(is_directory() ? abi::EPERM : abi::ENOTDIR);
}
ErrorOr<void> Inode::truncate(u64) { return Error::from_errno(is_directory() ? abi::EISDIR : abi::EINVAL); }
