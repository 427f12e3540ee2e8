// The machine's name, as uname(2) and /proc/sys/kernel/hostname show it.
// One for the whole system until UTS namespaces (the process model issue)
// give each namespace its own.
#pragma once

#include <libk/error.h>

namespace hostname {

constexpr usize MAX_LENGTH = 64; // Linux's __NEW_UTS_LEN

const char* get();
// EINVAL if longer than MAX_LENGTH.
ErrorOr<void> set(const char* name, usize length);

} // namespace hostname
