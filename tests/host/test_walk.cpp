// Path resolution (kernel/fs/walk.h) on a small tree in plain memory: the
// same algorithm the kernel runs on its mounts and inodes.
//
// The kernel's header comes first: its errno names (enum Errno) must
// be read before the host's <errno.h> turns ENOENT and friends into
// macros. The tests then compare with those host macros, which have the
// same (Linux) values. GoogleTest must not bring in <cxxabi.h>, whose
// `namespace abi` alias would clash with the kernel's namespace abi.
#include <kernel/fs/walk.h>

#define GTEST_HAS_CXXABI_H_ 0
#include <gtest/gtest.h>

#include <cerrno>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace {

struct FakeNode {
    std::string name;
    bool directory = false;
    bool searchable = true;
    bool is_link = false;
    std::string link_text;
    FakeNode* jump = nullptr; // a "magic" link: goes here, whatever its text
    FakeNode* parent = nullptr;
    std::map<std::string, FakeNode*> children;
    FakeNode* mounted_here = nullptr; // the root of what is mounted on this directory
    FakeNode* mounted_on = nullptr;   // for such a root: the directory it covers
};

class FakeTree {
public:
    using Node = FakeNode*;
    struct Link {
        FakeNode* target;
        const char* path;
        FakeNode* const* jump() const { return target ? &target : nullptr; }
        const char* text() const { return path; }
    };

    FakeTree()
    {
        m_root = make("/", true, nullptr);
        m_chroot = m_root;
    }

    FakeNode* make(const std::string& name, bool directory, FakeNode* parent)
    {
        m_nodes.push_back(std::make_unique<FakeNode>());
        FakeNode* node = m_nodes.back().get();
        node->name = name;
        node->directory = directory;
        node->parent = parent;
        if (parent)
            parent->children[name] = node;
        return node;
    }
    FakeNode* dir(FakeNode* parent, const std::string& name) { return make(name, true, parent); }
    FakeNode* file(FakeNode* parent, const std::string& name) { return make(name, false, parent); }
    FakeNode* link(FakeNode* parent, const std::string& name, const std::string& text)
    {
        FakeNode* node = make(name, false, parent);
        node->is_link = true;
        node->link_text = text;
        return node;
    }
    // Mounts a new file system (a fresh root directory) on `on`.
    FakeNode* mount(FakeNode* on)
    {
        FakeNode* root = make("<mount root>", true, nullptr);
        root->mounted_on = on;
        on->mounted_here = root;
        return root;
    }

    FakeNode* top() const { return m_root; }
    void set_root(FakeNode* node) { m_chroot = node; }

    // The Tree interface of walk::Walker.
    Node root() { return m_chroot; }
    bool is_directory(const Node& node) { return node->directory; }
    bool is_symlink(const Node& node) { return node->is_link; }
    ErrorOr<void> may_search(const Node& node)
    {
        if (!node->searchable)
            return Error::from_errno(EACCES);
        return {};
    }
    ErrorOr<Node> child(const Node& directory, const char* name, usize length)
    {
        auto found = directory->children.find(std::string(name, length));
        if (found == directory->children.end())
            return Error::from_errno(ENOENT);
        FakeNode* node = found->second;
        while (node->mounted_here)
            node = node->mounted_here;
        return node;
    }
    Node parent(const Node& directory)
    {
        FakeNode* node = directory;
        while (node != m_chroot && node->mounted_on)
            node = node->mounted_on;
        if (node == m_chroot || !node->parent)
            return node;
        return node->parent;
    }
    ErrorOr<Link> read_link(const Node& node) { return Link { node->jump, node->link_text.c_str() }; }

private:
    std::vector<std::unique_ptr<FakeNode>> m_nodes;
    FakeNode* m_root;
    FakeNode* m_chroot;
};

class Walk : public ::testing::Test {
protected:
    void SetUp() override
    {
        etc = tree.dir(tree.top(), "etc");
        passwd = tree.file(etc, "passwd");
        usr = tree.dir(tree.top(), "usr");
        bin = tree.dir(usr, "bin");
        sh = tree.file(bin, "sh");
    }

    ErrorOr<FakeNode*> resolve(const char* path, bool follow = true, FakeNode* start = nullptr)
    {
        walk::Walker<FakeTree> walker(tree);
        return walker.resolve(start ? start : tree.top(), path, follow);
    }
    int error_of(const char* path, bool follow = true, FakeNode* start = nullptr)
    {
        auto result = resolve(path, follow, start);
        return result.is_error() ? result.error().code() : 0;
    }
    FakeNode* node_of(const char* path, bool follow = true, FakeNode* start = nullptr)
    {
        auto result = resolve(path, follow, start);
        return result.is_error() ? nullptr : result.value();
    }

