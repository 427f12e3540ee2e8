#include <kernel/abi/errno.h>
#include <kernel/fs/permission.h>

ErrorOr<void> check_access(const Inode& inode, u32 wanted, u32 uid, u32 gid)
{
    wanted &= 7;
    if (uid == 0) {
        bool executable = inode.is_directory() || (inode.mode & 0111);
        if (!(wanted & access::EXECUTE) || executable)
            return {};
        return Error::from_errno(abi::EACCES);
    }
    u32 bits = inode.uid == uid ? (inode.mode >> 6) : inode.gid == gid ? (inode.mode >> 3) : inode.mode;
    if ((bits & wanted) != wanted)
        return Error::from_errno(abi::EACCES);
    return {};
}

bool owns(const Inode& inode, const Credentials& who) { return who.fsuid == 0 || who.fsuid == inode.uid; }

ErrorOr<void> check_may_delete(const Inode& directory, const Inode& victim, const Credentials& who)
{
    TRY(check_access(directory, access::WRITE | access::EXECUTE, who));
    if ((directory.mode & mode::STICKY) && who.fsuid != 0 && who.fsuid != victim.uid && who.fsuid != directory.uid)
        return Error::from_errno(abi::EPERM);
    return {};
}
