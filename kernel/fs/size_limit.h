// RLIMIT_FSIZE: how large a file the calling process may make, as Linux
// checks it. A write that would start at or past the limit, or a truncate
// or fallocate that would grow a file past it, gets the process SIGXFSZ
// (which ends it, unless caught or ignored) and fails with EFBIG; a write
// that would cross the limit is cut short at it.
#pragma once

#include <kernel/fs/inode.h>

namespace size_limit {

// How many of `length` bytes a write at `position` may write.
ErrorOr<usize> for_write(u64 position, usize length);
// May `inode` become `new_size` bytes long?
ErrorOr<void> check_new_size(const Inode&, u64 new_size);

} // namespace size_limit
