// Who a task is, for permission checks: Linux's real, effective, saved
// and filesystem user and group ids. Until capabilities exist, "has
// CAP_SYS_ADMIN" (and every other capability) means euid 0; file access
// uses fsuid, which follows euid.
#pragma once

#include <libk/types.h>

struct Credentials {
    u32 uid = 0, euid = 0, suid = 0, fsuid = 0;
    u32 gid = 0, egid = 0, sgid = 0, fsgid = 0;

    bool is_privileged() const { return euid == 0; }
};
