// /proc/<pid>: the directory, and its files stat, status, cmdline,
// environ, mounts, mountinfo, contexts and fail-nth. (Its links and
// subdirectories are in pid_links.cpp.)
#include <kernel/signal/thread_group.h>
#include <kernel/signal/sighand.h>
#include <kernel/abi/errno.h>
#include <kernel/fs/file_table.h>
#include <kernel/fs/fs_context.h>
#include <kernel/fs/proc/pid.h>
#include <kernel/mm/mm.h>
#include <kernel/task/cputime.h>
#include <kernel/task/nsproxy.h>
#include <kernel/task/tasks.h>
#include <kernel/tty/tty.h>
#include <libk/format.h>
#include <libk/string.h>

namespace procfs {

namespace {

Error error(int code) { return Error::from_errno(code); }

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
// The controlling terminal's device number (0: none) and foreground group (-1: none).
u32 terminal(const Task& task) { return task.group && task.group->tty ? task.group->tty->driver().device_number() : 0; }
i32 terminal_foreground(const Task& task) { return task.group && task.group->tty ? task.group->tty->foreground : -1; }

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
        // utime, stime, cutime, cstime and starttime in clock ticks
        // (USER_HZ, 100 a second, as Cleave's ticks).
        CpuTimes own {}, children {};
        if (t.group)
            own = cputime::of_process(*t.group), children = cputime::of_children(*t.group);
        text.add("%d (%s) %c %d %d %d %u %d 0 0 0 0 0 %llu %llu %llu %llu 20 0 %u 0 %llu %zu 0 4294967295 0 0 0 0 0 0 0 0 0 0 0 0 %d 0 0 0 0 0 0 0 0 ",
            t.tgid, t.name, state_letter(t), parent_pid(t), process_group(t), session(t), terminal(t),
            terminal_foreground(t), own.user, own.system, children.user, children.system, thread_count(t),
            t.start_tick, mm ? mm->virtual_size() : 0, static_cast<int>(t.exit_signal));
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
// The resource limits (setrlimit), in Linux's table.
class Limits final : public PidFile {
public:
    using PidFile::PidFile;
    ErrorOr<void> generate(Text& text) override
    {
        Task& t = *TRY(task_of(m_pid));
        if (!t.group)
            return error(abi::ESRCH);
        struct Name {
            const char* name;
            const char* unit; // null: no unit
        };
        static constexpr Name names[ThreadGroup::RLIMITS] = { { "Max cpu time", "seconds" }, { "Max file size", "bytes" },
            { "Max data size", "bytes" }, { "Max stack size", "bytes" }, { "Max core file size", "bytes" },
            { "Max resident set", "bytes" }, { "Max processes", "processes" }, { "Max open files", "files" },
            { "Max locked memory", "bytes" }, { "Max address space", "bytes" }, { "Max file locks", "locks" },
            { "Max pending signals", "signals" }, { "Max msgqueue size", "bytes" }, { "Max nice priority", nullptr },
            { "Max realtime priority", nullptr }, { "Max realtime timeout", "us" } };
        text.add("%-25s %-20s %-20s %-10s\n", "Limit", "Soft Limit", "Hard Limit", "Units");
        auto value = [&](u64 v) {
            if (v == ~0ull)
                text.add("%-20s ", "unlimited");
            else
                text.add("%-20llu ", v);
        };
        for (u32 i = 0; i < ThreadGroup::RLIMITS; ++i) {
            text.add("%-25s ", names[i].name);
            value(t.group->limits[i].current);
            value(t.group->limits[i].maximum);
            if (names[i].unit)
                text.add("%-10s", names[i].unit);
            text.add("\n");
        }
        return {};
    }
};

ErrorOr<RefPtr<Inode>> make_limits(const RefPtr<Inode>& p, const Entry& e, u32 n, u32 pid) { return make_owned<Limits>(p, e, n, pid); }
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
}constexpr u32 FILE = mode::REGULAR | 0444, PRIVATE = mode::REGULAR | 0400, LINK = mode::SYMLINK | 0777;

const Entry pid_entries[] = {
    { "cmdline", FILE, make_cmdline },
    { "contexts", FILE, make_contexts },
    { "cwd", LINK, make_cwd },
    { "environ", PRIVATE, make_environ },
    { "exe", LINK, make_exe },
    { "fail-nth", mode::REGULAR | 0644, make_fail_nth },
    { "fd", mode::DIRECTORY | 0500, make_fd },
    { "limits", FILE, make_limits },
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
