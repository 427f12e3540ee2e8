// Pseudo-terminals: a terminal whose "hardware" is a program.
//
// A pty is a pair. Its slave, /dev/pts/N, is a terminal like the console:
// the same line discipline (Tty), with sessions, job control, termios. Its
// master, the file an open of /dev/ptmx returns, is the other end of the
// wire: what the master writes arrives at the slave as if typed (through
// the line discipline: echo, Ctrl-C, editing), and what the slave's
// programs write (after output processing) is what the master reads. A
// terminal emulator, or a test that types into a shell, holds the master.
//
//   master write --> Tty::receive --> slave read
//   master read  <-- output buffer <-- transmit <-- slave write, echo
//
// The Pty is the slave's driver (driver.h) and owns the slave's Tty. It
// lives as long as its master or any slave file is open. Its life:
//   - open(/dev/ptmx): a new pair N; /dev/pts/N appears, locked: opening
//     it fails with EIO until the master unlocks it (TIOCSPTLCK, which is
//     unlockpt);
//   - when the last slave file closes, the master's reads fail with EIO
//     once what was written is read (and poll says POLLHUP);
//   - when the master closes, /dev/pts/N goes, and the slave hangs up:
//     its session's leader and foreground group get SIGHUP, and its open
//     files are dead (read 0, write EIO);
//   - when both are closed, the pair is freed and N can be used again.
#pragma once

#include <kernel/tty/tty.h>

class Pty final : public TtyDriver {
public:
    // A new pair, with its slave in devpts (ENOSPC when none is free).
    static ErrorOr<RefPtr<Pty>> create();
    ~Pty() override;

    Tty& slave() { return m_slave; }
    u32 index() const { return m_index; }

    // ---- the slave's driver (driver.h) ----
    usize transmit(const char* bytes, usize count) override;
    usize transmit_room() const override;
    void input_taken() override;
    ErrorOr<void> terminal_opened() override;
    void terminal_closed() override;
    u32 device_number() const override { return make_device_number(136, m_index); }

    // ---- the master: the open file of /dev/ptmx ----
    ErrorOr<usize> master_read(OpenFile&, const IoBuffer&, usize length);
    ErrorOr<usize> master_write(OpenFile&, const IoBuffer&, usize length);
    ErrorOr<i32> master_ioctl(OpenFile&, u32 request, uptr argument);
    u32 master_poll(OpenFile&, PollTable*);
    void master_closed();

private:
    explicit Pty(u32 index);
    ErrorOr<i32> open_peer(OpenFile& master, u32 flags);

    Tty m_slave;
    u32 m_index;

    // The slave's output, waiting for the master to read it.
    static constexpr u32 OUTPUT_SIZE = 4096;
    char m_output[OUTPUT_SIZE];
    u32 m_output_start = 0, m_output_count = 0;

    bool m_locked = true;        // TIOCSPTLCK: the slave cannot be opened
    bool m_master_open = true;
    u32 m_slave_files = 0;       // open files of the slave (/dev/tty's included)
    bool m_slave_closed = false; // it was opened, and all those files are closed
    WaitQueue m_master_read_queue;  // output arrived, or the slave closed
    WaitQueue m_master_write_queue; // the slave's input has room again
};

namespace pty {

// The master's device file, /dev/ptmx (5, 2) in devfs and /dev/pts/ptmx:
// every open makes a new pair and is its master.
ErrorOr<RefPtr<Inode>> create_master_device(u32 permissions);

} // namespace pty
