// What the tmpfs files share: making, counting and naming their nodes.
// (Internal to tmpfs: tmpfs.cpp, tmpfs_file.cpp, tmpfs_directory.cpp.)
#pragma once

#include <kernel/fs/tmpfs.h>

namespace tmpfs::node {

inline Error error(int code) { return Error::from_errno(code); }

// A NUL-terminated copy of `name`, from the heap (null if there is no memory).
char* copy_name(const char* name, usize length);

// Gives `inode` what every tmpfs node has (file system, mode, owner, a
// new number, the time) and counts it in its file system until it dies.
void init(Inode&, FileSystem&, u32 mode, u32 uid, u32 gid);
void count_freed(Inode&);

template<typename T>
ErrorOr<RefPtr<T>> make(FileSystem& fs, u32 mode, u32 uid, u32 gid)
{
    auto inode = TRY(try_make_ref_counted<T>());
    init(*inode, fs, mode, uid, gid);
    return inode;
}

} // namespace tmpfs::node
