// pipe and pipe2: a new pipe, its two ends installed as the lowest free fds.
#include <kernel/fs/file_table.h>
#include <kernel/fs/pipe.h>
#include <kernel/mm/user_copy.h>
#include <kernel/syscall/file_calls.h>
#include <kernel/task/task.h>

namespace {

constexpr u32 O_DIRECT = 040000; // "packet mode" pipes: accepted, and treated as byte streams

SyscallResult make_pipe(uptr fds_address, u32 flags)
{
    if (flags & ~(open_flags::CLOSE_ON_EXEC | open_flags::NONBLOCK | O_DIRECT))
        return errno_error(abi::EINVAL);
    if (!is_user_range(fds_address, 2 * sizeof(i32)))
        return errno_error(abi::EFAULT);
    pipes::Ends ends = TRY(pipes::create(flags));
    ends.read->inode().uid = current()->credentials.fsuid;
    ends.read->inode().gid = current()->credentials.fsgid;
    FileTable& files = *current()->files;
    bool close_on_exec = flags & open_flags::CLOSE_ON_EXEC;
    i32 fds[2];
    fds[0] = TRY(files.install(ends.read, close_on_exec, fd_limit()));
    auto second = files.install(ends.write, close_on_exec, fd_limit());
    if (second.is_error()) {
        (void)files.close(fds[0]);
        return second.release_error();
    }
    fds[1] = second.value();
    if (auto copied = copy_to_user(fds_address, fds, sizeof(fds)); copied.is_error()) {
        (void)files.close(fds[0]);
        (void)files.close(fds[1]);
        return copied.release_error();
    }
    return 0;
}

} // namespace

SyscallResult sys_pipe(u32 fds, u32, u32, u32, u32, u32) { return make_pipe(fds, 0); }
SyscallResult sys_pipe2(u32 fds, u32 flags, u32, u32, u32, u32) { return make_pipe(fds, flags); }
