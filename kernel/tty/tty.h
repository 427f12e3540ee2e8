// A terminal (tty): what a program reads from and writes to when it talks
// to a terminal, and the line discipline between the keys and read().
//
// Typed characters go through receive() one at a time: it turns Ctrl-C
// into SIGINT for the foreground process group, edits the line being typed
// (erase, kill, word erase), echoes, and queues the characters. read()
// takes them out: a whole line at a time in canonical mode (ICANON), or as
// they come in raw mode (VMIN/VTIME). write() sends a program's output on,
// turning "\n" into "\r\n" (OPOST|ONLCR). termios says which of all this
// happens; struct termios is Linux's (abi/termios.h), so tcgetattr and
// tcsetattr of any C library work.
//
// A terminal is also the controlling terminal of at most one session,
// with one foreground process group (job_control.h).
//
// The Tty is the line discipline only. What is on its other side is its
// driver (driver.h): the console (the serial line and the VGA screen with
// the PS/2 keyboard, console_driver.cpp) or a pseudo-terminal's master
// (pty.h). The driver hands what arrives to receive() and takes the
// output. docs/tty.md tells the whole story.
//
// The state of a terminal is guarded by the kernel not being preemptible:
// only tasks touch it (the console's input thread, and system calls),
// never an interrupt handler, and none sleeps in the middle of a change.
#pragma once

#include <kernel/abi/termios.h>
#include <kernel/fs/open_file.h>
#include <kernel/task/wait_queue.h>
#include <kernel/tty/driver.h>

class PollTable;

class Tty {
public:
    Tty(TtyDriver&, u32 cflag, abi::WindowSize);

    // The console's terminal (console_driver.cpp).
    static Tty& console();

    TtyDriver& driver() const { return m_driver; }

    // ---- the line discipline (line_discipline.cpp) ----
    // One character from the keyboard or serial line (or TIOCSTI).
    void receive(u8 c);
    // read(2): a line in canonical mode; VMIN/VTIME rule raw mode. With
    // `job_control`, a background reader gets SIGTTIN (job_control.h).
    ErrorOr<usize> read(OpenFile&, const IoBuffer&, usize length, bool job_control);

    // ---- output (output.cpp) ----
    // write(2). With `job_control`, a background writer gets SIGTTOU if
    // TOSTOP is set. (Linux leaves both out for /dev/console, the system's
    // console that anyone may use: so does Cleave.)
    ErrorOr<usize> write(OpenFile&, const IoBuffer&, usize length, bool job_control);

    // The driver has room again (transmit_room() grew): held output goes
    // out, and writers waiting for room wake.
    void output_room_available();

    // ---- the rest (tty.cpp) ----
    ErrorOr<i32> ioctl(u32 request, uptr argument);
    u32 poll(OpenFile&, PollTable*);

    // Would a character received now be lost for want of room that a
    // reader will make? (A pty's master waits instead of writing.)
    bool input_full() const;

    // The other side is gone (a pty's master closed): reads and writes
    // waiting now end with EIO, and the files of the terminal are hung up
    // (device.h). For good: a hung-up terminal never comes back.
    void hang_up();
    bool is_hung_up() const { return m_hung_up; }

    // ---- job control (job_control.cpp) ----
    pid_t session = 0;    // the session it controls; 0: none
    pid_t foreground = 0; // the foreground process group; 0: none
    // Input arrived, the mode changed, or the terminal left its session.
    WaitQueue read_queue;

private:
    u32 iflag(u32 bit) const { return m_termios.c_iflag & bit; }
    u32 oflag(u32 bit) const { return m_termios.c_oflag & bit; }
    u32 lflag(u32 bit) const { return m_termios.c_lflag & bit; }
    // Is c the control character in slot `which` (0 there means disabled)?
    bool is(u8 c, u32 which) const { return c && c == m_termios.c_cc[which]; }
    bool is_canonical() const { return lflag(abi::local_flags::ICANON); }

    // Input (line_discipline.cpp).
    void receive_special(u8 c);
    void signal_char(int signal, u8 c);
    void erase(u8 c);
    bool store(u8 c, bool ends_line);
    void flush_input();
    bool input_available(bool for_poll) const;
    u32 readable_bytes() const;
    ErrorOr<usize> read_canonical(OpenFile&, const IoBuffer&, usize length);
    ErrorOr<usize> read_line(const IoBuffer&, usize length);
    ErrorOr<usize> copy_out(const IoBuffer&, usize offset, u32 count);
    ErrorOr<usize> read_raw(OpenFile&, const IoBuffer&, usize length);
    u8 at(u32 position) const { return m_buffer[position % BUFFER_SIZE]; }
    bool ends_line(u32 position) const;
    void set_ends_line(u32 position, bool);

    // Echo and output (output.cpp).
    void echo(u8 c);
    void echo_raw(u8 c) { output(reinterpret_cast<const char*>(&c), 1); }
    void output(const char* text, usize length);
    usize process_output(u8 c, char* out);
    bool is_control(u8 c) const { return c < 0x20 || c == 0x7F; }
    bool is_continuation(u8 c) const { return iflag(abi::input_flags::IUTF8) && (c & 0xC0) == 0x80; }
    void stop_output() { m_stopped = true; }
    void start_output();
    void send(const char* bytes, usize count);
    void send_held();
    // Room for output now: in the driver, or, while output is stopped or
    // some is held already, in the hold buffer (behind what is held).
    usize output_room() const;
    bool has_room(usize count) const { return output_room() >= count; }
    // What one byte may become after output processing, at most (a tab
    // turned into spaces): a writer waits for that much room.
    static constexpr usize MAX_EXPANSION = 8;

    void set_termios(const abi::Termios&);

    // Typed characters: a ring of BUFFER_SIZE bytes indexed by three
    // counters that only grow (the index is counter % BUFFER_SIZE):
    //     read_tail <= canon_head <= read_head
    // [read_tail, canon_head) can be read: complete lines in canonical
    // mode, everything in raw mode; [canon_head, read_head) is the line
    // being edited. Each byte has a bit that says it ends a line (newline,
    // EOL, EOL2, or the end-of-file mark EOF leaves, a 0 byte).
    static constexpr u32 BUFFER_SIZE = 4096;
    u8 m_buffer[BUFFER_SIZE] = {};
    u8 m_line_ends[BUFFER_SIZE / 8] = {};
    u32 m_read_tail = 0;
    u32 m_canon_head = 0;
    u32 m_read_head = 0;
    bool m_literal_next = false; // VLNEXT came: the next character is not special

    // Output.
    u32 m_column = 0;       // where the cursor is, as far as we can tell
    u32 m_canon_column = 0; // the column where the line being edited began
    bool m_stopped = false; // by VSTOP (with IXON) or TCOOFF; VSTART or TCOON restarts
    bool m_stopped_by_tcxonc = false; // TCOOFF's stop, which only TCOON ends
    // While output is stopped, or the driver has no room, it is held here
    // (as a serial driver's transmit buffer would hold it), and goes out
    // when output restarts or the driver has room; writers wait only when
    // this is full.
    static constexpr u32 HOLD_SIZE = 4096;
    char m_held[HOLD_SIZE];
    u32 m_held_count = 0;
    WaitQueue m_write_queue; // writers waiting for room

    abi::Termios m_termios;
    abi::WindowSize m_window_size;

    TtyDriver& m_driver;
    bool m_hung_up = false;
};

namespace tty {

// Starts the console's input thread (call once, before user space runs).
ErrorOr<void> init();

} // namespace tty
