#include <arch/i386/paging.h>
#include <kernel/fs/mount.h>
#include <kernel/mm/frames.h>
#include <kernel/mm/mm.h>
#include <kernel/task/task.h>
#include <libk/assert.h>
#include <libk/string.h>

namespace {

Error enomem() { return Error::from_errno(12); }

uptr page_down(uptr address) { return address & ~static_cast<uptr>(PAGE_SIZE - 1); }

// The page table entry bits for a present page of `vma`. A private page is
// writable only while this address space is its only user; otherwise the
// first write faults and copies it.
u32 entry_flags(const Vma& vma, PhysAddr frame)
{
    u32 flags = paging::PRESENT | paging::USER;
    if (vma.prot & prot::WRITE) {
        if ((vma.flags & Vma::SHARED) || frames::ref_count(frame) == 1)
            flags |= paging::WRITABLE;
    }
    return flags;
}

bool holds_frame(u32 entry) { return entry & (paging::PRESENT | paging::KEPT); }

ErrorOr<PhysAddr> zeroed_frame()
{
    PhysAddr frame = TRY(frames::allocate());
    libk::memset(phys_to_virt(frame), 0, PAGE_SIZE);
    return frame;
}

// Calls visit(address, entry) for every page table entry of [start, end)
// that holds a frame, stopping at the first error visit returns.
//
// It walks the page tables, not the addresses. Most of a region is never
// touched (the 8 MiB stack reserve holds a handful of pages at its top),
// so stepping through [start, end) a page at a time would look at
// thousands of empty entries, a function call each, on every fork and
// every exit. Here a directory entry with no table skips 4 MiB with one
// test, and a table that exists is scanned as a plain array.
template<typename Visit>
ErrorOr<void> for_each_mapped_page(PhysAddr directory, uptr start, uptr end, Visit visit)
{
    for (uptr base = start & ~(paging::TABLE_SPAN - 1); base < end; base += paging::TABLE_SPAN) {
        u32* table = paging::table(directory, base);
        if (!table)
            continue;
        // The part of this table's 4 MiB that lies in [start, end).
        u32 first = start > base ? paging::table_index(start) : 0;
        u32 last = end - base < paging::TABLE_SPAN ? paging::table_index(end) : paging::TABLE_ENTRIES;
        for (u32 i = first; i < last; ++i) {
            if (holds_frame(table[i]))
                TRY(visit(base + i * PAGE_SIZE, table[i]));
        }
    }
    return {};
}

} // namespace

// ---- MemoryObject ---------------------------------------------------------

ErrorOr<RefPtr<MemoryObject>> MemoryObject::create(u32 pages)
{
    auto* raw = new (std::nothrow_t {}) MemoryObject;
    if (!raw)
        return enomem();
    RefPtr<MemoryObject> object = adopt_ref(*raw);
    object->m_page_count = pages;
    return object;
}

MemoryObject::~MemoryObject() { release_all(); }

void MemoryObject::release_all() { discard_from(0); }

void MemoryObject::discard_from(u32 index)
{
    u32 freed = m_pages.remove_from(index, [](PhysAddr frame, void*) { frames::unref(frame); }, nullptr);
    m_present -= freed;
    uncharge(freed);
}

ErrorOr<PhysAddr> MemoryObject::page(u32 index) { return frame_for(index, true); }

ErrorOr<PhysAddr> MemoryObject::frame_for(u32 index, bool zero)
{
    PhysAddr* slot = TRY(m_pages.slot(index));
    if (!*slot) {
        TRY(charge(1));
        auto frame = zero ? zeroed_frame() : frames::allocate();
        if (frame.is_error()) {
            uncharge(1);
            return frame.release_error();
        }
        *slot = frame.value();
        ++m_present;
    }
    return *slot;
}

// ---- Mm: life and death -----------------------------------------------------

