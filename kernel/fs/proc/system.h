// The files of /proc about the whole system that tools read to describe
// it: stat (CPU time, processes), loadavg, version and cpuinfo; and kmsg,
// the kernel log (system.cpp). The Entry makers for root.cpp's table.
#pragma once

#include <kernel/fs/proc/node.h>

namespace procfs {

ErrorOr<RefPtr<Inode>> make_system_stat(const RefPtr<Inode>&, const Entry&, u32 number, u32);
ErrorOr<RefPtr<Inode>> make_loadavg(const RefPtr<Inode>&, const Entry&, u32 number, u32);
ErrorOr<RefPtr<Inode>> make_version(const RefPtr<Inode>&, const Entry&, u32 number, u32);
ErrorOr<RefPtr<Inode>> make_cpuinfo(const RefPtr<Inode>&, const Entry&, u32 number, u32);
ErrorOr<RefPtr<Inode>> make_kmsg(const RefPtr<Inode>&, const Entry&, u32 number, u32);

} // namespace procfs
