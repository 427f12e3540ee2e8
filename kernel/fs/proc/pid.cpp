// /proc/<pid>: the directory, and its files stat, status, cmdline,
// environ, mounts and mountinfo. (Its links and subdirectories are in
// pid_links.cpp.)
#include <kernel/abi/errno.h>
#include <kernel/fs/fs_context.h>
#include <kernel/fs/proc/pid.h>
#include <kernel/mm/mm.h>
#include <kernel/task/tasks.h>
#include <libk/format.h>
#include <libk/string.h>

namespace procfs {

namespace {

Error error(int code) { return Error::from_errno(code); }

char state_letter(const Task& task)
{
    switch (task.state) {
    case TaskState::Runnable: return 'R';
    case TaskState::Sleeping: return 'S';
    case TaskState::Zombie: return 'Z';
    }
    return '?';
}

const char* state_name(const Task& task)
{
    switch (task.state) {
    case TaskState::Runnable: return "R (running)";
    case TaskState::Sleeping: return "S (sleeping)";
    case TaskState::Zombie: return "Z (zombie)";
    }
    return "?";
}

i32 parent_pid(const Task& task) { return task.parent ? task.parent->tgid : 0; }

u32 thread_count(const Task& task)
{
    u32 count = 0;
    for (Task& other : tasks::all())
        count += other.tgid == task.tgid;
    return count;
}

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
            t.tgid, t.name, state_letter(t), parent_pid(t), t.tgid, t.tgid, thread_count(t),
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
        text.add("FDSize:\t%u\nGroups:\t\nNStgid:\t%d\nNSpid:\t%d\nNSpgid:\t%d\nNSsid:\t%d\n", t.files ? 64u : 0u, t.tgid,
            t.tid, t.tgid, t.tgid);
        if (t.mm)
            text.add("VmSize:\t%8zu kB\n", t.mm->virtual_size() / 1024);
        text.add("Threads:\t%u\nSigQ:\t0/0\nSigPnd:\t0000000000000000\nShdPnd:\t0000000000000000\n", thread_count(t));
        text.add("SigBlk:\t0000000000000000\nSigIgn:\t0000000000000000\nSigCgt:\t0000000000000000\n");
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

// The text of a magic link to `path`: where it is, seen from the reader's root.
ErrorOr<RefPtr<Inode>> make_stat(const RefPtr<Inode>& p, const Entry& e, u32 n, u32 pid) { return make_owned<Stat>(p, e, n, pid); }
ErrorOr<RefPtr<Inode>> make_status(const RefPtr<Inode>& p, const Entry& e, u32 n, u32 pid) { return make_owned<Status>(p, e, n, pid); }
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
constexpr u32 FILE = mode::REGULAR | 0444, PRIVATE = mode::REGULAR | 0400, LINK = mode::SYMLINK | 0777;

const Entry pid_entries[] = {
    { "cmdline", FILE, make_cmdline },
    { "cwd", LINK, make_cwd },
    { "environ", PRIVATE, make_environ },
    { "exe", LINK, make_exe },
    { "fd", mode::DIRECTORY | 0500, make_fd },
    { "mountinfo", FILE, make_mountinfo },
    { "mounts", FILE, make_mounts },
    { "ns", mode::DIRECTORY | 0511, make_ns },
    { "root", LINK, make_root },
    { "stat", FILE, make_stat },
    { "status", FILE, make_status },
};

} // namespace

ErrorOr<Task*> task_of(i32 pid)
{
    Task* task = tasks::find(pid);
    if (!task)
        return error(abi::ESRCH);
    return task;
}

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

} // namespace procfs
