// tmpfs, the file system: its options, its size limit, and new instances.
#include <kernel/abi/errno.h>
#include <kernel/console/console.h>
#include <kernel/console/kernel_log.h>
#include <kernel/fs/tmpfs_node.h>
#include <kernel/mm/frames.h>
#include <kernel/mm/heap.h>
#include <libk/format.h>
#include <libk/string.h>

namespace tmpfs {

namespace {

u32 last_ino = 1; // guarded by the kernel not being preemptible
u32 all_pages;    // in every tmpfs; guarded like the counts of each

bool parse_number(const char*& p, u64& value, u32 base)
{
    const char* start = p;
    value = 0;
    for (;; ++p) {
        u32 digit;
        if (*p >= '0' && *p <= '9')
            digit = static_cast<u32>(*p - '0');
        else
            break;
        if (digit >= base || value > (~0ull - digit) / base)
            return false;
        value = value * base + digit;
    }
    return p != start;
}

u64 ram_bytes() { return static_cast<u64>(frames::stats().total) * PAGE_SIZE; }

} // namespace

u32 next_ino() { return ++last_ino; }
u32 pages_in_use() { return all_pages; }

namespace node {

char* copy_name(const char* name, usize length)
{
    char* copy = static_cast<char*>(kmalloc(length + 1));
    if (copy) {
        libk::memcpy(copy, name, length);
        copy[length] = '\0';
    }
    return copy;
}

void init(Inode& inode, FileSystem& fs, u32 mode, u32 uid, u32 gid)
{
    inode.fs = RefPtr<FileSystem>(fs);
    inode.mode = mode;
    inode.uid = uid;
    inode.gid = gid;
    inode.ino = next_ino();
    inode.atime = inode.mtime = inode.ctime = Timespec::now();
    static_cast<TmpFs&>(fs).inode_made();
}

void count_freed(Inode& inode)
{
    if (inode.fs)
        static_cast<TmpFs&>(*inode.fs).inode_freed();
}

} // namespace node

// ---- the file system --------------------------------------------------------------

ErrorOr<Options> parse_options(const char* data)
{
    Options options;
    const char* p = data ? data : "";
    while (*p) {
        const char* key = p;
        while (*p && *p != '=' && *p != ',')
            ++p;
        usize key_length = static_cast<usize>(p - key);
        u64 value = 0;
        auto is = [&](const char* name) { return libk::strlen(name) == key_length && !libk::memcmp(key, name, key_length); };
        // As Linux, a refused option is explained in the kernel log
        // (dmesg), since EINVAL alone does not say which one it was.
        if (!is("size") && !is("mode") && !is("uid") && !is("gid")) {
            kprintf(KERN_ERR "tmpfs: Unknown parameter '%.*s'\n", static_cast<int>(key_length), key);
            return node::error(abi::EINVAL);
        }
        auto bad_value = [&] {
            kprintf(KERN_ERR "tmpfs: Bad value for '%.*s'\n", static_cast<int>(key_length), key);
            return node::error(abi::EINVAL);
        };
        if (*p != '=')
            return bad_value();
        ++p;
        if (!parse_number(p, value, is("mode") ? 8 : 10))
            return bad_value();
        if (is("size")) {
            switch (*p) {
            case 'k': case 'K': value <<= 10, ++p; break;
            case 'm': case 'M': value <<= 20, ++p; break;
            case 'g': case 'G': value <<= 30, ++p; break;
            case '%': value = ram_bytes() * value / 100, ++p; break;
            default: break;
            }
            options.max_bytes = value ? value : ~0ull; // size=0: no limit, as Linux
        } else if (is("mode")) {
            options.root_mode = static_cast<u32>(value) & mode::PERMISSIONS;
        } else if (is("uid")) {
            options.root_uid = static_cast<u32>(value);
        } else {
            options.root_gid = static_cast<u32>(value);
        }
        if (*p == ',')
            ++p;
        else if (*p)
            return bad_value();
    }
    return options;
}

TmpFs::TmpFs(const char* type, u32 max_pages) : m_type(type), m_max_pages(max_pages) { }

FsUsage TmpFs::usage() const
{
    FsUsage u;
    u.magic = fs_magic::TMPFS;
    u.blocks = m_max_pages;
    u.free_blocks = m_max_pages - m_used_pages;
    // Linux's default inode limit: one per page of half the RAM.
    u.files = frames::stats().total / 2;
    u.free_files = u.files > m_inodes ? u.files - m_inodes : 0;
    return u;
}

usize TmpFs::show_options(char* buffer, usize size) const
{
    int n = libk::snprintf(buffer, size, "size=%uk", m_max_pages * (PAGE_SIZE / 1024));
    return n < 0 ? 0 : libk::min(static_cast<usize>(n), size ? size - 1 : 0);
}

ErrorOr<void> TmpFs::charge(u32 pages)
{
    if (pages > m_max_pages - m_used_pages)
        return node::error(abi::ENOSPC);
    m_used_pages += pages;
    all_pages += pages;
    return {};
}

void TmpFs::uncharge(u32 pages)
{
    m_used_pages -= pages;
    all_pages -= pages;
}

ErrorOr<RefPtr<Directory>> create(const Options& options, const char* type)
{
    // The default is Linux's: half of the RAM's pages, rounded down.
    u64 pages = options.max_bytes ? (options.max_bytes + PAGE_SIZE - 1) / PAGE_SIZE : frames::stats().total / 2;
    auto fs = TRY(try_make_ref_counted<TmpFs>(type, static_cast<u32>(libk::min<u64>(pages, 0xFFFFFFFFu))));
    auto root = TRY(node::make<Directory>(*fs, mode::DIRECTORY | options.root_mode, options.root_uid, options.root_gid));
    root->nlink = 2;
    return root;
}

} // namespace tmpfs
