#include <kernel/abi/errno.h>
#include <kernel/fs/tmpfs.h>
#include <kernel/mm/frames.h>
#include <kernel/mm/heap.h>
#include <libk/format.h>
#include <libk/string.h>
#include <new>

namespace tmpfs {

namespace {

u32 last_ino = 1;
u32 all_pages; // in every tmpfs; guarded like the counts of each

// Linux's largest file on i386 (MAX_LFS_FILESIZE): 2^32 pages.
constexpr u64 MAX_FILE_SIZE = 0xFFFFFFFFull * PAGE_SIZE;

Error error(int code) { return Error::from_errno(code); }

char* copy_name(const char* name, usize length)
{
    char* copy = static_cast<char*>(kmalloc(length + 1));
    if (copy) {
        libk::memcpy(copy, name, length);
        copy[length] = '\0';
    }
    return copy;
}

// A tmpfs node, counted in its file system until it dies.
ErrorOr<void> init_node(Inode& inode, FileSystem& fs, u32 mode, u32 uid, u32 gid)
{
    inode.fs = RefPtr<FileSystem>(fs);
    inode.mode = mode;
    inode.uid = uid;
    inode.gid = gid;
    inode.ino = next_ino();
    inode.atime = inode.mtime = inode.ctime = Timespec::now();
    static_cast<TmpFs&>(fs).inode_made();
    return {};
}

template<typename T>
ErrorOr<RefPtr<T>> make_node(FileSystem& fs, u32 mode, u32 uid, u32 gid)
{
    auto inode = TRY(try_make_ref_counted<T>());
    TRY(init_node(*inode, fs, mode, uid, gid));
    return inode;
}

void count_freed(Inode& inode)
{
    if (inode.fs)
        static_cast<TmpFs&>(*inode.fs).inode_freed();
}

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
        if (*p != '=')
            return error(abi::EINVAL);
        ++p;
        auto is = [&](const char* name) { return libk::strlen(name) == key_length && !libk::memcmp(key, name, key_length); };
        if (!parse_number(p, value, is("mode") ? 8 : 10))
            return error(abi::EINVAL);
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
        } else if (is("gid")) {
            options.root_gid = static_cast<u32>(value);
        } else {
            return error(abi::EINVAL);
        }
        if (*p == ',')
            ++p;
        else if (*p)
            return error(abi::EINVAL);
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
        return error(abi::ENOSPC);
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
    u64 bytes = options.max_bytes ? options.max_bytes : ram_bytes() / 2;
    u64 pages = (bytes + PAGE_SIZE - 1) / PAGE_SIZE;
    auto fs = TRY(try_make_ref_counted<TmpFs>(type, static_cast<u32>(libk::min<u64>(pages, 0xFFFFFFFFu))));
    auto root = TRY(make_node<Directory>(*fs, mode::DIRECTORY | options.root_mode, options.root_uid, options.root_gid));
    root->nlink = 2;
    return root;
}

// ---- File -------------------------------------------------------------------

namespace {

// A file's pages, counted against its tmpfs's size limit.
class FilePages final : public MemoryObject {
public:
    explicit FilePages(TmpFs& fs) : m_fs(fs) { }
    ~FilePages() override { release_all(); }

protected:
    ErrorOr<void> charge(u32 pages) override { return m_fs->charge(pages); }
    void uncharge(u32 pages) override { m_fs->uncharge(pages); }

private:
    RefPtr<TmpFs> m_fs; // a mapping may keep the pages after the file (and its mount) is gone
};

u32 pages_for(u64 size) { return static_cast<u32>((size + PAGE_SIZE - 1) / PAGE_SIZE); }

} // namespace

ErrorOr<RefPtr<File>> File::create(TmpFs& fs)
{
    auto file = TRY(try_make_ref_counted<File>());
    auto* pages = new (std::nothrow_t {}) FilePages(fs);
    if (!pages)
        return error(abi::ENOMEM);
    file->m_pages = adopt_ref(*static_cast<MemoryObject*>(pages));
    return file;
}

File::~File() { count_freed(*this); }

void File::set_size(u64 size)
{
    m_size = size;
    m_pages->set_page_count(pages_for(size));
}

ErrorOr<usize> File::read(u64 offset, const IoBuffer& buffer, usize length)
{
    if (offset >= m_size)
        return 0;
    length = static_cast<usize>(libk::min<u64>(length, m_size - offset));
    usize done = 0;
    while (done < length) {
        u32 index = static_cast<u32>((offset + done) / PAGE_SIZE);
        usize in_page = static_cast<usize>((offset + done) % PAGE_SIZE);
        usize chunk = libk::min<usize>(length - done, PAGE_SIZE - in_page);
        if (PhysAddr page = m_pages->page_if_present(index)) {
            TRY(buffer.write(done, static_cast<u8*>(phys_to_virt(page)) + in_page, chunk));
        } else {
            static const u8 zeros[256] = {}; // a hole
            for (usize z = 0; z < chunk; z += sizeof(zeros))
                TRY(buffer.write(done + z, zeros, libk::min<usize>(sizeof(zeros), chunk - z)));
        }
        done += chunk;
    }
    return done;
}

