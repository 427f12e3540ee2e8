#include <kernel/abi/errno.h>
#include <kernel/console/console.h>
#include <kernel/fs/cpio.h>
#include <kernel/fs/devfs.h>
#include <kernel/fs/devpts.h>
#include <kernel/fs/initrd.h>
#include <kernel/fs/mount_namespace.h>
#include <kernel/fs/procfs.h>
#include <kernel/fs/tmpfs.h>
#include <kernel/task/nsproxy.h>
#include <libk/string.h>

namespace {

RefPtr<NsProxy> first_namespaces;

// The directory that holds `path`'s last component, made as needed.
ErrorOr<RefPtr<Inode>> parent_of(RefPtr<Inode> root, const char* path, usize length, const char** name, usize* name_length)
{
    RefPtr<Inode> directory = root;
    usize start = 0;
    for (usize i = 0; i <= length; ++i) {
        if (i < length && path[i] != '/')
            continue;
        if (i == length) {
            *name = path + start;
            *name_length = length - start;
            return directory;
        }
        if (i > start) {
            auto next = directory->lookup(path + start, i - start);
            directory = next.is_error() ? TRY(directory->make_directory(path + start, i - start, 0755, 0, 0))
                                        : next.release_value();
            if (!directory->is_directory())
                return Error::from_errno(abi::ENOTDIR);
        }
        start = i + 1;
    }
    return Error::from_errno(abi::ENOENT);
}

} // namespace

ErrorOr<u32> unpack_cpio(RefPtr<Inode> root, const u8* archive, usize size)
{
    cpio::Reader reader(archive, size);
    cpio::Entry entry;
    u32 count = 0;
    while (reader.next(entry)) {
        const char* path = entry.name;
        usize length = entry.name_length;
        while (length && (*path == '/' || (*path == '.' && (length == 1 || path[1] == '/')))) {
            ++path;
            --length;
        }
        if (!length)
            continue; // the archive's "."
        const char* name;
        usize name_length;
        RefPtr<Inode> directory = TRY(parent_of(root, path, length, &name, &name_length));
        RefPtr<Inode> inode;
        u32 type = entry.mode & mode::TYPE_MASK;
        if (type == mode::DIRECTORY) {
            auto existing = directory->lookup(name, name_length);
            inode = existing.is_error() ? TRY(directory->make_directory(name, name_length, entry.mode, 0, 0))
                                        : existing.release_value();
        } else if (type == mode::REGULAR) {
            inode = TRY(directory->create_file(name, name_length, entry.mode, 0, 0));
            TRY(inode->write(0, IoBuffer::kernel(const_cast<u8*>(entry.data)), entry.size));
        } else if (type == mode::SYMLINK) {
            inode = TRY(directory->make_symlink(name, name_length, reinterpret_cast<const char*>(entry.data),
                entry.size, 0, 0));
        } else {
            continue; // device nodes come from devices.cpp
        }
        inode->mode = entry.mode;
        inode->uid = entry.uid;
        inode->gid = entry.gid;
        inode->atime = inode->mtime = inode->ctime = Timespec { entry.mtime, 0 };
        ++count;
    }
    if (reader.error())
        return Error::from_errno(abi::EINVAL);
    return count;
}

ErrorOr<void> mount_root(const BootInfo& boot)
{
    tmpfs::Options options;
    options.root_mode = 0755;
    RefPtr<Inode> root = TRY(tmpfs::create(options, "rootfs"));
    for (u32 i = 0; i < boot.module_count; ++i) {
        const BootModule& module = boot.modules[i];
        if (libk::strcmp(module.name, "initrd") != 0)
            continue;
        auto files = unpack_cpio(root, static_cast<const u8*>(phys_to_virt(module.start)), module.end - module.start);
        if (files.is_error()) {
            kprintf("initrd: not a valid cpio (newc) archive (error %d)\n", files.error().code());
            return files.release_error();
        }
        kprintf("initrd: %u files and directories, %u KiB\n", files.value(), (module.end - module.start) / 1024);
    }
    // The first namespace, with devfs on /dev from the start (as Linux's
    // CONFIG_DEVTMPFS_MOUNT): init's console is /dev/console.
    TRY(devfs::init());
    TRY(procfs::init());
    TRY(devpts::init());
    RefPtr<Mount> root_mount = TRY(Mount::create(root, 0, "rootfs"));
    RefPtr<MountNamespace> ns = TRY(MountNamespace::create(root_mount));
    auto dev = root->lookup("dev", 3);
    RefPtr<Inode> dev_directory = dev.is_error() ? TRY(root->make_directory("dev", 3, 0755, 0, 0)) : dev.release_value();
    RefPtr<Mount> dev_mount = TRY(Mount::create(devfs::root(), mount_flags::RELATIME, "devtmpfs"));
    {
        SpinLockGuard guard(mounts_lock());
        TRY(mounts::attach(*root_mount, dev_directory, dev_mount));
    }
    first_namespaces = TRY(NsProxy::create(ns));
    return {};
}

RefPtr<NsProxy> initial_namespaces() { return first_namespaces; }
