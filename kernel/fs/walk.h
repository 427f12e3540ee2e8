// Path resolution, the algorithm alone: how a path string becomes a
// position in a tree of directories, whatever the tree is made of.
//
// The kernel instantiates it with its mounts and inodes (vfs.cpp); the
// host tests (tests/host/test_walk.cpp) with a small tree in plain memory.
// A Tree provides:
//
//   using Node = ...;                  a position in the tree (copyable)
//   using Link = ...;                  what a symbolic link says: link.jump()
//                                      is a Node to go to directly (the
//                                      "magic" links of /proc), or null, and
//                                      then link.text() is the path it holds
//   Node root();                       where an absolute path starts
//   bool is_directory(const Node&);
//   bool is_symlink(const Node&);
//   ErrorOr<void> may_search(const Node& directory);  EACCES if not allowed
//   ErrorOr<Node> child(const Node& directory, const char* name, usize length);
//                                      a real name (never "." or ".."),
//                                      into whatever is mounted there
//   Node parent(const Node& directory);
//                                      "..": up, out of a mount at its root,
//                                      never above root()
//   ErrorOr<Link> read_link(const Node& link);
//
// As Linux: "." and ".." are names like any other, checked for search
// permission; a path with a trailing slash names a directory; at most
// MAX_LINKS symbolic links are followed in one resolution (then ELOOP);
// a component longer than NAME_MAX is ENAMETOOLONG.
#pragma once

#include <kernel/abi/errno.h>
#include <libk/error.h>
#include <libk/utility.h>

namespace walk {

constexpr usize NAME_MAX = 255;
constexpr u32 MAX_LINKS = 40;

// The last component, for calls that create or remove a name.
enum class LastKind : u8 {
    Normal,
    Dot,    // "."
    DotDot, // ".."
    Root,   // the path is "/" alone: there is no last name
};

template<typename Node>
struct Parent {
    Node directory;
    const char* name = nullptr; // points into the path
    usize length = 0;
    LastKind kind = LastKind::Normal;
    bool trailing_slash = false; // "name/": the caller wants a directory
};

template<typename Tree>
class Walker {
public:
    using Node = typename Tree::Node;

    explicit Walker(Tree& tree) : m_tree(tree) { }

    // The node `path` names, starting at `start` if it is relative. The
    // last component, if a symbolic link, is followed only if `follow_last`
    // (or if a slash follows it).
    ErrorOr<Node> resolve(Node start, const char* path, bool follow_last)
    {
        return walk(libk::move(start), path, follow_last, nullptr);
    }

    // All but the last component: the directory that holds (or would hold)
    // the last name, and that name.
    ErrorOr<Parent<Node>> resolve_parent(Node start, const char* path)
    {
        Parent<Node> parent;
        TRY(walk(libk::move(start), path, false, &parent));
        return parent;
    }

private:
    static bool is_dot(const char* name, usize length) { return length == 1 && name[0] == '.'; }
    static bool is_dot_dot(const char* name, usize length) { return length == 2 && name[0] == '.' && name[1] == '.'; }

    ErrorOr<Node> walk(Node current, const char* path, bool follow_last, Parent<Node>* parent)
    {
        if (!*path)
            return Error::from_errno(abi::ENOENT);
        if (*path == '/')
            current = m_tree.root();
        const char* p = path;
        for (;;) {
            while (*p == '/')
                ++p;
            if (!*p) { // nothing but slashes: the path names the root itself
                if (parent) {
                    parent->directory = current;
                    parent->kind = LastKind::Root;
                }
                return current;
            }
            const char* name = p;
            while (*p && *p != '/')
                ++p;
            usize length = static_cast<usize>(p - name);
            if (length > NAME_MAX)
                return Error::from_errno(abi::ENAMETOOLONG);
            bool slash_follows = *p == '/';
            while (*p == '/')
                ++p;
            bool is_last = !*p;

            if (!m_tree.is_directory(current))
                return Error::from_errno(abi::ENOTDIR);
            TRY(m_tree.may_search(current));
            if (is_last && parent) {
                parent->directory = libk::move(current);
                parent->name = name;
                parent->length = length;
                parent->kind = is_dot(name, length) ? LastKind::Dot
                    : is_dot_dot(name, length)      ? LastKind::DotDot
                                                    : LastKind::Normal;
                parent->trailing_slash = slash_follows;
                return parent->directory;
            }

            Node next;
            if (is_dot(name, length))
                next = current;
            else if (is_dot_dot(name, length))
                next = m_tree.parent(current);
            else
                next = TRY(m_tree.child(current, name, length));
            if (m_tree.is_symlink(next) && (!is_last || follow_last || slash_follows))
                next = TRY(follow(current, next));
            if (is_last) {
                if (slash_follows && !m_tree.is_directory(next))
                    return Error::from_errno(abi::ENOTDIR);
                return next;
            }
            current = libk::move(next);
        }
    }

    // Where the link `link`, found in `directory`, leads.
    ErrorOr<Node> follow(const Node& directory, const Node& link)
    {
        if (++m_links_followed > MAX_LINKS)
            return Error::from_errno(abi::ELOOP);
        auto target = TRY(m_tree.read_link(link));
        if (target.jump())
            return *target.jump();
        if (!*target.text())
            return Error::from_errno(abi::ENOENT);
        return walk(directory, target.text(), true, nullptr);
    }

    Tree& m_tree;
    u32 m_links_followed = 0;
};

} // namespace walk
