// Thread-local storage descriptors (set_thread_area and CLONE_SETTLS):
// Linux i386's struct user_desc, turned into GDT entries 6..8 of a task.
#pragma once

#include <kernel/task/task.h>
#include <libk/error.h>

struct UserDesc {
    u32 entry_number;
    u32 base_addr;
    u32 limit;
    u32 flags; // seg_32bit:1 contents:2 read_exec_only:1 limit_in_pages:1 seg_not_present:1 useable:1
};
static_assert(sizeof(UserDesc) == 16);

// Installs the descriptor at `user_desc` (user memory) into `task`; an
// entry_number of -1 picks a free slot and writes it back.
ErrorOr<void> install_tls_from_user(Task& task, uptr user_desc);
// A GDT descriptor built from a user_desc (0 for Linux's "empty" one).
u64 tls_descriptor(const UserDesc&);
