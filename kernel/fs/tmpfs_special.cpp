// tmpfs's special files, made by mknod: named pipes (FIFOs), and sockets
// and device nodes, which are only names with a type.
#include <kernel/fs/tmpfs_node.h>

namespace tmpfs {

Fifo::~Fifo() { node::count_freed(*this); }

SpecialNode::~SpecialNode() { node::count_freed(*this); }

ErrorOr<RefPtr<Inode>> Directory::make_node(const char* name, usize length, u32 new_mode, u32 rdev, u32 uid, u32 gid)
{
    RefPtr<Inode> inode;
    switch (new_mode & mode::TYPE_MASK) {
    case mode::FIFO:
        inode = TRY(node::make<Fifo>(*fs, new_mode, uid, gid));
        break;
    case mode::SOCKET:
    case mode::CHARACTER:
    case mode::BLOCK:
        inode = TRY(node::make<SpecialNode>(*fs, new_mode, uid, gid));
        inode->rdev = (new_mode & mode::TYPE_MASK) == mode::SOCKET ? 0 : rdev;
        break;
    default:
        return node::error(abi::EINVAL);
    }
    TRY(add(name, length, inode));
    return inode;
}

} // namespace tmpfs
