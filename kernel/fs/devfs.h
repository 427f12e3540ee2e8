// devfs: /dev. One tmpfs, made at boot with the devices in it (and an
// empty /dev/shm for a tmpfs to be mounted on, and /dev/pts for devpts); every mount of type
// "devtmpfs" shows this same one, as Linux's devtmpfs does. Files made in
// it are ordinary tmpfs files.
#pragma once

#include <kernel/fs/inode.h>

namespace devfs {

ErrorOr<void> init();
RefPtr<Inode> root();

} // namespace devfs
