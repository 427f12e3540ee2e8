#include <kernel/abi/errno.h>
#include <kernel/ipc/shm.h>
#include <kernel/mm/frames.h>
#include <kernel/mm/heap.h>
#include <kernel/mm/mm.h>
#include <kernel/mm/user_copy.h>
#include <kernel/task/task.h>
#include <kernel/time/clock.h>
#include <new>

namespace {

using namespace abi;

constexpr i32 IPC_PRIVATE = 0;
constexpr u32 IPC_CREAT = 01000, IPC_EXCL = 02000;
constexpr u32 IPC_RMID = 0, IPC_SET = 1, IPC_STAT = 2, IPC_INFO = 3, SHM_STAT = 13, SHM_INFO = 14, SHM_STAT_ANY = 15;
constexpr u32 IPC_64 = 0x100;
constexpr u32 SHM_RDONLY = 010000, SHM_RND = 020000, SHM_REMAP = 040000, SHM_EXEC = 0100000;
constexpr u32 SHM_DEST = 01000; // in the mode: removed, waiting for the last detach
constexpr u32 SHMMNI = 4096;
constexpr u32 SHMMAX = 0xFEFFFFFF; // Linux's defaults on i386
constexpr u32 SHMALL = 0xFEFFFFFF;
constexpr u32 ID_STRIDE = 32768; // an id is sequence * 32768 + slot, as Linux makes them

struct Segment {
    i32 key;
    u32 size;
    RefPtr<MemoryObject> object;
    u32 uid, gid, cuid, cgid, mode;
    u16 sequence;
    u32 attach_time = 0, detach_time = 0, change_time = 0;
    pid_t creator = 0, last_user = 0;

    // Attachments: every region mapping the object holds a reference, and
    // the segment one.
    u32 attachments() const { return object->ref_count() - 1; }
};

struct [[gnu::packed]] Ipc64Perm {
    i32 key;
    u32 uid, gid, cuid, cgid;
    u16 mode, pad1;
    u16 seq, pad2;
    u32 unused1, unused2;
};

struct ShmidDs64 {
    Ipc64Perm perm;
    u32 segsz;
    u32 atime, atime_high, dtime, dtime_high, ctime, ctime_high;
    i32 cpid, lpid;
    u32 nattch, unused4, unused5;
};
static_assert(sizeof(ShmidDs64) == 84);

struct ShmInfo64 {
    u32 shmmax, shmmin, shmmni, shmseg, shmall, unused[4];
};

struct ShmInfo {
    i32 used_ids;
    u32 shm_tot, shm_rss, shm_swp, swap_attempts, swap_successes;
};

Segment* slots[SHMMNI]; // guarded by the kernel not being preemptible (system calls only)
u16 next_sequence = 1;

u32 now() { return static_cast<u32>(clock::realtime_ns() / 1000000000); }

// A removed segment disappears once nothing is attached.
void reap_removed()
{
    for (u32 i = 0; i < SHMMNI; ++i) {
        if (slots[i] && (slots[i]->mode & SHM_DEST) && slots[i]->attachments() == 0) {
            delete slots[i];
            slots[i] = nullptr;
        }
    }
}

ErrorOr<Segment*> find(i32 id)
{
    if (id < 0)
        return Error::from_errno(EINVAL);
    u32 slot = static_cast<u32>(id) % ID_STRIDE;
    Segment* segment = slot < SHMMNI ? slots[slot] : nullptr;
    if (!segment || segment->sequence != static_cast<u32>(id) / ID_STRIDE)
        return Error::from_errno(EINVAL);
    return segment;
}

i32 id_of(u32 slot) { return static_cast<i32>(slots[slot]->sequence * ID_STRIDE + slot); }

// Owner, group, then others, as for files; root may do anything.
bool permits(const Segment& segment, u32 wanted) // wanted: 4 read, 2 write
{
    const Credentials& c = current()->credentials;
    if (c.euid == 0)
        return true;
    u32 bits;
    if (c.euid == segment.uid || c.euid == segment.cuid)
        bits = segment.mode >> 6;
    else if (c.egid == segment.gid || c.egid == segment.cgid)
        bits = segment.mode >> 3;
    else
        bits = segment.mode;
    return (bits & wanted) == wanted;
}

bool is_owner(const Segment& segment)
{
    const Credentials& c = current()->credentials;
    return c.euid == 0 || c.euid == segment.uid || c.euid == segment.cuid;
}

u32 total_pages()
{
    u32 pages = 0;
    for (Segment* segment : slots) {
        if (segment)
            pages += (segment->size + PAGE_SIZE - 1) / PAGE_SIZE;
    }
    return pages;
}

ShmidDs64 describe(const Segment& s)
{
    ShmidDs64 d {};
    d.perm = Ipc64Perm { s.key, s.uid, s.gid, s.cuid, s.cgid, static_cast<u16>(s.mode), 0, s.sequence, 0, 0, 0 };
    d.segsz = s.size;
    d.atime = s.attach_time;
    d.dtime = s.detach_time;
    d.ctime = s.change_time;
    d.cpid = s.creator;
    d.lpid = s.last_user;
    d.nattch = s.attachments();
    return d;
}

} // namespace

