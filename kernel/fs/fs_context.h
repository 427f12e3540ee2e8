// The filesystem context of a task (Linux's fs_struct): its root
// directory, its working directory and its umask. Shared by
// clone(CLONE_FS), copied by dup_fs.
#pragma once

#include <kernel/fs/path.h>

class FsContext : public RefCounted<FsContext> {
public:
    static ErrorOr<RefPtr<FsContext>> create(Path root);
    ErrorOr<RefPtr<FsContext>> clone() const;

    Path root() const;
    Path cwd() const;
    void set_root(Path);
    void set_cwd(Path);
    u32 umask() const;
    // Sets the umask; returns the old one.
    u32 exchange_umask(u32);

private:
    mutable SpinLock m_lock;
    Path m_root;      // guarded by m_lock
    Path m_cwd;       // guarded by m_lock
    u32 m_umask = 022; // guarded by m_lock
};
