// /proc/<pid>: stat, status, cmdline, environ, mounts, mountinfo, the
// links cwd, root and exe, and the directories fd/ and ns/.
#include <kernel/signal/thread_group.h>
#include <kernel/signal/sighand.h>
#include <kernel/abi/errno.h>
#include <kernel/fs/file_table.h>
#include <kernel/fs/fs_context.h>
#include <kernel/fs/proc/pid.h>
#include <kernel/fs/vfs.h>
#include <kernel/mm/heap.h>
#include <kernel/mm/mm.h>
#include <kernel/task/nsproxy.h>
#include <kernel/task/tasks.h>
#include <libk/format.h>
#include <libk/string.h>

namespace procfs {

namespace {

Error error(int code) { return Error::from_errno(code); }

// The task a node is about, if it still exists (ESRCH otherwise).
ErrorOr<Task*> task_of(i32 pid)
{
    Task* task = tasks::find(pid);
    if (!task)
        return error(abi::ESRCH);
    return task;
}

char state_letter(const Task& task)
{
    switch (task.state) {
    case TaskState::Runnable: return 'R';
    case TaskState::Sleeping: return task.interruptible ? 'S' : 'D';
    case TaskState::Stopped: return 'T';
    case TaskState::Zombie: return 'Z';
    case TaskState::Dead: return 'X';
    }
    return '?';
}

const char* state_name(const Task& task)
{
    switch (state_letter(task)) {
    case 'R': return "R (running)";
    case 'S': return "S (sleeping)";
    case 'D': return "D (disk sleep)";
    case 'T': return "T (stopped)";
    case 'Z': return "Z (zombie)";
    case 'X': return "X (dead)";
    }
    return "?";
}

// A thread's parent is its process's: the group leader's.
i32 parent_pid(const Task& task)
{
    const Task* leader = task.group && task.group->leader ? task.group->leader : &task;
    return leader->parent ? leader->parent->tgid : 0;
}
i32 process_group(const Task& task) { return task.group ? task.group->pgid : task.tgid; }
i32 session(const Task& task) { return task.group ? task.group->sid : task.tgid; }

u32 thread_count(const Task& task) { return task.group ? libk::max<u32>(task.group->live_threads, 1) : 1; }

// A node of <pid>: it knows the pid, and finds the task when asked.
class PidFile : public TextFile {
public:
    explicit PidFile(i32 pid) : m_pid(pid) { }

protected:
    i32 m_pid;
};

class Stat final : public PidFile {
public:
    using PidFile::PidFile;
    ErrorOr<void> generate(Text& text) override
    {
        Task& t = *TRY(task_of(m_pid));
        Mm* mm = t.mm.ptr();
        text.add("%d (%s) %c %d %d %d 0 -1 0 0 0 0 0 0 0 0 0 20 0 %u 0 0 %zu 0 4294967295 0 0 0 0 0 0 0 0 0 0 0 0 %d 0 0 0 0 0 0 0 0 ",
            t.tgid, t.name, state_letter(t), parent_pid(t), process_group(t), session(t), thread_count(t),
            mm ? mm->virtual_size() : 0, static_cast<int>(t.exit_signal));
        text.add("%u %u %u %u %u %d\n", mm ? static_cast<u32>(mm->heap_start) : 0, mm ? static_cast<u32>(mm->arg_start) : 0,
            mm ? static_cast<u32>(mm->arg_end) : 0, mm ? static_cast<u32>(mm->env_start) : 0,
            mm ? static_cast<u32>(mm->env_end) : 0, t.state == TaskState::Zombie ? t.exit_status : 0);
        return {};
    }
};

class Status final : public PidFile {
public:
    using PidFile::PidFile;
    ErrorOr<void> generate(Text& text) override
    {
        Task& t = *TRY(task_of(m_pid));
        const Credentials& c = t.credentials;
        text.add("Name:\t%s\n", t.name);
        if (t.fs)
            text.add("Umask:\t%04o\n", t.fs->umask());
        text.add("State:\t%s\nTgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\nTracerPid:\t0\n", state_name(t), t.tgid, t.tid,
            parent_pid(t));
        text.add("Uid:\t%u\t%u\t%u\t%u\nGid:\t%u\t%u\t%u\t%u\n", c.uid, c.euid, c.suid, c.fsuid, c.gid, c.egid, c.sgid,
            c.fsgid);
        text.add("FDSize:\t%u\nGroups:\t", t.files ? 64u : 0u);
        for (u32 i = 0; i < c.group_count; ++i)
            text.add("%u ", c.groups[i]);
        text.add("\nNStgid:\t%d\nNSpid:\t%d\nNSpgid:\t%d\nNSsid:\t%d\n", t.tgid, t.tid, process_group(t), session(t));
        if (t.mm)
            text.add("VmSize:\t%8zu kB\n", t.mm->virtual_size() / 1024);
        u64 ignored = 0, caught = 0;
        if (t.sighand) {
            for (int s = 1; s <= abi::NSIG; ++s) {
                u32 handler = t.sighand->actions[s - 1].handler;
                if (handler == abi::SIG_IGN)
                    ignored |= 1ull << (s - 1);
                else if (handler != abi::SIG_DFL)
                    caught |= 1ull << (s - 1);
            }
        }
        text.add("Threads:\t%u\nSigQ:\t0/0\nSigPnd:\t%016llx\nShdPnd:\t%016llx\n", thread_count(t),
            t.signals ? t.signals->pending : 0ull, t.group ? t.group->shared.pending : 0ull);
        text.add("SigBlk:\t%016llx\nSigIgn:\t%016llx\nSigCgt:\t%016llx\n", t.blocked, ignored, caught);
        return {};
    }
};

// cmdline and environ: strings read out of the process's own memory.
class Strings final : public PidFile {
public:
    Strings(i32 pid, bool environment) : PidFile(pid), m_environment(environment) { }
    ErrorOr<void> generate(Text& text) override
    {
        Task& t = *TRY(task_of(m_pid));
        if (m_environment && !may_inspect(t))
            return error(abi::EACCES);
        Mm* mm = t.mm.ptr();
        if (!mm)
            return {}; // a zombie has no memory left
        uptr start = m_environment ? mm->env_start : mm->arg_start;
        uptr end = m_environment ? mm->env_end : mm->arg_end;
        char chunk[256];
        for (uptr at = start; at < end;) {
            usize n = mm->read(at, chunk, libk::min<usize>(sizeof(chunk), end - at));
            if (n == 0)
                break;
            text.add_bytes(chunk, n);
            at += n;
        }
        return {};
    }

private:
    bool m_environment;
};

class Mounts final : public PidFile {
public:
    Mounts(i32 pid, bool info) : PidFile(pid), m_info(info) { }
    ErrorOr<void> generate(Text& text) override { return write_mounts(text, *TRY(task_of(m_pid)), m_info); }

private:
    bool m_info;
};

// contexts (Cleave's own, for teaching): each context object the task
// points at, with an identity (its kernel address: the same number means
// the same object) and its reference count: who shares what, at a glance.
class Contexts final : public PidFile {
public:
    using PidFile::PidFile;
    ErrorOr<void> generate(Text& text) override
    {
        Task& t = *TRY(task_of(m_pid));
        SpinLockGuard guard(t.task_lock);
        auto show = [&](const char* name, const auto& object) {
            if (object)
                text.add("%-8s %08x refs=%u\n", name, reinterpret_cast<uptr>(object.ptr()), object->ref_count());
            else
                text.add("%-8s -\n", name);
        };
        show("mm", t.mm);
        show("fs", t.fs);
        show("files", t.files);
        show("sighand", t.sighand);
        show("group", t.group);
        show("nsproxy", t.nsproxy);
        if (t.nsproxy)
            show("mnt_ns", t.nsproxy->mount_namespace_ref());
        return {};
    }
};

// fail-nth, as Linux's: writing N makes the task's Nth allocation from
// then on fail once (kernel/lib/fault_injection.h); reading gives what is
// left of the countdown, 0 once the fault has fired.
class FailNth final : public PidFile {
public:
    using PidFile::PidFile;
    ErrorOr<void> generate(Text& text) override
    {
        text.add("%u\n", TRY(task_of(m_pid))->fail_nth);
        return {};
    }
    ErrorOr<void> store(const char* value, usize length) override
    {
        Task& t = *TRY(task_of(m_pid));
        if (!may_inspect(t))
            return error(abi::EACCES);
        while (length && (value[length - 1] == '\n' || value[length - 1] == ' '))
            --length;
        u32 n;
        if (!libk::parse_u32(value, length, 10, &n))
            return error(abi::EINVAL);
        t.fail_nth = n;
        return {};
    }
};

// The text of a magic link to `path`: where it is, seen from the reader's root.
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

template<typename T, typename... Arguments>
ErrorOr<RefPtr<Inode>> make_owned(const RefPtr<Inode>& parent, const Entry& entry, u32 number, i32 pid,
    Arguments... arguments)
{
    Task& t = *TRY(task_of(pid));
    auto node = TRY(try_make_ref_counted<T>(pid, arguments...));
    node->place(parent, entry.name, entry.mode, number, t.credentials.euid, t.credentials.egid);
    return RefPtr<Inode>(node);
}

ErrorOr<RefPtr<Inode>> make_stat(const RefPtr<Inode>& p, const Entry& e, u32 n, u32 pid) { return make_owned<Stat>(p, e, n, pid); }
ErrorOr<RefPtr<Inode>> make_status(const RefPtr<Inode>& p, const Entry& e, u32 n, u32 pid) { return make_owned<Status>(p, e, n, pid); }
ErrorOr<RefPtr<Inode>> make_contexts(const RefPtr<Inode>& p, const Entry& e, u32 n, u32 pid) { return make_owned<Contexts>(p, e, n, pid); }
ErrorOr<RefPtr<Inode>> make_fail_nth(const RefPtr<Inode>& p, const Entry& e, u32 n, u32 pid) { return make_owned<FailNth>(p, e, n, pid); }
ErrorOr<RefPtr<Inode>> make_cmdline(const RefPtr<Inode>& p, const Entry& e, u32 n, u32 pid)
{
    return make_owned<Strings>(p, e, n, pid, false);
}
ErrorOr<RefPtr<Inode>> make_environ(const RefPtr<Inode>& p, const Entry& e, u32 n, u32 pid)
{
    return make_owned<Strings>(p, e, n, pid, true);
}
ErrorOr<RefPtr<Inode>> make_mounts(const RefPtr<Inode>& p, const Entry& e, u32 n, u32 pid)
{
    return make_owned<Mounts>(p, e, n, pid, false);
}
ErrorOr<RefPtr<Inode>> make_mountinfo(const RefPtr<Inode>& p, const Entry& e, u32 n, u32 pid)
{
    return make_owned<Mounts>(p, e, n, pid, true);
}
template<TaskLink::Kind kind>
ErrorOr<RefPtr<Inode>> make_link(const RefPtr<Inode>& p, const Entry& e, u32 n, u32 pid)
{
    return make_owned<TaskLink>(p, e, n, pid, kind, 0);
}
ErrorOr<RefPtr<Inode>> make_fd(const RefPtr<Inode>& p, const Entry& e, u32 n, u32 pid) { return make_owned<FdDirectory>(p, e, n, pid); }
ErrorOr<RefPtr<Inode>> make_ns_mnt(const RefPtr<Inode>& p, const Entry& e, u32 n, u32 pid)
{
    return make_owned<NamespaceLink>(p, e, n, pid);
}

constexpr u32 FILE = mode::REGULAR | 0444, PRIVATE = mode::REGULAR | 0400, LINK = mode::SYMLINK | 0777;

const Entry ns_entries[] = {
    { "mnt", LINK, make_ns_mnt },
};

ErrorOr<RefPtr<Inode>> make_ns(const RefPtr<Inode>& p, const Entry& e, u32 n, u32 pid)
{
    Task& t = *TRY(task_of(pid));
    return make_table(ns_entries, pid_inode_number(pid, 20), p, e, n, pid, t.credentials.euid, t.credentials.egid);
}

const Entry pid_entries[] = {
    { "cmdline", FILE, make_cmdline },
    { "contexts", FILE, make_contexts },
    { "cwd", LINK, make_link<TaskLink::Kind::Cwd> },
    { "environ", PRIVATE, make_environ },
    { "exe", LINK, make_link<TaskLink::Kind::Exe> },
    { "fail-nth", mode::REGULAR | 0644, make_fail_nth },
    { "fd", mode::DIRECTORY | 0500, make_fd },
    { "mountinfo", FILE, make_mountinfo },
    { "mounts", FILE, make_mounts },
    { "ns", mode::DIRECTORY | 0511, make_ns },
    { "root", LINK, make_link<TaskLink::Kind::Root> },
    { "stat", FILE, make_stat },
    { "status", FILE, make_status },
};

} // namespace

u32 pid_inode_number(i32 pid, u32 entry) { return 0x10000000u + static_cast<u32>(pid) * 32 + entry; }

ErrorOr<RefPtr<Inode>> make_pid_directory(RefPtr<Inode> parent, Task& task)
{
    auto directory = TRY(try_make_ref_counted<TableDirectory>(pid_entries, sizeof(pid_entries) / sizeof(pid_entries[0]),
        pid_inode_number(task.tgid, 1), static_cast<u32>(task.tgid)));
    char name[12];
    libk::snprintf(name, sizeof(name), "%d", task.tgid);
    directory->place(libk::move(parent), name, mode::DIRECTORY | 0555, pid_inode_number(task.tgid, 0),
        task.credentials.euid, task.credentials.egid);
    return RefPtr<Inode>(directory);
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
