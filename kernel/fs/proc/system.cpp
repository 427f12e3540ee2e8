// /proc's files about the whole system, in Linux's formats: what uptime,
// top, free, nproc and their like read.
#include <arch/i386/cpuid.h>
#include <kernel/console/kernel_log.h>
#include <kernel/fs/open_file.h>
#include <kernel/fs/proc/system.h>
#include <kernel/mm/heap.h>
#include <kernel/signal/thread_group.h>
#include <kernel/task/cputime.h>
#include <kernel/task/load_average.h>
#include <kernel/task/scheduler.h>
#include <kernel/task/tasks.h>
#include <kernel/time/clock.h>
#include <kernel/version.h>

namespace procfs {

namespace {

// CPU time since boot in clock ticks (USER_HZ, 100 a second, as Cleave's
// ticks), for the machine and its one CPU; then the boot time and the
// processes.
class SystemStat final : public TextFile {
    ErrorOr<void> generate(Text& text) override
    {
        auto t = cputime::system();
        // user nice system idle, then iowait irq softirq steal guest
        // guest_nice, which Cleave does not count apart.
        const char* names[] = { "cpu ", "cpu0" };
        for (const char* name : names)
            text.add("%s %llu %llu %llu %llu 0 0 0 0 0 0\n", name, t.user, t.nice, t.system, t.idle);
        u32 running = scheduler::runnable_count();
        i64 boot = (clock::realtime_ns() - clock::monotonic_ns()) / 1000000000;
        text.add("btime %lld\nprocesses %llu\nprocs_running %u\nprocs_blocked 0\n", boot, tasks::created_count(),
            running);
        return {};
    }
};

// "0.25 0.10 0.03 1/42 321": the load averages, the runnable tasks of all
// tasks, and the last pid given.
class LoadAvg final : public TextFile {
    ErrorOr<void> generate(Text& text) override
    {
        auto loads = load_average::get();
        u32 running = scheduler::runnable_count(), total = 0;
        for (Task& task : tasks::all())
            total += task.group && task.state != TaskState::Zombie && task.state != TaskState::Dead;
        auto show = [&](u32 load) {
            load += load_average::ONE / 200; // round to hundredths, as Linux does
            text.add("%u.%02u ", load >> load_average::FRACTION_BITS,
                ((load & (load_average::ONE - 1)) * 100) >> load_average::FRACTION_BITS);
        };
        show(loads.one);
        show(loads.five);
        show(loads.fifteen);
        text.add("%u/%u %d\n", running, total, tasks::last_pid_given());
        return {};
    }
};

class Version final : public TextFile {
    ErrorOr<void> generate(Text& text) override
    {
        text.add("Linux version %s (%s %s) %s\n", CLEAVE_RELEASE, CLEAVE_NAME, CLEAVE_VERSION, CLEAVE_UTS_VERSION);
        return {};
    }
};

// The names Linux gives cpuid's feature bits (leaf 1): edx, then ecx. A
// null is a bit Linux does not show.
constexpr const char* EDX_FLAGS[32] = { "fpu", "vme", "de", "pse", "tsc", "msr", "pae", "mce", "cx8", "apic", nullptr,
    "sep", "mtrr", "pge", "mca", "cmov", "pat", "pse36", "pn", "clflush", nullptr, "dts", "acpi", "mmx", "fxsr", "sse",
    "sse2", "ss", "ht", "tm", "ia64", "pbe" };
constexpr const char* ECX_FLAGS[32] = { "pni", "pclmulqdq", "dtes64", "monitor", "ds_cpl", "vmx", "smx", "est", "tm2",
    "ssse3", "cid", "sdbg", "fma", "cx16", "xtpr", "pdcm", nullptr, "pcid", "dca", "sse4_1", "sse4_2", "x2apic",
    "movbe", "popcnt", "tsc_deadline_timer", "aes", "xsave", nullptr, "avx", "f16c", "rdrand", "hypervisor" };

// The one processor, as cpuid describes it.
class CpuInfo final : public TextFile {
    ErrorOr<void> generate(Text& text) override
    {
        auto leaf0 = cpuid::query(0);
        char vendor[13] = {};
        for (int i = 0; i < 4; ++i) {
            vendor[i] = static_cast<char>(leaf0.ebx >> (8 * i));
            vendor[4 + i] = static_cast<char>(leaf0.edx >> (8 * i));
            vendor[8 + i] = static_cast<char>(leaf0.ecx >> (8 * i));
        }
        auto leaf1 = cpuid::query(1);
        u32 family = (leaf1.eax >> 8) & 0xf, model = (leaf1.eax >> 4) & 0xf;
        if (family == 0xf)
            family += (leaf1.eax >> 20) & 0xff;
        if (family >= 6)
            model += ((leaf1.eax >> 16) & 0xf) << 4;

        // The name: 48 bytes from leaves 0x80000002..4, when there are.
        char name[49] = "unknown";
        if (cpuid::query(0x80000000).eax >= 0x80000004) {
            for (u32 i = 0; i < 3; ++i) {
                auto r = cpuid::query(0x80000002 + i);
                u32 words[4] = { r.eax, r.ebx, r.ecx, r.edx };
                for (u32 w = 0; w < 4; ++w)
                    for (u32 b = 0; b < 4; ++b)
                        name[16 * i + 4 * w + b] = static_cast<char>(words[w] >> (8 * b));
            }
            name[48] = 0;
        }
        const char* shown = name;
        while (*shown == ' ')
            ++shown;

        text.add("processor\t: 0\nvendor_id\t: %s\ncpu family\t: %u\nmodel\t\t: %u\nmodel name\t: %s\n"
                 "stepping\t: %u\nfpu\t\t: yes\nfpu_exception\t: yes\ncpuid level\t: %u\nwp\t\t: yes\nflags\t\t:",
            vendor, family, model, shown, leaf1.eax & 0xf, leaf0.eax);
        for (u32 bit = 0; bit < 32; ++bit) {
            if ((leaf1.edx & (1u << bit)) && EDX_FLAGS[bit])
                text.add(" %s", EDX_FLAGS[bit]);
        }
        for (u32 bit = 0; bit < 32; ++bit) {
            if ((leaf1.ecx & (1u << bit)) && ECX_FLAGS[bit])
                text.add(" %s", ECX_FLAGS[bit]);
        }
        text.add("\n\n");
        return {};
    }
};

// /proc/kmsg: the kernel log read as syslog(2)'s READ reads it (the same
// unread position): a read takes the lines no one has read, and sleeps
// while there are none (EAGAIN with O_NONBLOCK). Opening it needs
// CAP_SYSLOG or CAP_SYS_ADMIN, as the syslog call.
class Kmsg final : public Node {
public:
    bool is_seekable() const override { return false; }