ErrorOr<RefPtr<Mm>> Mm::create()
{
    auto* raw = new (std::nothrow_t {}) Mm;
    if (!raw)
        return enomem();
    RefPtr<Mm> mm = adopt_ref(*raw);
    mm->m_directory = TRY(paging::create_directory());
    return mm;
}

Mm::~Mm()
{
    if (!m_directory)
        return;
    for (const Vma& vma : m_regions)
        unmap_pages(vma.start, vma.end);
    paging::destroy_directory(m_directory);
}

ErrorOr<RefPtr<Mm>> Mm::clone()
{
    RefPtr<Mm> child = TRY(create());
    child->m_regions = TRY(m_regions.try_clone());
    child->heap_start = heap_start;
    child->heap_end = heap_end;
    child->arg_start = arg_start;
    child->arg_end = arg_end;
    child->env_start = env_start;
    child->env_end = env_end;
    child->exe_mount = exe_mount;
    child->exe_inode = exe_inode;
    // Only pages that are there are copied (as entries: both address
    // spaces map the same frame); the child faults in the rest itself.
    for (const Vma& vma : m_regions) {
        TRY(for_each_mapped_page(m_directory, vma.start, vma.end, [&](uptr address, u32& mine) -> ErrorOr<void> {
            u32* theirs = TRY(paging::entry(child->m_directory, address, true));
            frames::ref(mine & paging::ADDRESS_MASK);
            if (!(vma.flags & Vma::SHARED))
                mine &= ~paging::WRITABLE; // copy-on-write, for both
            *theirs = mine;
            return {};
        }));
    }
    paging::flush_all(m_directory);
    return child;
}

// ---- regions ------------------------------------------------------------------

const Vma* Mm::find(uptr address) const
{
    for (const Vma& vma : m_regions) {
        if (vma.contains(address))
            return &vma;
        if (vma.start > address)
            break;
    }
    return nullptr;
}

bool Mm::is_free(uptr start, uptr length) const
{
    if (start + length < start || start + length > USER_END)
        return false;
    for (const Vma& vma : m_regions) {
        if (vma.start < start + length && start < vma.end)
            return false;
    }
    return true;
}

ErrorOr<uptr> Mm::find_free(uptr length, uptr hint) const
{
    // Below the stack (with a gap), first from the hint or MMAP_BASE up,
    // then from the bottom of memory.
    uptr limit = STACK_TOP - STACK_SIZE - 0x100000;
    uptr starts[] = { hint ? page_down(hint) : MMAP_BASE, 0x10000 };
    for (uptr candidate : starts) {
        while (candidate + length > candidate && candidate + length <= limit) {
            const Vma* blocker = nullptr;
            for (const Vma& vma : m_regions) {
                if (vma.start < candidate + length && candidate < vma.end) {
                    blocker = &vma;
                    break;
                }
            }
            if (!blocker)
                return candidate;
            candidate = blocker->end;
        }
    }
    return enomem();
}

ErrorOr<void> Mm::map(uptr start, uptr length, u32 protection, u32 flags, RefPtr<MemoryObject> object, u32 object_page)
{
    ASSERT(start % PAGE_SIZE == 0 && length % PAGE_SIZE == 0 && length > 0);
    ASSERT(is_free(start, length));
    Vma vma;
    vma.start = start;
    vma.end = start + length;
    vma.prot = protection;
    vma.flags = flags;
    vma.object = libk::move(object);
    vma.object_page = object_page;
    TRY(m_regions.try_append(libk::move(vma)));
    // Keep the list sorted: bubble the new region into place.
    for (usize i = m_regions.size() - 1; i > 0 && m_regions[i - 1].start > m_regions[i].start; --i)
        libk::swap(m_regions[i - 1], m_regions[i]);
    return {};
}

