// An address space: a page directory and the list of regions (VMAs) of the
// user half that may be mapped, with their permissions.
//
// Pages are mapped lazily: a region starts with no pages, and the page
// fault handler (fault.cpp) fills in a zeroed page on first touch. After a
// fork the two address spaces share every private page read-only, and the
// first write to one makes a private copy (copy-on-write). Frames carry
// reference counts (frames.h) so a page is freed when no one maps it.
#pragma once

#include <kernel/mm/layout.h>
#include <kernel/mm/page_tree.h>
#include <libk/error.h>
#include <libk/refptr.h>
#include <libk/spinlock.h>
#include <libk/vector.h>

namespace prot {
constexpr u32 READ = 1, WRITE = 2, EXEC = 4; // PROT_* of mmap(2)
}

// Pages shared by every mapping of it: shared anonymous memory, and the
// pages of a tmpfs file (which read, write and every MAP_SHARED mapping
// of the file use alike). Allocated zeroed on first touch, freed with the
// object; a mapping holds a reference, so its pages outlive a close or an
// unlink of the file.
class Mount;
class Inode;

class MemoryObject : public RefCounted<MemoryObject> {
public:
    static ErrorOr<RefPtr<MemoryObject>> create(u32 pages);
    virtual ~MemoryObject();

    // The frame for page `index`, allocated (zeroed) if needed.
    ErrorOr<PhysAddr> page(u32 index);
    // The same for a caller about to write the whole page from kernel
    // memory, a copy that cannot fail: a new frame is not zeroed first.
    // (Never for a copy from user memory: it can fault half-way, and the
    // fault can even map this very page, showing a former owner's bytes.)
    ErrorOr<PhysAddr> page_to_overwrite(u32 index) { return frame_for(index, false); }
    // The frame for page `index`, or 0 if none was allocated yet.
    PhysAddr page_if_present(u32 index) const { return m_pages.get(index); }
    // How many pages a mapping may touch (a file: its size, rounded up).
    u32 page_count() const { return m_page_count; }
    void set_page_count(u32 pages) { m_page_count = pages; }
    // Frees the pages from `index` on (a file cut shorter). Mappings keep
    // the frames they already map.
    void discard_from(u32 index);
    u32 pages_present() const { return m_present; }

protected:
    MemoryObject() = default;
    friend class libk::RefCounted<MemoryObject>;
    // Before a new page is allocated and after pages are freed: tmpfs
    // counts its pages against its size limit here (ENOSPC).
    virtual ErrorOr<void> charge(u32) { return {}; }
    virtual void uncharge(u32) { }
    // Frees every page (a subclass's destructor calls it, while its
    // uncharge still works).
    void release_all();

private:
    ErrorOr<PhysAddr> frame_for(u32 index, bool zero);

    PageTree m_pages;  // guarded by the kernel not being preemptible
    u32 m_page_count = 0;
    u32 m_present = 0; // frames in m_pages
};

struct Vma {
    static constexpr u32 SHARED = 1 << 0;    // MAP_SHARED: writes are seen by every mapper
    static constexpr u32 STACK = 1 << 1;     // the main stack
    static constexpr u32 HEAP = 1 << 2;      // the brk area
    static constexpr u32 SYSV_SHM = 1 << 3;  // an attached SysV shared memory segment
    static constexpr u32 NEVER_WRITE = 1 << 4; // a shared map of a file not open for writing

    uptr start = 0; // page aligned
    uptr end = 0;   // page aligned, exclusive
    u32 prot = 0;
    u32 flags = 0;
    // What the pages come from: a file (shared or private, copy-on-write)
    // or shared anonymous memory; null for private anonymous memory.
    RefPtr<MemoryObject> object;
    u32 object_page = 0; // which page of the object `start` maps

    bool contains(uptr address) const { return address >= start && address < end; }
    // True if `address` maps a page past the end of the object (a file that
    // is shorter than the mapping): an access there is SIGBUS.
    bool is_past_end_of_object(uptr address) const
    {
        return object && object_page + (address - start) / PAGE_SIZE >= object->page_count();
    }
};

class Mm : public RefCounted<Mm> {
public:
    static constexpr uptr USER_END = KERNEL_BASE;
    static constexpr uptr STACK_SIZE = 8 * 1024 * 1024; // RLIMIT_STACK's default
    static constexpr uptr STACK_TOP = USER_END;
    static constexpr uptr MMAP_BASE = 0x40000000; // where mmap looks for room first

    static ErrorOr<RefPtr<Mm>> create();
    ~Mm();

    PhysAddr page_directory() const { return m_directory; }

    // dup_mm's work: a copy-on-write copy of this address space.
    ErrorOr<RefPtr<Mm>> clone();

    // Regions. All take page-aligned addresses and lengths.
    ErrorOr<void> map(uptr start, uptr length, u32 prot, u32 flags, RefPtr<MemoryObject> = {}, u32 object_page = 0);
    ErrorOr<void> unmap(uptr start, uptr length);
    ErrorOr<void> protect(uptr start, uptr length, u32 prot);
    // Drops the pages of [start, start+length) so they read as zeros again
    // (madvise MADV_DONTNEED on private memory).
    void discard(uptr start, uptr length);
    // Free room for `length` bytes, at or above `hint` if possible; ENOMEM if none.
    ErrorOr<uptr> find_free(uptr length, uptr hint) const;
    const Vma* find(uptr address) const;
    bool is_free(uptr start, uptr length) const;

    // The page fault handler's work. Returns true if the fault was resolved
    // (the instruction can be retried), false if the access is not allowed.
    // ENOMEM if a page could not be allocated.
    ErrorOr<bool> handle_fault(uptr address, bool write);

    // The physical frame behind `address`, faulting it in (for shared futex keys).
    ErrorOr<PhysAddr> frame_at(uptr address);

    // Copies into this address space (which need not be the current one),
    // faulting pages in as needed: execve builds the new stack this way.
    ErrorOr<void> write(uptr address, const void* data, usize length);
    // Copies out of this address space (not necessarily the current one):
    // /proc/<pid>/cmdline reads another process's arguments this way.
    // Stops at the first address that is not readable; returns the count.
    usize read(uptr address, void* data, usize length);
    // The bytes of every region (/proc's VmSize).
    usize virtual_size() const;

    // The program break (brk): the heap region grows from heap_start.
    uptr heap_start = 0;
    uptr heap_end = 0;

    // Where execve put the argument and environment strings (for
    // /proc/<pid>/cmdline and environ), and the program it ran (for
    // /proc/<pid>/exe). Set once by execve, copied by fork.
    uptr arg_start = 0, arg_end = 0, env_start = 0, env_end = 0;
    RefPtr<Mount> exe_mount;
    RefPtr<Inode> exe_inode;

    usize region_count() const { return m_regions.size(); }

private:
    Mm() = default;
    ErrorOr<void> split_at(uptr address);
    void unmap_pages(uptr start, uptr end);
    ErrorOr<PhysAddr> page_for_write(uptr address);

    PhysAddr m_directory = 0;
    Vector<Vma> m_regions; // sorted by start, never overlapping
};

// The address space of the running task (nullptr for kernel threads).
Mm* current_mm();
