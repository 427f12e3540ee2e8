// /proc/<pid>/mounts and /proc/<pid>/mountinfo, in Linux's formats:
//
//   mounts:    source mountpoint type options 0 0
//   mountinfo: id parent major:minor root mountpoint options [shared:N]
//              [master:N] [unbindable] - type source super-options
#include <kernel/abi/errno.h>
#include <kernel/fs/fs_context.h>
#include <kernel/fs/mount_namespace.h>
#include <kernel/fs/proc/pid.h>
#include <kernel/fs/vfs.h>
#include <kernel/mm/heap.h>
#include <kernel/task/nsproxy.h>
#include <kernel/task/task.h>
#include <libk/string.h>

namespace procfs {

namespace {

// What is needed of a mount, taken while the mounts lock is held.
struct Snapshot {
    RefPtr<Mount> mount;
    u32 parent_id;
    u32 flags;
    u32 group, master;
    bool unbindable;
    bool read_only_fs;
};

// True if `path` is `root` or below it.
bool is_visible(const Path& root, const Path& path)
{
    Path current = path;
    for (;;) {
        if (current == root)
            return true;
        Path up = vfs::parent_of(current, root);
        if (up == current)
            return false;
        current = libk::move(up);
    }
}

// The path of the mount's root inside its own file system ("/" for a
// whole file system, "/dir" for a bind mount of dir).
void add_root_in_file_system(Text& text, Mount& mount, char* buffer, usize size)
{
    usize end = size - 1;
    buffer[end] = '\0';
    for (RefPtr<Inode> inode = mount.root(); inode;) {
        RefPtr<Inode> parent = inode->parent();
        if (!parent)
            break;
        char name[vfs::NAME_MAX];
        auto length = inode->name_in_parent(name, sizeof(name));
        if (length.is_error() || length.value() + 1 > end)
            break;
        end -= length.value();
        libk::memcpy(buffer + end, name, length.value());
        buffer[--end] = '/';
        inode = parent;
    }
    if (end == size - 1)
        buffer[--end] = '/';
    text.add_escaped(buffer + end);
}

void add_mount_options(Text& text, u32 flags, bool read_only)
{
    text.add(read_only ? "ro" : "rw");
    if (flags & mount_flags::NO_SUID)
        text.add(",nosuid");
    if (flags & mount_flags::NO_DEV)
        text.add(",nodev");
    if (flags & mount_flags::NO_EXEC)
        text.add(",noexec");
    if (flags & mount_flags::NO_ATIME)
        text.add(",noatime");
    if (flags & mount_flags::NO_DIRECTORY_ATIME)
        text.add(",nodiratime");
    if (flags & mount_flags::RELATIME)
        text.add(",relatime");
}

void add_fs_options(Text& text, const FileSystem& fs)
{
    char options[64];
    usize length = fs.show_options(options, sizeof(options));
    if (length) {
        text.add(",");
        text.add_bytes(options, length);
    }
}

} // namespace

ErrorOr<void> write_mounts(Text& text, Task& task, bool mountinfo)
{
    if (!task.nsproxy || !task.fs)
        return {}; // a zombie: no namespace any more
    Path root = task.fs->root();
    Vector<Snapshot> mounts;
    bool complete = true;
    task.nsproxy->mount_namespace().for_each_mount([&](Mount& mount) {
        Snapshot s { RefPtr<Mount>(mount), mount.parent ? mount.parent->id() : mount.id(), mount.flags, mount.group,
            mount.master, mount.unbindable, mount.fs().read_only };
        complete &= !mounts.try_append(libk::move(s)).is_error();
    });
    if (!complete)
        return Error::from_errno(abi::ENOMEM);

    char* buffer = static_cast<char*>(kmalloc(vfs::PATH_MAX));
    if (!buffer)
        return Error::from_errno(abi::ENOMEM);
    for (Snapshot& s : mounts) {
        Mount& mount = *s.mount;
        Path here { s.mount, mount.root() };
        if (!is_visible(root, here))
            continue;
        auto length = vfs::absolute_path(root, here, buffer, vfs::PATH_MAX);
        if (length.is_error())
            continue;
        bool read_only = (s.flags & mount_flags::READ_ONLY) || s.read_only_fs;
        if (!mountinfo) {
            text.add_escaped(mount.source());
            text.add(" ");
            text.add_escaped(buffer);
            text.add(" %s ", mount.fs().type());
            add_mount_options(text, s.flags, read_only);
            add_fs_options(text, mount.fs());
            text.add(" 0 0\n");
            continue;
        }
        u32 device = mount.fs().device();
        text.add("%u %u %u:%u ", mount.id(), s.parent_id, (device >> 8) & 0xFFF, (device & 0xFF) | ((device >> 12) & 0xFFF00));
        // The mount point first (buffer is reused for the root below).
        Text point;
        point.add_escaped(buffer);
        add_root_in_file_system(text, mount, buffer, vfs::PATH_MAX);
        text.add(" ");
        text.add_bytes(point.data(), point.size());
        text.add(" ");
        add_mount_options(text, s.flags, s.flags & mount_flags::READ_ONLY);
        if (s.group)
            text.add(" shared:%u", s.group);
        if (s.master)
            text.add(" master:%u", s.master);
        if (s.unbindable)
            text.add(" unbindable");
        text.add(" - %s ", mount.fs().type());
        text.add_escaped(mount.source());
        text.add(" %s", s.read_only_fs ? "ro" : "rw");
        add_fs_options(text, mount.fs());
        text.add("\n");
    }
    kfree(buffer);
    return {};
}

} // namespace procfs
