#include <kernel/abi/errno.h>
#include <kernel/fs/tmpfs.h>
#include <kernel/mm/frames.h>
#include <kernel/mm/heap.h>
#include <libk/string.h>

namespace tmpfs {

namespace {

u32 last_ino = 1;

char* copy_name(const char* name, usize length)
{
    char* copy = static_cast<char*>(kmalloc(length + 1));
    if (copy) {
        libk::memcpy(copy, name, length);
        copy[length] = '\0';
    }
    return copy;
}

template<typename T>
ErrorOr<RefPtr<T>> make_inode(u32 mode)
{
    auto inode = TRY(try_make_ref_counted<T>());
    inode->mode = mode;
    inode->ino = next_ino();
    return inode;
}

} // namespace

u32 next_ino() { return ++last_ino; }

ErrorOr<RefPtr<Directory>> create_root()
{
    auto root = TRY(make_inode<Directory>(mode::DIRECTORY | 0755));
    root->nlink = 2;
    root->m_parent = root.ptr();
    return root;
}

// ---- File -------------------------------------------------------------------

File::~File()
{
    for (PhysAddr page : m_pages) {
        if (page)
            frames::unref(page);
    }
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
        PhysAddr page = index < m_pages.size() ? m_pages[index] : 0;
        if (page) {
            TRY(buffer.write(done, static_cast<u8*>(phys_to_virt(page)) + in_page, chunk));
        } else {
            static const u8 zeros[256] = {};
            for (usize z = 0; z < chunk; z += sizeof(zeros))
                TRY(buffer.write(done + z, zeros, libk::min<usize>(sizeof(zeros), chunk - z)));
        }
        done += chunk;
    }
    return done;
}

ErrorOr<usize> File::write(u64 offset, const IoBuffer& buffer, usize length)
{
    u64 end = offset + length;
    u32 pages_needed = static_cast<u32>((end + PAGE_SIZE - 1) / PAGE_SIZE);
    if (pages_needed > m_pages.size())
        TRY(m_pages.try_resize(pages_needed));
    usize done = 0;
    while (done < length) {
        u32 index = static_cast<u32>((offset + done) / PAGE_SIZE);
        usize in_page = static_cast<usize>((offset + done) % PAGE_SIZE);
        usize chunk = libk::min<usize>(length - done, PAGE_SIZE - in_page);
        if (!m_pages[index]) {
            PhysAddr page = TRY(frames::allocate());
            libk::memset(phys_to_virt(page), 0, PAGE_SIZE);
            m_pages[index] = page;
        }
        TRY(buffer.read(done, static_cast<u8*>(phys_to_virt(m_pages[index])) + in_page, chunk));
        done += chunk;
    }
    if (end > m_size)
        m_size = end;
    return done;
}

ErrorOr<void> File::truncate(u64 size)
{
    u32 pages = static_cast<u32>((size + PAGE_SIZE - 1) / PAGE_SIZE);
    while (m_pages.size() > pages) {
        if (PhysAddr page = m_pages.take_last())
            frames::unref(page);
    }
    if (size % PAGE_SIZE && pages == m_pages.size() && m_pages[pages - 1]) {
        // The tail of the last page must read as zeros if the file grows again.
        usize keep = static_cast<usize>(size % PAGE_SIZE);
        libk::memset(static_cast<u8*>(phys_to_virt(m_pages[pages - 1])) + keep, 0, PAGE_SIZE - keep);
    }
    m_size = size;
    return {};
}

// ---- Symlink ------------------------------------------------------------------

Symlink::~Symlink() { kfree(m_target); }

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
        return Error::from_errno(abi::ENOMEM);
    kfree(m_target);
    m_target = copy;
    m_length = length;
    return {};
}

// ---- Directory ------------------------------------------------------------------

Directory::~Directory()
{
    for (Entry& entry : m_entries)
        kfree(entry.name);
}

ErrorOr<RefPtr<Inode>> Directory::lookup(const char* name, usize length)
{
    for (Entry& entry : m_entries) {
        if (entry.length == length && libk::memcmp(entry.name, name, length) == 0)
            return entry.inode;
    }
    return Error::from_errno(abi::ENOENT);
}

RefPtr<Inode> Directory::parent() { return RefPtr<Inode>(m_parent); }

ErrorOr<void> Directory::for_each_entry(bool (*callback)(const DirectoryEntry&, void*), void* context)
{
    for (Entry& entry : m_entries) {
        if (!callback(DirectoryEntry { entry.name, entry.length, entry.inode->ino, entry.inode->mode }, context))
            break;
    }
    return {};
}

ErrorOr<usize> Directory::name_in_parent(char* buffer, usize size)
{
    if (m_parent == this)
        return Error::from_errno(abi::ENOENT);
    for (Entry& entry : m_parent->m_entries) {
        if (entry.inode.ptr() == this) {
            if (entry.length > size)
                return Error::from_errno(abi::ERANGE);
            libk::memcpy(buffer, entry.name, entry.length);
            return entry.length;
        }
    }
    return Error::from_errno(abi::ENOENT);
}

ErrorOr<void> Directory::add_entry(const char* name, usize length, RefPtr<Inode> inode)
{
    if (length == 0 || (length == 1 && name[0] == '.') || (length == 2 && name[0] == '.' && name[1] == '.'))
        return Error::from_errno(abi::EEXIST);
    if (!lookup(name, length).is_error())
        return Error::from_errno(abi::EEXIST);
    char* copy = copy_name(name, length);
    if (!copy)
        return Error::from_errno(abi::ENOMEM);
    auto appended = m_entries.try_append(Entry { copy, length, libk::move(inode) });
    if (appended.is_error()) {
        kfree(copy);
        return appended.release_error();
    }
    return {};
}

ErrorOr<RefPtr<Directory>> Directory::create_directory(const char* name, usize length, u32 permissions)
{
    auto directory = TRY(make_inode<Directory>(mode::DIRECTORY | (permissions & 07777)));
    directory->nlink = 2;
    directory->m_parent = this;
    TRY(add_entry(name, length, directory));
    ++nlink;
    return directory;
}

ErrorOr<RefPtr<File>> Directory::create_file(const char* name, usize length, u32 permissions)
{
    auto file = TRY(make_inode<File>(mode::REGULAR | (permissions & 07777)));
    TRY(add_entry(name, length, file));
    return file;
}

ErrorOr<RefPtr<Symlink>> Directory::create_symlink(const char* name, usize length, const char* target, usize target_length)
{
    auto link = TRY(make_inode<Symlink>(mode::SYMLINK | 0777));
    TRY(link->set_target(target, target_length));
    TRY(add_entry(name, length, link));
    return link;
}

ErrorOr<RefPtr<Inode>> Directory::create(const char* name, usize length, u32 new_mode)
{
    if ((new_mode & mode::TYPE_MASK) == mode::DIRECTORY)
        return RefPtr<Inode>(TRY(create_directory(name, length, new_mode)));
    return RefPtr<Inode>(TRY(create_file(name, length, new_mode)));
}

ErrorOr<void> Directory::add(const char* name, usize length, RefPtr<Inode> inode)
{
    return add_entry(name, length, libk::move(inode));
}

} // namespace tmpfs