    FakeTree tree;
    FakeNode *etc, *passwd, *usr, *bin, *sh;
};

TEST_F(Walk, AbsoluteAndRelativePaths)
{
    EXPECT_EQ(node_of("/etc/passwd"), passwd);
    EXPECT_EQ(node_of("bin/sh", true, usr), sh);
    EXPECT_EQ(node_of("/"), tree.top());
    EXPECT_EQ(node_of("///usr//bin///sh"), sh);
    EXPECT_EQ(node_of("/usr/bin/", true), bin);
}

TEST_F(Walk, DotAndDotDot)
{
    EXPECT_EQ(node_of("/usr/./bin/../bin/./sh"), sh);
    EXPECT_EQ(node_of(".", true, bin), bin);
    EXPECT_EQ(node_of("..", true, bin), usr);
    EXPECT_EQ(node_of("/.."), tree.top()) << "'..' of the root is the root";
    EXPECT_EQ(node_of("/../../etc/passwd"), passwd);
}

TEST_F(Walk, Errors)
{
    EXPECT_EQ(error_of(""), ENOENT);
    EXPECT_EQ(error_of("/nothing"), ENOENT);
    EXPECT_EQ(error_of("/nothing/passwd"), ENOENT);
    EXPECT_EQ(error_of("/etc/passwd/x"), ENOTDIR);
    EXPECT_EQ(error_of("/etc/passwd/"), ENOTDIR);
    EXPECT_EQ(error_of("/etc/passwd/."), ENOTDIR);
    EXPECT_EQ(error_of("/etc/passwd/.."), ENOTDIR);
    EXPECT_EQ(error_of("x", true, passwd), ENOTDIR) << "a relative path from a file";
    std::string long_name(256, 'a');
    EXPECT_EQ(error_of(("/" + long_name).c_str()), ENAMETOOLONG);
    EXPECT_EQ(error_of(("/" + long_name.substr(1)).c_str()), ENOENT) << "255 bytes is a legal name";
}

TEST_F(Walk, SearchPermission)
{
    etc->searchable = false;
    EXPECT_EQ(error_of("/etc/passwd"), EACCES);
    EXPECT_EQ(error_of("/etc/."), EACCES) << "'.' is looked up in the directory too";
    EXPECT_EQ(error_of("/etc/.."), EACCES);
    EXPECT_EQ(node_of("/etc"), etc) << "naming the directory itself needs no search permission in it";
}

TEST_F(Walk, SymbolicLinks)
{
    tree.link(tree.top(), "rel", "usr/bin");
    tree.link(usr, "abs", "/etc/passwd");
    tree.link(usr, "up", "../etc");
    tree.link(usr, "chain", "abs");
    tree.link(usr, "dangling", "nowhere");
    tree.link(usr, "empty", "");
    EXPECT_EQ(node_of("/rel/sh"), sh);
    EXPECT_EQ(node_of("/usr/abs"), passwd);
    EXPECT_EQ(node_of("/usr/up/passwd"), passwd) << "a relative target starts in the link's directory";
    EXPECT_EQ(node_of("/usr/chain"), passwd);
    EXPECT_EQ(error_of("/usr/dangling"), ENOENT);
    EXPECT_EQ(error_of("/usr/empty"), ENOENT);
    EXPECT_EQ(error_of("/usr/abs/"), ENOTDIR) << "a trailing slash follows the link, to a file";
}

TEST_F(Walk, LastLinkFollowedOnlyIfAsked)
{
    FakeNode* link = tree.link(usr, "abs", "/etc/passwd");
    FakeNode* dir_link = tree.link(tree.top(), "rel", "usr/bin");
    EXPECT_EQ(node_of("/usr/abs", false), link);
    EXPECT_EQ(node_of("/usr/abs", true), passwd);
    EXPECT_EQ(node_of("/rel", false), dir_link);
    EXPECT_EQ(node_of("/rel/", false), bin) << "a trailing slash means the directory the link names";
}

TEST_F(Walk, LinkLoopsEndWithEloop)
{
    tree.link(tree.top(), "a", "b");
    tree.link(tree.top(), "b", "a");
    tree.link(tree.top(), "self", "self/x");
    EXPECT_EQ(error_of("/a"), ELOOP);
    EXPECT_EQ(error_of("/self"), ELOOP);
}

