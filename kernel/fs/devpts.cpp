#include <kernel/fs/devpts.h>
#include <kernel/task/task.h>
#include <kernel/tty/pty.h>
#include <libk/format.h>
#include <libk/string.h>

namespace {

constexpr u32 DEVPTS_SUPER_MAGIC = 0x1cd1;
// Inode numbers as Linux gives them: the root 1, ptmx 2, slave N N+3.
constexpr u32 ROOT_INO = 1, PTMX_INO = 2, FIRST_SLAVE_INO = 3;

struct Options {
    u32 mode = 0600;
    u32 ptmx_mode = 0;
    bool set_uid = false, set_gid = false;
    u32 uid = 0, gid = 0;
    u32 max = devpts::MAX_PTYS;
};

class DevPts final : public FileSystem {
public:
    const char* type() const override { return "devpts"; }
    FsUsage usage() const override
    {
        FsUsage u;
        u.magic = DEVPTS_SUPER_MAGIC;
        return u;
    }
    usize show_options(char* buffer, usize size) const override;

    Options options;
};

// The root directory: "ptmx" and a number for each live slave.
class Root final : public Inode {
public:
    ErrorOr<RefPtr<Inode>> lookup(const char* name, usize length) override;
    ErrorOr<void> list(u64 position, ListCallback, void* context) override;
    ErrorOr<usize> name_of(const Inode& child, char* buffer, usize size) override;
};

// All set once at boot, then guarded by the kernel not being preemptible.
RefPtr<DevPts> the_file_system;
RefPtr<Root> the_root;
RefPtr<Inode> the_ptmx;
bool index_used[devpts::MAX_PTYS];
RefPtr<Inode> slaves[devpts::MAX_PTYS]; // the names /dev/pts/N

usize DevPts::show_options(char* buffer, usize size) const
{
    int n = 0;
    auto add = [&](const char* format, u32 value) {
        if (n >= 0 && static_cast<usize>(n) < size)
            n += libk::snprintf(buffer + n, size - static_cast<usize>(n), format, value);
    };
    if (options.set_uid)
        add("uid=%u,", options.uid);
    if (options.set_gid)
        add("gid=%u,", options.gid);
    add("mode=%03o", options.mode);
    add(",ptmxmode=%03o", options.ptmx_mode);
    if (options.max != devpts::MAX_PTYS)
        add(",max=%u", options.max);
    return n < 0 ? 0 : libk::min(static_cast<usize>(n), size ? size - 1 : 0);
}

// A decimal number that names a slave: no sign, no leading zero.
bool parse_index(const char* name, usize length, u32& index)
{
    if (length == 0 || length > 3 || (name[0] == '0' && length > 1))
        return false;
    index = 0;
    for (usize i = 0; i < length; ++i) {
        if (name[i] < '0' || name[i] > '9')
            return false;
        index = index * 10 + static_cast<u32>(name[i] - '0');
    }
    return index < devpts::MAX_PTYS;
}

ErrorOr<RefPtr<Inode>> Root::lookup(const char* name, usize length)
{
    if (length == 4 && !libk::memcmp(name, "ptmx", 4))
        return the_ptmx;
    u32 index;
    if (parse_index(name, length, index) && slaves[index])
        return slaves[index];
    return Error::from_errno(abi::ENOENT);
}

// Position 0 is ptmx, position N + 1 slave N.
ErrorOr<void> Root::list(u64 position, ListCallback callback, void* context)
{
    if (position == 0) {
        if (!callback(DirectoryEntry { "ptmx", 4, PTMX_INO, the_ptmx->mode, 1 }, context))
            return {};
        position = 1;
    }
    for (u32 index = static_cast<u32>(position - 1); index < devpts::MAX_PTYS; ++index) {
        if (!slaves[index])
            continue;
        char name[8];
        int length = libk::snprintf(name, sizeof(name), "%u", index);
        DirectoryEntry entry { name, static_cast<usize>(length), slaves[index]->ino, slaves[index]->mode, index + 2u };
        if (!callback(entry, context))
            break;
    }
    return {};
}

ErrorOr<usize> Root::name_of(const Inode& child, char* buffer, usize size)
{
    char name[8];
    int length = child.ino == PTMX_INO ? libk::snprintf(name, sizeof(name), "ptmx")
                                       : libk::snprintf(name, sizeof(name), "%u", child.ino - FIRST_SLAVE_INO);
    if (static_cast<usize>(length) > size)
        return Error::from_errno(abi::ERANGE);
    libk::memcpy(buffer, name, static_cast<usize>(length));
    return static_cast<usize>(length);
}

bool parse_octal_or_decimal(const char*& p, u32 base, u32& value)
{
    const char* start = p;
    value = 0;
    while (*p >= '0' && *p < static_cast<char>('0' + base) && *p <= '9') {
        value = value * base + static_cast<u32>(*p - '0');
        ++p;
    }
    return p != start && (*p == ',' || !*p);
}

} // namespace

