// Pipes: a byte stream from a write end to a read end, through a buffer of
// PIPE_CAPACITY bytes in the kernel (Linux's default, 16 pages).
//
// A read of an empty pipe sleeps until a writer writes, or returns 0 (end
// of file) once every write end is closed; a write to a full pipe sleeps
// until a reader makes room, and fails with EPIPE once every read end is
// closed. With O_NONBLOCK either says EAGAIN instead of sleeping.
#pragma once

#include <kernel/fs/open_file.h>

namespace pipes {

constexpr usize PIPE_CAPACITY = 65536;
constexpr usize PIPE_BUF = 4096; // writes up to this size are never interleaved

struct Ends {
    RefPtr<OpenFile> read;
    RefPtr<OpenFile> write;
};

// A new pipe; `flags` may carry O_NONBLOCK for both ends.
ErrorOr<Ends> create(u32 flags);

} // namespace pipes
