// Where a read puts its bytes or a write takes them from: user memory (a
// system call's buffer) or kernel memory (execve reading a program). File
// systems copy through this, so a bad user pointer is EFAULT wherever it
// is found, and one implementation serves both callers.
#pragma once

#include <kernel/mm/user_copy.h>
#include <libk/string.h>

class IoBuffer {
public:
    static IoBuffer user(uptr address) { return IoBuffer(address, true); }
    static IoBuffer kernel(void* address) { return IoBuffer(reinterpret_cast<uptr>(address), false); }
    bool is_kernel() const { return !m_is_user; }

    ErrorOr<void> write(usize offset, const void* from, usize length) const
    {
        if (m_is_user)
            return copy_to_user(m_address + offset, from, length);
        libk::memcpy(reinterpret_cast<u8*>(m_address) + offset, from, length);
        return {};
    }

    ErrorOr<void> read(usize offset, void* to, usize length) const
    {
        if (m_is_user)
            return copy_from_user(to, m_address + offset, length);
        libk::memcpy(to, reinterpret_cast<const u8*>(m_address) + offset, length);
        return {};
    }

private:
    IoBuffer(uptr address, bool is_user) : m_address(address), m_is_user(is_user) { }
    uptr m_address;
    bool m_is_user;
};
