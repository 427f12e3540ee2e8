// futex(2) and futex_time64(2): the argument unpacking; the work is in
// kernel/ipc/futex.cpp.
#include <kernel/ipc/futex.h>
#include <kernel/ipc/shm.h>
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

// SysV shared memory: the direct calls, and the ipc() multiplexer the older
// i386 ABI routes them through.
SyscallResult sys_shmget(u32 key, u32 size, u32 flags, u32, u32, u32)
{
    return shm::get(static_cast<i32>(key), size, flags);
}
SyscallResult sys_shmat(u32 id, u32 address, u32 flags, u32, u32, u32)
{
    return shm::attach(static_cast<i32>(id), address, flags);
}
SyscallResult sys_shmdt(u32 address, u32, u32, u32, u32, u32) { return shm::detach(address); }
SyscallResult sys_shmctl(u32 id, u32 command, u32 buffer, u32, u32, u32)
{
    return shm::control(static_cast<i32>(id), command, buffer);
}

// ipc(call, first, second, third, ptr, fifth)
SyscallResult sys_ipc(u32 call, u32 first, u32 second, u32 third, u32 pointer, u32)
{
    constexpr u32 SHMAT = 21, SHMDT = 22, SHMGET = 23, SHMCTL = 24;
    switch (call & 0xFFFF) {
    case SHMAT: {
        // The attach address comes back through *third.
        u32 address = TRY(shm::attach(static_cast<i32>(first), pointer, second));
        TRY(write_user(third, address));
        return 0;
    }
    case SHMDT:
        return shm::detach(pointer);
    case SHMGET:
        return shm::get(static_cast<i32>(first), second, third);
    case SHMCTL:
        return shm::control(static_cast<i32>(first), second, pointer);
    default:
        return errno_error(abi::ENOSYS); // semaphores and message queues are not implemented
    }
}
