// Credentials: user and group ids, as Linux keeps them. A task has a real
// id (who it is), an effective id (what it may do), a saved id (what it
// may go back to) and a file-system id (follows the effective id).
// Privilege is euid 0 here; capabilities come with the process model.
//
// The 16-bit calls are the old ABI: ids above 65535 read as 65534, and
// (u16)-1 means "unchanged".
#include <kernel/mm/user_copy.h>
#include <kernel/syscall/syscall.h>
#include <kernel/task/task.h>
#include <initializer_list>

namespace {

constexpr u32 UNCHANGED = 0xFFFFFFFF;

Credentials& credentials() { return current()->credentials; }
bool privileged() { return credentials().euid == 0; }

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

Ids user_ids() { auto& c = credentials(); return { &c.uid, &c.euid, &c.suid, &c.fsuid }; }
Ids group_ids() { auto& c = credentials(); return { &c.gid, &c.egid, &c.sgid, &c.fsgid }; }

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
    if (!privileged())
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

SyscallResult sys_setuid32(u32 id, u32, u32, u32, u32, u32) { return set_id(user_ids(), id); }
SyscallResult sys_setgid32(u32 id, u32, u32, u32, u32, u32) { return set_id(group_ids(), id); }
SyscallResult sys_setuid(u32 id, u32, u32, u32, u32, u32) { return set_id(user_ids(), id & 0xFFFF); }
SyscallResult sys_setgid(u32 id, u32, u32, u32, u32, u32) { return set_id(group_ids(), id & 0xFFFF); }

SyscallResult sys_setreuid32(u32 r, u32 e, u32, u32, u32, u32) { return set_real_effective(user_ids(), r, e); }
SyscallResult sys_setregid32(u32 r, u32 e, u32, u32, u32, u32) { return set_real_effective(group_ids(), r, e); }
SyscallResult sys_setreuid(u32 r, u32 e, u32, u32, u32, u32) { return set_real_effective(user_ids(), widen(r), widen(e)); }
SyscallResult sys_setregid(u32 r, u32 e, u32, u32, u32, u32) { return set_real_effective(group_ids(), widen(r), widen(e)); }

SyscallResult sys_setresuid32(u32 r, u32 e, u32 s, u32, u32, u32) { return set_all(user_ids(), r, e, s); }
SyscallResult sys_setresgid32(u32 r, u32 e, u32 s, u32, u32, u32) { return set_all(group_ids(), r, e, s); }
SyscallResult sys_setresuid(u32 r, u32 e, u32 s, u32, u32, u32) { return set_all(user_ids(), widen(r), widen(e), widen(s)); }
SyscallResult sys_setresgid(u32 r, u32 e, u32 s, u32, u32, u32) { return set_all(group_ids(), widen(r), widen(e), widen(s)); }

SyscallResult sys_getresuid32(u32 r, u32 e, u32 s, u32, u32, u32) { return get_all(user_ids(), r, e, s, as_is); }
SyscallResult sys_getresgid32(u32 r, u32 e, u32 s, u32, u32, u32) { return get_all(group_ids(), r, e, s, as_is); }
SyscallResult sys_getresuid(u32 r, u32 e, u32 s, u32, u32, u32) { return get_all(user_ids(), r, e, s, narrow); }
SyscallResult sys_getresgid(u32 r, u32 e, u32 s, u32, u32, u32) { return get_all(group_ids(), r, e, s, narrow); }

SyscallResult sys_setfsuid32(u32 id, u32, u32, u32, u32, u32) { return set_fs(user_ids(), id); }
SyscallResult sys_setfsgid32(u32 id, u32, u32, u32, u32, u32) { return set_fs(group_ids(), id); }
SyscallResult sys_setfsuid(u32 id, u32, u32, u32, u32, u32) { return set_fs(user_ids(), id & 0xFFFF); }
SyscallResult sys_setfsgid(u32 id, u32, u32, u32, u32, u32) { return set_fs(group_ids(), id & 0xFFFF); }

SyscallResult sys_getgroups32(u32 size, u32 address, u32, u32, u32, u32) { return get_groups<u32>(size, address); }
SyscallResult sys_getgroups(u32 size, u32 address, u32, u32, u32, u32) { return get_groups<u16>(size, address); }
SyscallResult sys_setgroups32(u32 size, u32 address, u32, u32, u32, u32) { return set_groups<u32>(size, address); }
SyscallResult sys_setgroups(u32 size, u32 address, u32, u32, u32, u32) { return set_groups<u16>(size, address); }
