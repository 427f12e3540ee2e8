#include <kernel/abi/errno.h>
#include <kernel/fs/propagation.h>

// For calls that cannot fail because room was made beforehand.
#define MUST_SUCCEED(expression)                       \
    do {                                               \
        auto must_succeed_result_ = (expression);      \
        ASSERT(!must_succeed_result_.is_error());      \
    } while (0)

namespace propagation {

namespace {

bool group_has_members(u32 group)
{
    for (Mount& mount : mounts::all()) {
        if (mount.group == group)
            return true;
    }
    return false;
}

// The slaves of `group` receive from `master` from now on.
void remaster(u32 group, u32 master)
{
    for (Mount& mount : mounts::all()) {
        if (mount.master == group)
            mount.master = master;
    }
}

} // namespace

void leave_group(Mount& mount)
{
    u32 group = mount.group;
    if (!group)
        return;
    mount.group = 0;
    if (!group_has_members(group))
        remaster(group, mount.master);
}

void change_type(Mount& mount, u32 type)
{
    switch (type) {
    case mount_flags::SHARED:
        if (!mount.group)
            mount.group = mounts::new_group();
        mount.unbindable = false;
        break;
    case mount_flags::SLAVE:
        // A slave of the group it was a peer in; a mount with no peers
        // keeps the master it had (a slave of a slave), and hands its own
        // slaves to that master.
        if (mount.group) {
            u32 group = mount.group;
            leave_group(mount);
            if (group_has_members(group))
                mount.master = group;
        }
        mount.unbindable = false;
        break;
    case mount_flags::PRIVATE:
    case mount_flags::UNBINDABLE:
        leave_group(mount);
        mount.master = 0;
        mount.unbindable = type == mount_flags::UNBINDABLE;
        break;
    }
}

ErrorOr<Vector<Receiver>> receivers_of(Mount& parent)
{
    Vector<Receiver> receivers;
    Vector<u32> groups; // to visit; each once
    if (parent.group)
        TRY(groups.try_append(parent.group));
    auto is_listed = [&](Mount* mount) {
        if (mount == &parent)
            return true;
        for (Receiver& r : receivers) {
            if (r.mount == mount)
                return true;
        }
        return false;
    };
    for (usize i = 0; i < groups.size(); ++i) {
        u32 group = groups[i];
        for (Mount& mount : mounts::all()) {
            if (mount.group == group && !is_listed(&mount))
                TRY(receivers.try_append(Receiver { &mount, group, true }));
        }
        for (Mount& mount : mounts::all()) {
            if (mount.master != group || is_listed(&mount))
                continue;
            TRY(receivers.try_append(Receiver { &mount, group, false }));
            bool seen = false;
            for (u32 g : groups)
                seen |= g == mount.group;
            if (mount.group && !seen)
                TRY(groups.try_append(mount.group));
        }
    }
    return receivers;
}

bool is_below(Inode& inode, const Inode& ancestor)
{
    for (RefPtr<Inode> current(inode); current; current = current->parent()) {
        if (current.ptr() == &ancestor)
            return true;
    }
    return false;
}

namespace {

// The peer groups the copies of a propagated tree join, one per (group
// of receivers, group of the original) pair, made as first needed.
struct GroupMap {
    struct Entry {
        u32 receivers, original, copy;
    };
    Vector<Entry> entries;
    u32 top; // the group of the mount the tree is mounted on

