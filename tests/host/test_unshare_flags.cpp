// The first step of unshare(): check_unshare_flags (kernel/task/unshare_flags.cpp),
// as a table. Each row is a flag word and what the caller is (other
// threads in its group? CAP_SYS_ADMIN? mount namespaces built in?), and
// the verdict: EINVAL, EPERM, or the flags with the implied ones added.
//
// The rules (seed/unshare.rst section 7.2, as Linux has them today):
//   - only CLONE_FS, FILES, VM, SIGHAND, THREAD, SYSVSEM and, where mount
//     namespaces exist, NEWNS are valid; any other bit is EINVAL;
//   - CLONE_VM implies CLONE_SIGHAND, CLONE_SIGHAND implies CLONE_THREAD,
//     CLONE_NEWNS implies CLONE_FS; CLONE_THREAD does NOT imply CLONE_VM;
//   - THREAD, SIGHAND or VM (after the implications) while the thread
//     group has other threads: EINVAL;
//   - NEWNS without CAP_SYS_ADMIN: EPERM, but only for an otherwise valid
//     request (EINVAL wins).
//
// The flag values are written out here as Linux defines them, not taken
// from the kernel's headers, so a wrong constant there shows up too.

#include <kernel/task/unshare.h>

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

namespace {

// Linux's values (include/uapi/linux/sched.h), in a namespace of their own:
// <sched.h> and <signal.h>, which GoogleTest includes, define the same names
// as macros.
namespace lx {
constexpr u32 EXIT_SIGNAL_BYTE = 0x000000ff;
constexpr u32 NEWTIME = 0x00000080; // shares its bit with the exit-signal byte
constexpr u32 VM = 0x00000100;
constexpr u32 FS = 0x00000200;
constexpr u32 FILES = 0x00000400;
constexpr u32 SIGHAND = 0x00000800;
constexpr u32 PIDFD = 0x00001000;
constexpr u32 PTRACE = 0x00002000;
constexpr u32 VFORK = 0x00004000;
constexpr u32 PARENT = 0x00008000;
constexpr u32 THREAD = 0x00010000;
constexpr u32 NEWNS = 0x00020000;
constexpr u32 SYSVSEM = 0x00040000;
constexpr u32 SETTLS = 0x00080000;
constexpr u32 PARENT_SETTID = 0x00100000;
constexpr u32 CHILD_CLEARTID = 0x00200000;
constexpr u32 DETACHED = 0x00400000;
constexpr u32 UNTRACED = 0x00800000;
constexpr u32 CHILD_SETTID = 0x01000000;
constexpr u32 NEWCGROUP = 0x02000000;
constexpr u32 NEWUTS = 0x04000000;
constexpr u32 NEWIPC = 0x08000000;
constexpr u32 NEWUSER = 0x10000000;
constexpr u32 NEWPID = 0x20000000;
constexpr u32 NEWNET = 0x40000000;
constexpr u32 IO = 0x80000000; // bit 31
constexpr u32 CHILD_SIGNAL = 17; // SIGCHLD
} // namespace lx

// Linux's errno values (<errno.h> defines the same names as macros).
constexpr int LINUX_EPERM = 1;
constexpr int LINUX_EINVAL = 22;

// Every bit check_unshare_flags may accept.
constexpr u32 VALID_WITH_NS = lx::FS | lx::FILES | lx::VM | lx::SIGHAND | lx::THREAD | lx::SYSVSEM | lx::NEWNS;

// The callers of the table: the state's three facts, in a readable form.
constexpr UnshareState alone { .other_threads = false, .may_admin = true, .namespaces_supported = true };
constexpr UnshareState threaded { .other_threads = true, .may_admin = true, .namespaces_supported = true };
constexpr UnshareState user { .other_threads = false, .may_admin = false, .namespaces_supported = true };
constexpr UnshareState threaded_user { .other_threads = true, .may_admin = false, .namespaces_supported = true };
constexpr UnshareState no_ns { .other_threads = false, .may_admin = true, .namespaces_supported = false };
constexpr UnshareState no_ns_user { .other_threads = false, .may_admin = false, .namespaces_supported = false };
constexpr UnshareState no_ns_threaded { .other_threads = true, .may_admin = true, .namespaces_supported = false };

// The verdict of a row: an errno, or success with these flags.
struct Expected {
    int error; // 0: success
    u32 flags;
};
constexpr Expected fails(int error) { return { error, 0 }; }
constexpr Expected gives(u32 flags) { return { 0, flags }; }
const Expected invalid = fails(LINUX_EINVAL);
const Expected not_permitted = fails(LINUX_EPERM);

struct Row {
    const char* what;
    u32 flags;
    UnshareState state;
    Expected expected;
};

std::string describe_state(const UnshareState& s)
{
    return std::string("{other_threads=") + (s.other_threads ? "true" : "false")
        + ", may_admin=" + (s.may_admin ? "true" : "false")
        + ", namespaces_supported=" + (s.namespaces_supported ? "true" : "false") + "}";
}

std::string hex(u32 value)
{
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%#x", value);
    return buffer;
}

const std::vector<Row>& table()
{
    static const std::vector<Row> rows = {
        // Nothing asked: nothing to check, whoever asks.
        { "no flags", 0, alone, gives(0) },
        { "no flags, other threads", 0, threaded, gives(0) },
        { "no flags, not admin", 0, user, gives(0) },
        { "no flags, no namespaces", 0, no_ns, gives(0) },

        // Each valid flag alone, with what it implies.
        { "FS", lx::FS, alone, gives(lx::FS) },
        { "FILES", lx::FILES, alone, gives(lx::FILES) },
        { "SYSVSEM", lx::SYSVSEM, alone, gives(lx::SYSVSEM) },
        { "THREAD does not imply VM", lx::THREAD, alone, gives(lx::THREAD) },
        { "SIGHAND implies THREAD", lx::SIGHAND, alone, gives(lx::SIGHAND | lx::THREAD) },
        { "VM implies SIGHAND and THREAD", lx::VM, alone, gives(lx::VM | lx::SIGHAND | lx::THREAD) },
        { "NEWNS implies FS", lx::NEWNS, alone, gives(lx::NEWNS | lx::FS) },
        { "NEWNS with FS given", lx::NEWNS | lx::FS, alone, gives(lx::NEWNS | lx::FS) },
        { "THREAD|SIGHAND", lx::THREAD | lx::SIGHAND, alone, gives(lx::THREAD | lx::SIGHAND) },
        { "VM|THREAD", lx::VM | lx::THREAD, alone, gives(lx::VM | lx::SIGHAND | lx::THREAD) },

        // Combinations: the implications add up, nothing else is added.
        { "FS|FILES", lx::FS | lx::FILES, alone, gives(lx::FS | lx::FILES) },
        { "FS|FILES|VM", lx::FS | lx::FILES | lx::VM, alone,
            gives(lx::FS | lx::FILES | lx::VM | lx::SIGHAND | lx::THREAD) },
        { "FILES|NEWNS", lx::FILES | lx::NEWNS, alone, gives(lx::FILES | lx::NEWNS | lx::FS) },
        { "VM|NEWNS", lx::VM | lx::NEWNS, alone,
            gives(lx::VM | lx::SIGHAND | lx::THREAD | lx::NEWNS | lx::FS) },
        { "every valid flag", VALID_WITH_NS, alone, gives(VALID_WITH_NS) },
        { "SYSVSEM|FILES", lx::SYSVSEM | lx::FILES, alone, gives(lx::SYSVSEM | lx::FILES) },

        // Other threads in the group: leaving the group, or taking memory or
        // handlers from threads that share them, is EINVAL ...
        { "THREAD, other threads", lx::THREAD, threaded, invalid },
        { "SIGHAND, other threads", lx::SIGHAND, threaded, invalid },
        { "VM, other threads", lx::VM, threaded, invalid },
        { "FS|VM, other threads", lx::FS | lx::VM, threaded, invalid },
        { "FILES|THREAD, other threads", lx::FILES | lx::THREAD, threaded, invalid },
        { "every valid flag, other threads", VALID_WITH_NS, threaded, invalid },
        // ... while the per-task contexts may still be unshared.
        { "FS, other threads", lx::FS, threaded, gives(lx::FS) },
        { "FILES, other threads", lx::FILES, threaded, gives(lx::FILES) },
        { "FS|FILES, other threads", lx::FS | lx::FILES, threaded, gives(lx::FS | lx::FILES) },
        { "SYSVSEM, other threads", lx::SYSVSEM, threaded, gives(lx::SYSVSEM) },
        { "NEWNS, other threads", lx::NEWNS, threaded, gives(lx::NEWNS | lx::FS) },

        // CAP_SYS_ADMIN is needed for NEWNS only.
        { "NEWNS, not admin", lx::NEWNS, user, not_permitted },
        { "NEWNS|FS, not admin", lx::NEWNS | lx::FS, user, not_permitted },
        { "FS|FILES|NEWNS, not admin", lx::FS | lx::FILES | lx::NEWNS, user, not_permitted },
        { "FS, not admin", lx::FS, user, gives(lx::FS) },
        { "FILES, not admin", lx::FILES, user, gives(lx::FILES) },
        { "VM, not admin", lx::VM, user, gives(lx::VM | lx::SIGHAND | lx::THREAD) },
        { "FS|FILES|VM|SYSVSEM, not admin", lx::FS | lx::FILES | lx::VM | lx::SYSVSEM, user,
            gives(lx::FS | lx::FILES | lx::VM | lx::SIGHAND | lx::THREAD | lx::SYSVSEM) },
        // EINVAL is decided before EPERM.
        { "VM|NEWNS, other threads, not admin", lx::VM | lx::NEWNS, threaded_user, invalid },
        { "NEWNS|VFORK, not admin", lx::NEWNS | lx::VFORK, user, invalid },
        { "NEWNS, other threads, not admin", lx::NEWNS, threaded_user, not_permitted },

        // Without mount namespaces, NEWNS is an unknown bit: EINVAL, before
        // any permission check, and with valid flags beside it.
        { "NEWNS, no namespaces", lx::NEWNS, no_ns, invalid },
        { "NEWNS|FS, no namespaces", lx::NEWNS | lx::FS, no_ns, invalid },
        { "NEWNS, no namespaces, not admin", lx::NEWNS, no_ns_user, invalid },
        { "NEWNS, no namespaces, other threads", lx::NEWNS, no_ns_threaded, invalid },
        { "FS, no namespaces", lx::FS, no_ns, gives(lx::FS) },
        { "VM, no namespaces", lx::VM, no_ns, gives(lx::VM | lx::SIGHAND | lx::THREAD) },
        { "FS|FILES|VM|SYSVSEM, no namespaces", lx::FS | lx::FILES | lx::VM | lx::SYSVSEM, no_ns,
            gives(lx::FS | lx::FILES | lx::VM | lx::SIGHAND | lx::THREAD | lx::SYSVSEM) },

        // Bits that are clone's but not unshare's, and the namespaces
        // Cleave does not have: EINVAL, alone or beside valid flags.
        { "VFORK", lx::VFORK, alone, invalid },
        { "PARENT", lx::PARENT, alone, invalid },
        { "SETTLS", lx::SETTLS, alone, invalid },
        { "PARENT_SETTID", lx::PARENT_SETTID, alone, invalid },
        { "CHILD_SETTID", lx::CHILD_SETTID, alone, invalid },
        { "CHILD_CLEARTID", lx::CHILD_CLEARTID, alone, invalid },
        { "DETACHED", lx::DETACHED, alone, invalid },
        { "UNTRACED", lx::UNTRACED, alone, invalid },
        { "PTRACE", lx::PTRACE, alone, invalid },
        { "PIDFD", lx::PIDFD, alone, invalid },
        { "an exit signal (lx::CHILD_SIGNAL)", lx::CHILD_SIGNAL, alone, invalid },
        { "the whole exit-signal byte", lx::EXIT_SIGNAL_BYTE, alone, invalid },
        { "NEWTIME", lx::NEWTIME, alone, invalid },
        { "NEWPID", lx::NEWPID, alone, invalid },
        { "NEWUTS", lx::NEWUTS, alone, invalid },
        { "NEWIPC", lx::NEWIPC, alone, invalid },
        { "NEWUSER", lx::NEWUSER, alone, invalid },
        { "NEWNET", lx::NEWNET, alone, invalid },
        { "NEWCGROUP", lx::NEWCGROUP, alone, invalid },
        { "bit 31 (IO)", lx::IO, alone, invalid },
        { "every bit", 0xFFFFFFFFu, alone, invalid },
        { "FS|VFORK", lx::FS | lx::VFORK, alone, invalid },
        { "FILES|NEWPID", lx::FILES | lx::NEWPID, alone, invalid },
        { "FS|FILES|NEWUTS", lx::FS | lx::FILES | lx::NEWUTS, alone, invalid },
        { "VM|bit 31", lx::VM | lx::IO, alone, invalid },
        { "every valid flag|lx::CHILD_SIGNAL", VALID_WITH_NS | lx::CHILD_SIGNAL, alone, invalid },
        { "NEWNS|NEWPID", lx::NEWNS | lx::NEWPID, alone, invalid },
        // Unknown bits are EINVAL whoever asks.
        { "NEWPID, not admin", lx::NEWPID, user, invalid },
        { "FS|bit 31, other threads", lx::FS | lx::IO, threaded, invalid },
        { "VFORK, no namespaces", lx::VFORK, no_ns, invalid },
    };
    return rows;
}

// The verdict as text, for the failure messages.
std::string verdict(const ErrorOr<u32>& result)
{
    if (result.is_error())
        return "error " + std::to_string(result.error().code());
    return "flags " + hex(result.value());
}

std::string verdict(const Expected& expected)
{
    if (expected.error)
        return "error " + std::to_string(expected.error);
    return "flags " + hex(expected.flags);
}

TEST(UnshareFlags, Table)
{
    for (const Row& row : table()) {
        ErrorOr<u32> result = check_unshare_flags(row.flags, row.state);
        bool matches = row.expected.error ? (result.is_error() && result.error().code() == row.expected.error)
                                          : (!result.is_error() && result.value() == row.expected.flags);
        EXPECT_TRUE(matches) << row.what << ": check_unshare_flags(" << hex(row.flags) << ", "
                             << describe_state(row.state) << ") gave " << verdict(result) << ", expected "
                             << verdict(row.expected);
    }
}

// Every state the three facts can make.
std::vector<UnshareState> all_states()
{
    std::vector<UnshareState> states;
    for (int bits = 0; bits < 8; ++bits)
        states.push_back({ (bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0 });
    return states;
}

// Each of the 32 bits alone, in every state: valid exactly when it is one
// of unshare's flags (NEWNS only with namespaces); nothing but the
// implied flags is ever added.
TEST(UnshareFlags, EachBitAloneInEveryState)
{
    for (const UnshareState& state : all_states()) {
        for (int bit = 0; bit < 32; ++bit) {
            u32 flag = 1u << bit;
            ErrorOr<u32> result = check_unshare_flags(flag, state);
            u32 valid = (VALID_WITH_NS & ~lx::NEWNS) | (state.namespaces_supported ? lx::NEWNS : 0);
            std::string where = "bit " + std::to_string(bit) + " (" + hex(flag) + ") in " + describe_state(state);
            if (!(flag & valid)) {
                EXPECT_TRUE(result.is_error() && result.error().code() == LINUX_EINVAL)
                    << where << ": an unknown bit should be EINVAL, got " << verdict(result);
                continue;
            }
            u32 implied = flag;
            if (implied & lx::VM)
                implied |= lx::SIGHAND;
            if (implied & lx::SIGHAND)
                implied |= lx::THREAD;
            if (implied & lx::NEWNS)
                implied |= lx::FS;
            int error = 0;
            if ((implied & (lx::THREAD | lx::SIGHAND | lx::VM)) && state.other_threads)
                error = LINUX_EINVAL;
            else if ((implied & lx::NEWNS) && !state.may_admin)
                error = LINUX_EPERM;
            if (error) {
                EXPECT_TRUE(result.is_error() && result.error().code() == error)
                    << where << ": expected error " << error << ", got " << verdict(result);
            } else {
                EXPECT_TRUE(!result.is_error() && result.value() == implied)
                    << where << ": expected " << hex(implied) << ", got " << verdict(result);
            }
        }
    }
}

// The result is closed under the rules: checking it again gives it back,
// and it always contains what was asked for.
TEST(UnshareFlags, ResultIsAFixedPointAndASuperset)
{
    for (const UnshareState& state : all_states()) {
        // Every subset of the valid flags.
        for (u32 subset = 0; subset < (1u << 7); ++subset) {
            const u32 bits[7] = { lx::FS, lx::FILES, lx::VM, lx::SIGHAND, lx::THREAD, lx::SYSVSEM, lx::NEWNS };
            u32 flags = 0;
            for (int i = 0; i < 7; ++i)
                if (subset & (1u << i))
                    flags |= bits[i];
            ErrorOr<u32> first = check_unshare_flags(flags, state);
            if (first.is_error())
                continue;
            u32 result = first.value();
            EXPECT_EQ(result & flags, flags) << hex(flags) << " in " << describe_state(state) << " lost a flag";
            EXPECT_EQ(result & ~VALID_WITH_NS, 0u) << hex(flags) << " gained an invalid bit";
            EXPECT_TRUE(!(result & lx::VM) || (result & lx::SIGHAND)) << hex(flags) << ": VM without SIGHAND";
            EXPECT_TRUE(!(result & lx::SIGHAND) || (result & lx::THREAD)) << hex(flags) << ": SIGHAND without THREAD";
            EXPECT_TRUE(!(result & lx::NEWNS) || (result & lx::FS)) << hex(flags) << ": NEWNS without FS";
            bool thread_only = (flags & lx::THREAD) && !(flags & (lx::VM | lx::SIGHAND));
            EXPECT_TRUE(!thread_only || !(result & (lx::VM | lx::SIGHAND)))
                << hex(flags) << ": THREAD must not imply VM or SIGHAND";
            ErrorOr<u32> again = check_unshare_flags(result, state);
            EXPECT_TRUE(!again.is_error() && again.value() == result)
                << hex(flags) << " in " << describe_state(state) << ": checking the result " << hex(result)
                << " again gave " << verdict(again);
        }
    }
}

} // namespace
