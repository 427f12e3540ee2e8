#include <kernel/abi/errno.h>
#include <kernel/console/console.h>
#include <kernel/fs/cpio.h>
#include <kernel/fs/devices.h>
#include <kernel/fs/initrd.h>
#include <kernel/fs/tmpfs.h>
#include <kernel/fs/vfs.h>
#include <libk/string.h>

namespace {

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
            directory = next.is_error() ? TRY(directory->create(path + start, i - start, mode::DIRECTORY | 0755))
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
        auto* directory = static_cast<tmpfs::Directory*>(TRY(parent_of(root, path, length, &name, &name_length)).ptr());
        RefPtr<Inode> inode;
        u32 type = entry.mode & mode::TYPE_MASK;
        if (type == mode::DIRECTORY) {
            auto existing = directory->lookup(name, name_length);
            inode = existing.is_error() ? RefPtr<Inode>(TRY(directory->create_directory(name, name_length, entry.mode)))
                                        : existing.release_value();
        } else if (type == mode::REGULAR) {
            auto file = TRY(directory->create_file(name, name_length, entry.mode));
            TRY(file->write(0, IoBuffer::kernel(const_cast<u8*>(entry.data)), entry.size));
            inode = file;
        } else if (type == mode::SYMLINK) {
            inode = TRY(directory->create_symlink(name, name_length, reinterpret_cast<const char*>(entry.data), entry.size));
        } else {
            continue; // device nodes come from devices.cpp
        }
        inode->mode = entry.mode;
        inode->uid = entry.uid;
        inode->gid = entry.gid;
        inode->mtime = entry.mtime;
        ++count;
    }
    if (reader.error())
        return Error::from_errno(abi::EINVAL);
    return count;
}

ErrorOr<void> mount_root(const BootInfo& boot)
{
    RefPtr<Inode> root = TRY(tmpfs::create_root());
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
    TRY(devices::populate_dev(root));
    vfs::set_root(root);
    return {};
}