    ErrorOr<u32> group_for(u32 receivers, u32 original)
    {
        if (!original)
            return 0u;
        if (receivers == top)
            return original; // copies in the parent's peers are peers of the original
        for (Entry& e : entries) {
            if (e.receivers == receivers && e.original == original)
                return e.copy;
        }
        u32 copy = mounts::new_group();
        TRY(entries.try_append(Entry { receivers, original, copy }));
        return copy;
    }
};

usize tree_size(Mount& mount)
{
    usize size = 1;
    for (RefPtr<Mount>& child : mount.children)
        size += tree_size(*child);
    return size;
}

// A copy of `original` and its submounts for `receiver`. Every mount made
// goes into `made` (with room reserved beforehand) before anything else
// can fail, so that no mount is freed while the lock is held.
ErrorOr<RefPtr<Mount>> copy_for(Mount& original, const Receiver& receiver, GroupMap& groups, Vector<RefPtr<Mount>>& made)
{
    RefPtr<Mount> copy = TRY(original.clone());
    MUST_SUCCEED(made.try_append(copy));
    if (receiver.as_peer) {
        copy->group = TRY(groups.group_for(receiver.via_group, original.group));
        copy->master = receiver.via_group == groups.top ? original.master : original.group;
    } else {
        copy->master = TRY(groups.group_for(receiver.via_group, original.group));
        copy->group = receiver.mount->group ? TRY(groups.group_for(receiver.mount->group, original.group)) : 0;
    }
    for (RefPtr<Mount>& child : original.children) {
        RefPtr<Mount> child_copy = TRY(copy_for(*child, receiver, groups, made));
        TRY(mounts::attach(*copy, child->mountpoint, child_copy));
    }
    return copy;
}

void make_shared(Mount& mount)
{
    if (!mount.group)
        mount.group = mounts::new_group();
    for (RefPtr<Mount>& child : mount.children)
        make_shared(*child);
}

} // namespace

ErrorOr<void> graft(Mount& parent, const RefPtr<Inode>& mountpoint, const RefPtr<Mount>& tree,
    Vector<RefPtr<Mount>>& made)
{
    Vector<Receiver> receivers = TRY(receivers_of(parent));
    struct Target {
        Mount* mount;
        Receiver receiver;
        RefPtr<Mount> copy;
    };
    Vector<Target> targets;
    for (Receiver& receiver : receivers) {
        Mount& there = *receiver.mount;
        if (&there.fs() == &parent.fs() && is_below(*mountpoint, *there.root()))
            TRY(targets.try_append(Target { &there, receiver, {} })); // else that place is not visible there
    }
    TRY(made.try_reserve(made.size() + targets.size() * tree_size(*tree)));
    // Room in every parent first, so that the attaches at the end cannot fail.
    TRY(parent.children.try_reserve(parent.children.size() + 1));
    for (Target& target : targets)
        TRY(target.mount->children.try_reserve(target.mount->children.size() + 1));

    if (parent.group)
        make_shared(*tree);
    GroupMap groups { {}, parent.group };
    for (Target& target : targets)
        target.copy = TRY(copy_for(*tree, target.receiver, groups, made));
    MUST_SUCCEED(mounts::attach(parent, mountpoint, tree));
    for (Target& target : targets)
        MUST_SUCCEED(mounts::attach(*target.mount, mountpoint, target.copy));
    return {};
}

ErrorOr<void> umount(Mount& mount, bool detach, u32 expected_references, Vector<RefPtr<Mount>>& removed)
{
    if (!detach && (!mount.children.is_empty() || mount.ref_count() > expected_references))
        return Error::from_errno(abi::EBUSY);
    Vector<Mount*> copies;
    if (Mount* parent = mount.parent) {
        Vector<Receiver> receivers = TRY(receivers_of(*parent));
        for (Receiver& receiver : receivers) {
            Mount* copy = mounts::mounted_on(*receiver.mount, *mount.mountpoint);
            // Only a copy of this very mount, and only if nothing uses it:
            // the parent's reference is its only one.
            if (copy && copy->root() == mount.root() && copy->children.is_empty() && copy->ref_count() == 1)
                TRY(copies.try_append(copy));
        }
    }
    TRY(removed.try_reserve(removed.size() + copies.size() + 1));
    MUST_SUCCEED(removed.try_append(mounts::detach(mount)));
    for (Mount* copy : copies)
        MUST_SUCCEED(removed.try_append(mounts::detach(*copy)));
    return {};
}

} // namespace propagation
