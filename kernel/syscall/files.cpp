// File system calls on the VFS: open, read, write, stat and friends.
#include <kernel/fs/vfs.h>
#include <kernel/mm/heap.h>
#include <kernel/mm/user_copy.h>
#include <kernel/syscall/syscall.h>
#include <kernel/task/task.h>

namespace {

constexpr i32 AT_FDCWD = -100;
constexpr u32 AT_SYMLINK_NOFOLLOW = 0x100, AT_EMPTY_PATH = 0x1000;
constexpr u32 F_DUPFD = 0, F_GETFD = 1, F_SETFD = 2, F_GETFL = 3, F_SETFL = 4, F_DUPFD_CLOEXEC = 1030;
constexpr u32 FD_CLOEXEC = 1;
constexpr u32 IOV_MAX = 1024;

FileTable& files() { return *current()->files; }
FsContext& fs() { return *current()->fs; }

// A path copied in from user memory, freed when it goes out of scope.
class UserPath {
public:
    ~UserPath() { kfree(m_buffer); }
    ErrorOr<void> copy(uptr address)
    {
        m_buffer = static_cast<char*>(kmalloc(vfs::PATH_MAX));
        if (!m_buffer)
            return Error::from_errno(abi::ENOMEM);
        TRY(strncpy_from_user(m_buffer, address, vfs::PATH_MAX));
        return {};
    }
    const char* c_str() const { return m_buffer; }

private:
    char* m_buffer = nullptr;
};

// The directory a *at() call starts from.
ErrorOr<RefPtr<Inode>> base_directory(i32 dirfd, const char* path)
{
    if (path[0] == '/' || dirfd == AT_FDCWD)
        return fs().cwd;
    RefPtr<OpenFile> file = TRY(files().get(dirfd));
    if (!file->inode().is_directory())
        return Error::from_errno(abi::ENOTDIR);
    return file->inode_ref();
}

ErrorOr<RefPtr<Inode>> resolve_at(i32 dirfd, uptr path_address, u32 at_flags)
{
    UserPath path;
    TRY(path.copy(path_address));
    if (path.c_str()[0] == '\0') {
        if (!(at_flags & AT_EMPTY_PATH))
            return Error::from_errno(abi::ENOENT);
        if (dirfd == AT_FDCWD)
            return fs().cwd;
        return TRY(files().get(dirfd))->inode_ref();
    }
    RefPtr<Inode> base = TRY(base_directory(dirfd, path.c_str()));
    return vfs::resolve(fs(), base, path.c_str(), !(at_flags & AT_SYMLINK_NOFOLLOW));
}

SyscallResult do_open(i32 dirfd, uptr path_address, u32 flags, u32 mode_bits)
{
    UserPath path;
    TRY(path.copy(path_address));
    RefPtr<Inode> base = TRY(base_directory(dirfd, path.c_str()));
    RefPtr<Inode> inode;
    bool follow = !(flags & open_flags::NO_FOLLOW);
    if (flags & open_flags::CREATE) {
        auto existing = vfs::resolve(fs(), base, path.c_str(), follow);
        if (!existing.is_error()) {
            if (flags & open_flags::EXCLUSIVE)
                return errno_error(abi::EEXIST);
            inode = existing.release_value();
        } else if (existing.error().code() == abi::ENOENT) {
            auto where = TRY(vfs::resolve_parent(fs(), base, path.c_str()));
            if (where.length > vfs::NAME_MAX)
                return errno_error(abi::ENAMETOOLONG);
            inode = TRY(where.parent->create(where.name, where.length, mode::REGULAR | (mode_bits & 07777 & ~fs().umask)));
            inode->uid = current()->credentials.fsuid;
            inode->gid = current()->credentials.fsgid;
        } else {
            return existing.release_error();
        }
    } else {
        inode = TRY(vfs::resolve(fs(), base, path.c_str(), follow));
    }
    if (inode->is_symlink())
        return errno_error(abi::ELOOP); // O_NOFOLLOW on a link
    u32 access = flags & open_flags::ACCESS_MODE;
    if ((flags & open_flags::DIRECTORY) && !inode->is_directory())
        return errno_error(abi::ENOTDIR);
    if (inode->is_directory() && (access != open_flags::READ_ONLY || (flags & open_flags::CREATE)))
        return errno_error(abi::EISDIR);
    if ((flags & open_flags::TRUNCATE) && access != open_flags::READ_ONLY && inode->is_regular())
        TRY(inode->truncate(0));
    auto file = TRY(OpenFile::create(inode, flags & ~(open_flags::CREATE | open_flags::EXCLUSIVE | open_flags::TRUNCATE)));
    return static_cast<u32>(TRY(files().install(file, flags & open_flags::CLOSE_ON_EXEC)));
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
    RefPtr<OpenFile> file = TRY(files().get(static_cast<int>(fd)));
    u32 total = 0;
    for (u32 i = 0; i < count; ++i) {
        IoVector v = TRY(read_user<IoVector>(vectors + i * sizeof(IoVector)));
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

// struct stat64 as Linux i386 lays it out (asm/stat.h).
struct [[gnu::packed]] Stat64 {
    u64 st_dev;
    u8 pad0[4];
    u32 st_ino_low;
    u32 st_mode;
    u32 st_nlink;
    u32 st_uid;
    u32 st_gid;
    u64 st_rdev;
    u8 pad3[4];
    i64 st_size;
    u32 st_blksize;
    u64 st_blocks;
    u32 st_atime, st_atime_nsec;
    u32 st_mtime, st_mtime_nsec;
    u32 st_ctime, st_ctime_nsec;
    u64 st_ino;
};
static_assert(sizeof(Stat64) == 96);

constexpr u64 ROOT_DEVICE = 1; // every file lives on the one tmpfs for now

Stat64 stat_of(const Inode& inode)
{
    Stat64 s {};
    s.st_dev = ROOT_DEVICE;
    s.st_ino_low = inode.ino;
    s.st_ino = inode.ino;
    s.st_mode = inode.mode;
    s.st_nlink = inode.nlink;
    s.st_uid = inode.uid;
    s.st_gid = inode.gid;
    s.st_rdev = inode.rdev;
    s.st_size = static_cast<i64>(inode.size());
    s.st_blksize = PAGE_SIZE;
    s.st_blocks = (inode.size() + 511) / 512;
    s.st_atime = s.st_mtime = s.st_ctime = static_cast<u32>(inode.mtime);
    return s;
}

struct StatxTimestamp {
    i64 seconds;
    u32 nanoseconds;
    i32 reserved;
};

struct Statx {
    u32 mask, blksize;
    u64 attributes;
    u32 nlink, uid, gid;
    u16 mode, pad1;
    u64 ino, size, blocks, attributes_mask;
    StatxTimestamp atime, btime, ctime, mtime;
    u32 rdev_major, rdev_minor, dev_major, dev_minor;
    u64 spare[14];
};
static_assert(sizeof(Statx) == 256);

} // namespace

SyscallResult sys_read(u32 fd, u32 buffer, u32 length, u32, u32, u32)
{
    RefPtr<OpenFile> file = TRY(files().get(static_cast<int>(fd)));
    if (!is_user_range(buffer, length))
        return errno_error(abi::EFAULT);
    return static_cast<u32>(TRY(file->read(IoBuffer::user(buffer), length)));
}

SyscallResult sys_write(u32 fd, u32 buffer, u32 length, u32, u32, u32)
{
    RefPtr<OpenFile> file = TRY(files().get(static_cast<int>(fd)));
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

SyscallResult sys_open(u32 path, u32 flags, u32 mode_bits, u32, u32, u32) { return do_open(AT_FDCWD, path, flags, mode_bits); }
SyscallResult sys_openat(u32 dirfd, u32 path, u32 flags, u32 mode_bits, u32, u32)
{
    return do_open(static_cast<i32>(dirfd), path, flags, mode_bits);
}

SyscallResult sys_close(u32 fd, u32, u32, u32, u32, u32)
{
    TRY(files().close(static_cast<int>(fd)));
    return 0;
}

SyscallResult sys_lseek(u32 fd, u32 offset, u32 whence, u32, u32, u32)
{
    RefPtr<OpenFile> file = TRY(files().get(static_cast<int>(fd)));
    u64 position = TRY(file->seek(static_cast<i32>(offset), static_cast<int>(whence)));
    if (position > 0x7FFFFFFF)
        return errno_error(abi::EOVERFLOW);
    return static_cast<u32>(position);
}

SyscallResult sys__llseek(u32 fd, u32 high, u32 low, u32 result, u32 whence, u32)
{
    RefPtr<OpenFile> file = TRY(files().get(static_cast<int>(fd)));
    u64 position = TRY(file->seek(static_cast<i64>((static_cast<u64>(high) << 32) | low), static_cast<int>(whence)));
    TRY(write_user(result, position));
    return 0;
}

SyscallResult sys_fstat64(u32 fd, u32 buffer, u32, u32, u32, u32)
{
    RefPtr<OpenFile> file = TRY(files().get(static_cast<int>(fd)));
    TRY(write_user(buffer, stat_of(file->inode())));
    return 0;
}

SyscallResult sys_fstatat64(u32 dirfd, u32 path, u32 buffer, u32 flags, u32, u32)
{
    RefPtr<Inode> inode = TRY(resolve_at(static_cast<i32>(dirfd), path, flags));
    TRY(write_user(buffer, stat_of(*inode)));
    return 0;
}

SyscallResult sys_statx(u32 dirfd, u32 path, u32 flags, u32, u32 buffer, u32)
{
    RefPtr<Inode> inode = TRY(resolve_at(static_cast<i32>(dirfd), path, flags));
    Statx s {};
    s.mask = 0x7FF; // STATX_BASIC_STATS
    s.blksize = PAGE_SIZE;
    s.nlink = inode->nlink;
    s.uid = inode->uid;
    s.gid = inode->gid;
    s.mode = static_cast<u16>(inode->mode);
    s.ino = inode->ino;
    s.size = inode->size();
    s.blocks = (inode->size() + 511) / 512;
    s.atime.seconds = s.btime.seconds = s.ctime.seconds = s.mtime.seconds = inode->mtime;
    s.rdev_major = inode->rdev >> 8;
    s.rdev_minor = inode->rdev & 0xFF;
    s.dev_minor = ROOT_DEVICE;
    TRY(write_user(buffer, s));
    return 0;
}

SyscallResult sys_readlink(u32 path, u32 buffer, u32 size, u32, u32, u32)
{
    if (static_cast<i32>(size) <= 0)
        return errno_error(abi::EINVAL);
    RefPtr<Inode> inode = TRY(resolve_at(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW));
    char target[256];
    usize length = TRY(inode->read_link(target, libk::min<usize>(size, sizeof(target))));
    TRY(copy_to_user(buffer, target, length));
    return static_cast<u32>(length);
}

SyscallResult sys_ioctl(u32 fd, u32 request, u32 argument, u32, u32, u32)
{
    RefPtr<OpenFile> file = TRY(files().get(static_cast<int>(fd)));
    return static_cast<u32>(TRY(file->inode().ioctl(request, argument)));
}

SyscallResult sys_dup(u32 fd, u32, u32, u32, u32, u32)
{
    RefPtr<OpenFile> file = TRY(files().get(static_cast<int>(fd)));
    return static_cast<u32>(TRY(files().install(file, false)));
}

SyscallResult sys_dup2(u32 old_fd, u32 new_fd, u32, u32, u32, u32)
{
    RefPtr<OpenFile> file = TRY(files().get(static_cast<int>(old_fd)));
    if (old_fd != new_fd)
        TRY(files().install_at(static_cast<int>(new_fd), file, false));
    return new_fd;
}

SyscallResult sys_fcntl64(u32 fd, u32 command, u32 argument, u32, u32, u32)
{
    RefPtr<OpenFile> file = TRY(files().get(static_cast<int>(fd)));
    switch (command) {
    case F_DUPFD:
    case F_DUPFD_CLOEXEC:
        if (argument >= FileTable::DEFAULT_LIMIT)
            return errno_error(abi::EINVAL);
        return static_cast<u32>(TRY(files().install(file, command == F_DUPFD_CLOEXEC, static_cast<int>(argument))));
    case F_GETFD:
        return TRY(files().close_on_exec(static_cast<int>(fd))) ? FD_CLOEXEC : 0;
    case F_SETFD:
        TRY(files().set_close_on_exec(static_cast<int>(fd), argument & FD_CLOEXEC));
        return 0;
    case F_GETFL:
        return file->flags() & ~open_flags::CLOSE_ON_EXEC;
    case F_SETFL:
        file->set_status_flags(argument);
        return 0;
    default:
        return errno_error(abi::EINVAL);
    }
}

SyscallResult sys_access(u32 path, u32 mode_bits, u32, u32, u32, u32)
{
    if (mode_bits & ~7u)
        return errno_error(abi::EINVAL);
    RefPtr<Inode> inode = TRY(resolve_at(AT_FDCWD, path, 0));
    // Root may do anything but execute a file nobody may execute.
    if ((mode_bits & 1) && !inode->is_directory() && !(inode->mode & 0111))
        return errno_error(abi::EACCES);
    return 0;
}

SyscallResult sys_getcwd(u32 buffer, u32 size, u32, u32, u32, u32)
{
    char path[vfs::PATH_MAX / 4];
    usize length = TRY(vfs::absolute_path(fs(), fs().cwd, path, sizeof(path)));
    if (length + 1 > size)
        return errno_error(abi::ERANGE);
    TRY(copy_to_user(buffer, path, length + 1));
    return static_cast<u32>(length + 1);
}

SyscallResult sys_chdir(u32 path, u32, u32, u32, u32, u32)
{
    RefPtr<Inode> inode = TRY(resolve_at(AT_FDCWD, path, 0));
    if (!inode->is_directory())
        return errno_error(abi::ENOTDIR);
    fs().cwd = inode;
    return 0;
}

SyscallResult sys_umask(u32 mask, u32, u32, u32, u32, u32)
{
    u32 old = fs().umask;
    fs().umask = mask & 0777;
    return old;
}
