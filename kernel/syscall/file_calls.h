// What the file system calls share: the calling task's tables, path
// arguments copied in from user memory, and where a *at() call starts.
#pragma once

#include <kernel/fs/file_table.h>
#include <kernel/fs/permission.h>
#include <kernel/fs/vfs.h>
#include <kernel/syscall/syscall.h>
#include <kernel/task/task.h>

constexpr i32 AT_FDCWD = -100;
namespace at_flags { // the AT_* flags of the *at() calls
constexpr u32 SYMLINK_NOFOLLOW = 0x100, REMOVE_DIRECTORY = 0x200, EFFECTIVE_ACCESS = 0x200;
constexpr u32 SYMLINK_FOLLOW = 0x400, NO_AUTOMOUNT = 0x800, EMPTY_PATH = 0x1000, STATX_SYNC_TYPE = 0x6000;
}

inline FileTable& current_files() { return *current()->files; }
inline FsContext& current_fs() { return *current()->fs; }
inline const Credentials& current_credentials() { return current()->credentials; }
inline vfs::Context lookup_context() { return vfs::Context::of(*current()); }

// A path copied in from user memory (at most PATH_MAX bytes with the NUL:
// ENAMETOOLONG otherwise), freed when it goes out of scope.
class UserPath {
public:
    UserPath() = default;
    UserPath(const UserPath&) = delete;
    ~UserPath();
    ErrorOr<void> copy(uptr address);
    // Room for a path made in the kernel (PATH_MAX bytes), to fill through buffer().
    ErrorOr<void> allocate();
    char* buffer() { return m_buffer; }
    const char* c_str() const { return m_buffer; }
    bool is_empty() const { return !m_buffer[0]; }

private:
    char* m_buffer = nullptr;
};

// The directory a *at() call's relative path starts from: the cwd for
// AT_FDCWD, else dirfd's (EBADF if it is not open, ENOTDIR if it is not a
// directory). Absolute paths ignore dirfd, as on Linux.
ErrorOr<Path> base_directory(i32 dirfd, const char* path);

// The path a *at() call names: `path` from dirfd, following a last
// symbolic link unless AT_SYMLINK_NOFOLLOW; an empty path with
// AT_EMPTY_PATH names dirfd itself (any open file).
ErrorOr<Path> resolve_at(i32 dirfd, const UserPath& path, u32 flags);
ErrorOr<Path> resolve_at(i32 dirfd, uptr path, u32 flags);

// The limit on the caller's new fds: its RLIMIT_NOFILE (FileTable::install).
u32 fd_limit();

// The open file behind fd, EBADF if none.
ErrorOr<RefPtr<OpenFile>> file_of(u32 fd);
