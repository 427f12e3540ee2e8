// System V shared memory: segments named by a key, attached into any
// number of address spaces (shmget, shmat, shmdt, shmctl). A segment's
// pages are a MemoryObject; attaching maps it as a shared region, so the
// pages, and futexes in them, are shared by every process that attaches.
#pragma once

#include <libk/error.h>
#include <libk/types.h>

namespace shm {

ErrorOr<u32> get(i32 key, u32 size, u32 flags);
ErrorOr<u32> attach(i32 id, uptr address, u32 flags);
ErrorOr<u32> detach(uptr address);
ErrorOr<u32> control(i32 id, u32 command, uptr buffer);

} // namespace shm
