// Memory system calls: the program break, mmap and friends.
#include <kernel/fs/file_table.h>
#include <kernel/fs/open_file.h>
#include <kernel/mm/mm.h>
#include <kernel/mm/user_copy.h>
#include <kernel/signal/thread_group.h>
#include <kernel/syscall/syscall.h>
#include <kernel/task/task.h>

namespace {

constexpr u32 MAP_SHARED = 0x01, MAP_PRIVATE = 0x02, MAP_SHARED_VALIDATE = 0x03, MAP_TYPE = 0x0F;
constexpr u32 MAP_FIXED = 0x10, MAP_ANONYMOUS = 0x20, MAP_FIXED_NOREPLACE = 0x100000;
constexpr u32 MADV_DONTNEED = 4;

uptr page_up(uptr address) { return (address + PAGE_SIZE - 1) & ~static_cast<uptr>(PAGE_SIZE - 1); }
bool page_aligned(uptr address) { return address % PAGE_SIZE == 0; }

// RLIMIT_AS, as Linux's may_expand_vm: may the address space grow by
// `growth` bytes?
bool may_expand(const Mm& mm, usize growth)
{
    u64 limit = current()->group->limits[ThreadGroup::RLIMIT_AS].current;
    return limit == ~0ull || mm.virtual_size() + growth <= limit;
}

// The bytes of [start, start + size) that regions cover: what a MAP_FIXED
// mapping there replaces rather than adds.
usize mapped_bytes(const Mm& mm, uptr start, uptr size)
{
    usize covered = 0;
    for (uptr page = start; page < start + size; page += PAGE_SIZE) {
        if (mm.find(page))
            covered += PAGE_SIZE;
    }
    return covered;
}

SyscallResult do_mmap(uptr address, usize length, u32 protection, u32 flags, int fd, u64 offset)
{
    Mm& mm = *current()->mm;
    u32 type = flags & MAP_TYPE;
    if (length == 0 || (type != MAP_SHARED && type != MAP_PRIVATE && type != MAP_SHARED_VALIDATE))
        return errno_error(abi::EINVAL);
    if (offset % PAGE_SIZE || (protection & ~(prot::READ | prot::WRITE | prot::EXEC)))
        return errno_error(abi::EINVAL);
    uptr size = page_up(length);
    if (size == 0 || size > Mm::USER_END)
        return errno_error(abi::ENOMEM);
    bool fixed = flags & (MAP_FIXED | MAP_FIXED_NOREPLACE);
    if (fixed && !page_aligned(address))
        return errno_error(abi::EINVAL);
    if (fixed && !is_user_range(address, size))
        return errno_error(abi::ENOMEM); // as Linux: no room there for the caller

    // A file mapping maps the file's own pages (its MemoryObject): shared,
    // writes go to the file; private, copy-on-write.
    RefPtr<MemoryObject> object;
    u32 region_flags = 0;
    if (!(flags & MAP_ANONYMOUS)) {
        RefPtr<OpenFile> file = TRY(current()->files->get(fd));
        if (file->is_path_only())
            return errno_error(abi::EBADF);
        object = file->inode().pages();
        if (!object)
            return errno_error(abi::ENODEV);
        if (!file->can_read())
            return errno_error(abi::EACCES);
        if (type != MAP_PRIVATE && !file->can_write()) {
            if (protection & prot::WRITE)
                return errno_error(abi::EACCES);
            region_flags |= Vma::NEVER_WRITE; // mprotect may not make it writable either
        }
        if (offset / PAGE_SIZE + size / PAGE_SIZE > 0xFFFFFFFFull)
            return errno_error(abi::EOVERFLOW);
    } else if (type != MAP_PRIVATE) {
        object = TRY(MemoryObject::create(size / PAGE_SIZE));
    }
    if (type != MAP_PRIVATE)
        region_flags |= Vma::SHARED;
    if (!may_expand(mm, size) && !may_expand(mm, size - (fixed ? mapped_bytes(mm, address, size) : 0)))
        return errno_error(abi::ENOMEM);

    if (fixed) {
        if ((flags & MAP_FIXED_NOREPLACE) && !mm.is_free(address, size))
            return errno_error(abi::EEXIST);
        TRY(mm.unmap(address, size));
    } else {
        address = TRY(mm.find_free(size, address && mm.is_free(address & ~(PAGE_SIZE - 1), size) ? address : 0));
    }
    TRY(mm.map(address, size, protection, region_flags, libk::move(object), static_cast<u32>(offset / PAGE_SIZE)));
    return address;
}

} // namespace

