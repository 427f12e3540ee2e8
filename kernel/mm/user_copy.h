// Moving data across the user/kernel boundary. Every system call that
// takes a pointer from user space goes through these: they check that the
// whole range lies in the user half, and a fault on a bad address becomes
// EFAULT instead of a kernel panic.
#pragma once

#include <kernel/mm/layout.h>
#include <libk/error.h>

// True if [address, address+length) lies entirely in user space.
bool is_user_range(uptr address, usize length);

ErrorOr<void> copy_from_user(void* to, uptr from, usize length);
ErrorOr<void> copy_to_user(uptr to, const void* from, usize length);
// Copies a NUL-terminated string of at most `size` bytes including the NUL;
// ENAMETOOLONG if it does not fit. Returns the length without the NUL.
ErrorOr<usize> strncpy_from_user(char* to, uptr from, usize size);

template<typename T>
ErrorOr<T> read_user(uptr address)
{
    T value;
    TRY(copy_from_user(&value, address, sizeof(T)));
    return value;
}

template<typename T>
ErrorOr<void> write_user(uptr address, const T& value)
{
    return copy_to_user(address, &value, sizeof(T));
}

// Called by the page fault handler for a fault in kernel mode: if it hit
// the user copy routine, sends it to its fixup and returns true.
struct TrapFrame;
bool fixup_user_copy_fault(TrapFrame&);
