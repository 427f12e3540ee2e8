// Credentials: user and group ids, as Linux keeps them. A task has a real
// id (who it is), an effective id (what it may do), a saved id (what it
// may go back to) and a file-system id (follows the effective id).
// Privilege is a capability (CAP_SETUID, CAP_SETGID), and changing ids
// changes the capabilities as Linux does (kernel/task/credentials.cpp).
//
// The 16-bit calls are the old ABI: ids above 65535 read as 65534, and
// (u16)-1 means "unchanged".
#include <kernel/mm/user_copy.h>
#include <kernel/syscall/syscall.h>
#include <kernel/task/credentials.h>
#include <kernel/task/task.h>
#include <initializer_list>

namespace {

constexpr u32 UNCHANGED = 0xFFFFFFFF;

Credentials& credentials() { return current()->credentials; }

// Which capability the ids being changed need: set per call below.
int needed = capability::SETUID;
bool privileged() { return capable(needed); }

u32 widen(u32 id) { return (id & 0xFFFF) == 0xFFFF ? UNCHANGED : id & 0xFFFF; }
u16 narrow(u32 id) { return id > 0xFFFF ? 65534 : static_cast<u16>(id); }

// Which ids an unprivileged task may move to: its real, effective or saved one.
bool may_become(u32 wanted, u32 real, u32 effective, u32 saved)
{
    return wanted == real || wanted == effective || wanted == saved;
}

struct Ids {
    u32* real;
    u32* effective;
    u32* saved;
    u32* fs;
};

Ids user_ids()
{
    needed = capability::SETUID;
    auto& c = credentials();
    return { &c.uid, &c.euid, &c.suid, &c.fsuid };
}

Ids group_ids()
{
    needed = capability::SETGID;
    auto& c = credentials();
    return { &c.gid, &c.egid, &c.sgid, &c.fsgid };
}

// Runs a change of ids and then adjusts the capabilities to it.
template<typename Change>
SyscallResult changing(Change change)
{
    Credentials old = credentials();
    SyscallResult result = change();
    if (!result.is_error())
        credentials_changed(old, credentials());
    return result;
}

SyscallResult set_id(Ids ids, u32 id)
{
    if (privileged()) {
        *ids.real = *ids.effective = *ids.saved = *ids.fs = id;
    } else if (id == *ids.real || id == *ids.saved) {
        *ids.effective = *ids.fs = id;
    } else {
        return errno_error(abi::EPERM);
    }
    return 0;
}

SyscallResult set_real_effective(Ids ids, u32 real, u32 effective)
{
    u32 old_real = *ids.real, old_effective = *ids.effective, old_saved = *ids.saved;
    if (!privileged()) {
        if (real != UNCHANGED && real != old_real && real != old_effective)
            return errno_error(abi::EPERM);
        if (effective != UNCHANGED && !may_become(effective, old_real, old_effective, old_saved))
            return errno_error(abi::EPERM);
    }
    if (real != UNCHANGED)
        *ids.real = real;
    if (effective != UNCHANGED)
        *ids.effective = effective;
    // The saved id follows the new effective one when the real one changed
    // or the effective one moved away from the old real one.
    if (real != UNCHANGED || (effective != UNCHANGED && effective != old_real))
        *ids.saved = *ids.effective;
    *ids.fs = *ids.effective;
    return 0;
}

SyscallResult set_all(Ids ids, u32 real, u32 effective, u32 saved)
{
    if (!privileged()) {
        u32 r = *ids.real, e = *ids.effective, s = *ids.saved;
        for (u32 wanted : { real, effective, saved }) {
            if (wanted != UNCHANGED && !may_become(wanted, r, e, s))
                return errno_error(abi::EPERM);
        }
    }
    if (real != UNCHANGED)
        *ids.real = real;
    if (effective != UNCHANGED)
        *ids.effective = effective;
    if (saved != UNCHANGED)
        *ids.saved = saved;
    *ids.fs = *ids.effective;
    return 0;
}

template<typename T>
SyscallResult get_all(Ids ids, uptr real, uptr effective, uptr saved, T (*convert)(u32))
{
    TRY(write_user(real, convert(*ids.real)));
    TRY(write_user(effective, convert(*ids.effective)));
    TRY(write_user(saved, convert(*ids.saved)));
    return 0;
}

u32 as_is(u32 id) { return id; }

// setfsuid returns the old fsuid whether or not it changed anything.
SyscallResult set_fs(Ids ids, u32 id)
{
    u32 old = *ids.fs;
    if (privileged() || may_become(id, *ids.real, *ids.effective, *ids.saved) || id == *ids.fs)
        *ids.fs = id;
    return old;
}

template<typename T>
SyscallResult get_groups(u32 size, uptr address)
{
    auto& c = credentials();
    if (size == 0)
        return c.group_count;
    if (size < c.group_count)
        return errno_error(abi::EINVAL);
    for (u32 i = 0; i < c.group_count; ++i)
        TRY(write_user(address + i * sizeof(T), static_cast<T>(sizeof(T) == 2 ? narrow(c.groups[i]) : c.groups[i])));
    return c.group_count;
}

template<typename T>
SyscallResult set_groups(u32 size, uptr address)
{
    if (!capable(capability::SETGID))
        return errno_error(abi::EPERM);
    if (size > Credentials::MAX_GROUPS)
        return errno_error(abi::EINVAL);
    u32 groups[Credentials::MAX_GROUPS];
    for (u32 i = 0; i < size; ++i) {
        T id = TRY(read_user<T>(address + i * sizeof(T)));
        groups[i] = id;
    }
    auto& c = credentials();
    for (u32 i = 0; i < size; ++i)
        c.groups[i] = groups[i];
    c.group_count = size;
    return 0;
}

} // namespace

