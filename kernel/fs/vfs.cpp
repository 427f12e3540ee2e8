#include <kernel/abi/errno.h>
#include <kernel/fs/permission.h>
#include <kernel/fs/vfs.h>
#include <kernel/mm/heap.h>
#include <kernel/task/task.h>
#include <libk/string.h>

namespace vfs {

namespace {

// walk::Walker's view of the kernel's tree: nodes are paths.
struct Tree {
    using Node = Path;

    class Link {
    public:
        Link() = default;
        Link(Link&& other) : m_target(libk::move(other.m_target)), m_text(libk::exchange(other.m_text, nullptr)) { }
        Link(const Link&) = delete;
        ~Link() { kfree(m_text); }

        const Path* jump() const { return m_target.is_null() ? nullptr : &m_target; }
        const char* text() const { return m_text; }

        Path m_target;
        char* m_text = nullptr;
    };

    const Context& context;

    Node root() { return context.root; }
    bool is_directory(const Node& node) { return node.inode->is_directory(); }
    bool is_symlink(const Node& node) { return node.inode->is_symlink(); }
    ErrorOr<void> may_search(const Node& node) { return check_access(*node.inode, access::EXECUTE, context.credentials); }

    ErrorOr<Node> child(const Node& directory, const char* name, usize length)
    {
        RefPtr<Inode> inode = TRY(directory.inode->lookup(name, length));
        return follow_mounts(Path { directory.mount, libk::move(inode) });
    }

    Node parent(const Node& directory) { return parent_of(directory, context.root); }

    ErrorOr<Link> read_link(const Node& node)
    {
        Link link;
        if (node.inode->is_magic_link()) {
            TRY(node.inode->magic_target(link.m_target));
            return link;
        }
        link.m_text = static_cast<char*>(kmalloc(PATH_MAX));
        if (!link.m_text)
            return Error::from_errno(abi::ENOMEM);
        usize length = TRY(node.inode->read_link(link.m_text, PATH_MAX - 1));
        link.m_text[length] = '\0';
        return link;
    }
};

} // namespace

Context Context::of(const Task& task) { return Context { task.fs->root(), task.fs->cwd(), task.credentials }; }

ErrorOr<Path> resolve(const Context& context, const Path& base, const char* path, bool follow_last)
{
    Tree tree { context };
    walk::Walker<Tree> walker(tree);
    return walker.resolve(base.is_null() ? context.cwd : base, path, follow_last);
}

ErrorOr<Parent> resolve_parent(const Context& context, const Path& base, const char* path)
{
    Tree tree { context };
    walk::Walker<Tree> walker(tree);
    return walker.resolve_parent(base.is_null() ? context.cwd : base, path);
}

Path follow_mounts(Path path)
{
    while (path.mount && path.inode->mount_count) {
        RefPtr<Mount> above;
        {
            SpinLockGuard guard(mounts_lock());
            above = RefPtr<Mount>(mounts::mounted_on(*path.mount, *path.inode));
        }
        if (!above)
            break;
        path.inode = above->root();
        path.mount = libk::move(above);
    }
    return path;
}

// From the root of a mount to the mount point it covers, one level up the
// mount tree; false (and `current` unchanged) at the top of the tree.
static bool step_out_of_mount(Path& current)
{
    RefPtr<Mount> up;
    RefPtr<Inode> mountpoint;
    {
        SpinLockGuard guard(mounts_lock());
        up = RefPtr<Mount>(current.mount->parent);
        mountpoint = current.mount->mountpoint;
    }
    if (!up)
        return false;
    current = Path { libk::move(up), libk::move(mountpoint) };
    return true;
}

Path parent_of(const Path& directory, const Path& root)
{
    Path current = directory;
    for (;;) {
        if (current == root)
            return current;
        if (current.is_mount_root()) {
            if (!step_out_of_mount(current))
                return current; // the root of a namespace, or of a detached tree
            continue;
        }
        RefPtr<Inode> parent = current.inode->parent();
        if (!parent)
            return current;
        return Path { current.mount, libk::move(parent) };
    }
}

ErrorOr<usize> absolute_path(const Path& root, const Path& path, char* buffer, usize size)
{
    if (size < 2)
        return Error::from_errno(abi::ERANGE);
    if (path.inode->is_directory() && path.inode->nlink == 0)
        return Error::from_errno(abi::ENOENT);
    // The names from `path` up to the root, written from the end of the
    // buffer backwards, then moved to its start.
    usize end = size - 1;
    buffer[end] = '\0';
    Path current = path;
    while (!(current == root)) {
        if (current.is_mount_root()) {
            // Out of the mount to the mount point, which has the name.
            if (!step_out_of_mount(current))
                break; // not below `root`: shown from its namespace's root
            continue;
        }
        RefPtr<Inode> parent = current.inode->parent();
        if (!parent)
            break;
        char name[NAME_MAX];
        usize length = TRY(current.inode->name_in_parent(name, sizeof(name)));
        if (length + 1 > end)
            return Error::from_errno(abi::ERANGE);
        end -= length;
        libk::memcpy(buffer + end, name, length);
        buffer[--end] = '/';
        current = Path { current.mount, libk::move(parent) };
    }
    if (end == size - 1)
        buffer[--end] = '/';
    usize length = size - 1 - end;
    libk::memmove(buffer, buffer + end, length + 1);
    return length;
}

ErrorOr<void> check_writable(const Path& path)
{
    if (!path.mount)
        return {};
    SpinLockGuard guard(mounts_lock());
    if (path.mount->is_read_only())
        return Error::from_errno(abi::EROFS);
    return {};
}

} // namespace vfs
