// unshare(2): see unshare.cpp.
#pragma once

#include <libk/error.h>
#include <libk/types.h>

// What the flag checks need to know about the caller.
struct UnshareState {
    bool other_threads;        // the thread group has more than this thread
    bool may_admin;            // CAP_SYS_ADMIN
    bool namespaces_supported; // CLONE_NEWNS is a valid flag
};

// The seed's check_unshare_flags: EINVAL for unknown bits or for leaving a
// thread group that has other members, EPERM for CLONE_NEWNS without
// CAP_SYS_ADMIN; returns the flags with the implied ones added. Pure, so
// the rules are tested on the host as a table.
ErrorOr<u32> check_unshare_flags(u32 flags, const UnshareState&);

ErrorOr<void> unshare(u32 flags);