// Makes `address` a region boundary, splitting the region that spans it.
ErrorOr<void> Mm::split_at(uptr address)
{
    for (usize i = 0; i < m_regions.size(); ++i) {
        Vma& vma = m_regions[i];
        if (vma.start < address && address < vma.end) {
            Vma upper = vma;
            upper.start = address;
            upper.object_page = vma.object_page + (address - vma.start) / PAGE_SIZE;
            TRY(m_regions.try_append(libk::move(upper)));
            m_regions[i].end = address;
            for (usize j = m_regions.size() - 1; j > i + 1; --j)
                libk::swap(m_regions[j - 1], m_regions[j]);
            return {};
        }
    }
    return {};
}

void Mm::unmap_pages(uptr start, uptr end)
{
    // The page tables stay (destroy_directory frees them with the Mm).
    auto done = for_each_mapped_page(m_directory, start, end, [&](uptr address, u32& entry) -> ErrorOr<void> {
        frames::unref(entry & paging::ADDRESS_MASK);
        entry = 0;
        paging::flush(m_directory, address);
        return {};
    });
    done.release_value(); // nothing above can fail
}

ErrorOr<void> Mm::unmap(uptr start, uptr length)
{
    uptr end = start + length;
    TRY(split_at(start));
    TRY(split_at(end));
    for (usize i = 0; i < m_regions.size();) {
        if (m_regions[i].start >= start && m_regions[i].end <= end) {
            unmap_pages(m_regions[i].start, m_regions[i].end);
            m_regions.remove(i);
        } else {
            ++i;
        }
    }
    return {};
}

ErrorOr<void> Mm::protect(uptr start, uptr length, u32 protection)
{
    uptr end = start + length;
    // Every page must be mapped (ENOMEM otherwise, as Linux says), and a
    // shared map of a read-only file never becomes writable (EACCES).
    for (uptr address = start; address < end;) {
        const Vma* vma = find(address);
        if (!vma)
            return enomem();
        if ((vma->flags & Vma::NEVER_WRITE) && (protection & prot::WRITE))
            return Error::from_errno(13);
        address = vma->end;
    }
    TRY(split_at(start));
    TRY(split_at(end));
    for (Vma& vma : m_regions) {
        if (vma.start < start || vma.end > end)
            continue;
        vma.prot = protection;
        auto done = for_each_mapped_page(m_directory, vma.start, vma.end, [&](uptr, u32& entry) -> ErrorOr<void> {
            PhysAddr frame = entry & paging::ADDRESS_MASK;
            // PROT_NONE: not present, but the frame stays (KEPT) for later.
            entry = protection == 0 ? frame | paging::KEPT : frame | entry_flags(vma, frame);
            return {};
        });
        done.release_value(); // nothing above can fail
    }
    paging::flush_all(m_directory);
    return {};
}

void Mm::discard(uptr start, uptr length)
{
    for (const Vma& vma : m_regions) {
        if (vma.flags & Vma::SHARED)
            continue;
        uptr from = libk::max(vma.start, start);
        uptr to = libk::min(vma.end, start + length);
        if (from < to)
            unmap_pages(from, to);
    }
}

// ---- faults -------------------------------------------------------------------

