// Character devices: the console and the classic /dev/null and /dev/zero.
#pragma once

#include <kernel/fs/inode.h>

namespace devices {

// Creates /dev (if missing) with console, tty, null and zero in `root`.
ErrorOr<void> populate_dev(RefPtr<Inode> root);

RefPtr<Inode> console();

} // namespace devices
