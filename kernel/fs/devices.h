// Character devices: the terminals (/dev/console, /dev/ttyS0 and
// /dev/tty: tty/device.h; /dev/ptmx, which makes pseudo-terminals:
// tty/pty.h) and the classic null, zero, full, random and urandom, with
// Linux's numbers.
#pragma once

#include <kernel/fs/inode.h>

namespace devices {

enum class Device { Console, Serial, Tty, Ptmx, Null, Zero, Full, Random, Urandom };

// A new inode for the device (its mode, rdev and behaviour); the caller
// gives it a file system and a name (devfs.cpp).
ErrorOr<RefPtr<Inode>> create(Device);

} // namespace devices
