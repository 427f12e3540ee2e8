// /proc itself: self, the system-wide files, sys/, and a directory for
// each process after them.
#include <kernel/boot/boot_info.h>
#include <kernel/mm/heap.h>
#include <kernel/fs/file_table.h>
#include <kernel/abi/errno.h>
#include <kernel/console/kernel_log.h>
#include <kernel/fs/proc/pid.h>
#include <kernel/fs/proc/system.h>
#include <kernel/fs/procfs.h>
#include <kernel/fs/tmpfs.h>
#include <kernel/lib/hostname.h>
#include <kernel/mm/frames.h>
#include <kernel/task/tasks.h>
#include <kernel/time/clock.h>
#include <kernel/version.h>
#include <libk/format.h>
#include <libk/string.h>

namespace procfs {

namespace {

constexpr u32 PID_MAX = 32768; // tasks.cpp's, as /proc/sys/kernel/pid_max shows it
constexpr u32 NR_OPEN_MIN = 32, NR_OPEN_MAX = 1073741792; // Linux's bounds on i386

// "123\n" or "123": the number a /proc/sys file is given.
ErrorOr<u32> parse_value(const char* text, usize length)
{
    while (length && (text[length - 1] == '\n'))
        --length;
    u32 value;
    if (!length || !libk::parse_u32(text, length, 10, &value))
        return Error::from_errno(abi::EINVAL);
    return value;
}

class Self final : public Link {
    ErrorOr<void> target(Text& text) override
    {
        text.add("%d", current()->tgid);
        return {};
    }
};

class MountsLink final : public Link {
    ErrorOr<void> target(Text& text) override
    {
        text.add("self/mounts");
        return {};
    }
};

class MemInfo final : public TextFile {
    ErrorOr<void> generate(Text& text) override
    {
        auto frames = frames::stats();
        u32 kib = PAGE_SIZE / 1024;
        u32 cached = tmpfs::pages_in_use();
        // Linux's layout: the name and colon padded to 16 columns, 8 for the number.
        auto line = [&](const char* name, u32 pages) { text.add("%-16s%8u kB\n", name, pages * kib); };
        line("MemTotal:", frames.total);
        line("MemFree:", frames.free);
        line("MemAvailable:", frames.free);
        line("Buffers:", 0);
        line("Cached:", cached);
        line("SwapCached:", 0);
        line("SwapTotal:", 0);
        line("SwapFree:", 0);
        line("Shmem:", cached);
        return {};
    }
};

// /proc/cleave (Cleave's own): the kernel's exact memory counters, so a
// test can prove that an operation gave back every frame and heap byte.
class CleaveCounters final : public TextFile {
    ErrorOr<void> generate(Text& text) override
    {
        auto frames = frames::stats();
        auto heap = heap::stats();
        text.add("frames_total %u\nframes_free %u\nheap_bytes %zu\nheap_allocations %zu\nheap_pages %u\n", frames.total,
            frames.free, heap.bytes_in_use, heap.allocations, heap.pages);
        return {};
    }
};

class Uptime final : public TextFile {
    ErrorOr<void> generate(Text& text) override
    {
        u64 centiseconds = static_cast<u64>(clock::monotonic_ns()) / 10000000;
        text.add("%llu.%02llu 0.00\n", centiseconds / 100, centiseconds % 100);
        return {};
    }
};

// The kernel's command line, as the boot loader gave it (init reads it to
// choose its mode).
class CommandLine final : public TextFile {
    ErrorOr<void> generate(Text& text) override
    {
        text.add("%s\n", boot_info().command_line);
        return {};
    }
};

class FileSystems final : public TextFile {
    ErrorOr<void> generate(Text& text) override
    {
        text.add("nodev\trootfs\nnodev\ttmpfs\nnodev\tdevtmpfs\nnodev\tproc\nnodev\tdevpts\n");
        return {};
    }
};

class PidMax final : public TextFile {
    ErrorOr<void> generate(Text& text) override
    {
        text.add("%u\n", PID_MAX);
        return {};
    }
};

class NrOpen final : public TextFile {
    ErrorOr<void> generate(Text& text) override
    {
        text.add("%u\n", FileTable::nr_open);
        return {};
    }
    ErrorOr<void> store(const char* value, usize length) override
    {
        u32 n = TRY(parse_value(value, length));
        if (n < NR_OPEN_MIN || n > NR_OPEN_MAX)
            return Error::from_errno(abi::EINVAL);
        FileTable::nr_open = n;
        return {};
    }
};

class Hostname final : public TextFile {
    ErrorOr<void> generate(Text& text) override
    {
        text.add("%s\n", hostname::get());
        return {};
    }
    ErrorOr<void> store(const char* value, usize length) override
    {
        if (length && value[length - 1] == '\n')
            --length;
        return hostname::set(value, length);
    }
};

// The kernel log's restriction: syslog(2) always needs CAP_SYSLOG in
// Cleave (kernel/syscall/syslog.cpp), as in Linux with this set to 1.
class DmesgRestrict final : public TextFile {
    ErrorOr<void> generate(Text& text) override
    {
        text.add("1\n");
        return {};
    }
};

// The console level, the level of a message without one, the lowest
// console level, and the console level at boot (kernel_log.h).
class Printk final : public TextFile {
    ErrorOr<void> generate(Text& text) override
    {
        text.add("%d\t%d\t%d\t%d\n", kernel_log::console_level(), kernel_log::DEFAULT_MESSAGE_LEVEL,
            kernel_log::MINIMUM_CONSOLE_LEVEL, kernel_log::DEFAULT_CONSOLE_LEVEL);
        return {};
    }
};

// What uname(2) says, one value a file: ostype, osrelease, version.
class UtsValue final : public TextFile {
public:
    explicit UtsValue(const char* value) : m_value(value) { }

private:
    ErrorOr<void> generate(Text& text) override
    {
        text.add("%s\n", m_value);
        return {};
    }
    const char* m_value;
};

template<const char* value>
ErrorOr<RefPtr<Inode>> make_uts(const RefPtr<Inode>& parent, const Entry& entry, u32 number, u32)
{
    return make_node<UtsValue>(parent, entry, number, value);
}
constexpr char OSTYPE[] = "Linux", OSRELEASE[] = CLEAVE_RELEASE, UTS_VERSION[] = CLEAVE_UTS_VERSION;

template<typename T>
ErrorOr<RefPtr<Inode>> make(const RefPtr<Inode>& parent, const Entry& entry, u32 number, u32)
{
    return make_node<T>(parent, entry, number);
}

constexpr u32 FILE = mode::REGULAR | 0444, WRITABLE = mode::REGULAR | 0644, LINK = mode::SYMLINK | 0777;
constexpr u32 DIRECTORY = mode::DIRECTORY | 0555;

const Entry kernel_entries[] = {
    { "dmesg_restrict", FILE, make<DmesgRestrict> },
    { "hostname", WRITABLE, make<Hostname> },
    { "osrelease", FILE, make_uts<OSRELEASE> },
    { "ostype", FILE, make_uts<OSTYPE> },
    { "pid_max", FILE, make<PidMax> },
    { "printk", FILE, make<Printk> },
    { "version", FILE, make_uts<UTS_VERSION> },
};
const Entry fs_entries[] = {
    { "nr_open", WRITABLE, make<NrOpen> },
};

ErrorOr<RefPtr<Inode>> make_kernel(const RefPtr<Inode>& parent, const Entry& entry, u32 number, u32 key)
{
    return make_table(kernel_entries, 120, parent, entry, number, key);
}

ErrorOr<RefPtr<Inode>> make_fs(const RefPtr<Inode>& parent, const Entry& entry, u32 number, u32 key)
{
    return make_table(fs_entries, 130, parent, entry, number, key);
}

const Entry sys_entries[] = {
    { "fs", DIRECTORY, make_fs },
    { "kernel", DIRECTORY, make_kernel },
};

ErrorOr<RefPtr<Inode>> make_sys(const RefPtr<Inode>& parent, const Entry& entry, u32 number, u32 key)
{
    return make_table(sys_entries, 110, parent, entry, number, key);
}

const Entry root_entries[] = {
    { "cleave", FILE, make<CleaveCounters> },
    { "cmdline", FILE, make<CommandLine> },
    { "cpuinfo", FILE, make_cpuinfo },
    { "filesystems", FILE, make<FileSystems> },
    { "kmsg", mode::REGULAR | 0400, make_kmsg },
    { "loadavg", FILE, make_loadavg },
    { "meminfo", FILE, make<MemInfo> },
    { "mounts", LINK, make<MountsLink> },
    { "self", LINK, make<Self> },
    { "stat", FILE, make_system_stat },
    { "sys", DIRECTORY, make_sys },
    { "uptime", FILE, make<Uptime> },
    { "version", FILE, make_version },
};
constexpr usize ROOT_ENTRIES = sizeof(root_entries) / sizeof(root_entries[0]);

// The fixed entries, then one directory per process (thread group), by pid.
class Root final : public TableDirectory {
public:
    Root() : TableDirectory(root_entries, ROOT_ENTRIES, 2, 0) { }