SyscallResult sys_brk(u32 requested, u32, u32, u32, u32, u32)
{
    Mm& mm = *current()->mm;
    if (requested < mm.heap_start)
        return mm.heap_end;
    uptr old_top = page_up(mm.heap_end);
    uptr new_top = page_up(requested);
    if (new_top > old_top) {
        if (!mm.is_free(old_top, new_top - old_top) || !may_expand(mm, new_top - old_top))
            return mm.heap_end; // Linux answers a failed brk with the old break
        if (mm.map(old_top, new_top - old_top, prot::READ | prot::WRITE, Vma::HEAP).is_error())
            return mm.heap_end;
    } else if (new_top < old_top) {
        TRY(mm.unmap(new_top, old_top - new_top));
    }
    mm.heap_end = requested;
    return mm.heap_end;
}

// mmap2: like mmap, with the offset in 4096-byte pages.
SyscallResult sys_mmap2(u32 address, u32 length, u32 protection, u32 flags, u32 fd, u32 page_offset)
{
    return do_mmap(address, length, protection, flags, static_cast<int>(fd), static_cast<u64>(page_offset) * PAGE_SIZE);
}

// The old i386 mmap takes its six arguments in a struct in user memory.
SyscallResult sys_mmap(u32 arguments, u32, u32, u32, u32, u32)
{
    struct {
        u32 address, length, protection, flags, fd, offset;
    } a = TRY(read_user<decltype(a)>(arguments));
    if (a.offset % PAGE_SIZE)
        return errno_error(abi::EINVAL);
    return do_mmap(a.address, a.length, a.protection, a.flags, static_cast<int>(a.fd), a.offset);
}

SyscallResult sys_munmap(u32 address, u32 length, u32, u32, u32, u32)
{
    if (!page_aligned(address) || length == 0 || !is_user_range(address, page_up(length)))
        return errno_error(abi::EINVAL);
    TRY(current()->mm->unmap(address, page_up(length)));
    return 0;
}

SyscallResult sys_mprotect(u32 address, u32 length, u32 protection, u32, u32, u32)
{
    if (!page_aligned(address) || (protection & ~(prot::READ | prot::WRITE | prot::EXEC | 0x03000000)))
        return errno_error(abi::EINVAL);
    if (length == 0)
        return 0;
    if (!is_user_range(address, page_up(length)))
        return errno_error(abi::ENOMEM);
    TRY(current()->mm->protect(address, page_up(length), protection & (prot::READ | prot::WRITE | prot::EXEC)));
    return 0;
}

// Every mapped file page is the file's own page: there is nothing to write back.
SyscallResult sys_msync(u32 address, u32 length, u32 flags, u32, u32, u32)
{
    constexpr u32 MS_ASYNC = 1, MS_INVALIDATE = 2, MS_SYNC = 4;
    if (!page_aligned(address) || (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC))
        || ((flags & MS_ASYNC) && (flags & MS_SYNC)))
        return errno_error(abi::EINVAL);
    uptr end = page_up(address + length);
    if (end < address)
        return errno_error(abi::ENOMEM);
    for (uptr at = address; at < end;) {
        const Vma* vma = current()->mm->find(at);
        if (!vma)
            return errno_error(abi::ENOMEM);
        at = vma->end;
    }
    return 0;
}

SyscallResult sys_madvise(u32 address, u32 length, u32 advice, u32, u32, u32)
{
    if (!page_aligned(address))
        return errno_error(abi::EINVAL);
    if (advice == MADV_DONTNEED)
        current()->mm->discard(address, page_up(length));
    return 0; // every other piece of advice is only a hint
}
