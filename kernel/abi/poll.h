// poll(2)'s event bits (asm-generic/poll.h), what a file answers when asked
// whether it is ready; select(2) is built on the same answers.
#pragma once

#include <libk/types.h>

namespace abi {

namespace poll_events {
constexpr u32 POLLIN = 0x1;     // there is data to read (or the end of the file)
constexpr u32 POLLPRI = 0x2;    // urgent data
constexpr u32 POLLOUT = 0x4;    // a write would not block
constexpr u32 POLLERR = 0x8;    // an error (a pipe with no reader left)
constexpr u32 POLLHUP = 0x10;   // hung up (a pipe with no writer left)
constexpr u32 POLLNVAL = 0x20;  // the fd is not open
constexpr u32 POLLRDNORM = 0x40, POLLRDBAND = 0x80, POLLWRNORM = 0x100, POLLWRBAND = 0x200;
constexpr u32 POLLMSG = 0x400, POLLRDHUP = 0x2000;
}

struct PollFd {
    i32 fd;
    i16 events;
    i16 revents;
};
static_assert(sizeof(PollFd) == 8);

} // namespace abi
