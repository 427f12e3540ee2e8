// The line discipline's settings, ioctls and poll: what every terminal
// has, whichever driver is under it.
#include <kernel/abi/poll.h>
#include <kernel/fs/poll.h>
#include <kernel/mm/user_copy.h>
#include <kernel/task/process_group.h>
#include <kernel/task/tasks.h>
#include <kernel/tty/job_control.h>
#include <kernel/tty/tty.h>

using namespace abi::input_flags;
using namespace abi::output_flags;
using namespace abi::control_flags;
using namespace abi::local_flags;
using namespace abi::control_chars;
using namespace abi::tty_ioctls;

// What a fresh Linux terminal reports: canonical mode with echo, signals,
// CR to NL on input, NL to CR NL on output, and the usual characters:
// ^C INTR, ^\ QUIT, DEL ERASE, ^U KILL, ^D EOF, ^Q/^S START/STOP, ^Z SUSP,
// ^R REPRINT, ^O DISCARD, ^W WERASE, ^V LNEXT. The driver says what
// differs: c_cflag (a serial line hangs up when closed: HUPCL) and the
// window size.
Tty::Tty(TtyDriver& driver, u32 cflag, abi::WindowSize window_size)
    : m_window_size(window_size)
    , m_driver(driver)
{
    m_termios.c_iflag = ICRNL | IXON;
    m_termios.c_oflag = OPOST | ONLCR;
    m_termios.c_cflag = cflag;
    m_termios.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN;
    m_termios.c_line = 0;
    const u8 characters[NCCS] = { 003, 034, 0177, 025, 004, 0, 1, 0, 021, 023, 032, 0, 022, 017, 027, 026, 0, 0, 0 };
    for (u32 i = 0; i < NCCS; ++i)
        m_termios.c_cc[i] = characters[i];
}

u32 Tty::poll(OpenFile& file, PollTable* table)
{
    using namespace abi::poll_events;
    if (table) {
        table->watch(read_queue, file);
        table->watch(m_write_queue, file);
    }
    u32 events = 0;
    if (input_available(true))
        events |= POLLIN | POLLRDNORM;
    if (has_room(MAX_EXPANSION))
        events |= POLLOUT | POLLWRNORM;
    return events;
}

// TCSETS and friends. Switching canonical mode on or off decides what is
// readable: into raw mode, everything typed; into canonical mode, what was
// typed becomes one line (Linux's choice).
void Tty::set_termios(const abi::Termios& termios)
{
    bool was_canonical = is_canonical();
    bool had_ixon = iflag(IXON);
    m_termios = termios;
    if (was_canonical != is_canonical()) {
        for (u32 p = m_read_tail; p != m_read_head; ++p)
            set_ends_line(p, false);
        if (is_canonical() && m_read_head != m_read_tail)
            set_ends_line(m_read_head - 1, true);
        m_canon_head = m_read_head;
        m_literal_next = false;
    }
    if (had_ixon && !iflag(IXON))
        start_output();
    read_queue.wake_all();
    m_write_queue.wake_all();
}

bool Tty::input_full() const
{
    // One byte is kept for the end of a line (store()); nothing is lost
    // for good if a reader can take something first.
    return m_read_head - m_read_tail >= BUFFER_SIZE - 1 && m_canon_head != m_read_tail;
}

void Tty::hang_up()
{
    m_hung_up = true;
    read_queue.wake_all();
    m_write_queue.wake_all();
}

ErrorOr<i32> Tty::ioctl(u32 request, uptr argument)
{
    switch (request) {
    case TCGETS:
        TRY(write_user(argument, m_termios));
        return 0;
    case TCSETS:
    case TCSETSW:  // after the output drains: it never waits here
    case TCSETSF: { // and the input is flushed
        TRY(job_control::check_background(*this, abi::SIGTTOU));
        auto termios = TRY(read_user<abi::Termios>(argument));
        if (request == TCSETSF)
            flush_input();
        set_termios(termios);
        return 0;
    }
    case TCSBRK: // tcdrain, tcsendbreak: output is never queued, and there is no line to break
    case TCSBRKP:
        TRY(job_control::check_background(*this, abi::SIGTTOU));
        return 0;
    case TCFLSH:
        TRY(job_control::check_background(*this, abi::SIGTTOU));
        if (argument == TCIFLUSH || argument == TCIOFLUSH)
            flush_input();
        else if (argument != TCOFLUSH)
            return Error::from_errno(abi::EINVAL);
        return 0;
    case TCXONC:
        TRY(job_control::check_background(*this, abi::SIGTTOU));
        switch (argument) {
        case TCOOFF:
            m_stopped_by_tcxonc = true;
            stop_output();
            return 0;
        case TCOON:
            if (m_stopped_by_tcxonc) {
                m_stopped_by_tcxonc = false;
                start_output();
            }
            return 0;
        case TCIOFF:
        case TCION: {
            // Asks the other end to stop or start sending: the character goes out.
            u8 c = m_termios.c_cc[argument == TCIOFF ? VSTOP : VSTART];
            if (c && m_driver.transmit_room())
                m_driver.transmit(reinterpret_cast<const char*>(&c), 1);
            return 0;
        }
        default:
            return Error::from_errno(abi::EINVAL);
        }
    case FIONREAD:
        TRY(write_user<u32>(argument, readable_bytes()));
        return 0;
    case TIOCOUTQ:
        TRY(write_user<u32>(argument, 0)); // written at once: nothing waits to go out
        return 0;
    case TIOCGWINSZ:
        TRY(write_user(argument, m_window_size));
        return 0;
    case TIOCSWINSZ: {
        auto size = TRY(read_user<abi::WindowSize>(argument));
        bool changed = size.rows != m_window_size.rows || size.columns != m_window_size.columns
            || size.x_pixels != m_window_size.x_pixels || size.y_pixels != m_window_size.y_pixels;
        m_window_size = size;
        if (changed && foreground)
            process_groups::signal(foreground, abi::SIGWINCH);
        return 0;
    }
    case TIOCSTI: {
        // As if typed: through the whole line discipline, signals included.
        if (!job_control::may_inject(*this))
            return Error::from_errno(abi::EPERM);
        u8 c = TRY(read_user<u8>(argument));
        receive(c);
        return 0;
    }
    case TIOCGETD:
        TRY(write_user<i32>(argument, 0)); // N_TTY, the only line discipline
        return 0;
    case TIOCSETD: {
        TRY(job_control::check_background(*this, abi::SIGTTOU));
        i32 discipline = TRY(read_user<i32>(argument));
        return discipline == 0 ? ErrorOr<i32>(0) : Error::from_errno(abi::EINVAL);
    }
    default:
        return job_control::ioctl(*this, request, argument);
    }
}
