// The line discipline: what a typed character does on its way to read(),
// and how read() takes characters out. Linux's N_TTY, in its essentials.
#include <kernel/signal/signal.h>
#include <kernel/task/process_group.h>
#include <kernel/tty/job_control.h>
#include <kernel/tty/tty.h>
#include <kernel/time/clock.h>

using namespace abi::input_flags;
using namespace abi::local_flags;
using namespace abi::control_chars;

namespace {

bool is_word_char(u8 c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }

} // namespace

// ---- input -----------------------------------------------------------------------

void Tty::receive(u8 c)
{
    if (iflag(ISTRIP))
        c &= 0x7F;
    if (iflag(IUCLC) && lflag(IEXTEN) && c >= 'A' && c <= 'Z')
        c = static_cast<u8>(c - 'A' + 'a');
    if (m_literal_next) {
        // After VLNEXT a character is only echoed and stored: no signal,
        // no editing, no end of line.
        m_literal_next = false;
        if (lflag(ECHO)) {
            if (m_canon_head == m_read_head)
                m_canon_column = m_column;
            echo(c);
        }
        store(c, false);
        return;
    }
    receive_special(c);
}

// The order of the checks is Linux's: flow control, then signals, then
// carriage return and newline, then the editing characters of canonical
// mode; anything else is an ordinary character.
void Tty::receive_special(u8 c)
{
    if (iflag(IXON)) {
        if (is(c, VSTART)) {
            start_output();
            return;
        }
        if (is(c, VSTOP)) {
            stop_output();
            return;
        }
    }
    if (lflag(ISIG)) {
        if (is(c, VINTR))
            return signal_char(abi::SIGINT, c);
        if (is(c, VQUIT))
            return signal_char(abi::SIGQUIT, c);
        if (is(c, VSUSP))
            return signal_char(abi::SIGTSTP, c);
    }
    if (m_stopped && !m_stopped_by_tcxonc && iflag(IXON) && iflag(IXANY))
        start_output();

    if (c == '\r') {
        if (iflag(IGNCR))
            return;
        if (iflag(ICRNL))
            c = '\n';
    } else if (c == '\n' && iflag(INLCR)) {
        c = '\r';
    }

    if (is_canonical()) {
        if (is(c, VERASE) || is(c, VKILL) || (is(c, VWERASE) && lflag(IEXTEN))) {
            erase(c);
            return;
        }
        if (is(c, VLNEXT) && lflag(IEXTEN)) {
            m_literal_next = true;
            if (lflag(ECHO) && lflag(ECHOCTL)) {
                echo_raw('^'); // shown until the next character replaces it
                echo_raw('\b');
            }
            return;
        }
        if (is(c, VREPRINT) && lflag(ECHO) && lflag(IEXTEN)) {
            // The line so far, again, on a fresh line.
            echo(c);
            echo_raw('\n');
            for (u32 p = m_canon_head; p != m_read_head; ++p)
                echo(at(p));
            return;
        }
        if (c == '\n') {
            if (lflag(ECHO) || lflag(ECHONL))
                echo_raw('\n');
            store(c, true);
            return;
        }
        if (is(c, VEOF)) {
            // End of file: the line is complete as it stands. It leaves a 0
            // byte that ends the line and that read() does not return.
            store(0, true);
            return;
        }
        if (is(c, VEOL) || (is(c, VEOL2) && lflag(IEXTEN))) {
            if (lflag(ECHO)) {
                if (m_canon_head == m_read_head)
                    m_canon_column = m_column;
                echo(c);
            }
            store(c, true);
            return;
        }
    }

    if (lflag(ECHO)) {
        if (c == '\n') {
            echo_raw('\n');
        } else {
            if (m_canon_head == m_read_head)
                m_canon_column = m_column; // the first character of a line
            echo(c);
        }
    }
    store(c, false);
}

// INTR, QUIT or SUSP: the signal goes to the foreground process group,
// and what was typed is thrown away (unless NOFLSH).
void Tty::signal_char(int s, u8 c)
{
    if (foreground)
        process_groups::signal(foreground, s);
    if (!lflag(NOFLSH))
        flush_input();
    if (iflag(IXON))
        start_output();
    if (lflag(ECHO))
        echo(c); // "^C" with ECHOCTL
}

