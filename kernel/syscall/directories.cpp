// Directories as places: getdents, getdents64 (listing), chdir, fchdir,
// getcwd, chroot, umask.
#include <kernel/mm/heap.h>
#include <kernel/mm/user_copy.h>
#include <kernel/syscall/file_calls.h>
#include <libk/string.h>

namespace {

// Fills a user buffer with directory entries in either layout:
//   linux_dirent64: u64 ino, i64 off, u16 reclen, u8 type, name, NUL   (8-aligned)
//   linux_dirent:   u32 ino, u32 off, u16 reclen, name, NUL, u8 type   (4-aligned)
// Positions: 0 is ".", 1 is "..", then the file system's positions + 2.
struct Filler {
    uptr buffer;
    u32 size;
    bool wide;
    u32 used = 0;
    u64 position = 0; // where the next listing starts
    bool overflow = false;
    ErrorOr<void> error;

    usize record_length(usize name_length) const
    {
        usize header = wide ? 19 : 10;
        usize alignment = wide ? 8 : 4;
        usize extra = wide ? 1 : 2; // the NUL (and, in the narrow layout, the type at the end)
        return (header + name_length + extra + alignment - 1) & ~(alignment - 1);
    }

    // Adds one entry; false if it does not fit (or the copy failed).
    bool add(const char* name, usize length, u32 ino, u32 mode, u64 next)
    {
        usize record = record_length(length);
        if (used + record > size) {
            overflow = true;
            return false;
        }
        u8 bytes[300] = {};
        u8 type = static_cast<u8>((mode >> 12) & 0xF);
        if (wide) {
            u64 ino64 = ino;
            i64 offset = static_cast<i64>(next);
            u16 reclen = static_cast<u16>(record);
            libk::memcpy(bytes, &ino64, 8);
            libk::memcpy(bytes + 8, &offset, 8);
            libk::memcpy(bytes + 16, &reclen, 2);
            bytes[18] = type;
            libk::memcpy(bytes + 19, name, length);
        } else {
            u32 offset = static_cast<u32>(next);
            u16 reclen = static_cast<u16>(record);
            libk::memcpy(bytes, &ino, 4);
            libk::memcpy(bytes + 4, &offset, 4);
            libk::memcpy(bytes + 8, &reclen, 2);
            libk::memcpy(bytes + 10, name, length);
            bytes[record - 1] = type;
        }
        if (auto copied = copy_to_user(buffer + used, bytes, record); copied.is_error()) {
            error = copied.release_error();
            return false;
        }
        used += static_cast<u32>(record);
        position = next;
        return true;
    }
};

SyscallResult list_directory(u32 fd, uptr buffer, u32 size, bool wide)
{
    RefPtr<OpenFile> file = TRY(file_of(fd));
    if (file->is_path_only())
        return errno_error(abi::EBADF);
    if (!file->inode().is_directory())
        return errno_error(abi::ENOTDIR);
    if (!is_user_range(buffer, size))
        return errno_error(abi::EFAULT);
    Filler filler { buffer, size, wide, 0, 0, false, {} };
    filler.position = file->offset();
    const Path& path = file->path();
    Inode& directory = *path.inode;
    bool full = false;
    if (filler.position == 0)
        full = !filler.add(".", 1, directory.ino, directory.mode, 1);
    if (!full && filler.position == 1) {
        Path parent = vfs::parent_of(path, current_fs().root());
        full = !filler.add("..", 2, parent.inode->ino, parent.inode->mode, 2);
    }
    if (!full && filler.position >= 2) {
        TRY(directory.list(filler.position - 2, [](const DirectoryEntry& entry, void* context) {
            return static_cast<Filler*>(context)->add(entry.name, entry.name_length, entry.ino, entry.mode, entry.next + 2);
        }, &filler));
    }
    TRY(filler.error);
    if (filler.used == 0 && filler.overflow)
        return errno_error(abi::EINVAL); // not even one entry fits
    file->set_offset(filler.position);
    directory.atime = Timespec::now();
    return filler.used;
}

// chdir and fchdir: a directory the caller may search.
ErrorOr<void> change_directory(const Path& path)
{
    if (!path.inode->is_directory())
        return errno_error(abi::ENOTDIR);
    TRY(check_access(*path.inode, access::EXECUTE, current_credentials()));
    current_fs().set_cwd(path);
    return {};
}

} // namespace

SyscallResult sys_getdents64(u32 fd, u32 buffer, u32 size, u32, u32, u32) { return list_directory(fd, buffer, size, true); }
SyscallResult sys_getdents(u32 fd, u32 buffer, u32 size, u32, u32, u32) { return list_directory(fd, buffer, size, false); }

SyscallResult sys_chdir(u32 path, u32, u32, u32, u32, u32)
{
    TRY(change_directory(TRY(resolve_at(AT_FDCWD, path, 0))));
    return 0;
}

SyscallResult sys_fchdir(u32 fd, u32, u32, u32, u32, u32)
{
    TRY(change_directory(TRY(file_of(fd))->path()));
    return 0;
}

SyscallResult sys_getcwd(u32 buffer, u32 size, u32, u32, u32, u32)
{
    char* path = static_cast<char*>(kmalloc(vfs::PATH_MAX));
    if (!path)
        return errno_error(abi::ENOMEM);
    FsContext& fs = current_fs();
    auto length = vfs::absolute_path(fs.root(), fs.cwd(), path, vfs::PATH_MAX);
    ErrorOr<void> copied = length.is_error() ? ErrorOr<void>(length.release_error())
        : length.value() + 1 > size              ? ErrorOr<void>(errno_error(abi::ERANGE))
                                                 : copy_to_user(buffer, path, length.value() + 1);
    kfree(path);
    TRY(copied);
    return static_cast<u32>(length.value() + 1);
}

SyscallResult sys_chroot(u32 path_address, u32, u32, u32, u32, u32)
{
    Path path = TRY(resolve_at(AT_FDCWD, path_address, 0));
    if (!path.inode->is_directory())
        return errno_error(abi::ENOTDIR);
    TRY(check_access(*path.inode, access::EXECUTE, current_credentials()));
    if (!current_credentials().has(capability::SYS_CHROOT))
        return errno_error(abi::EPERM);
    current_fs().set_root(libk::move(path));
    return 0;
}

SyscallResult sys_umask(u32 mask, u32, u32, u32, u32, u32) { return current_fs().exchange_umask(mask); }