    ErrorOr<RefPtr<Inode>> lookup(const char* name, usize length) override
    {
        u32 pid;
        if (length && name[0] != '0' && libk::parse_u32(name, length, 10, &pid) && pid < PID_MAX) {
            Task* task = tasks::find(static_cast<pid_t>(pid));
            if (!task || task->tgid != task->tid)
                return Error::from_errno(abi::ENOENT);
            return make_pid_directory(RefPtr<Inode>(this), *task);
        }
        return TableDirectory::lookup(name, length);
    }

    ErrorOr<void> list(u64 position, ListCallback callback, void* context) override
    {
        if (position < ROOT_ENTRIES) {
            // Stop early if the caller had enough: its last answer decides.
            struct Relay {
                ListCallback callback;
                void* context;
                bool more = true;
            } relay { callback, context };
            TRY(TableDirectory::list(position, [](const DirectoryEntry& entry, void* r) {
                auto* relay = static_cast<Relay*>(r);
                return relay->more = relay->callback(entry, relay->context);
            }, &relay));
            if (!relay.more)
                return {};
            position = ROOT_ENTRIES;
        }
        // Pids in increasing order from where the listing stopped.
        for (u32 next = static_cast<u32>(position - ROOT_ENTRIES);;) {
            Task* found = nullptr;
            for (Task& task : tasks::all()) {
                if (task.tid == task.tgid && static_cast<u32>(task.tgid) >= next
                    && (!found || task.tgid < found->tgid))
                    found = &task;
            }
            if (!found)
                return {};
            char name[12];
            int length = libk::snprintf(name, sizeof(name), "%d", found->tgid);
            DirectoryEntry e { name, static_cast<usize>(length), pid_inode_number(found->tgid, 0),
                mode::DIRECTORY | 0555, ROOT_ENTRIES + static_cast<u32>(found->tgid) + 1 };
            if (!callback(e, context))
                return {};
            next = static_cast<u32>(found->tgid) + 1;
        }
    }
};

RefPtr<Inode> the_root;

} // namespace

ErrorOr<void> init()
{
    TRY(make_file_system());
    auto root = TRY(try_make_ref_counted<Root>());
    root->place({}, "", DIRECTORY, 1);
    the_root = root;
    return {};
}

ErrorOr<RefPtr<Inode>> root()
{
    if (!the_root)
        return Error::from_errno(abi::ENODEV);
    return the_root;
}

} // namespace procfs