// ERASE takes back one character, WERASE one word, KILL the whole line,
// from the line being edited (never from a line already complete), and
// rub them out on the screen as the ECHO flags say.
void Tty::erase(u8 c)
{
    if (m_read_head == m_canon_head)
        return; // nothing typed on this line
    enum { Character, Word, Line } kind = is(c, VERASE) ? Character : is(c, VWERASE) ? Word : Line;
    if (kind == Line) {
        if (!lflag(ECHO)) {
            m_read_head = m_canon_head;
            return;
        }
        if (!lflag(ECHOK) || !lflag(ECHOKE) || !lflag(ECHOE)) {
            // No rubbing out: show the KILL character, and maybe a newline.
            m_read_head = m_canon_head;
            echo(c);
            if (lflag(ECHOK))
                echo_raw('\n');
            return;
        }
    }
    bool seen_word = false;
    while (m_read_head != m_canon_head) {
        // One character, with all the bytes of a UTF-8 sequence (IUTF8).
        u32 head = m_read_head;
        u8 erased;
        do
            erased = at(--head);
        while (is_continuation(erased) && head != m_canon_head);
        if (is_continuation(erased))
            break; // only part of a character is left: leave it
        if (kind == Word) {
            // A word is letters, digits and underscores; what follows the
            // last one (blanks, punctuation) goes with it.
            if (is_word_char(erased))
                seen_word = true;
            else if (seen_word)
                break;
        }
        m_read_head = head;
        if (lflag(ECHO)) {
            if (kind == Character && !lflag(ECHOE)) {
                echo(c); // shows the ERASE character itself
            } else if (erased == '\t') {
                // Back to where the tab began: the width of what precedes
                // it on the line, modulo 8.
                u32 column = m_canon_column;
                for (u32 p = m_canon_head; p != m_read_head; ++p) {
                    u8 before = at(p);
                    if (before == '\t')
                        column = (column | 7) + 1;
                    else if (is_control(before))
                        column += lflag(ECHOCTL) ? 2 : 0;
                    else if (!is_continuation(before))
                        ++column;
                }
                for (u32 n = 8 - (column & 7); n > 0; --n)
                    echo_raw('\b');
            } else {
                // "\b \b" per column: two for a control character shown as ^X.
                if (is_control(erased) && lflag(ECHOCTL))
                    output("\b \b", 3);
                if (!is_control(erased) || lflag(ECHOCTL))
                    output("\b \b", 3);
            }
        }
        if (kind == Character)
            break;
    }
}

// Queues c (marking the end of a line); false if there is no room. The
// last byte is kept for the end of a line in canonical mode, so that a
// full line can still be completed.
bool Tty::store(u8 c, bool line_end)
{
    u32 used = m_read_head - m_read_tail;
    u32 room = BUFFER_SIZE - used;
    if (room == 0 || (is_canonical() && !line_end && room == 1))
        return false;
    m_buffer[m_read_head % BUFFER_SIZE] = c;
    set_ends_line(m_read_head, line_end);
    ++m_read_head;
    // A complete line, or any character in raw mode, can be read now.
    if (line_end || !is_canonical()) {
        m_canon_head = m_read_head;
        read_queue.wake_all();
    }
    return true;
}

void Tty::flush_input()
{
    m_read_tail = m_canon_head = m_read_head;
    m_driver.input_taken();
}

bool Tty::ends_line(u32 position) const
{
    u32 index = position % BUFFER_SIZE;
    return m_line_ends[index / 8] & (1u << (index % 8));
}

void Tty::set_ends_line(u32 position, bool value)
{
    u32 index = position % BUFFER_SIZE;
    if (value)
        m_line_ends[index / 8] |= static_cast<u8>(1u << (index % 8));
    else
        m_line_ends[index / 8] &= static_cast<u8>(~(1u << (index % 8)));
}

// Can a read (or, for poll, a read that would return at once) go ahead?
// In raw mode poll waits for VMIN bytes when there is no VTIME timer.
bool Tty::input_available(bool for_poll) const
{
    if (is_canonical())
        return m_canon_head != m_read_tail;
    u32 wanted = (for_poll && !m_termios.c_cc[VTIME] && m_termios.c_cc[VMIN]) ? m_termios.c_cc[VMIN] : 1;
    return m_canon_head - m_read_tail >= wanted;
}

// FIONREAD: what read could return, not counting end-of-file marks.
u32 Tty::readable_bytes() const
{
    u32 count = m_canon_head - m_read_tail;
    if (is_canonical()) {
        for (u32 p = m_read_tail; p != m_canon_head; ++p)
            count -= ends_line(p) && at(p) == 0;
    }
    return count;
}

// ---- read ------------------------------------------------------------------------

ErrorOr<usize> Tty::read(OpenFile& file, const IoBuffer& buffer, usize length, bool job_control)
{
    if (job_control)
        TRY(job_control::check_background(*this, abi::SIGTTIN));
    if (length == 0)
        return 0;
    auto result = is_canonical() ? read_canonical(file, buffer, length) : read_raw(file, buffer, length);
    if (!result.is_error() && result.value() > 0)
        m_driver.input_taken();
    return result;
}

