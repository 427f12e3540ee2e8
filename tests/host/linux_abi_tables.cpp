// Linux's side of the ABI tables (abi_tables.h), read from the UAPI headers
// of the i386 cross toolchain.
//
// Built on its own (CMakeLists.txt) with -nostdinc and only the UAPI
// directory and the repository root on the include path, so nothing here
// can come from the host's C library or its own <asm/...> headers, and with
// __i386__ defined instead of __x86_64__ so the headers take their i386
// branches.

#include "abi_tables.h"

#include <asm-generic/errno.h>
#include <asm/fcntl.h>
#include <asm/ioctls.h>
#include <asm/poll.h>
#include <asm/termbits.h>
#include <asm/mman.h>
#include <asm/unistd_32.h>
#include <linux/sched.h>
#include <linux/stat.h>

#include <kernel/abi/syscalls.h>

// The UAPI headers have no ENOTSUP: C libraries define it as EOPNOTSUPP,
// and that value is what a program compares errno with. (Not the kernel's
// internal ENOTSUPP, 524, which never reaches user space.)
#ifndef ENOTSUP
#    define ENOTSUP EOPNOTSUPP
#endif

// Every syscall number, checked while compiling: a wrong number, or a name
// Linux i386 does not have, stops the build here.
#define CHECK_SYSCALL(name, number) \
    static_assert((number) == __NR_##name, "Cleave's number for " #name " is not Linux i386's");
CLEAVE_SYSCALLS(CHECK_SYSCALL)
#undef CHECK_SYSCALL

namespace abi_test {

namespace {

// A row's value is the macro's expansion; # gives its name unexpanded.
#define SYSCALL_ROW(name, number) { #name, #name, __NR_##name },
#define SAME_NAME_ROW(name) { #name, #name, name },
#define RENAMED_ROW(cleave_name, linux_name) { #linux_name, #cleave_name, linux_name },

constexpr Constant syscalls[] = { CLEAVE_SYSCALLS(SYSCALL_ROW) };
constexpr Constant errno_values[] = { ABI_TEST_ERRNO(SAME_NAME_ROW) };
constexpr Constant open_flags[] = { ABI_TEST_OPEN_FLAGS(RENAMED_ROW) };
constexpr Constant clone_flags[] = { ABI_TEST_CLONE_FLAGS(RENAMED_ROW) };
constexpr Constant prot[] = { ABI_TEST_PROT(RENAMED_ROW) };
constexpr Constant mode[] = { ABI_TEST_MODE(RENAMED_ROW) };
constexpr Constant input_flags[] = { ABI_TEST_INPUT_FLAGS(SAME_NAME_ROW) };
constexpr Constant output_flags[] = { ABI_TEST_OUTPUT_FLAGS(SAME_NAME_ROW) };
constexpr Constant control_flags[] = { ABI_TEST_CONTROL_FLAGS(SAME_NAME_ROW) };
constexpr Constant local_flags[] = { ABI_TEST_LOCAL_FLAGS(SAME_NAME_ROW) };
constexpr Constant control_chars[] = { ABI_TEST_CONTROL_CHARS(SAME_NAME_ROW) };
constexpr Constant tty_ioctls[] = { ABI_TEST_TTY_IOCTLS(SAME_NAME_ROW) };
constexpr Constant poll_events[] = { ABI_TEST_POLL_EVENTS(SAME_NAME_ROW) };

#undef SYSCALL_ROW
#undef SAME_NAME_ROW
#undef RENAMED_ROW

template<unsigned N>
constexpr Table table(const Constant (&rows)[N]) { return { rows, N }; }

} // namespace

Table linux_table(Area area)
{
    switch (area) {
    case Area::Syscalls: return table(syscalls);
    case Area::Errno: return table(errno_values);
    case Area::OpenFlags: return table(open_flags);
    case Area::CloneFlags: return table(clone_flags);
    case Area::Prot: return table(prot);
    case Area::Mode: return table(mode);
    case Area::InputFlags: return table(input_flags);
    case Area::OutputFlags: return table(output_flags);
    case Area::ControlFlags: return table(control_flags);
    case Area::LocalFlags: return table(local_flags);
    case Area::ControlChars: return table(control_chars);
    case Area::TtyIoctls: return table(tty_ioctls);
    case Area::PollEvents: return table(poll_events);
    }
    return { nullptr, 0 };
}

} // namespace abi_test
