#include <kernel/abi/errno.h>
#include <kernel/fs/proc/node.h>
#include <kernel/task/task.h>
#include <libk/string.h>

namespace procfs {

namespace {

class ProcFs final : public FileSystem {
public:
    const char* type() const override { return "proc"; }
    FsUsage usage() const override
    {
        FsUsage u;
        u.magic = fs_magic::PROC;
        return u;
    }
};

RefPtr<FileSystem> the_file_system; // made at boot, lives for ever

} // namespace

ErrorOr<void> make_file_system()
{
    the_file_system = TRY(try_make_ref_counted<ProcFs>());
    return {};
}

FileSystem& file_system() { return *the_file_system; }

void Node::place(RefPtr<Inode> parent, const char* name, u32 node_mode, u32 number, u32 owner, u32 group)
{
    m_parent = libk::move(parent);
    libk::strlcpy(m_name, name, sizeof(m_name));
    fs = RefPtr<FileSystem>(file_system());
    mode = node_mode;
    ino = number;
    uid = owner;
    gid = group;
    nlink = is_directory() ? 2 : 1;
    atime = mtime = ctime = Timespec::now();
}

ErrorOr<usize> Node::name_in_parent(char* buffer, usize size)
{
    if (!m_parent)
        return Error::from_errno(abi::ENOENT);
    usize length = libk::strlen(m_name);
    if (length > size)
        return Error::from_errno(abi::ERANGE);
    libk::memcpy(buffer, m_name, length);
    return length;
}

ErrorOr<usize> TextFile::read(u64 offset, const IoBuffer& buffer, usize length)
{
    Text text;
    TRY(generate(text));
    TRY(text.error());
    if (offset >= text.size())
        return 0;
    usize n = libk::min<usize>(length, text.size() - static_cast<usize>(offset));
    TRY(buffer.write(0, text.data() + offset, n));
    return n;
}

ErrorOr<usize> TextFile::write(u64 offset, const IoBuffer& buffer, usize length)
{
    if (!(mode & 0222))
        return Error::from_errno(abi::EIO); // no write operation (see store)
    char value[128];
    if (offset != 0 || length >= sizeof(value))
        return Error::from_errno(abi::EINVAL);
    TRY(buffer.read(0, value, length));
    TRY(store(value, length));
    return length;
}

ErrorOr<usize> Link::read_link(char* buffer, usize size)
{
    Text text;
    TRY(target(text));
    TRY(text.error());
    usize n = libk::min(size, text.size());
    libk::memcpy(buffer, text.data(), n);
    return n;
}

ErrorOr<RefPtr<Inode>> TableDirectory::lookup(const char* name, usize length)
{
    for (usize i = 0; i < m_count; ++i) {
        const Entry& entry = m_entries[i];
        if (libk::strlen(entry.name) == length && !libk::memcmp(entry.name, name, length))
            return entry.make(RefPtr<Inode>(this), entry, m_base + static_cast<u32>(i), m_key);
    }
    return Error::from_errno(abi::ENOENT);
}

ErrorOr<void> TableDirectory::list(u64 position, ListCallback callback, void* context)
{
    for (usize i = position; i < m_count; ++i) {
        const Entry& entry = m_entries[i];
        DirectoryEntry e { entry.name, libk::strlen(entry.name), m_base + static_cast<u32>(i), entry.mode, i + 1 };
        if (!callback(e, context))
            break;
    }
    return {};
}

bool may_inspect(const Task& task)
{
    const Credentials& me = current()->credentials;
    return me.euid == 0 || (me.euid == task.credentials.uid && me.euid == task.credentials.euid);
}

} // namespace procfs
