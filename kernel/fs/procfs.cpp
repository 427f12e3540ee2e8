#include <kernel/abi/errno.h>
#include <kernel/fs/procfs.h>

namespace procfs {

ErrorOr<RefPtr<Inode>> root() { return Error::from_errno(abi::ENODEV); }

} // namespace procfs
