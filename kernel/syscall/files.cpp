// Opening, closing, reading and writing files: open, openat, creat,
// close, read, write, readv, writev, pread64, pwrite64, lseek, _llseek,
// sendfile, ioctl, and the syncs.
#include <kernel/mm/heap.h>
#include <kernel/mm/user_copy.h>
#include <kernel/syscall/file_calls.h>

namespace {

constexpr u32 IOV_MAX = 1024;
constexpr u32 MAX_RW_COUNT = 0x7FFFF000; // Linux caps one transfer at this

u64 join(u32 low, u32 high) { return (static_cast<u64>(high) << 32) | low; }

// The group a new inode in `directory` gets: the directory's if it is
// set-group-ID (and new directories inherit the bit), else the creator's.
u32 group_for_new(const Inode& directory) { return (directory.mode & mode::SET_GID) ? directory.gid : current_credentials().fsgid; }

// The file O_CREAT names: the existing one, or a new one. A dangling
// symbolic link makes its target, as on Linux (`links` counts the links
// followed on the way, for ELOOP).
ErrorOr<Path> open_or_create(const vfs::Context& context, const Path& base, const char* path, u32 flags,
    u32 mode_bits, bool& created, u32 links = 0)
{
    vfs::Parent parent = TRY(vfs::resolve_parent(context, base, path));
    if (parent.kind != walk::LastKind::Normal || parent.trailing_slash)
        return errno_error(abi::EISDIR);
    Inode& directory = *parent.directory.inode;
    auto existing = directory.lookup(parent.name, parent.length);
    if (!existing.is_error()) {
        if (flags & open_flags::EXCLUSIVE)
            return errno_error(abi::EEXIST);
        if (existing.value()->is_symlink() && !(flags & open_flags::NO_FOLLOW)) {
            auto target = vfs::resolve(context, parent.directory, parent.name, true);
            if (!target.is_error() || target.error().code() != abi::ENOENT || existing.value()->is_magic_link())
                return target;
            if (links >= vfs::MAX_SYMLINK_DEPTH)
                return errno_error(abi::ELOOP);
            UserPath text; // the dangling link's target, made from the link's directory
            TRY(text.allocate());
            usize length = TRY(existing.value()->read_link(text.buffer(), vfs::PATH_MAX - 1));
            text.buffer()[length] = '\0';
            return open_or_create(context, parent.directory, text.c_str(), flags, mode_bits, created, links + 1);
        }
        return vfs::follow_mounts(Path { parent.directory.mount, existing.release_value() });
    }
    if (existing.error().code() != abi::ENOENT)
        return existing.release_error();
    TRY(vfs::check_writable(parent.directory));
    TRY(check_access(directory, access::WRITE | access::EXECUTE, context.credentials));
    u32 permissions = mode_bits & mode::PERMISSIONS & ~current_fs().umask();
    RefPtr<Inode> inode = TRY(directory.create_file(parent.name, parent.length, permissions,
        context.credentials.fsuid, group_for_new(directory)));
    created = true;
    return Path { parent.directory.mount, libk::move(inode) };
}

// The checks of open(2) on what the path names, as Linux makes them.
ErrorOr<void> check_open(const Path& path, u32 flags, bool created, const Credentials& who)
{
    Inode& inode = *path.inode;
    u32 access_mode = flags & open_flags::ACCESS_MODE;
    bool writes = access_mode != open_flags::READ_ONLY || (flags & open_flags::TRUNCATE);
    if (inode.is_symlink())
        return errno_error(abi::ELOOP); // O_NOFOLLOW and the last component is a link
    if ((flags & open_flags::DIRECTORY) && !inode.is_directory())
        return errno_error(abi::ENOTDIR);
    if (inode.is_directory() && (writes || (flags & open_flags::CREATE)))
        return errno_error(abi::EISDIR);
    if (created)
        return {}; // the creator may open what it made, whatever its mode
    u32 wanted = (access_mode != open_flags::WRITE_ONLY ? access::READ : 0) | (writes ? access::WRITE : 0);
    TRY(check_access(inode, wanted, who));
    if (writes && (inode.is_regular() || inode.is_directory()))
        TRY(vfs::check_writable(path));
    return {};
}

SyscallResult do_open(i32 dirfd, uptr path_address, u32 flags, u32 mode_bits)
{
    UserPath path;
    TRY(path.copy(path_address));
    if ((flags & open_flags::TMPFILE) == open_flags::TMPFILE)
        return errno_error(abi::ENOTSUP);
    if ((flags & open_flags::ACCESS_MODE) == 3 && !(flags & open_flags::PATH))
        return errno_error(abi::EINVAL);
    Path base = TRY(base_directory(dirfd, path.c_str()));
    vfs::Context context = lookup_context();
    bool close_on_exec = flags & open_flags::CLOSE_ON_EXEC;

    if (flags & open_flags::PATH) {
        // A handle on the name only: no access to the contents is checked or given.
        Path target = TRY(vfs::resolve(context, base, path.c_str(), !(flags & open_flags::NO_FOLLOW)));
        if ((flags & open_flags::DIRECTORY) && !target.inode->is_directory())
            return errno_error(abi::ENOTDIR);
        u32 kept = open_flags::PATH | open_flags::DIRECTORY | open_flags::NO_FOLLOW | open_flags::LARGEFILE;
        auto file = TRY(OpenFile::create(libk::move(target), flags & kept));
        return static_cast<u32>(TRY(current_files().install(file, close_on_exec, fd_limit())));
    }

    bool created = false;
    Path target = (flags & open_flags::CREATE)
        ? TRY(open_or_create(context, base, path.c_str(), flags, mode_bits, created))
        : TRY(vfs::resolve(context, base, path.c_str(), !(flags & open_flags::NO_FOLLOW)));
    TRY(check_open(target, flags, created, context.credentials));
    if ((flags & open_flags::TRUNCATE) && target.inode->is_regular() && !created)
        TRY(target.inode->truncate(0));
    u32 creation = open_flags::CREATE | open_flags::EXCLUSIVE | open_flags::NO_CTTY | open_flags::TRUNCATE
        | open_flags::CLOSE_ON_EXEC;
    auto file = TRY(OpenFile::create(libk::move(target), flags & ~creation));
    TRY(file->inode().open(*file, flags));
    return static_cast<u32>(TRY(current_files().install(file, close_on_exec, fd_limit())));
}

struct IoVector {
    u32 base;
    u32 length;
};

template<typename Operation>
SyscallResult vectored(u32 fd, uptr vectors, u32 count, Operation operation)
{
    if (count > IOV_MAX)
        return errno_error(abi::EINVAL);
    RefPtr<OpenFile> file = TRY(file_of(fd));
    u32 total = 0;
    for (u32 i = 0; i < count; ++i) {
        IoVector v = TRY(read_user<IoVector>(vectors + i * sizeof(IoVector)));
        if (v.length > MAX_RW_COUNT - total)
            return errno_error(abi::EINVAL);
        if (v.length == 0)
            continue;
        auto n = operation(*file, IoBuffer::user(v.base), v.length);
        if (n.is_error()) {
            if (total)
                break; // report what was done
            return n.release_error();
        }
        total += n.value();
        if (n.value() < v.length)
            break;
    }
    return total;
}

// sendfile's work: `count` bytes from `in` (at *offset, or its own
// offset) to `out`, through a kernel buffer.
SyscallResult send_file(u32 out_fd, u32 in_fd, u64* offset, u32 count)
{
    RefPtr<OpenFile> in = TRY(file_of(in_fd));
    RefPtr<OpenFile> out = TRY(file_of(out_fd));
    if (!in->can_read() || !out->can_write())
        return errno_error(abi::EBADF);
    if (!in->inode().is_seekable() || in->inode().is_directory() || (out->flags() & open_flags::APPEND))
        return errno_error(abi::EINVAL);
    count = libk::min(count, MAX_RW_COUNT);
    u64 position = offset ? *offset : in->offset();
    u8* buffer = static_cast<u8*>(kmalloc(PAGE_SIZE));
    if (!buffer)
        return errno_error(abi::ENOMEM);
    u32 done = 0;
    ErrorOr<void> failure;
    while (done < count) {
        auto n = in->inode().read(position, IoBuffer::kernel(buffer), libk::min<usize>(PAGE_SIZE, count - done));
        if (n.is_error() || n.value() == 0) {
            if (n.is_error())
                failure = n.release_error();
            break;
        }
        auto written = out->write(IoBuffer::kernel(buffer), n.value());
        if (written.is_error()) {
            failure = written.release_error();
            break;
        }
        position += written.value();
        done += written.value();
        if (written.value() < n.value())
            break;
    }
    kfree(buffer);
    if (offset)
        *offset = position;
    else
        in->set_offset(position);
    if (done == 0 && failure.is_error())
        return failure.release_error();
    return done;
}

} // namespace

