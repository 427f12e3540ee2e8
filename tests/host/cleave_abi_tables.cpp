// Cleave's side of the ABI tables (abi_tables.h), read from the kernel's
// headers. Kept apart from anything that includes the host's <errno.h>,
// whose macros would replace abi::Errno's enumerators.

#include "abi_tables.h"

#include <kernel/abi/errno.h>
#include <kernel/abi/poll.h>
#include <kernel/abi/termios.h>
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
#define INPUT_ROW(name) { #name, #name, abi::input_flags::name },
#define OUTPUT_ROW(name) { #name, #name, abi::output_flags::name },
#define CONTROL_FLAG_ROW(name) { #name, #name, abi::control_flags::name },
#define LOCAL_ROW(name) { #name, #name, abi::local_flags::name },
#define CONTROL_CHAR_ROW(name) { #name, #name, abi::control_chars::name },
#define TTY_IOCTL_ROW(name) { #name, #name, abi::tty_ioctls::name },
#define POLL_ROW(name) { #name, #name, abi::poll_events::name },

constexpr Constant syscalls[] = { CLEAVE_SYSCALLS(SYSCALL_ROW) };
constexpr Constant errno_values[] = { ABI_TEST_ERRNO(ERRNO_ROW) };
constexpr Constant open_flag_values[] = { ABI_TEST_OPEN_FLAGS(OPEN_FLAG_ROW) };
constexpr Constant clone_flag_values[] = { ABI_TEST_CLONE_FLAGS(CLONE_FLAG_ROW) };
constexpr Constant prot_values[] = { ABI_TEST_PROT(PROT_ROW) };
constexpr Constant mode_values[] = { ABI_TEST_MODE(MODE_ROW) };
constexpr Constant input_flag_values[] = { ABI_TEST_INPUT_FLAGS(INPUT_ROW) };
constexpr Constant output_flag_values[] = { ABI_TEST_OUTPUT_FLAGS(OUTPUT_ROW) };
constexpr Constant control_flag_values[] = { ABI_TEST_CONTROL_FLAGS(CONTROL_FLAG_ROW) };
constexpr Constant local_flag_values[] = { ABI_TEST_LOCAL_FLAGS(LOCAL_ROW) };
constexpr Constant control_char_values[] = { ABI_TEST_CONTROL_CHARS(CONTROL_CHAR_ROW) };
constexpr Constant tty_ioctl_values[] = { ABI_TEST_TTY_IOCTLS(TTY_IOCTL_ROW) };
constexpr Constant poll_event_values[] = { ABI_TEST_POLL_EVENTS(POLL_ROW) };

#undef SYSCALL_ROW
#undef ERRNO_ROW
#undef OPEN_FLAG_ROW
#undef CLONE_FLAG_ROW
#undef PROT_ROW
#undef MODE_ROW
#undef INPUT_ROW
#undef OUTPUT_ROW
#undef CONTROL_FLAG_ROW
#undef LOCAL_ROW
#undef CONTROL_CHAR_ROW
#undef TTY_IOCTL_ROW
#undef POLL_ROW

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
    case Area::InputFlags: return table(input_flag_values);
    case Area::OutputFlags: return table(output_flag_values);
    case Area::ControlFlags: return table(control_flag_values);
    case Area::LocalFlags: return table(local_flag_values);
    case Area::ControlChars: return table(control_char_values);
    case Area::TtyIoctls: return table(tty_ioctl_values);
    case Area::PollEvents: return table(poll_event_values);
    }
    return { nullptr, 0 };
}

} // namespace abi_test
