// tmpfs's regular files and symbolic links.
#include <kernel/abi/errno.h>
#include <kernel/fs/tmpfs_node.h>
#include <kernel/mm/heap.h>
#include <libk/string.h>
#include <new>

namespace tmpfs {

namespace {

// Linux's largest file on i386 (MAX_LFS_FILESIZE): 2^32 pages.
constexpr u64 MAX_FILE_SIZE = 0xFFFFFFFFull * PAGE_SIZE;

} // namespace

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
        return node::error(abi::ENOMEM);
    file->m_pages = adopt_ref(*static_cast<MemoryObject*>(pages));
    return file;
}

File::~File() { node::count_freed(*this); }

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
        return node::error(abi::EFBIG);
    usize done = 0;
    while (done < length) {
        u32 index = static_cast<u32>((offset + done) / PAGE_SIZE);
        usize in_page = static_cast<usize>((offset + done) % PAGE_SIZE);
        usize chunk = libk::min<usize>(length - done, PAGE_SIZE - in_page);
        // The kernel writing a whole page that is not there yet (the initrd
        // copied in at boot) need not zero the new page first: every byte
        // is written over, and a copy from kernel memory cannot fail.
        // Writes from user memory always get a zeroed page (mm.h says why).
        auto page = chunk == PAGE_SIZE && buffer.is_kernel() ? m_pages->page_to_overwrite(index) : m_pages->page(index);
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
        return node::error(abi::EFBIG);
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
        return node::error(abi::EFBIG);
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
    node::count_freed(*this);
}

ErrorOr<usize> Symlink::read_link(char* buffer, usize size)
{
    usize length = libk::min(size, m_length);
    libk::memcpy(buffer, m_target, length);
    return length;
}

ErrorOr<void> Symlink::set_target(const char* target, usize length)
{
    char* copy = node::copy_name(target, length);
    if (!copy)
        return node::error(abi::ENOMEM);
    kfree(m_target);
    m_target = copy;
    m_length = length;
    return {};
}

} // namespace tmpfs