ErrorOr<usize> Tty::read_canonical(OpenFile& file, const IoBuffer& buffer, usize length)
{
    auto waited = read_queue.wait([&] { return input_available(false) || m_hung_up || file.is_nonblocking(); });
    if (waited == WaitResult::Interrupted)
        return Error::from_errno(restart::SYS);
    if (!input_available(false))
        return Error::from_errno(m_hung_up ? abi::EIO : abi::EAGAIN);
    return read_line(buffer, length);
}

// Canonical mode: at most one line per read. Of a line longer than the
// buffer, the rest waits for the next read. The end-of-file mark is taken
// but not returned, so a line of only EOF reads as 0 bytes: end of file.
// As on Linux, the end of the line is looked for one byte beyond what was
// asked, so that "abc" and EOF, read 3 bytes at a time, give "abc" and
// take the EOF with them.
ErrorOr<usize> Tty::read_line(const IoBuffer& buffer, usize length)
{
    u32 available = m_canon_head - m_read_tail;
    u32 window = length < available ? static_cast<u32>(length) + 1 : available;
    u32 taken = static_cast<u32>(libk::min<usize>(length, window)), returned = taken;
    for (u32 i = 0; i < window; ++i) {
        if (!ends_line(m_read_tail + i))
            continue;
        if (at(m_read_tail + i) == 0) {
            returned = i; // the end-of-file mark goes, unread
            taken = i + 1;
        } else {
            returned = taken = static_cast<u32>(libk::min<usize>(length, i + 1));
        }
        break;
    }
    TRY(copy_out(buffer, 0, returned));
    m_read_tail += taken;
    return returned;
}

// Copies `count` bytes from the read tail to the buffer at `offset`,
// without taking them.
ErrorOr<usize> Tty::copy_out(const IoBuffer& buffer, usize offset, u32 count)
{
    for (u32 done = 0; done < count;) {
        u32 index = (m_read_tail + done) % BUFFER_SIZE;
        u32 chunk = libk::min(count - done, BUFFER_SIZE - index);
        TRY(buffer.write(offset + done, m_buffer + index, chunk));
        done += chunk;
    }
    return count;
}

// Raw mode: MIN (c_cc[VMIN]) bytes and TIME (c_cc[VTIME], tenths of a
// second) decide when a read returns:
//   MIN > 0, TIME = 0  when MIN bytes came (or the buffer is full);
//   MIN > 0, TIME > 0  after MIN bytes, or TIME after the last byte
//                      (the timer starts with the first byte);
//   MIN = 0, TIME > 0  with what came, within TIME of the call (maybe 0);
//   MIN = 0, TIME = 0  at once, with what there is (maybe 0).
ErrorOr<usize> Tty::read_raw(OpenFile& file, const IoBuffer& buffer, usize length)
{
    u32 minimum = m_termios.c_cc[VMIN];
    u64 time = static_cast<u64>(m_termios.c_cc[VTIME]) * clock::HZ / 10;
    bool wait_forever = true;
    u64 deadline = 0; // ticks; 0 with !wait_forever: do not wait
    if (minimum == 0) {
        minimum = 1;
        wait_forever = false;
        if (time)
            deadline = clock::ticks() + time + 1;
    }
    usize copied = 0;
    while (copied < length) {
        if (!input_available(false)) {
            if (!wait_forever && !deadline)
                break; // the time is up
            if (m_hung_up) {
                if (copied)
                    break;
                return Error::from_errno(abi::EIO);
            }
            if (file.is_nonblocking()) {
                if (copied)
                    break;
                return Error::from_errno(abi::EAGAIN);
            }
            auto waited = read_queue.wait([&] { return input_available(false) || m_hung_up; },
                WaitOptions { .deadline = deadline });
            if (waited == WaitResult::Interrupted) {
                if (copied)
                    break;
                return Error::from_errno(restart::SYS);
            }
            if (waited == WaitResult::TimedOut)
                wait_forever = false, deadline = 0;
            continue;
        }
        u32 n = static_cast<u32>(libk::min<usize>(length - copied, m_canon_head - m_read_tail));
        auto written = copy_out(buffer, copied, n);
        if (written.is_error()) {
            if (copied)
                break;
            return written.release_error();
        }
        m_read_tail += n;
        copied += n;
        if (copied >= minimum)
            break;
        if (time && m_termios.c_cc[VMIN]) {
            // The inter-byte timer: TIME from this byte.
            wait_forever = false;
            deadline = clock::ticks() + time + 1;
        }
    }
    return copied;
}