namespace shm {

ErrorOr<u32> get(i32 key, u32 size, u32 flags)
{
    reap_removed();
    if (key != IPC_PRIVATE) {
        for (u32 i = 0; i < SHMMNI; ++i) {
            Segment* s = slots[i];
            if (!s || s->key != key || (s->mode & SHM_DEST))
                continue;
            if ((flags & IPC_CREAT) && (flags & IPC_EXCL))
                return Error::from_errno(EEXIST);
            if (size > s->size)
                return Error::from_errno(EINVAL);
            u32 wanted = ((flags & 0400) ? 4 : 0) | ((flags & 0200) ? 2 : 0);
            if (!permits(*s, wanted))
                return Error::from_errno(EACCES);
            return static_cast<u32>(id_of(i));
        }
        if (!(flags & IPC_CREAT))
            return Error::from_errno(ENOENT);
    }
    if (size < 1 || size > SHMMAX)
        return Error::from_errno(EINVAL);
    u32 pages = (size + PAGE_SIZE - 1) / PAGE_SIZE;
    if (total_pages() + pages > SHMALL)
        return Error::from_errno(ENOSPC);
    u32 slot = 0;
    while (slot < SHMMNI && slots[slot])
        ++slot;
    if (slot == SHMMNI)
        return Error::from_errno(ENOSPC);
    auto* segment = new (std::nothrow) Segment;
    if (!segment)
        return Error::from_errno(ENOMEM);
    auto object = MemoryObject::create(pages);
    if (object.is_error()) {
        delete segment;
        return object.release_error();
    }
    const Credentials& c = current()->credentials;
    segment->key = key;
    segment->size = size;
    segment->object = object.release_value();
    segment->uid = segment->cuid = c.euid;
    segment->gid = segment->cgid = c.egid;
    segment->mode = flags & 0777;
    segment->sequence = next_sequence++;
    if (next_sequence >= 0xFFFF / 2)
        next_sequence = 1;
    segment->change_time = now();
    segment->creator = current()->tgid;
    slots[slot] = segment;
    return static_cast<u32>(id_of(slot));
}

ErrorOr<u32> attach(i32 id, uptr address, u32 flags)
{
    Segment* segment = TRY(find(id));
    bool read_only = flags & SHM_RDONLY;
    if (!permits(*segment, read_only ? 4 : 6))
        return Error::from_errno(EACCES);
    if (address % PAGE_SIZE) {
        if (!(flags & SHM_RND))
            return Error::from_errno(EINVAL);
        address &= ~static_cast<uptr>(PAGE_SIZE - 1);
    }
    Mm& mm = *current()->mm;
    uptr length = (segment->size + PAGE_SIZE - 1) & ~static_cast<uptr>(PAGE_SIZE - 1);
    if (address) {
        if (!is_user_range(address, length))
            return Error::from_errno(EINVAL);
        if (!mm.is_free(address, length)) {
            if (!(flags & SHM_REMAP))
                return Error::from_errno(EINVAL);
            TRY(mm.unmap(address, length));
        }
    } else {
        address = TRY(mm.find_free(length, 0));
    }
    u32 protection = prot::READ | (read_only ? 0 : prot::WRITE) | ((flags & SHM_EXEC) ? prot::EXEC : 0);
    TRY(mm.map(address, length, protection, Vma::SHARED | Vma::SYSV_SHM, segment->object));
    segment->attach_time = now();
    segment->last_user = current()->tgid;
    return static_cast<u32>(address);
}

ErrorOr<u32> detach(uptr address)
{
    Mm& mm = *current()->mm;
    const Vma* vma = mm.find(address);
    if (address % PAGE_SIZE || !vma || vma->start != address || !(vma->flags & Vma::SYSV_SHM))
        return Error::from_errno(EINVAL);
    MemoryObject* object = vma->object.ptr();
    TRY(mm.unmap(vma->start, vma->end - vma->start));
    for (Segment* segment : slots) {
        if (segment && segment->object.ptr() == object) {
            segment->detach_time = now();
            segment->last_user = current()->tgid;
        }
    }
    reap_removed();
    return 0;
}

ErrorOr<u32> control(i32 id, u32 command, uptr buffer)
{
    command &= ~IPC_64; // Cleave speaks only the 64-bit-time layouts, which IPC_64 asks for
    reap_removed();
    switch (command) {
    case IPC_INFO: {
        ShmInfo64 info { SHMMAX, 1, SHMMNI, SHMMNI, SHMALL, { 0, 0, 0, 0 } };
        TRY(write_user(buffer, info));
        u32 highest = 0;
        for (u32 i = 0; i < SHMMNI; ++i)
            highest = slots[i] ? i : highest;
        return highest;
    }
    case SHM_INFO: {
        ShmInfo info {};
        u32 highest = 0;
        for (u32 i = 0; i < SHMMNI; ++i) {
            if (!slots[i])
                continue;
            ++info.used_ids;
            info.shm_tot += (slots[i]->size + PAGE_SIZE - 1) / PAGE_SIZE;
            highest = i;
        }
        info.shm_rss = info.shm_tot;
        TRY(write_user(buffer, info));
        return highest;
    }
    case SHM_STAT:
    case SHM_STAT_ANY: {
        // `id` is a slot index here; the result is the segment's id.
        if (id < 0 || static_cast<u32>(id) >= SHMMNI || !slots[id])
            return Error::from_errno(EINVAL);
        if (command == SHM_STAT && !permits(*slots[id], 4))
            return Error::from_errno(EACCES);
        TRY(write_user(buffer, describe(*slots[id])));
        return static_cast<u32>(id_of(static_cast<u32>(id)));
    }
    default:
        break;
    }
    Segment* segment = TRY(find(id));
    switch (command) {
    case IPC_STAT:
        if (!permits(*segment, 4))
            return Error::from_errno(EACCES);
        TRY(write_user(buffer, describe(*segment)));
        return 0;
    case IPC_SET: {
        ShmidDs64 wanted = TRY(read_user<ShmidDs64>(buffer));
        if (!is_owner(*segment))
            return Error::from_errno(EPERM);
        segment->uid = wanted.perm.uid;
        segment->gid = wanted.perm.gid;
        segment->mode = (segment->mode & ~0777u) | (wanted.perm.mode & 0777);
        segment->change_time = now();
        return 0;
    }
    case IPC_RMID:
        if (!is_owner(*segment))
            return Error::from_errno(EPERM);
        segment->mode |= SHM_DEST;
        segment->key = IPC_PRIVATE;
        reap_removed();
        return 0;
    default:
        return Error::from_errno(EINVAL);
    }
}

} // namespace shm