TEST_F(Walk, FortyLinksAreAllowedFortyOneAreNot)
{
    // l0 -> l1 -> ... -> l39 -> /etc/passwd: 40 links.
    for (int i = 0; i < 41; ++i) {
        std::string target = i == 40 ? "/etc/passwd" : "l" + std::to_string(i + 1);
        tree.link(tree.top(), "l" + std::to_string(i), target);
    }
    EXPECT_EQ(node_of("/l1"), passwd);
    EXPECT_EQ(error_of("/l0"), ELOOP);
}

TEST_F(Walk, JumpLinks)
{
    FakeNode* magic = tree.link(tree.top(), "magic", "not a path at all");
    magic->jump = bin;
    EXPECT_EQ(node_of("/magic/sh"), sh);
    EXPECT_EQ(node_of("/magic", false), magic);
}

TEST_F(Walk, MountPointsAreCrossedBothWays)
{
    FakeNode* mnt = tree.dir(tree.top(), "mnt");
    FakeNode* covered = tree.file(mnt, "covered");
    (void)covered;
    FakeNode* root = tree.mount(mnt);
    FakeNode* inside = tree.file(root, "inside");
    EXPECT_EQ(node_of("/mnt"), root);
    EXPECT_EQ(node_of("/mnt/inside"), inside);
    EXPECT_EQ(error_of("/mnt/covered"), ENOENT) << "the mount hides what was there";
    EXPECT_EQ(node_of("/mnt/../etc/passwd"), passwd) << "'..' at a mount's root leaves the mount";
    FakeNode* top = tree.mount(root);
    EXPECT_EQ(node_of("/mnt"), top) << "the last mount on a directory wins";
    EXPECT_EQ(node_of("..", true, top), tree.top()) << "'..' leaves every mount stacked there";
}

TEST_F(Walk, ChangedRoot)
{
    tree.set_root(usr);
    EXPECT_EQ(node_of("/bin/sh"), sh);
    EXPECT_EQ(node_of("/../../bin"), bin) << "'..' never leaves the changed root";
    EXPECT_EQ(node_of("..", true, usr), usr);
    tree.link(bin, "out", "/../etc");
    EXPECT_EQ(error_of("/bin/out/passwd"), ENOENT) << "absolute link targets start at the changed root";
}

TEST_F(Walk, ParentOfTheLastName)
{
    walk::Walker<FakeTree> walker(tree);
    auto parent = walker.resolve_parent(tree.top(), "/usr/bin/new");
    ASSERT_FALSE(parent.is_error());
    EXPECT_EQ(parent.value().directory, bin);
    EXPECT_EQ(std::string(parent.value().name, parent.value().length), "new");
    EXPECT_EQ(parent.value().kind, walk::LastKind::Normal);
    EXPECT_FALSE(parent.value().trailing_slash);

    auto slash = walker.resolve_parent(tree.top(), "usr/newdir//");
    ASSERT_FALSE(slash.is_error());
    EXPECT_EQ(slash.value().directory, usr);
    EXPECT_EQ(std::string(slash.value().name, slash.value().length), "newdir");
    EXPECT_TRUE(slash.value().trailing_slash);

    EXPECT_EQ(walker.resolve_parent(tree.top(), "/usr/.").value().kind, walk::LastKind::Dot);
    EXPECT_EQ(walker.resolve_parent(tree.top(), "/usr/..").value().kind, walk::LastKind::DotDot);
    EXPECT_EQ(walker.resolve_parent(tree.top(), "//").value().kind, walk::LastKind::Root);

    tree.link(tree.top(), "rel", "usr/bin");
    auto through = walker.resolve_parent(tree.top(), "/rel/sh");
    ASSERT_FALSE(through.is_error());
    EXPECT_EQ(through.value().directory, bin) << "links before the last name are followed";
    tree.link(tree.top(), "last", "usr/bin");
    auto last = walker.resolve_parent(tree.top(), "/last");
    ASSERT_FALSE(last.is_error());
    EXPECT_EQ(last.value().directory, tree.top()) << "the last name itself is not followed";

    EXPECT_EQ(walker.resolve_parent(tree.top(), "/nothing/new").error().code(), ENOENT);
    EXPECT_EQ(walker.resolve_parent(tree.top(), "/etc/passwd/new").error().code(), ENOTDIR);
    EXPECT_EQ(walker.resolve_parent(tree.top(), "").error().code(), ENOENT);
}

} // namespace
