// Changing who a task is: setuid32, setgid32, setresuid32, setresgid32,
// and reading it back with getresuid32 and getresgid32, with Linux's
// rules: a privileged task (euid 0) may set any id (setuid sets them
// all, dropping root for good); any other task may only move among the
// ids it already has. The file system ids follow the effective ones.
//
// Minimal on purpose: the tests of file permissions need a way to stop
// being root. setreuid, setgroups, setfsuid and capabilities come with the
// process model issue.
#include <kernel/mm/user_copy.h>
#include <kernel/syscall/syscall.h>
#include <kernel/task/task.h>

namespace {

constexpr u32 UNCHANGED = 0xFFFFFFFF;

bool is_one_of(u32 id, u32 a, u32 b, u32 c) { return id == a || id == b || id == c; }

// The ids of one kind (user or group): real, effective, saved, filesystem.
struct Ids {
    u32& real;
    u32& effective;
    u32& saved;
    u32& filesystem;
};

SyscallResult set_one(Ids ids, u32 id, bool privileged)
{
    if (privileged) {
        ids.real = ids.effective = ids.saved = ids.filesystem = id;
    } else if (id == ids.real || id == ids.saved) {
        ids.effective = ids.filesystem = id;
    } else {
        return errno_error(abi::EPERM);
    }
    return 0;
}

SyscallResult set_three(Ids ids, u32 real, u32 effective, u32 saved, bool privileged)
{
    if (!privileged) {
        u32 wanted[] = { real, effective, saved };
        for (u32 id : wanted) {
            if (id != UNCHANGED && !is_one_of(id, ids.real, ids.effective, ids.saved))
                return errno_error(abi::EPERM);
        }
    }
    if (real != UNCHANGED)
        ids.real = real;
    if (effective != UNCHANGED)
        ids.effective = effective;
    if (saved != UNCHANGED)
        ids.saved = saved;
    ids.filesystem = ids.effective;
    return 0;
}

Ids user_ids(Credentials& c) { return Ids { c.uid, c.euid, c.suid, c.fsuid }; }
Ids group_ids(Credentials& c) { return Ids { c.gid, c.egid, c.sgid, c.fsgid }; }

} // namespace

SyscallResult sys_setuid32(u32 uid, u32, u32, u32, u32, u32)
{
    Credentials& c = current()->credentials;
    return set_one(user_ids(c), uid, c.is_privileged());
}

SyscallResult sys_setgid32(u32 gid, u32, u32, u32, u32, u32)
{
    Credentials& c = current()->credentials;
    return set_one(group_ids(c), gid, c.is_privileged());
}

SyscallResult sys_setresuid32(u32 real, u32 effective, u32 saved, u32, u32, u32)
{
    Credentials& c = current()->credentials;
    return set_three(user_ids(c), real, effective, saved, c.is_privileged());
}

SyscallResult sys_setresgid32(u32 real, u32 effective, u32 saved, u32, u32, u32)
{
    Credentials& c = current()->credentials;
    return set_three(group_ids(c), real, effective, saved, c.is_privileged());
}

SyscallResult sys_getresuid32(u32 real, u32 effective, u32 saved, u32, u32, u32)
{
    const Credentials& c = current()->credentials;
    TRY(write_user(real, c.uid));
    TRY(write_user(effective, c.euid));
    TRY(write_user(saved, c.suid));
    return 0;
}

SyscallResult sys_getresgid32(u32 real, u32 effective, u32 saved, u32, u32, u32)
{
    const Credentials& c = current()->credentials;
    TRY(write_user(real, c.gid));
    TRY(write_user(effective, c.egid));
    TRY(write_user(saved, c.sgid));
    return 0;
}
