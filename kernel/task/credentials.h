// Who a task is, for permission checks: Linux's real, effective, saved and
// file-system user and group ids, supplementary groups, and capabilities.
// File access uses fsuid/fsgid, which follow the effective ids.
#pragma once

#include <libk/types.h>

namespace capability { // Linux's capability numbers (linux/capability.h)
constexpr int CHOWN = 0, DAC_OVERRIDE = 1, DAC_READ_SEARCH = 2, FOWNER = 3, FSETID = 4, KILL = 5, SETGID = 6;
constexpr int SETUID = 7, SETPCAP = 8, LINUX_IMMUTABLE = 9, IPC_OWNER = 15, SYS_CHROOT = 18, SYS_ADMIN = 21;
constexpr int SYS_BOOT = 22, SYS_NICE = 23, SYS_RESOURCE = 24, SYS_TIME = 25, MKNOD = 27, MAC_OVERRIDE = 32, SYSLOG = 34;
}

struct Credentials {
    static constexpr u32 MAX_GROUPS = 32; // Linux allows 65536; Cleave keeps them inline

    u32 uid = 0, euid = 0, suid = 0, fsuid = 0;
    u32 gid = 0, egid = 0, sgid = 0, fsgid = 0;
    u32 groups[MAX_GROUPS] = {};
    u32 group_count = 0;

    // Capabilities, as Linux keeps them: root starts with all of them.
    static constexpr u64 ALL_CAPABILITIES = (1ull << 41) - 1; // CAP_CHOWN .. CAP_CHECKPOINT_RESTORE
    u64 cap_effective = ALL_CAPABILITIES;
    u64 cap_permitted = ALL_CAPABILITIES;
    u64 cap_inheritable = 0;

    bool has(int cap) const { return cap_effective & (1ull << cap); }
    // File permission checks are overridden (CAP_DAC_OVERRIDE).
    bool is_privileged() const { return has(capability::DAC_OVERRIDE); }
};

// Does the running task hold capability `cap` in its effective set?
bool capable(int cap);

// After a uid change: drop or restore capabilities as Linux does.
void credentials_changed(const Credentials& old, Credentials& now);
// At execve: recompute the capability sets (no file capabilities).
void credentials_on_exec(Credentials&);
