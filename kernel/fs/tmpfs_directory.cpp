// tmpfs's directories: named entries, each with a position that stays
// put while others come and go, so a listing can resume where it stopped.
#include <kernel/abi/errno.h>
#include <kernel/fs/tmpfs_node.h>
#include <kernel/mm/heap.h>
#include <libk/string.h>

namespace tmpfs {

// ---- Directory ------------------------------------------------------------------

Directory::~Directory()
{
    for (Entry& entry : m_entries) {
        if (entry.inode->parent_directory == this)
            entry.inode->parent_directory = nullptr;
        kfree(entry.name);
    }
    node::count_freed(*this);
}

Directory::Entry* Directory::find(const char* name, usize length)
{
    for (Entry& entry : m_entries) {
        if (entry.length == length && libk::memcmp(entry.name, name, length) == 0)
            return &entry;
    }
    return nullptr;
}

ErrorOr<RefPtr<Inode>> Directory::lookup(const char* name, usize length)
{
    Entry* entry = find(name, length);
    if (!entry)
        return node::error(abi::ENOENT);
    return entry->inode;
}

ErrorOr<void> Directory::list(u64 position, ListCallback callback, void* context)
{
    for (Entry& entry : m_entries) {
        if (entry.position < position)
            continue;
        DirectoryEntry e { entry.name, entry.length, entry.inode->ino, entry.inode->mode, entry.position + 1 };
        if (!callback(e, context))
            break;
    }
    return {};
}

ErrorOr<usize> Directory::name_of(const Inode& child, char* buffer, usize size)
{
    for (Entry& entry : m_entries) {
        if (entry.inode.ptr() == &child) {
            if (entry.length > size)
                return node::error(abi::ERANGE);
            libk::memcpy(buffer, entry.name, entry.length);
            return entry.length;
        }
    }
    return node::error(abi::ENOENT);
}

ErrorOr<void> Directory::add_entry(const char* name, usize length, RefPtr<Inode> inode)
{
    if (find(name, length))
        return node::error(abi::EEXIST);
    char* copy = node::copy_name(name, length);
    if (!copy)
        return node::error(abi::ENOMEM);
    Inode* raw = inode.ptr();
    auto appended = m_entries.try_append(Entry { copy, length, m_next_position, libk::move(inode) });
    if (appended.is_error()) {
        kfree(copy);
        return appended.release_error();
    }
    ++m_next_position;
    if (!raw->parent_directory)
        raw->parent_directory = this;
    touch_modified();
    return {};
}

RefPtr<Inode> Directory::remove_entry(usize index)
{
    RefPtr<Inode> inode = libk::move(m_entries[index].inode);
    kfree(m_entries[index].name);
    m_entries.remove(index);
    if (inode->parent_directory == this) {
        bool still_here = false;
        for (Entry& entry : m_entries)
            still_here |= entry.inode == inode;
        if (!still_here)
            inode->parent_directory = nullptr;
    }
    touch_modified();
    return inode;
}

ErrorOr<RefPtr<Inode>> Directory::create_file(const char* name, usize length, u32 new_mode, u32 uid, u32 gid)
{
    auto file = TRY(File::create(static_cast<TmpFs&>(*fs)));
    node::init(*file, *fs, mode::REGULAR | (new_mode & mode::PERMISSIONS), uid, gid);
    TRY(add_entry(name, length, file));
    return RefPtr<Inode>(file);
}

ErrorOr<RefPtr<Inode>> Directory::make_directory(const char* name, usize length, u32 new_mode, u32 uid, u32 gid)
{
    auto directory = TRY(node::make<Directory>(*fs, mode::DIRECTORY | (new_mode & mode::PERMISSIONS), uid, gid));
    directory->nlink = 2;
    TRY(add_entry(name, length, directory));
    ++nlink;
    return RefPtr<Inode>(directory);
}

ErrorOr<RefPtr<Inode>> Directory::make_symlink(const char* name, usize length, const char* target,
    usize target_length, u32 uid, u32 gid)
{
    auto link = TRY(node::make<Symlink>(*fs, mode::SYMLINK | 0777, uid, gid));
    TRY(link->set_target(target, target_length));
    TRY(add_entry(name, length, link));
    return RefPtr<Inode>(link);
}

ErrorOr<void> Directory::link(const char* name, usize length, Inode& target)
{
    TRY(add_entry(name, length, RefPtr<Inode>(target)));
    ++target.nlink;
    target.touch_changed();
    return {};
}

ErrorOr<void> Directory::unlink(const char* name, usize length)
{
    Entry* entry = find(name, length);
    if (!entry)
        return node::error(abi::ENOENT);
    if (entry->inode->is_directory())
        return node::error(abi::EISDIR);
    RefPtr<Inode> inode = remove_entry(static_cast<usize>(entry - m_entries.begin()));
    --inode->nlink;
    inode->touch_changed();
    return {};
}

ErrorOr<void> Directory::remove_directory(const char* name, usize length)
{
    Entry* entry = find(name, length);
    if (!entry)
        return node::error(abi::ENOENT);
    if (!entry->inode->is_directory())
        return node::error(abi::ENOTDIR);
    if (!entry->inode->is_empty_directory())
        return node::error(abi::ENOTEMPTY);
    RefPtr<Inode> inode = remove_entry(static_cast<usize>(entry - m_entries.begin()));
    inode->nlink = 0; // a removed directory: getcwd in it says ENOENT
    --nlink;
    return {};
}

ErrorOr<void> Directory::add(const char* name, usize length, RefPtr<Inode> inode)
{
    return add_entry(name, length, libk::move(inode));
}

// The VFS has checked the types (a directory replaces only an empty
// directory, a non-directory only a non-directory) and that the move does
// not put a directory inside itself. Every allocation comes first, so a
// failure changes nothing.
ErrorOr<void> Directory::rename(const char* name, usize length, Inode& new_parent, const char* new_name,
    usize new_length)
{
    auto& target = static_cast<Directory&>(new_parent);
    Entry* entry = find(name, length);
    if (!entry)
        return node::error(abi::ENOENT);
    Entry* replaced = target.find(new_name, new_length);
    if (replaced && replaced->inode == entry->inode)
        return {}; // two links to one inode: POSIX says do nothing
    char* copy = node::copy_name(new_name, new_length);
    if (!copy)
        return node::error(abi::ENOMEM);
    if (auto reserved = target.m_entries.try_reserve(target.m_entries.size() + 1); reserved.is_error()) {
        kfree(copy);
        return reserved.release_error();
    }

    if (replaced) {
        RefPtr<Inode> old = target.remove_entry(static_cast<usize>(replaced - target.m_entries.begin()));
        if (old->is_directory()) {
            old->nlink = 0;
            --target.nlink;
        } else {
            --old->nlink;
        }
        old->touch_changed();
        entry = find(name, length); // the removal may have moved it, if both are here
    }
    RefPtr<Inode> moving = libk::move(entry->inode);
    kfree(entry->name);
    m_entries.remove(static_cast<usize>(entry - m_entries.begin()));
    (void)target.m_entries.try_append(Entry { copy, new_length, target.m_next_position++, moving });
    if (moving->parent_directory == this)
        moving->parent_directory = &target;
    if (moving->is_directory() && &target != this) {
        --nlink;
        ++target.nlink;
    }
    moving->touch_changed();
    touch_modified();
    target.touch_modified();
    return {};
}

} // namespace tmpfs
