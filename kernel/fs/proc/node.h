// The kinds of inode /proc is made of. Most are made afresh at each
// lookup (a task's files exist only while it does): each holds its parent
// and its name, for ".." and getcwd.
#pragma once

#include <kernel/fs/path.h>
#include <kernel/fs/proc/text.h>

struct Task;

namespace procfs {

// The one procfs: made at boot (procfs::init), shown by every mount of "proc".
ErrorOr<void> make_file_system();
FileSystem& file_system();

class Node : public Inode {
public:
    RefPtr<Inode> parent() override { return m_parent; }
    ErrorOr<usize> name_in_parent(char* buffer, usize size) override;

    // No name can be made in /proc. Linux's lookup of a name /proc does not
    // have fails at once, so making one fails with ENOENT there, whatever
    // its kind; Cleave gives the same answer.
    ErrorOr<RefPtr<Inode>> create_file(const char*, usize, u32, u32, u32) override { return no_new_names(); }
    ErrorOr<RefPtr<Inode>> make_directory(const char*, usize, u32, u32, u32) override { return no_new_names(); }
    ErrorOr<RefPtr<Inode>> make_symlink(const char*, usize, const char*, usize, u32, u32) override
    {
        return no_new_names();
    }
    ErrorOr<RefPtr<Inode>> make_node(const char*, usize, u32, u32, u32, u32) override { return no_new_names(); }
    ErrorOr<void> link(const char*, usize, Inode&) override { return Error::from_errno(new_name_error()); }
    // Sets what every /proc inode has: its place, mode, number and owner.
    void place(RefPtr<Inode> parent, const char* name, u32 mode, u32 number, u32 owner = 0, u32 group = 0);

private:
    int new_name_error() const { return is_directory() ? abi::ENOENT : abi::ENOTDIR; }
    ErrorOr<RefPtr<Inode>> no_new_names() const { return Error::from_errno(new_name_error()); }

    RefPtr<Inode> m_parent;
    char m_name[16] = {};
};

// A file whose contents are made when it is read (so each read sees the
// state of that moment); a writable one hands what is written to store().
class TextFile : public Node {
public:
    ErrorOr<usize> read(u64 offset, const IoBuffer&, usize length) override;
    ErrorOr<usize> write(u64 offset, const IoBuffer&, usize length) override;
    ErrorOr<void> truncate(u64) override { return {}; } // open(O_TRUNC) of a writable file

protected:
    virtual ErrorOr<void> generate(Text&) = 0;
    // A file that cannot be written answers EIO, as Linux's /proc files
    // without a write operation do (root may open them for writing).
    virtual ErrorOr<void> store(const char*, usize) { return Error::from_errno(abi::EIO); }
};

// A symbolic link whose text is made when it is read.
class Link : public Node {
public:
    ErrorOr<usize> read_link(char* buffer, usize size) override;

protected:
    virtual ErrorOr<void> target(Text&) = 0;
};

// A directory with a fixed list of entries, each made by a function when
// looked up. Entry i has inode number base + i.
struct Entry {
    const char* name;
    u32 mode;
    ErrorOr<RefPtr<Inode>> (*make)(const RefPtr<Inode>& parent, const Entry&, u32 number, u32 key);
};

class TableDirectory : public Node {
public:
    TableDirectory(const Entry* entries, usize count, u32 base, u32 key)
        : m_entries(entries), m_count(count), m_base(base), m_key(key)
    {
    }
    ErrorOr<RefPtr<Inode>> lookup(const char* name, usize length) override;
    ErrorOr<void> list(u64 position, ListCallback, void* context) override;

protected:
    usize count() const { return m_count; }
    u32 key() const { return m_key; }

private:
    const Entry* m_entries;
    usize m_count;
    u32 m_base;
    u32 m_key; // what the entries are about (a pid), or 0
};

// For an Entry's make(): a TableDirectory of `entries` in `parent`.
template<usize count>
ErrorOr<RefPtr<Inode>> make_table(const Entry (&entries)[count], u32 base, const RefPtr<Inode>& parent,
    const Entry& entry, u32 number, u32 key, u32 owner = 0, u32 group = 0)
{
    auto directory = TRY(try_make_ref_counted<TableDirectory>(entries, count, base, key));
    directory->place(parent, entry.name, entry.mode, number, owner, group);
    return RefPtr<Inode>(directory);
}

// For an Entry's make(): a node of type T (made from `arguments`) in `parent`.
template<typename T, typename... Arguments>
ErrorOr<RefPtr<Inode>> make_node(const RefPtr<Inode>& parent, const Entry& entry, u32 number, Arguments... arguments)
{
    auto node = TRY(try_make_ref_counted<T>(arguments...));
    node->place(parent, entry.name, entry.mode, number);
    return RefPtr<Inode>(node);
}

// Whether the running task may look into `task` (its environment, its
// open files, its cwd): as Linux's ptrace read check, it must be root or
// the same user.
bool may_inspect(const Task&);

} // namespace procfs
