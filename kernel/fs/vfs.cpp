#include <kernel/abi/errno.h>
#include <kernel/fs/vfs.h>
#include <kernel/mm/heap.h>
#include <libk/string.h>

namespace {

RefPtr<Inode> root_inode;

struct Walker {
    const FsContext& context;
    u32 links_followed = 0;

    // Walks `path` from `start`; stops before the last component if
    // `stop_before_last` (then *last/*last_length name it).
    ErrorOr<RefPtr<Inode>> walk(RefPtr<Inode> start, const char* path, bool follow_last, bool stop_before_last,
        const char** last = nullptr, usize* last_length = nullptr)
    {
        if (!*path)
            return Error::from_errno(abi::ENOENT);
        RefPtr<Inode> current = *path == '/' ? context.root : libk::move(start);
        const char* p = path;
        for (;;) {
            while (*p == '/')
                ++p;
            if (!*p) {
                if (stop_before_last) // "/" or "dir/": no name to create
                    return Error::from_errno(abi::EEXIST);
                return current;
            }
            const char* name = p;
            while (*p && *p != '/')
                ++p;
            usize length = static_cast<usize>(p - name);
            if (length > vfs::NAME_MAX)
                return Error::from_errno(abi::ENAMETOOLONG);
            const char* rest = p;
            while (*rest == '/')
                ++rest;
            bool is_last = !*rest;
            if (!current->is_directory())
                return Error::from_errno(abi::ENOTDIR);
            if (is_last && stop_before_last) {
                if ((length == 1 && name[0] == '.') || (length == 2 && name[0] == '.' && name[1] == '.'))
                    return Error::from_errno(abi::EEXIST);
                *last = name;
                *last_length = length;
                return current;
            }
            RefPtr<Inode> next;
            if (length == 1 && name[0] == '.') {
                next = current;
            } else if (length == 2 && name[0] == '.' && name[1] == '.') {
                next = current == context.root ? current : current->parent();
                if (!next)
                    next = current;
            } else {
                next = TRY(current->lookup(name, length));
            }
            if (next->is_symlink() && (!is_last || follow_last || *p == '/')) {
                next = TRY(follow(current, *next));
            }
            current = libk::move(next);
            if (is_last && *p != '/')
                return current;
            if (is_last && !current->is_directory())
                return Error::from_errno(abi::ENOTDIR);
        }
    }

    ErrorOr<RefPtr<Inode>> follow(RefPtr<Inode> directory, Inode& link)
    {
        if (++links_followed > vfs::MAX_SYMLINK_DEPTH)
            return Error::from_errno(abi::ELOOP);
        char* target = static_cast<char*>(kmalloc(vfs::PATH_MAX));
        if (!target)
            return Error::from_errno(abi::ENOMEM);
        auto length = link.read_link(target, vfs::PATH_MAX - 1);
        if (length.is_error()) {
            kfree(target);
            return length.release_error();
        }
        target[length.value()] = '\0';
        auto result = walk(libk::move(directory), target, true, false);
        kfree(target);
        return result;
    }
};

} // namespace

namespace vfs {

void set_root(RefPtr<Inode> inode) { root_inode = libk::move(inode); }
RefPtr<Inode> root() { return root_inode; }

ErrorOr<RefPtr<Inode>> resolve(const FsContext& context, RefPtr<Inode> base, const char* path, bool follow_last)
{
    Walker walker { context };
    return walker.walk(base ? libk::move(base) : context.cwd, path, follow_last, false);
}

ErrorOr<ParentAndName> resolve_parent(const FsContext& context, RefPtr<Inode> base, const char* path)
{
    Walker walker { context };
    ParentAndName result;
    result.parent = TRY(walker.walk(base ? libk::move(base) : context.cwd, path, false, true, &result.name, &result.length));
    return result;
}

ErrorOr<usize> absolute_path(const FsContext& context, RefPtr<Inode> directory, char* buffer, usize size)
{
    // Collect the names from the directory up to the root, then reverse.
    usize end = size;
    RefPtr<Inode> current = libk::move(directory);
    while (current != context.root) {
        RefPtr<Inode> parent = current->parent();
        if (!parent || parent == current)
            break;
        char name[NAME_MAX];
        usize length = TRY(current->name_in_parent(name, sizeof(name)));
        if (length + 1 > end)
            return Error::from_errno(abi::ERANGE);
        end -= length;
        libk::memcpy(buffer + end, name, length);
        buffer[--end] = '/';
        current = parent;
    }
    if (end == size) {
        if (size < 2)
            return Error::from_errno(abi::ERANGE);
        buffer[--end] = '/';
    }
    usize length = size - end;
    if (length + 1 > size)
        return Error::from_errno(abi::ERANGE);
    libk::memmove(buffer, buffer + end, length);
    buffer[length] = '\0';
    return length;
}

} // namespace vfs
