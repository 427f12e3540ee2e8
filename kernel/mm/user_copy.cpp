#include <arch/i386/trap_frame.h>
#include <kernel/abi/errno.h>
#include <kernel/mm/user_copy.h>
#include <libk/utility.h>

extern "C" usize copy_user_bytes(void* to, const void* from, usize count);
extern "C" char copy_user_fault_ip[], copy_user_fixup[];

bool is_user_range(uptr address, usize length)
{
    return address + length >= address && address + length <= KERNEL_BASE;
}

ErrorOr<void> copy_from_user(void* to, uptr from, usize length)
{
    if (!is_user_range(from, length))
        return Error::from_errno(abi::EFAULT);
    if (copy_user_bytes(to, reinterpret_cast<const void*>(from), length) != 0)
        return Error::from_errno(abi::EFAULT);
    return {};
}

ErrorOr<void> copy_to_user(uptr to, const void* from, usize length)
{
    if (!is_user_range(to, length))
        return Error::from_errno(abi::EFAULT);
    if (copy_user_bytes(reinterpret_cast<void*>(to), from, length) != 0)
        return Error::from_errno(abi::EFAULT);
    return {};
}

ErrorOr<usize> strncpy_from_user(char* to, uptr from, usize size)
{
    // Page by page: a string may end just before an unmapped page.
    usize copied = 0;
    while (copied < size) {
        usize chunk = libk::min<usize>(size - copied, PAGE_SIZE - (from + copied) % PAGE_SIZE);
        TRY(copy_from_user(to + copied, from + copied, chunk));
        for (usize i = 0; i < chunk; ++i) {
            if (to[copied + i] == '\0')
                return copied + i;
        }
        copied += chunk;
    }
    return Error::from_errno(abi::ENAMETOOLONG);
}

bool fixup_user_copy_fault(TrapFrame& frame)
{
    if (frame.eip != reinterpret_cast<uptr>(copy_user_fault_ip))
        return false;
    frame.eip = reinterpret_cast<uptr>(copy_user_fixup);
    return true;
}
