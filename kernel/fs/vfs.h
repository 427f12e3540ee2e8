// Path lookup and the root file system.
#pragma once

#include <kernel/fs/file_table.h>

namespace vfs {

constexpr usize PATH_MAX = 4096;
constexpr usize NAME_MAX = 255;
constexpr u32 MAX_SYMLINK_DEPTH = 40; // then ELOOP, as Linux

// The root file system (a tmpfs filled from the initrd).
void set_root(RefPtr<Inode>);
RefPtr<Inode> root();

// Resolves `path` (absolute, or relative to `base`) in `context`:
// ".", ".." (never above the context's root), symbolic links (the last
// component's only if `follow_last`).
ErrorOr<RefPtr<Inode>> resolve(const FsContext& context, RefPtr<Inode> base, const char* path, bool follow_last = true);

// For creating: resolves all but the last component, which must be a name
// (not "." or ".."). `name` points into `path`.
struct ParentAndName {
    RefPtr<Inode> parent;
    const char* name;
    usize length;
};
ErrorOr<ParentAndName> resolve_parent(const FsContext& context, RefPtr<Inode> base, const char* path);

// Writes the absolute path of `directory` as seen from `context`'s root.
ErrorOr<usize> absolute_path(const FsContext& context, RefPtr<Inode> directory, char* buffer, usize size);

} // namespace vfs
