// Permission checks on inodes, as Linux makes them for a task without
// capabilities beyond root's: the owner's, the group's or the others' bits
// decide, by the task's fsuid and fsgid; root (fsuid 0) may read and write
// anything, search any directory, and execute a file if anyone may.
// (No supplementary groups yet: only fsgid counts as the task's group.)
#pragma once

#include <kernel/fs/inode.h>
#include <kernel/task/credentials.h>

namespace access { // the bits of access(2)'s mode
constexpr u32 EXECUTE = 1, WRITE = 2, READ = 4;
}

// EACCES unless `who` may do all of `wanted` (access::*) to `inode`.
ErrorOr<void> check_access(const Inode&, u32 wanted, u32 uid, u32 gid);
inline ErrorOr<void> check_access(const Inode& inode, u32 wanted, const Credentials& who)
{
    return check_access(inode, wanted, who.fsuid, who.fsgid);
}

// May `who` change the inode's attributes (chmod, utimes with a time): its
// owner or root.
bool owns(const Inode&, const Credentials& who);

// May `who` remove or rename `victim` out of `directory`? Write and search
// permission in the directory, and in a sticky directory (/tmp) only the
// owner of the victim or of the directory (EPERM otherwise).
ErrorOr<void> check_may_delete(const Inode& directory, const Inode& victim, const Credentials& who);
