// futex(2) and futex_time64(2): the argument unpacking; the work is in
// kernel/ipc/futex.cpp.
#include <kernel/ipc/futex.h>
#include <kernel/mm/user_copy.h>
#include <kernel/syscall/syscall.h>

namespace {

constexpr u32 REQUEUE = 3, CMP_REQUEUE = 4, WAKE_OP = 5, WAIT = 0, WAIT_BITSET = 9, COMMAND_MASK = ~(128u | 256u);

SyscallResult futex_call(u32 address, u32 operation, u32 value, u32 timeout, u32 address2, u32 value3, bool wide)
{
    u32 command = operation & COMMAND_MASK;
    // For the requeue operations the "timeout" argument is a count.
    if (command == REQUEUE || command == CMP_REQUEUE || command == WAKE_OP)
        return futex::call(address, operation, value, 0, false, timeout, address2, value3);
    i64 ns = 0;
    bool given = timeout && (command == WAIT || command == WAIT_BITSET);
    if (given) {
        i64 seconds, nanoseconds;
        if (wide) {
            struct {
                i64 s, ns;
            } t = TRY(read_user<decltype(t)>(timeout));
            seconds = t.s, nanoseconds = t.ns;
        } else {
            struct {
                i32 s, ns;
            } t = TRY(read_user<decltype(t)>(timeout));
            seconds = t.s, nanoseconds = t.ns;
        }
        if (seconds < 0 || nanoseconds < 0 || nanoseconds >= 1000000000)
            return errno_error(abi::EINVAL);
        ns = seconds * 1000000000 + nanoseconds;
    }
    return futex::call(address, operation, value, ns, given, 0, address2, value3);
}

} // namespace

SyscallResult sys_futex(u32 address, u32 operation, u32 value, u32 timeout, u32 address2, u32 value3)
{
    return futex_call(address, operation, value, timeout, address2, value3, false);
}

SyscallResult sys_futex_time64(u32 address, u32 operation, u32 value, u32 timeout, u32 address2, u32 value3)
{
    return futex_call(address, operation, value, timeout, address2, value3, true);
}
