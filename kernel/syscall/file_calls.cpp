#include <kernel/mm/heap.h>
#include <kernel/mm/user_copy.h>
#include <kernel/signal/thread_group.h>
#include <kernel/syscall/file_calls.h>

UserPath::~UserPath() { kfree(m_buffer); }

ErrorOr<void> UserPath::allocate()
{
    m_buffer = static_cast<char*>(kmalloc(vfs::PATH_MAX));
    if (!m_buffer)
        return errno_error(abi::ENOMEM);
    return {};
}

ErrorOr<void> UserPath::copy(uptr address)
{
    TRY(allocate());
    TRY(strncpy_from_user(m_buffer, address, vfs::PATH_MAX));
    return {};
}

u32 fd_limit()
{
    u64 limit = current()->group->limits[ThreadGroup::RLIMIT_NOFILE].current;
    return limit > 0xFFFFFFFFull ? 0xFFFFFFFFu : static_cast<u32>(limit);
}

ErrorOr<RefPtr<OpenFile>> file_of(u32 fd) { return current_files().get(static_cast<int>(fd)); }

ErrorOr<Path> base_directory(i32 dirfd, const char* path)
{
    if (path[0] == '/' || dirfd == AT_FDCWD)
        return current_fs().cwd();
    RefPtr<OpenFile> file = TRY(current_files().get(dirfd));
    if (!file->inode().is_directory())
        return errno_error(abi::ENOTDIR);
    return file->path();
}

ErrorOr<Path> resolve_at(i32 dirfd, const UserPath& path, u32 flags)
{
    if (path.is_empty()) {
        if (!(flags & at_flags::EMPTY_PATH))
            return errno_error(abi::ENOENT);
        if (dirfd == AT_FDCWD)
            return current_fs().cwd();
        return TRY(current_files().get(dirfd))->path();
    }
    Path base = TRY(base_directory(dirfd, path.c_str()));
    return vfs::resolve(lookup_context(), base, path.c_str(), !(flags & at_flags::SYMLINK_NOFOLLOW));
}

ErrorOr<Path> resolve_at(i32 dirfd, uptr address, u32 flags)
{
    UserPath path;
    TRY(path.copy(address));
    return resolve_at(dirfd, path, flags);
}
