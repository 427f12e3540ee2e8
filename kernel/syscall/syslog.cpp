// syslog(2): reading and clearing the kernel log (kernel_log.h), and
// setting the console level. What dmesg uses.
#include <kernel/console/kernel_log.h>
#include <kernel/mm/heap.h>
#include <kernel/mm/user_copy.h>
#include <kernel/syscall/syscall.h>
#include <kernel/task/credentials.h>
#include <libk/utility.h>

namespace {

// The actions (Linux's SYSLOG_ACTION_*).
enum Action : i32 {
    CLOSE = 0,
    OPEN = 1,
    READ = 2,
    READ_ALL = 3,
    READ_CLEAR = 4,
    CLEAR = 5,
    CONSOLE_OFF = 6,
    CONSOLE_ON = 7,
    CONSOLE_LEVEL = 8,
    SIZE_UNREAD = 9,
    SIZE_BUFFER = 10,
};

// Cleave behaves as Linux with kernel.dmesg_restrict = 1 (Debian's
// default): every action, even reading, needs CAP_SYSLOG, or for
// historical reasons CAP_SYS_ADMIN.
bool may_use_syslog() { return capable(capability::SYSLOG) || capable(capability::SYS_ADMIN); }

// The reading actions: a kernel buffer in between, as the log is read
// under a spin lock and the user's buffer may fault.
SyscallResult read_log(Action action, u32 buffer, i32 length)
{
    if (!buffer || length < 0)
        return errno_error(abi::EINVAL);
    if (length == 0)
        return 0;
    if (!is_user_range(buffer, static_cast<usize>(length)))
        return errno_error(abi::EFAULT);
    usize size = libk::min(static_cast<usize>(length), kernel_log::SIZE);
    char* text = static_cast<char*>(kmalloc(size));
    if (!text)
        return errno_error(abi::ENOMEM);
    ErrorOr<usize> copied = 0;
    if (action == READ)
        copied = kernel_log::read(text, size);
    else
        copied = kernel_log::read_all(text, size, action == READ_CLEAR);
    ErrorOr<void> result {};
    if (!copied.is_error())
        result = copy_to_user(buffer, text, copied.value());
    kfree(text);
    if (copied.is_error())
        return copied.release_error();
    if (result.is_error())
        return result.release_error();
    return static_cast<u32>(copied.value());
}

} // namespace

SyscallResult sys_syslog(u32 type, u32 buffer, u32 length, u32, u32, u32)
{
    if (!may_use_syslog())
        return errno_error(abi::EPERM);
    auto action = static_cast<Action>(static_cast<i32>(type));
    auto len = static_cast<i32>(length);
    switch (action) {
    case CLOSE:
    case OPEN:
        return 0;
    case READ:
    case READ_ALL:
    case READ_CLEAR:
        return read_log(action, buffer, len);
    case CLEAR:
        kernel_log::clear();
        return 0;
    case CONSOLE_OFF:
        kernel_log::console_off();
        return 0;
    case CONSOLE_ON:
        kernel_log::console_on();
        return 0;
    case CONSOLE_LEVEL:
        if (len < 1 || len > 8)
            return errno_error(abi::EINVAL);
        kernel_log::set_console_level(len);
        return 0;
    case SIZE_UNREAD:
        return static_cast<u32>(kernel_log::unread());
    case SIZE_BUFFER:
        return static_cast<u32>(kernel_log::SIZE);
    }
    return errno_error(abi::EINVAL);
}