SyscallResult sys_read(u32 fd, u32 buffer, u32 length, u32, u32, u32)
{
    RefPtr<OpenFile> file = TRY(file_of(fd));
    if (!file->can_read())
        return errno_error(abi::EBADF);
    length = libk::min(length, MAX_RW_COUNT);
    if (!is_user_range(buffer, length))
        return errno_error(abi::EFAULT);
    return static_cast<u32>(TRY(file->read(IoBuffer::user(buffer), length)));
}

SyscallResult sys_write(u32 fd, u32 buffer, u32 length, u32, u32, u32)
{
    RefPtr<OpenFile> file = TRY(file_of(fd));
    if (!file->can_write())
        return errno_error(abi::EBADF);
    length = libk::min(length, MAX_RW_COUNT);
    if (!is_user_range(buffer, length))
        return errno_error(abi::EFAULT);
    return static_cast<u32>(TRY(file->write(IoBuffer::user(buffer), length)));
}

SyscallResult sys_readv(u32 fd, u32 vectors, u32 count, u32, u32, u32)
{
    return vectored(fd, vectors, count, [](OpenFile& f, const IoBuffer& b, u32 n) { return f.read(b, n); });
}

SyscallResult sys_writev(u32 fd, u32 vectors, u32 count, u32, u32, u32)
{
    return vectored(fd, vectors, count, [](OpenFile& f, const IoBuffer& b, u32 n) { return f.write(b, n); });
}

