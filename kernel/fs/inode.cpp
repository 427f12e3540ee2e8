#include <kernel/abi/errno.h>
#include <kernel/abi/poll.h>
#include <kernel/fs/inode.h>
#include <kernel/mm/mm.h>
#include <kernel/time/clock.h>

Timespec Timespec::now()
{
    i64 ns = clock::realtime_ns();
    return Timespec { ns / 1000000000, static_cast<u32>(ns % 1000000000) };
}

void Inode::touch_modified() { mtime = ctime = Timespec::now(); }
void Inode::touch_changed() { ctime = Timespec::now(); }

namespace {
Error error(int code) { return Error::from_errno(code); }
}

// What an inode without the operation answers: the error Linux gives.
ErrorOr<usize> Inode::read(u64, const IoBuffer&, usize) { return error(is_directory() ? abi::EISDIR : abi::EINVAL); }
ErrorOr<usize> Inode::write(u64, const IoBuffer&, usize) { return error(is_directory() ? abi::EISDIR : abi::EINVAL); }
ErrorOr<usize> Inode::read_stream(OpenFile&, const IoBuffer& buffer, usize length) { return read(0, buffer, length); }
ErrorOr<usize> Inode::write_stream(OpenFile&, const IoBuffer& buffer, usize length) { return write(0, buffer, length); }
RefPtr<MemoryObject> Inode::pages() const { return {}; }
ErrorOr<i32> Inode::ioctl(OpenFile&, u32, uptr) { return error(abi::ENOTTY); }

u32 Inode::poll(OpenFile&, PollTable*)
{
    using namespace abi::poll_events;
    return POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM;
}
ErrorOr<void> Inode::truncate(u64) { return error(is_directory() ? abi::EISDIR : abi::EINVAL); }
ErrorOr<void> Inode::allocate(u64, u64, bool) { return error(is_directory() ? abi::EISDIR : abi::ENODEV); }

ErrorOr<RefPtr<Inode>> Inode::lookup(const char*, usize) { return error(abi::ENOTDIR); }
ErrorOr<void> Inode::list(u64, ListCallback, void*) { return error(abi::ENOTDIR); }
RefPtr<Inode> Inode::parent() { return RefPtr<Inode>(parent_directory); }

ErrorOr<usize> Inode::name_in_parent(char* buffer, usize size)
{
    if (!parent_directory)
        return error(abi::ENOENT);
    return parent_directory->name_of(*this, buffer, size);
}

ErrorOr<usize> Inode::name_of(const Inode&, char*, usize) { return error(abi::ENOENT); }

// A directory without the operation: Linux says EACCES for a file, EPERM
// for the rest (vfs_create, vfs_mkdir, ...).
ErrorOr<RefPtr<Inode>> Inode::create_file(const char*, usize, u32, u32, u32)
{
    return error(is_directory() ? abi::EACCES : abi::ENOTDIR);
}
ErrorOr<RefPtr<Inode>> Inode::make_directory(const char*, usize, u32, u32, u32)
{
    return error(is_directory() ? abi::EPERM : abi::ENOTDIR);
}
ErrorOr<RefPtr<Inode>> Inode::make_symlink(const char*, usize, const char*, usize, u32, u32)
{
    return error(is_directory() ? abi::EPERM : abi::ENOTDIR);
}
ErrorOr<RefPtr<Inode>> Inode::make_node(const char*, usize, u32, u32, u32, u32)
{
    return error(is_directory() ? abi::EPERM : abi::ENOTDIR);
}
ErrorOr<void> Inode::link(const char*, usize, Inode&) { return error(is_directory() ? abi::EPERM : abi::ENOTDIR); }
ErrorOr<void> Inode::unlink(const char*, usize) { return error(is_directory() ? abi::EPERM : abi::ENOTDIR); }
ErrorOr<void> Inode::remove_directory(const char*, usize) { return error(is_directory() ? abi::EPERM : abi::ENOTDIR); }
ErrorOr<void> Inode::rename(const char*, usize, Inode&, const char*, usize)
{
    return error(is_directory() ? abi::EPERM : abi::ENOTDIR);
}

ErrorOr<usize> Inode::read_link(char*, usize) { return error(abi::EINVAL); }