ErrorOr<usize> File::write(u64 offset, const IoBuffer& buffer, usize length)
{
    if (length == 0)
        return 0;
    if (offset + length > MAX_FILE_SIZE)
        return error(abi::EFBIG);
    usize done = 0;
    while (done < length) {
        u32 index = static_cast<u32>((offset + done) / PAGE_SIZE);
        usize in_page = static_cast<usize>((offset + done) % PAGE_SIZE);
        usize chunk = libk::min<usize>(length - done, PAGE_SIZE - in_page);
        auto page = m_pages->page(index);
        auto copied = page.is_error() ? ErrorOr<void>(page.release_error())
                                      : buffer.read(done, static_cast<u8*>(phys_to_virt(page.value())) + in_page, chunk);
        if (copied.is_error()) {
            if (!done)
                return copied.release_error();
            break; // a short write: what was written stays
        }
        done += chunk;
    }
    if (offset + done > m_size)
        set_size(offset + done);
    touch_modified();
    return done;
}

ErrorOr<void> File::truncate(u64 size)
{
    if (size > MAX_FILE_SIZE)
        return error(abi::EFBIG);
    if (size < m_size) {
        m_pages->discard_from(pages_for(size));
        // The tail of the last page must read as zeros if the file grows again.
        if (PhysAddr last = size % PAGE_SIZE ? m_pages->page_if_present(static_cast<u32>(size / PAGE_SIZE)) : 0) {
            usize keep = static_cast<usize>(size % PAGE_SIZE);
            libk::memset(static_cast<u8*>(phys_to_virt(last)) + keep, 0, PAGE_SIZE - keep);
        }
    }
    set_size(size);
    touch_modified();
    return {};
}

ErrorOr<void> File::allocate(u64 offset, u64 length, bool keep_size)
{
    u64 end = offset + length;
    if (end > MAX_FILE_SIZE)
        return error(abi::EFBIG);
    for (u64 index = offset / PAGE_SIZE; index < pages_for(end); ++index)
        TRY(m_pages->page(static_cast<u32>(index)));
    if (end > m_size && !keep_size)
        set_size(end);
    touch_changed();
    return {};
}

// ---- Symlink ------------------------------------------------------------------

Symlink::~Symlink()
{
    kfree(m_target);
    count_freed(*this);
}

ErrorOr<usize> Symlink::read_link(char* buffer, usize size)
{
    usize length = libk::min(size, m_length);
    libk::memcpy(buffer, m_target, length);
    return length;
}

ErrorOr<void> Symlink::set_target(const char* target, usize length)
{
    char* copy = copy_name(target, length);
    if (!copy)
        return error(abi::ENOMEM);
    kfree(m_target);
    m_target = copy;
    m_length = length;
    return {};
}

// ---- Directory ------------------------------------------------------------------

Directory::~Directory()
{
    for (Entry& entry : m_entries) {
        if (entry.inode->parent_directory == this)
            entry.inode->parent_directory = nullptr;
        kfree(entry.name);
    }
    count_freed(*this);
}

Directory::Entry* Directory::find(const char* name, usize length)
{
    for (Entry& entry : m_entries) {
        if (entry.length == length && libk::memcmp(entry.name, name, length) == 0)
            return &entry;
    }
    return nullptr;
}

ErrorOr<RefPtr<Inode>> Directory::lookup(const char* name, usize length)
{
    Entry* entry = find(name, length);
    if (!entry)
        return error(abi::ENOENT);
    return entry->inode;
}

ErrorOr<void> Directory::list(u64 position, ListCallback callback, void* context)
{
    for (Entry& entry : m_entries) {
        if (entry.position < position)
            continue;
        DirectoryEntry e { entry.name, entry.length, entry.inode->ino, entry.inode->mode, entry.position + 1 };
        if (!callback(e, context))
            break;
    }
    return {};
}

ErrorOr<usize> Directory::name_of(const Inode& child, char* buffer, usize size)
{
    for (Entry& entry : m_entries) {
        if (entry.inode.ptr() == &child) {
            if (entry.length > size)
                return error(abi::ERANGE);
            libk::memcpy(buffer, entry.name, entry.length);
            return entry.length;
        }
    }
    return error(abi::ENOENT);
}

ErrorOr<void> Directory::add_entry(const char* name, usize length, RefPtr<Inode> inode)
{
    if (find(name, length))
        return error(abi::EEXIST);
    char* copy = copy_name(name, length);
    if (!copy)
        return error(abi::ENOMEM);
    Inode* raw = inode.ptr();
    auto appended = m_entries.try_append(Entry { copy, length, m_next_position, libk::move(inode) });
    if (appended.is_error()) {
        kfree(copy);
        return appended.release_error();
    }
    ++m_next_position;
    if (!raw->parent_directory)
        raw->parent_directory = this;
    touch_modified();
    return {};
}

