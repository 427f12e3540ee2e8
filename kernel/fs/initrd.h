// Fills the root tmpfs from the initrd: the cpio archive GRUB loaded as
// the module named "initrd".
#pragma once

#include <kernel/boot/boot_info.h>
#include <kernel/fs/inode.h>

// Makes the root file system: a tmpfs with the initrd's contents (if
// there is one) and the devices in /dev.
ErrorOr<void> mount_root(const BootInfo&);

// Unpacks a cpio archive into the directory `root`.
ErrorOr<u32> unpack_cpio(RefPtr<Inode> root, const u8* archive, usize size);