SyscallResult sys_pread64(u32 fd, u32 buffer, u32 length, u32 offset_low, u32 offset_high, u32)
{
    RefPtr<OpenFile> file = TRY(file_of(fd));
    i64 offset = static_cast<i64>(join(offset_low, offset_high));
    if (offset < 0)
        return errno_error(abi::EINVAL);
    length = libk::min(length, MAX_RW_COUNT);
    if (!is_user_range(buffer, length))
        return errno_error(abi::EFAULT);
    return static_cast<u32>(TRY(file->read_at(static_cast<u64>(offset), IoBuffer::user(buffer), length)));
}

SyscallResult sys_pwrite64(u32 fd, u32 buffer, u32 length, u32 offset_low, u32 offset_high, u32)
{
    RefPtr<OpenFile> file = TRY(file_of(fd));
    i64 offset = static_cast<i64>(join(offset_low, offset_high));
    if (offset < 0)
        return errno_error(abi::EINVAL);
    length = libk::min(length, MAX_RW_COUNT);
    if (!is_user_range(buffer, length))
        return errno_error(abi::EFAULT);
    return static_cast<u32>(TRY(file->write_at(static_cast<u64>(offset), IoBuffer::user(buffer), length)));
}

SyscallResult sys_open(u32 path, u32 flags, u32 mode_bits, u32, u32, u32) { return do_open(AT_FDCWD, path, flags, mode_bits); }

