// The terminal's device files. All three lead to the console's terminal
// and differ as the same names do on Linux:
//   /dev/console (5, 1)  never becomes a controlling terminal by being
//                        opened, and has no job control: a background
//                        process may read it, and write with TOSTOP;
//   /dev/ttyS0   (4, 64) the serial line's name: a session leader without
//                        a controlling terminal that opens it gets it;
//   /dev/tty     (5, 0)  the caller's controlling terminal, ENXIO if it
//                        has none.
#pragma once

#include <kernel/fs/inode.h>

namespace tty {

enum class DeviceName { Console, Serial, Controlling };

ErrorOr<RefPtr<Inode>> create_device(DeviceName);

} // namespace tty
