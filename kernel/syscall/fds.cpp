// File descriptors themselves: dup, dup2, dup3, fcntl.
#include <kernel/fs/pipe.h>
#include <kernel/syscall/file_calls.h>

namespace {

constexpr u32 F_DUPFD = 0, F_GETFD = 1, F_SETFD = 2, F_GETFL = 3, F_SETFL = 4, F_GETLK = 5, F_SETLK = 6, F_SETLKW = 7;
constexpr u32 F_GETLK64 = 12, F_SETLK64 = 13, F_SETLKW64 = 14, F_DUPFD_CLOEXEC = 1030, F_GETPIPE_SZ = 1032;
constexpr u32 FD_CLOEXEC = 1;

} // namespace

SyscallResult sys_dup(u32 fd, u32, u32, u32, u32, u32)
{
    RefPtr<OpenFile> file = TRY(file_of(fd));
    return static_cast<u32>(TRY(current_files().install(file, false, fd_limit())));
}

SyscallResult sys_dup2(u32 old_fd, u32 new_fd, u32, u32, u32, u32)
{
    RefPtr<OpenFile> file = TRY(file_of(old_fd));
    if (old_fd != new_fd)
        TRY(current_files().install_at(static_cast<int>(new_fd), file, false, fd_limit()));
    return new_fd;
}

SyscallResult sys_dup3(u32 old_fd, u32 new_fd, u32 flags, u32, u32, u32)
{
    if (flags & ~open_flags::CLOSE_ON_EXEC)
        return errno_error(abi::EINVAL);
    if (old_fd == new_fd)
        return errno_error(abi::EINVAL);
    RefPtr<OpenFile> file = TRY(file_of(old_fd));
    TRY(current_files().install_at(static_cast<int>(new_fd), file, flags & open_flags::CLOSE_ON_EXEC, fd_limit()));
    return new_fd;
}

SyscallResult sys_fcntl64(u32 fd, u32 command, u32 argument, u32, u32, u32)
{
    RefPtr<OpenFile> file = TRY(file_of(fd));
    FileTable& files = current_files();
    switch (command) {
    case F_DUPFD:
    case F_DUPFD_CLOEXEC:
        if (argument >= fd_limit())
            return errno_error(abi::EINVAL);
        return static_cast<u32>(
            TRY(files.install(file, command == F_DUPFD_CLOEXEC, fd_limit(), static_cast<int>(argument))));
    case F_GETFD:
        return TRY(files.close_on_exec(static_cast<int>(fd))) ? FD_CLOEXEC : 0;
    case F_SETFD:
        TRY(files.set_close_on_exec(static_cast<int>(fd), argument & FD_CLOEXEC));
        return 0;
    case F_GETFL:
        return file->flags();
    case F_SETFL:
        if (file->is_path_only())
            return errno_error(abi::EBADF);
        file->set_status_flags(argument);
        return 0;
    case F_GETLK:
    case F_SETLK:
    case F_SETLKW:
    case F_GETLK64:
    case F_SETLK64:
    case F_SETLKW64:
        // Record locks are not kept: one CPU and no lock daemons, so a
        // program that locks alone always gets its lock. (GETLK would need
        // to write "unlocked" back; nothing asks yet.)
        if (file->is_path_only())
            return errno_error(abi::EBADF);
        return command == F_GETLK || command == F_GETLK64 ? errno_error(abi::EINVAL) : ErrorOr<u32>(0u);
    case F_GETPIPE_SZ:
        if (!file->inode().is_fifo())
            return errno_error(abi::EBADF);
        return static_cast<u32>(pipes::PIPE_CAPACITY);
    default:
        return errno_error(abi::EINVAL);
    }
}

SyscallResult sys_fcntl(u32 fd, u32 command, u32 argument, u32 a, u32 b, u32 c)
{
    return sys_fcntl64(fd, command, argument, a, b, c);
}
