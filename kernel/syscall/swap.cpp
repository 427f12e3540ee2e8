// swapon and swapoff. Cleave keeps every page in memory and has no swap
// areas: it refuses every file as Linux refuses one that holds no swap
// area (EINVAL), after the same checks in the same order (flags, root,
// the path, the file's type), so a program sees what Linux would say.
#include <kernel/syscall/file_calls.h>

namespace {

// SWAP_FLAG_PRIO_MASK, PREFER, DISCARD, DISCARD_ONCE, DISCARD_PAGES.
constexpr u32 SWAP_FLAGS_VALID = 0x7ffff;

// The file swapon and swapoff open (read and write): EISDIR for a
// directory, as that open would give.
ErrorOr<Path> swap_file(uptr path_address)
{
    UserPath path;
    TRY(path.copy(path_address));
    Path file = TRY(resolve_at(AT_FDCWD, path, 0));
    if (file.inode->is_directory())
        return errno_error(abi::EISDIR);
    TRY(check_access(*file.inode, access::READ | access::WRITE, current_credentials()));
    return file;
}

} // namespace

SyscallResult sys_swapon(u32 path, u32 flags, u32, u32, u32, u32)
{
    if (flags & ~SWAP_FLAGS_VALID)
        return errno_error(abi::EINVAL);
    if (!capable(capability::SYS_ADMIN))
        return errno_error(abi::EPERM);
    TRY(swap_file(path));
    return errno_error(abi::EINVAL); // no swap signature Cleave could use
}

SyscallResult sys_swapoff(u32 path, u32, u32, u32, u32, u32)
{
    if (!capable(capability::SYS_ADMIN))
        return errno_error(abi::EPERM);
    TRY(swap_file(path));
    return errno_error(abi::EINVAL); // not a swap area in use
}