SyscallResult sys_setuid32(u32 id, u32, u32, u32, u32, u32) { return changing([&] { return set_id(user_ids(), id); }); }
SyscallResult sys_setgid32(u32 id, u32, u32, u32, u32, u32) { return changing([&] { return set_id(group_ids(), id); }); }
SyscallResult sys_setuid(u32 id, u32, u32, u32, u32, u32) { return changing([&] { return set_id(user_ids(), id & 0xFFFF); }); }
SyscallResult sys_setgid(u32 id, u32, u32, u32, u32, u32) { return changing([&] { return set_id(group_ids(), id & 0xFFFF); }); }

SyscallResult sys_setreuid32(u32 r, u32 e, u32, u32, u32, u32) { return changing([&] { return set_real_effective(user_ids(), r, e); }); }
SyscallResult sys_setregid32(u32 r, u32 e, u32, u32, u32, u32) { return changing([&] { return set_real_effective(group_ids(), r, e); }); }
SyscallResult sys_setreuid(u32 r, u32 e, u32, u32, u32, u32) { return changing([&] { return set_real_effective(user_ids(), widen(r), widen(e)); }); }
SyscallResult sys_setregid(u32 r, u32 e, u32, u32, u32, u32) { return changing([&] { return set_real_effective(group_ids(), widen(r), widen(e)); }); }

SyscallResult sys_setresuid32(u32 r, u32 e, u32 s, u32, u32, u32) { return changing([&] { return set_all(user_ids(), r, e, s); }); }
SyscallResult sys_setresgid32(u32 r, u32 e, u32 s, u32, u32, u32) { return changing([&] { return set_all(group_ids(), r, e, s); }); }
SyscallResult sys_setresuid(u32 r, u32 e, u32 s, u32, u32, u32) { return changing([&] { return set_all(user_ids(), widen(r), widen(e), widen(s)); }); }
SyscallResult sys_setresgid(u32 r, u32 e, u32 s, u32, u32, u32) { return changing([&] { return set_all(group_ids(), widen(r), widen(e), widen(s)); }); }

SyscallResult sys_getresuid32(u32 r, u32 e, u32 s, u32, u32, u32) { return get_all(user_ids(), r, e, s, as_is); }
SyscallResult sys_getresgid32(u32 r, u32 e, u32 s, u32, u32, u32) { return get_all(group_ids(), r, e, s, as_is); }
SyscallResult sys_getresuid(u32 r, u32 e, u32 s, u32, u32, u32) { return get_all(user_ids(), r, e, s, narrow); }
SyscallResult sys_getresgid(u32 r, u32 e, u32 s, u32, u32, u32) { return get_all(group_ids(), r, e, s, narrow); }

