// /proc/<pid>'s links cwd, root, exe, fd/N and ns/mnt, and its
// directories fd/ and ns/. Following one of these links goes straight to
// the object (they are "magic"); reading it gives the object's path as
// the reader's root sees it. Only root or the process's own user may.
#include <kernel/abi/errno.h>
#include <kernel/fs/file_table.h>
#include <kernel/fs/fs_context.h>
#include <kernel/fs/proc/pid.h>
#include <kernel/fs/vfs.h>
#include <kernel/mm/heap.h>
#include <kernel/mm/mm.h>
#include <kernel/task/nsproxy.h>
#include <libk/format.h>
#include <libk/string.h>

namespace procfs {

namespace {

Error error(int code) { return Error::from_errno(code); }

void add_path(Text& text, const Path& path)
{
    if (!path.mount) {
        text.add("%s:[%u]", path.inode->is_fifo() ? "pipe" : "anon_inode", path.inode->ino);
        return;
    }
    char* buffer = static_cast<char*>(kmalloc(vfs::PATH_MAX));
    if (!buffer) {
        text.add_bytes("", 0);
        return;
    }
    auto length = vfs::absolute_path(current()->fs->root(), path, buffer, vfs::PATH_MAX);
    if (length.is_error())
        text.add("/ (deleted)");
    else
        text.add_bytes(buffer, length.value());
    if (!length.is_error() && path.inode->nlink == 0)
        text.add(" (deleted)");
    kfree(buffer);
}

// cwd, root, exe and fd/N: links that lead straight to the object, and
// only for the process's own user (or root): EACCES otherwise.
class TaskLink final : public Link {
public:
    enum class Kind { Cwd, Root, Exe, Fd };
    TaskLink(i32 pid, Kind kind, i32 fd = 0) : m_pid(pid), m_kind(kind), m_fd(fd) { }

    bool is_magic_link() const override { return true; }
    ErrorOr<void> magic_target(Path& path) override
    {
        path = TRY(resolve());
        return {};
    }

protected:
    ErrorOr<void> target(Text& text) override
    {
        add_path(text, TRY(resolve()));
        return {};
    }

private:
    ErrorOr<Path> resolve()
    {
        auto found = task_of(m_pid);
        if (found.is_error())
            return error(abi::ENOENT);
        Task& t = *found.value();
        if (!may_inspect(t))
            return error(abi::EACCES);
        switch (m_kind) {
        case Kind::Cwd:
            if (t.fs)
                return t.fs->cwd();
            break;
        case Kind::Root:
            if (t.fs)
                return t.fs->root();
            break;
        case Kind::Exe:
            if (t.mm && t.mm->exe_inode)
                return Path { t.mm->exe_mount, t.mm->exe_inode };
            break;
        case Kind::Fd:
            if (t.files)
                return TRY(t.files->get(m_fd))->path();
            break;
        }
        return error(abi::ENOENT);
    }

    i32 m_pid;
    Kind m_kind;
    i32 m_fd;
};

// fd/: a link per open file descriptor, named by its number.
class FdDirectory final : public Node {
public:
    explicit FdDirectory(i32 pid) : m_pid(pid) { }

    ErrorOr<RefPtr<Inode>> lookup(const char* name, usize length) override
    {
        u32 fd;
        if (!length || (name[0] == '0' && length > 1) || !libk::parse_u32(name, length, 10, &fd))
            return error(abi::ENOENT);
        Task& t = *TRY(open_task());
        auto file = t.files->get(static_cast<int>(fd));
        if (file.is_error())
            return error(abi::ENOENT);
        auto link = TRY(try_make_ref_counted<TaskLink>(m_pid, TaskLink::Kind::Fd, static_cast<i32>(fd)));
        link->place(RefPtr<Inode>(this), number_text(fd).text, link_mode(*file.value()), fd_number(fd),
            t.credentials.euid, t.credentials.egid);
        return RefPtr<Inode>(link);
    }

