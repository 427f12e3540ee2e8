// The VFS: path lookup over mounts and inodes, for a task.
#pragma once

#include <kernel/fs/fs_context.h>
#include <kernel/fs/walk.h>
#include <kernel/task/credentials.h>

struct Task;

namespace vfs {

constexpr usize PATH_MAX = 4096; // with the terminating NUL
constexpr usize NAME_MAX = walk::NAME_MAX;
constexpr u32 MAX_SYMLINK_DEPTH = walk::MAX_LINKS; // then ELOOP, as Linux

// Who looks a path up, and where from.
struct Context {
    Path root;
    Path cwd;
    Credentials credentials;

    static Context of(const Task&);
};

// The path `path` names, starting at `base` if relative (the cwd if
// `base` is null): ".", ".." (never above the context's root), symbolic
// links (the last component's only if `follow_last`), mount points.
ErrorOr<Path> resolve(const Context&, const Path& base, const char* path, bool follow_last = true);

// For creating and removing: the directory that holds the last component,
// and that component (see walk::Parent).
using Parent = walk::Parent<Path>;
ErrorOr<Parent> resolve_parent(const Context&, const Path& base, const char* path);

// Whatever is mounted on `path` (the top of the stack), or `path` itself.
Path follow_mounts(Path);
// "..": up in the inode's file system, or out of the mount at its root;
// never above `root`.
Path parent_of(const Path&, const Path& root);

// Writes the absolute path of `path` as seen from `root`, NUL-terminated;
// returns its length. ENOENT for a removed directory.
ErrorOr<usize> absolute_path(const Path& root, const Path& path, char* buffer, usize size);

// EROFS if `path` is on a read-only mount or file system.
ErrorOr<void> check_writable(const Path&);

} // namespace vfs
