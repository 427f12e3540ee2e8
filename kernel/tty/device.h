// The terminals' device files, and what every open file of a terminal
// does.
//
// The console has three names, which differ as the same names do on Linux:
//   /dev/console (5, 1)  never becomes a controlling terminal by being
//                        opened, and has no job control: a background
//                        process may read it, and write with TOSTOP;
//   /dev/ttyS0   (4, 64) the serial line's name: a session leader without
//                        a controlling terminal that opens it gets it;
//   /dev/tty     (5, 0)  the caller's controlling terminal, whichever it
//                        is (the console or a pty's slave), ENXIO if it
//                        has none.
// A pseudo-terminal's slave, /dev/pts/N (136, N), is a terminal file too
// (pty.h); its master, /dev/ptmx, is not (it has no line discipline).
//
// Which terminal an open file is of is decided once, at open, and kept in
// the open file (TerminalFile): the same /dev/tty is one terminal for one
// session and another for the next.
#pragma once

#include <kernel/fs/inode.h>
#include <kernel/fs/open_file.h>

class Tty;
class TtyDriver;

namespace tty {

// What an open file of a terminal keeps (OpenFile::private_data).
class TerminalFile final : public FilePrivate {
public:
    TerminalFile(Tty& tty, bool job_control);
    Tty& tty;
    // Holds the driver (a pty) for as long as the file is open.
    RefPtr<TtyDriver> driver;
    // Reads and writes are subject to job control (all but /dev/console).
    bool job_control;
};

// The operations of every open file of a terminal. Once the terminal has
// hung up (its pty's master closed) the file is dead, as on Linux: a read
// gives 0 (end of file), anything else EIO, and poll says everything.
class TerminalNode : public Inode {
public:
    bool is_seekable() const override { return false; }
    ErrorOr<usize> read_stream(OpenFile&, const IoBuffer&, usize length) override;
    ErrorOr<usize> write_stream(OpenFile&, const IoBuffer&, usize length) override;
    ErrorOr<i32> ioctl(OpenFile&, u32 request, uptr argument) override;
    u32 poll(OpenFile&, PollTable*) override;
    void closed(OpenFile&) override;

protected:
    // For open(): `file` becomes a file of `tty`, if its driver lets it
    // (TtyDriver::terminal_opened).
    static ErrorOr<void> attach(OpenFile& file, Tty& tty, bool job_control);
};

enum class DeviceName { Console, Serial, Controlling };

ErrorOr<RefPtr<Inode>> create_device(DeviceName);

} // namespace tty