SyscallResult sys_setfsuid32(u32 id, u32, u32, u32, u32, u32) { return changing([&] { return set_fs(user_ids(), id); }); }
SyscallResult sys_setfsgid32(u32 id, u32, u32, u32, u32, u32) { return changing([&] { return set_fs(group_ids(), id); }); }
SyscallResult sys_setfsuid(u32 id, u32, u32, u32, u32, u32) { return changing([&] { return set_fs(user_ids(), id & 0xFFFF); }); }
SyscallResult sys_setfsgid(u32 id, u32, u32, u32, u32, u32) { return changing([&] { return set_fs(group_ids(), id & 0xFFFF); }); }

SyscallResult sys_getgroups32(u32 size, u32 address, u32, u32, u32, u32) { return get_groups<u32>(size, address); }
SyscallResult sys_getgroups(u32 size, u32 address, u32, u32, u32, u32) { return get_groups<u16>(size, address); }
SyscallResult sys_setgroups32(u32 size, u32 address, u32, u32, u32, u32) { return set_groups<u32>(size, address); }
SyscallResult sys_setgroups(u32 size, u32 address, u32, u32, u32, u32) { return set_groups<u16>(size, address); }

// capget/capset with the version 3 header: three pairs of 32-bit words
// (effective, permitted, inheritable) for capabilities 0-31 and 32-63.
namespace {

constexpr u32 CAPABILITY_VERSION_1 = 0x19980330, CAPABILITY_VERSION_2 = 0x20071026, CAPABILITY_VERSION_3 = 0x20080522;

struct CapHeader {
    u32 version;
    i32 pid;
};

struct CapData {
    u32 effective, permitted, inheritable;
};

ErrorOr<u32> words_for(uptr header_address)
{
    CapHeader header = TRY(read_user<CapHeader>(header_address));
    if (header.version == CAPABILITY_VERSION_1)
        return 1u;
    if (header.version == CAPABILITY_VERSION_2 || header.version == CAPABILITY_VERSION_3)
        return 2u;
    // Unknown: tell the caller which version to use.
    TRY(write_user(header_address, CAPABILITY_VERSION_3));
    return Error::from_errno(abi::EINVAL);
}

} // namespace

SyscallResult sys_capget(u32 header_address, u32 data_address, u32, u32, u32, u32)
{
    u32 words = TRY(words_for(header_address));
    i32 pid = TRY(read_user<CapHeader>(header_address)).pid;
    if (pid < 0)
        return errno_error(abi::EINVAL);
    if (pid && pid != current()->tid && pid != current()->tgid)
        return errno_error(abi::ESRCH); // other tasks' capabilities: not yet
    if (!data_address)
        return 0;
    const Credentials& c = credentials();
    for (u32 i = 0; i < words; ++i) {
        CapData d { static_cast<u32>(c.cap_effective >> (32 * i)), static_cast<u32>(c.cap_permitted >> (32 * i)),
            static_cast<u32>(c.cap_inheritable >> (32 * i)) };
        TRY(write_user(data_address + i * sizeof(CapData), d));
    }
    return 0;
}

SyscallResult sys_capset(u32 header_address, u32 data_address, u32, u32, u32, u32)
{
    u32 words = TRY(words_for(header_address));
    i32 pid = TRY(read_user<CapHeader>(header_address)).pid;
    if (pid != 0 && pid != current()->tid && pid != current()->tgid)
        return errno_error(abi::EPERM);
    u64 effective = 0, permitted = 0, inheritable = 0;
    for (u32 i = 0; i < words; ++i) {
        CapData d = TRY(read_user<CapData>(data_address + i * sizeof(CapData)));
        effective |= static_cast<u64>(d.effective) << (32 * i);
        permitted |= static_cast<u64>(d.permitted) << (32 * i);
        inheritable |= static_cast<u64>(d.inheritable) << (32 * i);
    }
    Credentials& c = credentials();
    // Linux's rules: permitted can only shrink, effective stays within
    // permitted, inheritable within the old inheritable and permitted
    // (unless CAP_SETPCAP).
    if (permitted & ~c.cap_permitted)
        return errno_error(abi::EPERM);
    if (effective & ~permitted)
        return errno_error(abi::EPERM);
    if ((inheritable & ~(c.cap_inheritable | c.cap_permitted)) && !capable(capability::SETPCAP))
        return errno_error(abi::EPERM);
    c.cap_effective = effective & Credentials::ALL_CAPABILITIES;
    c.cap_permitted = permitted & Credentials::ALL_CAPABILITIES;
    c.cap_inheritable = inheritable & Credentials::ALL_CAPABILITIES;
    return 0;
}