RefPtr<Inode> Directory::remove_entry(usize index)
{
    RefPtr<Inode> inode = libk::move(m_entries[index].inode);
    kfree(m_entries[index].name);
    m_entries.remove(index);
    if (inode->parent_directory == this) {
        bool still_here = false;
        for (Entry& entry : m_entries)
            still_here |= entry.inode == inode;
        if (!still_here)
            inode->parent_directory = nullptr;
    }
    touch_modified();
    return inode;
}

ErrorOr<RefPtr<Inode>> Directory::create_file(const char* name, usize length, u32 new_mode, u32 uid, u32 gid)
{
    auto file = TRY(File::create(static_cast<TmpFs&>(*fs)));
    TRY(init_node(*file, *fs, mode::REGULAR | (new_mode & mode::PERMISSIONS), uid, gid));
    TRY(add_entry(name, length, file));
    return RefPtr<Inode>(file);
}

ErrorOr<RefPtr<Inode>> Directory::make_directory(const char* name, usize length, u32 new_mode, u32 uid, u32 gid)
{
    auto directory = TRY(make_node<Directory>(*fs, mode::DIRECTORY | (new_mode & mode::PERMISSIONS), uid, gid));
    directory->nlink = 2;
    TRY(add_entry(name, length, directory));
    ++nlink;
    return RefPtr<Inode>(directory);
}

ErrorOr<RefPtr<Inode>> Directory::make_symlink(const char* name, usize length, const char* target,
    usize target_length, u32 uid, u32 gid)
{
    auto link = TRY(make_node<Symlink>(*fs, mode::SYMLINK | 0777, uid, gid));
    TRY(link->set_target(target, target_length));
    TRY(add_entry(name, length, link));
    return RefPtr<Inode>(link);
}

ErrorOr<void> Directory::link(const char* name, usize length, Inode& target)
{
    TRY(add_entry(name, length, RefPtr<Inode>(target)));
    ++target.nlink;
    target.touch_changed();
    return {};
}

ErrorOr<void> Directory::unlink(const char* name, usize length)
{
    Entry* entry = find(name, length);
    if (!entry)
        return error(abi::ENOENT);
    if (entry->inode->is_directory())
        return error(abi::EISDIR);
    RefPtr<Inode> inode = remove_entry(static_cast<usize>(entry - m_entries.begin()));
    --inode->nlink;
    inode->touch_changed();
    return {};
}

ErrorOr<void> Directory::remove_directory(const char* name, usize length)
{
    Entry* entry = find(name, length);
    if (!entry)
        return error(abi::ENOENT);
    if (!entry->inode->is_directory())
        return error(abi::ENOTDIR);
    if (!entry->inode->is_empty_directory())
        return error(abi::ENOTEMPTY);
    RefPtr<Inode> inode = remove_entry(static_cast<usize>(entry - m_entries.begin()));
    inode->nlink = 0; // a removed directory: getcwd in it says ENOENT
    --nlink;
    return {};
}

ErrorOr<void> Directory::add(const char* name, usize length, RefPtr<Inode> inode)
{
    return add_entry(name, length, libk::move(inode));
}

// The VFS has checked the types (a directory replaces only an empty
// directory, a non-directory only a non-directory) and that the move does
// not put a directory inside itself. Every allocation comes first, so a
// failure changes nothing.
ErrorOr<void> Directory::rename(const char* name, usize length, Inode& new_parent, const char* new_name,
    usize new_length)
{
    auto& target = static_cast<Directory&>(new_parent);
    Entry* entry = find(name, length);
    if (!entry)
        return error(abi::ENOENT);
    Entry* replaced = target.find(new_name, new_length);
    if (replaced && replaced->inode == entry->inode)
        return {}; // two links to one inode: POSIX says do nothing
    char* copy = copy_name(new_name, new_length);
    if (!copy)
        return error(abi::ENOMEM);
    if (auto reserved = target.m_entries.try_reserve(target.m_entries.size() + 1); reserved.is_error()) {
        kfree(copy);
        return reserved.release_error();
    }

    if (replaced) {
        RefPtr<Inode> old = target.remove_entry(static_cast<usize>(replaced - target.m_entries.begin()));
        if (old->is_directory()) {
            old->nlink = 0;
            --target.nlink;
        } else {
            --old->nlink;
        }
        old->touch_changed();
        entry = find(name, length); // the removal may have moved it, if both are here
    }
    RefPtr<Inode> moving = libk::move(entry->inode);
    kfree(entry->name);
    m_entries.remove(static_cast<usize>(entry - m_entries.begin()));
    (void)target.m_entries.try_append(Entry { copy, new_length, target.m_next_position++, moving });
    if (moving->parent_directory == this)
        moving->parent_directory = &target;
    if (moving->is_directory() && &target != this) {
        --nlink;
        ++target.nlink;
    }
    moving->touch_changed();
    touch_modified();
    target.touch_modified();
    return {};
}

} // namespace tmpfs
