// Output: what a program writes, and the echo of what is typed, on their
// way to the driver (the screen and the serial line, or a pty's master),
// through the output flags (OPOST: ONLCR, OCRNL, ONOCR, ONLRET, OLCUC,
// XTABS).
#include <kernel/signal/signal.h>
#include <kernel/tty/job_control.h>
#include <kernel/tty/tty.h>

using namespace abi::output_flags;
using namespace abi::local_flags;

// One character after output processing, into `out` (at most 8 bytes);
// returns how many. Tracks the cursor's column, which erasing a tab needs.
usize Tty::process_output(u8 c, char* out)
{
    if (!oflag(OPOST)) {
        out[0] = static_cast<char>(c);
        return 1;
    }
    switch (c) {
    case '\n':
        if (oflag(ONLRET))
            m_column = 0;
        if (oflag(ONLCR)) {
            m_canon_column = m_column = 0;
            out[0] = '\r', out[1] = '\n';
            return 2;
        }
        m_canon_column = m_column;
        break;
    case '\r':
        if (oflag(ONOCR) && m_column == 0)
            return 0;
        if (oflag(OCRNL)) {
            c = '\n';
            if (oflag(ONLRET))
                m_canon_column = m_column = 0;
            break;
        }
        m_canon_column = m_column = 0;
        break;
    case '\t': {
        u32 spaces = 8 - (m_column & 7);
        m_column += spaces;
        if ((m_termios.c_oflag & TABDLY) == XTABS) {
            for (u32 i = 0; i < spaces; ++i)
                out[i] = ' ';
            return spaces;
        }
        break;
    }
    case '\b':
        if (m_column > 0)
            --m_column;
        break;
    default:
        if (!is_control(c)) {
            if (oflag(OLCUC) && c >= 'a' && c <= 'z')
                c = static_cast<u8>(c - 'a' + 'A');
            if (!is_continuation(c))
                ++m_column;
        }
    }
    out[0] = static_cast<char>(c);
    return 1;
}

void Tty::output(const char* text, usize length)
{
    char out[256];
    usize used = 0;
    for (usize i = 0; i < length; ++i) {
        if (used > sizeof(out) - 8) {
            send(out, used);
            used = 0;
        }
        used += process_output(static_cast<u8>(text[i]), out + used);
    }
    if (used)
        send(out, used);
}

// To the driver, or held while output is stopped or the driver has no
// room (what does not fit there either is lost: writers make sure it
// fits, echo may not). Held output goes first, so nothing overtakes it.
void Tty::send(const char* bytes, usize count)
{
    usize sent = 0;
    if (!m_stopped && !m_held_count)
        sent = m_driver.transmit(bytes, libk::min(count, m_driver.transmit_room()));
    usize n = libk::min<usize>(count - sent, HOLD_SIZE - m_held_count);
    for (usize i = 0; i < n; ++i)
        m_held[m_held_count + i] = bytes[sent + i];
    m_held_count += static_cast<u32>(n);
}

// What is held goes to the driver, as much as it takes.
void Tty::send_held()
{
    if (m_stopped || !m_held_count)
        return;
    usize sent = m_driver.transmit(m_held, libk::min<usize>(m_held_count, m_driver.transmit_room()));
    for (usize i = sent; i < m_held_count; ++i)
        m_held[i - sent] = m_held[i];
    m_held_count -= static_cast<u32>(sent);
}

usize Tty::output_room() const
{
    usize held_room = HOLD_SIZE - m_held_count;
    if (m_stopped || m_held_count)
        return held_room;
    return libk::max(m_driver.transmit_room(), held_room);
}

void Tty::output_room_available()
{
    send_held();
    m_write_queue.wake_all();
}

// The echo of a typed character: control characters as ^X with ECHOCTL
// (DEL as ^?), but not tab or newline.
void Tty::echo(u8 c)
{
    if (lflag(ECHOCTL) && is_control(c) && c != '\t' && c != '\n') {
        const char caret[2] = { '^', static_cast<char>(c ^ 0x40) };
        output(caret, 2);
        return;
    }
    echo_raw(c);
}

void Tty::start_output()
{
    if (!m_stopped || m_stopped_by_tcxonc)
        return;
    m_stopped = false;
    send_held();
    m_write_queue.wake_all();
}

ErrorOr<usize> Tty::write(OpenFile& file, const IoBuffer& buffer, usize length, bool job_control)
{
    if (job_control && lflag(TOSTOP))
        TRY(job_control::check_background(*this, abi::SIGTTOU));
    usize done = 0;
    while (done < length) {
        // While output is stopped (Ctrl-S with IXON, or TCOOFF) it is held;
        // a pty's output waits in the master's buffer until it is read. A
        // writer waits for room for one byte at its largest, and writes as
        // much as surely fits.
        bool nonblocking = file.is_nonblocking();
        auto waited = m_write_queue.wait([&] { return has_room(MAX_EXPANSION) || m_hung_up || nonblocking; });
        if (waited == WaitResult::Interrupted)
            return done ? ErrorOr<usize>(done) : Error::from_errno(restart::SYS);
        if (m_hung_up)
            return done ? ErrorOr<usize>(done) : Error::from_errno(abi::EIO);
        if (!has_room(MAX_EXPANSION))
            return done ? ErrorOr<usize>(done) : Error::from_errno(abi::EAGAIN);
        char chunk[128];
        usize n = libk::min(libk::min(length - done, sizeof(chunk)), output_room() / MAX_EXPANSION);
        auto copied = buffer.read(done, chunk, n);
        if (copied.is_error())
            return done ? ErrorOr<usize>(done) : copied.release_error();
        output(chunk, n);
        done += n;
    }
    return done;
}
