// Cleave's side of the ABI tables (abi_tables.h), read from the kernel's
// headers. Kept apart from anything that includes the host's <errno.h>,
// whose macros would replace abi::Errno's enumerators.

#include "abi_tables.h"

#include <kernel/abi/errno.h>
#include <kernel/abi/syscalls.h>
#include <kernel/fs/inode.h>
#include <kernel/fs/open_file.h>
#include <kernel/mm/mm.h>
#include <kernel/task/process.h>

// The dispatch table has SYSCALL_COUNT slots: every number must fit.
#define CHECK_SYSCALL(name, number) static_assert((number) < abi::SYSCALL_COUNT, #name " is beyond abi::SYSCALL_COUNT");
CLEAVE_SYSCALLS(CHECK_SYSCALL)
#undef CHECK_SYSCALL

namespace abi_test {

namespace {

#define SYSCALL_ROW(name, number) { #name, #name, abi::SYS_##name },
#define ERRNO_ROW(name) { #name, #name, static_cast<unsigned long long>(abi::name) },
#define OPEN_FLAG_ROW(cleave_name, linux_name) { #linux_name, #cleave_name, open_flags::cleave_name },
#define CLONE_FLAG_ROW(cleave_name, linux_name) { #linux_name, #cleave_name, clone_flags::cleave_name },
#define PROT_ROW(cleave_name, linux_name) { #linux_name, #cleave_name, prot::cleave_name },
#define MODE_ROW(cleave_name, linux_name) { #linux_name, #cleave_name, mode::cleave_name },

constexpr Constant syscalls[] = { CLEAVE_SYSCALLS(SYSCALL_ROW) };
constexpr Constant errno_values[] = { ABI_TEST_ERRNO(ERRNO_ROW) };
constexpr Constant open_flag_values[] = { ABI_TEST_OPEN_FLAGS(OPEN_FLAG_ROW) };
constexpr Constant clone_flag_values[] = { ABI_TEST_CLONE_FLAGS(CLONE_FLAG_ROW) };
constexpr Constant prot_values[] = { ABI_TEST_PROT(PROT_ROW) };
constexpr Constant mode_values[] = { ABI_TEST_MODE(MODE_ROW) };

#undef SYSCALL_ROW
#undef ERRNO_ROW
#undef OPEN_FLAG_ROW
#undef CLONE_FLAG_ROW
#undef PROT_ROW
#undef MODE_ROW

template<unsigned N>
constexpr Table table(const Constant (&rows)[N]) { return { rows, N }; }

} // namespace

Table cleave_table(Area area)
{
    switch (area) {
    case Area::Syscalls: return table(syscalls);
    case Area::Errno: return table(errno_values);
    case Area::OpenFlags: return table(open_flag_values);
    case Area::CloneFlags: return table(clone_flag_values);
    case Area::Prot: return table(prot_values);
    case Area::Mode: return table(mode_values);
    }
    return { nullptr, 0 };
}

} // namespace abi_test