    ErrorOr<void> list(u64 position, ListCallback callback, void* context) override
    {
        Task& t = *TRY(open_task());
        for (u32 fd = static_cast<u32>(position); fd < FileTable::DEFAULT_LIMIT; ++fd) {
            auto file = t.files->get(static_cast<int>(fd));
            if (file.is_error())
                continue;
            auto name = number_text(fd);
            DirectoryEntry e { name.text, libk::strlen(name.text), fd_number(fd), mode::SYMLINK | 0777, fd + 1 };
            if (!callback(e, context))
                break;
        }
        return {};
    }

private:
    struct Number {
        char text[12];
    };
    static Number number_text(u32 fd)
    {
        Number n;
        libk::snprintf(n.text, sizeof(n.text), "%u", fd);
        return n;
    }
    // As Linux: the owner's r and w bits say how the file is open.
    static u32 link_mode(const OpenFile& file)
    {
        return mode::SYMLINK | (file.can_read() ? 0400 : 0) | (file.can_write() ? 0200 : 0) | 0100;
    }
    u32 fd_number(u32 fd) const { return 0x40000000u + static_cast<u32>(m_pid) * 1024 + fd; }

    ErrorOr<Task*> open_task()
    {
        Task* t = TRY(task_of(m_pid));
        if (!may_inspect(*t))
            return error(abi::EACCES);
        if (!t->files)
            return error(abi::ENOENT);
        return t;
    }

    i32 m_pid;
};

// The object /proc/<pid>/ns/mnt leads to: an empty file whose inode
// number is the namespace's, on a file system of its own ("nsfs").
class NamespaceFs final : public FileSystem {
public:
    const char* type() const override { return "nsfs"; }
    FsUsage usage() const override
    {
        FsUsage u;
        u.magic = 0x6e736673; // NSFS_MAGIC
        return u;
    }
};
RefPtr<FileSystem> namespace_fs;

class NamespaceLink final : public Link {
public:
    explicit NamespaceLink(i32 pid) : m_pid(pid) { }
    bool is_magic_link() const override { return true; }
    ErrorOr<void> magic_target(Path& path) override
    {
        path = Path { {}, TRY(namespace_file(TRY(number()))) };
        return {};
    }

protected:
    ErrorOr<void> target(Text& text) override
    {
        text.add("mnt:[%u]", TRY(number()));
        return {};
    }

private:
    ErrorOr<u32> number()
    {
        auto found = task_of(m_pid);
        if (found.is_error() || !found.value()->nsproxy)
            return error(abi::ENOENT);
        if (!may_inspect(*found.value()))
            return error(abi::EACCES);
        return found.value()->nsproxy->mount_namespace().inode_number();
    }

    i32 m_pid;
};

constexpr u32 LINK = mode::SYMLINK | 0777;

ErrorOr<RefPtr<Inode>> make_ns_mnt(const RefPtr<Inode>& p, const Entry& e, u32 n, u32 pid)
{
    return make_owned<NamespaceLink>(p, e, n, pid);
}

const Entry ns_entries[] = {
    { "mnt", LINK, make_ns_mnt },
};


} // namespace

ErrorOr<RefPtr<Inode>> make_cwd(const RefPtr<Inode>& p, const Entry& e, u32 n, u32 pid)
{
    return make_owned<TaskLink>(p, e, n, pid, TaskLink::Kind::Cwd, 0);
}

ErrorOr<RefPtr<Inode>> make_root(const RefPtr<Inode>& p, const Entry& e, u32 n, u32 pid)
{
    return make_owned<TaskLink>(p, e, n, pid, TaskLink::Kind::Root, 0);
}

ErrorOr<RefPtr<Inode>> make_exe(const RefPtr<Inode>& p, const Entry& e, u32 n, u32 pid)
{
    return make_owned<TaskLink>(p, e, n, pid, TaskLink::Kind::Exe, 0);
}

ErrorOr<RefPtr<Inode>> make_fd(const RefPtr<Inode>& p, const Entry& e, u32 n, u32 pid)
{
    return make_owned<FdDirectory>(p, e, n, pid);
}

ErrorOr<RefPtr<Inode>> make_ns(const RefPtr<Inode>& p, const Entry& e, u32 n, u32 pid)
{
    Task& t = *TRY(task_of(pid));
    return make_table(ns_entries, pid_inode_number(pid, 20), p, e, n, pid, t.credentials.euid, t.credentials.egid);
}

ErrorOr<RefPtr<Inode>> namespace_file(u32 inode_number)
{
    if (!namespace_fs)
        namespace_fs = TRY(try_make_ref_counted<NamespaceFs>());
    struct File final : public Inode { };
    auto file = TRY(try_make_ref_counted<File>());
    file->fs = namespace_fs;
    file->mode = mode::REGULAR | 0444;
    file->ino = inode_number;
    return RefPtr<Inode>(file);
}

} // namespace procfs