ErrorOr<bool> Mm::handle_fault(uptr address, bool write)
{
    const Vma* vma = find(address);
    if (!vma || vma->prot == 0 || (write && !(vma->prot & prot::WRITE)))
        return false;
    uptr page = page_down(address);
    u32* entry = TRY(paging::entry(m_directory, page, true));

    if (*entry & paging::PRESENT) {
        if (!write || (*entry & paging::WRITABLE))
            return true; // already fixed (another thread, or a stale TLB entry)
        // Copy-on-write: a private page that another address space still maps.
        PhysAddr frame = *entry & paging::ADDRESS_MASK;
        if (frames::ref_count(frame) > 1) {
            PhysAddr copy = TRY(frames::allocate());
            libk::memcpy(phys_to_virt(copy), phys_to_virt(frame), PAGE_SIZE);
            frames::unref(frame);
            frame = copy;
        }
        *entry = frame | entry_flags(*vma, frame);
        paging::flush(m_directory, page);
        return true;
    }

    PhysAddr frame;
    if (*entry & paging::KEPT) {
        frame = *entry & paging::ADDRESS_MASK; // back from PROT_NONE
    } else if (vma->object) {
        u32 index = vma->object_page + (page - vma->start) / PAGE_SIZE;
        if (index >= vma->object->page_count())
            return false; // past the end of the file (Linux sends SIGBUS)
        if (vma->flags & Vma::SHARED) {
            frame = TRY(vma->object->page(index)); // the file's page, made if it was a hole
            frames::ref(frame);
        } else if (PhysAddr present = vma->object->page_if_present(index)) {
            frame = present; // private: the file's page, read-only until written (copy-on-write)
            frames::ref(frame);
        } else {
            frame = TRY(zeroed_frame()); // a hole reads as zeros, and is ours alone
        }
    } else {
        frame = TRY(zeroed_frame()); // demand-zero
    }
    *entry = frame | entry_flags(*vma, frame);
    paging::flush(m_directory, page);
    // A read of a private page shared after fork maps it read-only; a write
    // needs the copy too.
    if (write && !(*entry & paging::WRITABLE))
        return handle_fault(address, true);
    return true;
}

// The frame behind `address`, private and present, whatever the region's
// protection (the kernel writing a new program's read-only text).
ErrorOr<PhysAddr> Mm::page_for_write(uptr address)
{
    const Vma* vma = find(address);
    if (!vma)
        return Error::from_errno(14); // EFAULT
    u32 saved = vma->prot;
    const_cast<Vma*>(vma)->prot = prot::READ | prot::WRITE;
    auto resolved = handle_fault(address, true);
    const_cast<Vma*>(vma)->prot = saved;
    TRY(resolved);
    u32* entry = paging::entry(m_directory, page_down(address), false).release_value();
    PhysAddr frame = *entry & paging::ADDRESS_MASK;
    *entry = frame | entry_flags(*vma, frame);
    paging::flush(m_directory, page_down(address));
    return frame;
}

ErrorOr<PhysAddr> Mm::frame_at(uptr address)
{
    if (!TRY(handle_fault(address, false)))
        return Error::from_errno(14); // EFAULT
    u32* entry = TRY(paging::entry(m_directory, page_down(address), false));
    return *entry & paging::ADDRESS_MASK;
}

ErrorOr<void> Mm::write(uptr address, const void* data, usize length)
{
    const u8* bytes = static_cast<const u8*>(data);
    while (length > 0) {
        usize offset = address % PAGE_SIZE;
        usize chunk = libk::min<usize>(length, PAGE_SIZE - offset);
        PhysAddr frame = TRY(page_for_write(address));
        libk::memcpy(static_cast<u8*>(phys_to_virt(frame)) + offset, bytes, chunk);
        address += chunk;
        bytes += chunk;
        length -= chunk;
    }
    return {};
}

usize Mm::read(uptr address, void* data, usize length)
{
    u8* bytes = static_cast<u8*>(data);
    usize done = 0;
    while (done < length) {
        const Vma* vma = find(address);
        if (!vma || !(vma->prot & prot::READ))
            break;
        // A page not yet touched is made present, as a read would.
        auto resolved = handle_fault(address, false);
        if (resolved.is_error() || !resolved.value())
            break;
        u32* entry = paging::entry(m_directory, page_down(address), false).release_value();
        usize offset = address % PAGE_SIZE;
        usize chunk = libk::min<usize>(length - done, PAGE_SIZE - offset);
        libk::memcpy(bytes + done, static_cast<u8*>(phys_to_virt(*entry & paging::ADDRESS_MASK)) + offset, chunk);
        address += chunk;
        done += chunk;
    }
    return done;
}

usize Mm::virtual_size() const
{
    usize size = 0;
    for (const Vma& vma : m_regions)
        size += vma.end - vma.start;
    return size;
}

Mm* current_mm() { return current() ? current()->mm.ptr() : nullptr; }
