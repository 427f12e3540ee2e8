// Self-tests of mount namespaces: dup_namespace copies a whole tree that
// then lives on its own, shared mounts keep propagating between the copy
// and the original, and move_to_namespace moves a task's root and cwd.
#include <kernel/fs/fs_context.h>
#include <kernel/fs/mount_namespace.h>
#include <kernel/fs/propagation.h>
#include <kernel/fs/tmpfs.h>
#include <kernel/selftest/selftest.h>

namespace {

// A namespace whose root is a tmpfs with directories "a" and "b", and a
// second tmpfs mounted on "a".
struct Fixture {
    RefPtr<Inode> root;
    RefPtr<Inode> a, b;
    RefPtr<Mount> root_mount, a_mount;
    RefPtr<MountNamespace> ns;

    bool make(bool shared)
    {
        auto r = tmpfs::create({});
        auto other = tmpfs::create({});
        if (r.is_error() || other.is_error())
            return false;
        root = r.release_value();
        auto made_a = root->make_directory("a", 1, 0755, 0, 0);
        auto made_b = root->make_directory("b", 1, 0755, 0, 0);
        auto m1 = Mount::create(root, 0, "one");
        auto m2 = Mount::create(other.release_value(), 0, "two");
        if (made_a.is_error() || made_b.is_error() || m1.is_error() || m2.is_error())
            return false;
        a = made_a.release_value();
        b = made_b.release_value();
        root_mount = m1.release_value();
        a_mount = m2.release_value();
        auto created = MountNamespace::create(root_mount);
        if (created.is_error())
            return false;
        ns = created.release_value();
        SpinLockGuard guard(mounts_lock());
        if (shared)
            propagation::change_type(*root_mount, mount_flags::SHARED);
        return !mounts::attach(*root_mount, a, a_mount).is_error();
    }
};

usize children_of(const RefPtr<Mount>& mount)
{
    SpinLockGuard guard(mounts_lock());
    return mount->children.size();
}

} // namespace

SELFTEST(mount_namespace, the_copy_has_the_same_tree_and_lives_on_its_own)
{
    Fixture f;
    EXPECT(f.make(false));
    auto copied = dup_namespace(*f.ns);
    EXPECT(!copied.is_error());
    if (copied.is_error())
        return;
    RefPtr<MountNamespace> copy = copied.release_value();
    RefPtr<Mount> copy_root = copy->root();
    EXPECT(copy_root != f.root_mount);
    EXPECT(copy_root->root() == f.root);
    EXPECT(copy->inode_number() != f.ns->inode_number());
    EXPECT_EQ(children_of(copy_root), 1u);
    {
        SpinLockGuard guard(mounts_lock());
        Mount& a_copy = *copy_root->children[0];
        EXPECT(&a_copy != f.a_mount.ptr());
        EXPECT(a_copy.mountpoint == f.a);
        EXPECT(a_copy.root() == f.a_mount->root());
        EXPECT(a_copy.ns == copy.ptr());
        EXPECT(f.a_mount->ns == f.ns.ptr());
        EXPECT_EQ(f.a->mount_count, 2u); // one mount in each namespace
    }
    // A private tree: a mount in the original stays there.
    Vector<RefPtr<Mount>> made;
    auto extra = Mount::create(f.a_mount->root(), 0, "three");
    EXPECT(!extra.is_error());
    {
        SpinLockGuard guard(mounts_lock());
        EXPECT(!propagation::graft(*f.root_mount, f.b, extra.value(), made).is_error());
    }
    EXPECT_EQ(children_of(f.root_mount), 2u);
    EXPECT_EQ(children_of(copy_root), 1u);
}

SELFTEST(mount_namespace, shared_mounts_propagate_both_ways)
{
    Fixture f;
    EXPECT(f.make(true));
    auto copied = dup_namespace(*f.ns);
    EXPECT(!copied.is_error());
    if (copied.is_error())
        return;
    RefPtr<MountNamespace> copy = copied.release_value();
    RefPtr<Mount> copy_root = copy->root();
    {
        SpinLockGuard guard(mounts_lock());
        EXPECT(copy_root->group != 0 && copy_root->group == f.root_mount->group);
    }
    // Mounted in the copy, it appears in the original.
    Vector<RefPtr<Mount>> made, removed;
    auto extra = Mount::create(f.a_mount->root(), 0, "three");
    EXPECT(!extra.is_error());
    {
        SpinLockGuard guard(mounts_lock());
        EXPECT(!propagation::graft(*copy_root, f.b, extra.value(), made).is_error());
        Mount* there = mounts::mounted_on(*f.root_mount, *f.b);
        EXPECT(there != nullptr);
        EXPECT(there && there->root() == f.a_mount->root() && there->group == extra.value()->group);
    }
    EXPECT_EQ(children_of(f.root_mount), 2u);
    made.clear(); // as the system call does: only the trees hold the mounts now
    // And an umount in the copy takes it away from both.
    {
        SpinLockGuard guard(mounts_lock());
        EXPECT(!propagation::umount(*extra.value(), false, 2, removed).is_error());
        EXPECT(mounts::mounted_on(*f.root_mount, *f.b) == nullptr);
    }
    EXPECT_EQ(children_of(f.root_mount), 1u);
    EXPECT_EQ(children_of(copy_root), 1u);
}

SELFTEST(mount_namespace, move_to_namespace_moves_root_and_cwd)
{
    Fixture f;
    EXPECT(f.make(false));
    auto context = FsContext::create(Path { f.root_mount, f.root });
    auto copied = dup_namespace(*f.ns);
    EXPECT(!context.is_error() && !copied.is_error());
    if (context.is_error() || copied.is_error())
        return;
    RefPtr<FsContext> fs = context.release_value();
    fs->set_cwd(Path { f.a_mount, f.a_mount->root() });
    RefPtr<MountNamespace> copy = copied.release_value();
    move_to_namespace(*fs, *f.ns, *copy);
    RefPtr<Mount> copy_root = copy->root();
    EXPECT(fs->root().mount == copy_root);
    EXPECT(fs->root().inode == f.root);
    SpinLockGuard guard(mounts_lock());
    EXPECT(fs->cwd().mount.ptr() == copy_root->children[0].ptr());
    EXPECT(fs->cwd().inode == f.a_mount->root());
}