namespace devpts {

ErrorOr<void> init()
{
    the_file_system = TRY(try_make_ref_counted<DevPts>());
    the_root = TRY(try_make_ref_counted<Root>());
    the_root->fs = RefPtr<FileSystem>(the_file_system);
    the_root->ino = ROOT_INO;
    the_root->mode = mode::DIRECTORY | 0755;
    the_root->nlink = 2;
    the_root->atime = the_root->mtime = the_root->ctime = Timespec::now();
    the_ptmx = TRY(pty::create_master_device(0));
    the_ptmx->fs = RefPtr<FileSystem>(the_file_system);
    the_ptmx->ino = PTMX_INO;
    the_ptmx->parent_directory = the_root.ptr();
    the_ptmx->atime = the_ptmx->mtime = the_ptmx->ctime = Timespec::now();
    return {};
}

RefPtr<Inode> root() { return the_root; }
FileSystem& file_system() { return *the_file_system; }

ErrorOr<void> configure(const char* data)
{
    if (!data || !*data)
        return {};
    Options options;
    for (const char* p = data; *p;) {
        const char* key = p;
        while (*p && *p != '=' && *p != ',')
            ++p;
        usize length = static_cast<usize>(p - key);
        auto is = [&](const char* name) { return libk::strlen(name) == length && !libk::memcmp(key, name, length); };
        if (is("newinstance")) {
            // Every mount is the same devpts here.
        } else {
            u32 value;
            if (*p != '=')
                return Error::from_errno(abi::EINVAL);
            ++p;
            bool octal = is("mode") || is("ptmxmode");
            if (!parse_octal_or_decimal(p, octal ? 8 : 10, value))
                return Error::from_errno(abi::EINVAL);
            if (is("mode"))
                options.mode = value & 0777;
            else if (is("ptmxmode"))
                options.ptmx_mode = value & 0777;
            else if (is("uid"))
                options.set_uid = true, options.uid = value;
            else if (is("gid"))
                options.set_gid = true, options.gid = value;
            else if (is("max"))
                options.max = libk::min(value, MAX_PTYS);
            else
                return Error::from_errno(abi::EINVAL);
        }
        if (*p == ',')
            ++p;
    }
    the_file_system->options = options;
    the_ptmx->mode = mode::CHARACTER | options.ptmx_mode;
    return {};
}

ErrorOr<u32> allocate_index()
{
    for (u32 index = 0; index < the_file_system->options.max; ++index) {
        if (!index_used[index]) {
            index_used[index] = true;
            return index;
        }
    }
    return Error::from_errno(abi::ENOSPC);
}

void free_index(u32 index) { index_used[index] = false; }

void add(u32 index, Inode& node)
{
    const Options& options = the_file_system->options;
    const Credentials& me = current()->credentials;
    node.fs = RefPtr<FileSystem>(the_file_system);
    node.ino = FIRST_SLAVE_INO + index;
    node.mode = mode::CHARACTER | options.mode;
    node.uid = options.set_uid ? options.uid : me.fsuid;
    node.gid = options.set_gid ? options.gid : me.fsgid;
    node.atime = node.mtime = node.ctime = Timespec::now();
    node.parent_directory = the_root.ptr();
    slaves[index] = RefPtr<Inode>(node);
    the_root->touch_modified();
}

RefPtr<Inode> slave(u32 index) { return index < MAX_PTYS ? slaves[index] : RefPtr<Inode>(); }

void remove(u32 index)
{
    if (!slaves[index])
        return;
    slaves[index]->parent_directory = nullptr;
    slaves[index]->nlink = 0;
    slaves[index] = nullptr;
    the_root->touch_modified();
}

} // namespace devpts
