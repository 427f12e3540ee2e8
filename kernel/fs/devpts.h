// devpts: /dev/pts, where the slaves of the pseudo-terminals (tty/pty.h)
// have their names. /dev/pts/N exists from the open of /dev/ptmx that
// made pair N until its master is closed; /dev/pts/ptmx is one more name
// of the master's device.
//
// Cleave has one devpts, made at boot, and every mount of "devpts" shows
// it (Linux makes a new one per mount, each with its own numbers, and
// /dev/ptmx uses the one mounted at /dev/pts beside it). The options of
// a mount, if it gives any, become the options of that one devpts:
//   mode=OCTAL     a new slave's permissions (default 600; init says 620)
//   gid=N, uid=N   a new slave's group and owner (default: the opener's)
//   ptmxmode=OCTAL the permissions of /dev/pts/ptmx (default 000)
//   max=N          how many pairs may exist (at most MAX_PTYS)
//   newinstance    accepted, and means nothing here
#pragma once

#include <kernel/fs/inode.h>

namespace devpts {

// How many pseudo-terminals can exist at once.
constexpr u32 MAX_PTYS = 256;

ErrorOr<void> init();
RefPtr<Inode> root();
FileSystem& file_system();

// mount(2)'s data for "devpts"; EINVAL (and nothing changes) for an
// option it does not know.
ErrorOr<void> configure(const char* data);

// A number for a new pair (ENOSPC when all are taken), and back.
ErrorOr<u32> allocate_index();
void free_index(u32 index);

// The slave `node` of pair `index` appears as /dev/pts/<index>, with the
// owner, group and mode the options say for a file made by the caller;
// remove() takes the name away (open files of it stay).
void add(u32 index, Inode& node);
void remove(u32 index);
// The slave file of pair `index`, while it has its name.
RefPtr<Inode> slave(u32 index);

} // namespace devpts
