// Shared subtrees: how a mount or umount in one place happens in others.
//
// A mount is private (the default), shared (a member of a peer group:
// what is mounted under one peer is mounted under every peer), a slave
// (it receives from its master's peer group, sends nothing back), shared
// and a slave at once, or unbindable (private, and no bind mount may copy
// it). docs/mounts.md draws how a mount travels.
//
// All of these are called with mounts_lock() held.
#pragma once

#include <kernel/fs/mount.h>

namespace propagation {

// `mount` leaves its peer group; if it was the last member, the group's
// slaves receive from the group's master from now on.
void leave_group(Mount&);

// mount --make-{shared,private,slave,unbindable}: `type` is one of
// mount_flags::SHARED, PRIVATE, SLAVE, UNBINDABLE.
void change_type(Mount&, u32 type);

// Every mount that receives what is mounted on `parent`: its peers, its
// group's slaves, their peers and slaves, ... (not `parent` itself).
// `via[i]` is the peer group through which receivers[i] was reached.
struct Receiver {
    Mount* mount;
    u32 via_group;  // the group it was reached through
    bool as_peer;   // a peer of a mount of that group (else its slave)
};
ErrorOr<Vector<Receiver>> receivers_of(Mount& parent);

// True if `inode` is `ancestor` or below it, in their file system.
bool is_below(Inode& inode, const Inode& ancestor);

// Mounts `tree` (a mount with its submounts, in no namespace yet) on
// `mountpoint` of `parent`, and a copy of it on the same place of every
// mount that receives from `parent` and can see that place. If `parent`
// is shared, the new mounts become shared too, peers of their copies in
// `parent`'s peers, masters of those in its slaves. Either everything is
// mounted or nothing. Every copy made is also put in `made`, which the
// caller drops after the lock (so that a failed graft frees its copies
// there, never under the lock).
ErrorOr<void> graft(Mount& parent, const RefPtr<Inode>& mountpoint, const RefPtr<Mount>& tree,
    Vector<RefPtr<Mount>>& made);

// Unmounts `mount` and, where propagation put copies of it (on the same
// mount point of its parent's receivers), those copies that are not in
// use. Without `detach`, EBUSY if `mount` has submounts or more than
// `expected_references` references (someone's cwd or open file is in it).
// What is taken out goes to `removed`, for the caller to drop after the lock.
ErrorOr<void> umount(Mount& mount, bool detach, u32 expected_references, Vector<RefPtr<Mount>>& removed);

} // namespace propagation
