#include <kernel/fs/file_system.h>

namespace {
u32 last_anonymous_minor; // guarded by the kernel not being preemptible
}

// Minor numbers are never reused: a teaching kernel can afford 2^20 of them.
FileSystem::FileSystem() : m_device(++last_anonymous_minor) { }