    ErrorOr<void> open(OpenFile&, u32) override
    {
        if (!capable(capability::SYSLOG) && !capable(capability::SYS_ADMIN))
            return Error::from_errno(abi::EPERM);
        return {};
    }

    ErrorOr<usize> read_stream(OpenFile& file, const IoBuffer& buffer, usize length) override
    {
        if (length == 0)
            return 0;
        if (file.is_nonblocking() && kernel_log::unread() == 0)
            return Error::from_errno(abi::EAGAIN);
        usize size = libk::min(length, kernel_log::SIZE);
        char* text = static_cast<char*>(kmalloc(size));
        if (!text)
            return Error::from_errno(abi::ENOMEM);
        auto taken = kernel_log::read(text, size);
        ErrorOr<void> copied {};
        if (!taken.is_error())
            copied = buffer.write(0, text, taken.value());
        kfree(text);
        TRY(copied);
        return taken;
    }
};

template<typename T>
ErrorOr<RefPtr<Inode>> make_file(const RefPtr<Inode>& parent, const Entry& entry, u32 number)
{
    auto node = TRY(try_make_ref_counted<T>());
    node->place(parent, entry.name, entry.mode, number);
    return RefPtr<Inode>(node);
}

} // namespace

ErrorOr<RefPtr<Inode>> make_system_stat(const RefPtr<Inode>& p, const Entry& e, u32 n, u32) { return make_file<SystemStat>(p, e, n); }
ErrorOr<RefPtr<Inode>> make_loadavg(const RefPtr<Inode>& p, const Entry& e, u32 n, u32) { return make_file<LoadAvg>(p, e, n); }
ErrorOr<RefPtr<Inode>> make_version(const RefPtr<Inode>& p, const Entry& e, u32 n, u32) { return make_file<Version>(p, e, n); }
ErrorOr<RefPtr<Inode>> make_cpuinfo(const RefPtr<Inode>& p, const Entry& e, u32 n, u32) { return make_file<CpuInfo>(p, e, n); }
ErrorOr<RefPtr<Inode>> make_kmsg(const RefPtr<Inode>& p, const Entry& e, u32 n, u32) { return make_file<Kmsg>(p, e, n); }

} // namespace procfs
