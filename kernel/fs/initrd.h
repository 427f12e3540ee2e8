// The root file system at boot: a tmpfs filled from the initrd (the cpio
// archive GRUB loaded as the module named "initrd"), in the first mount
// namespace, with devfs mounted on /dev.
#pragma once

#include <kernel/boot/boot_info.h>
#include <kernel/fs/inode.h>

class NsProxy;

// Makes the root file system and the first namespaces.
ErrorOr<void> mount_root(const BootInfo&);

// The namespaces of the first task (init).
RefPtr<NsProxy> initial_namespaces();

// Unpacks a cpio archive into the directory `root`.
ErrorOr<u32> unpack_cpio(RefPtr<Inode> root, const u8* archive, usize size);
