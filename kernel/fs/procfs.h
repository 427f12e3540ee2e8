// procfs: /proc, what the kernel knows about its tasks and itself, as
// files Linux's tools expect.
#pragma once

#include <kernel/fs/inode.h>

namespace procfs {

// The root of the one procfs (every mount of "proc" shows it).
ErrorOr<RefPtr<Inode>> root();

} // namespace procfs
