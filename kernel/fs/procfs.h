// procfs: /proc, what the kernel knows about its tasks and itself, as
// the files Linux's tools read (kernel/fs/proc/ makes them).
#pragma once

#include <kernel/fs/inode.h>

namespace procfs {

// Makes the one procfs, at boot.
ErrorOr<void> init();
// Its root (every mount of "proc" shows it).
ErrorOr<RefPtr<Inode>> root();

} // namespace procfs