SyscallResult sys_openat(u32 dirfd, u32 path, u32 flags, u32 mode_bits, u32, u32)
{
    return do_open(static_cast<i32>(dirfd), path, flags, mode_bits);
}

SyscallResult sys_creat(u32 path, u32 mode_bits, u32, u32, u32, u32)
{
    return do_open(AT_FDCWD, path, open_flags::CREATE | open_flags::WRITE_ONLY | open_flags::TRUNCATE, mode_bits);
}

SyscallResult sys_close(u32 fd, u32, u32, u32, u32, u32)
{
    TRY(current_files().close(static_cast<int>(fd)));
    return 0;
}

SyscallResult sys_lseek(u32 fd, u32 offset, u32 whence, u32, u32, u32)
{
    RefPtr<OpenFile> file = TRY(file_of(fd));
    u64 position = TRY(file->seek(static_cast<i32>(offset), static_cast<int>(whence)));
    if (position > 0x7FFFFFFF)
        return errno_error(abi::EOVERFLOW);
    return static_cast<u32>(position);
}

SyscallResult sys__llseek(u32 fd, u32 high, u32 low, u32 result, u32 whence, u32)
{
    RefPtr<OpenFile> file = TRY(file_of(fd));
    u64 position = TRY(file->seek(static_cast<i64>(join(low, high)), static_cast<int>(whence)));
    TRY(write_user(result, position));
    return 0;
}

SyscallResult sys_sendfile64(u32 out_fd, u32 in_fd, u32 offset_address, u32 count, u32, u32)
{
    if (!offset_address)
        return send_file(out_fd, in_fd, nullptr, count);
    i64 offset = TRY(read_user<i64>(offset_address));
    if (offset < 0)
        return errno_error(abi::EINVAL);
    u64 position = static_cast<u64>(offset);
    u32 sent = TRY(send_file(out_fd, in_fd, &position, count));
    TRY(write_user(offset_address, static_cast<i64>(position)));
    return sent;
}

SyscallResult sys_sendfile(u32 out_fd, u32 in_fd, u32 offset_address, u32 count, u32, u32)
{
    if (!offset_address)
        return send_file(out_fd, in_fd, nullptr, count);
    i32 offset = TRY(read_user<i32>(offset_address));
    if (offset < 0)
        return errno_error(abi::EINVAL);
    u64 position = static_cast<u64>(offset);
    u32 sent = TRY(send_file(out_fd, in_fd, &position, count));
    TRY(write_user(offset_address, static_cast<i32>(position)));
    return sent;
}

SyscallResult sys_ioctl(u32 fd, u32 request, u32 argument, u32, u32, u32)
{
    RefPtr<OpenFile> file = TRY(file_of(fd));
    if (file->is_path_only())
        return errno_error(abi::EBADF);
    return static_cast<u32>(TRY(file->inode().ioctl(*file, request, argument)));
}

// Every file lives in memory: there is nothing to write back.
SyscallResult sys_sync(u32, u32, u32, u32, u32, u32) { return 0; }

SyscallResult sys_fsync(u32 fd, u32, u32, u32, u32, u32)
{
    RefPtr<OpenFile> file = TRY(file_of(fd));
    if (file->is_path_only())
        return errno_error(abi::EBADF);
    // Linux: only what has storage behind it can be synced (not a terminal or a pipe).
    if (!file->inode().is_regular() && !file->inode().is_directory())
        return errno_error(abi::EINVAL);
    return 0;
}

SyscallResult sys_fdatasync(u32 fd, u32 a, u32 b, u32 c, u32 d, u32 e) { return sys_fsync(fd, a, b, c, d, e); }
SyscallResult sys_syncfs(u32 fd, u32 a, u32 b, u32 c, u32 d, u32 e) { return sys_fsync(fd, a, b, c, d, e); }
