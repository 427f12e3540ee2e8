// The terminal's side of the Linux i386 ABI: struct termios and struct
// winsize as user space sees them (asm-generic/termbits.h), the mode
// flags, the control character slots, and the terminal ioctls
// (asm-generic/ioctls.h). The names are Linux's own, so that tcgetattr(3)
// and this header read alike; tests/host/test_abi.cpp checks every value.
#pragma once

#include <libk/types.h>

namespace abi {

// c_iflag: input processing.
namespace input_flags {
constexpr u32 IGNBRK = 0x001, BRKINT = 0x002, IGNPAR = 0x004, PARMRK = 0x008, INPCK = 0x010;
constexpr u32 ISTRIP = 0x020; // strip the eighth bit
constexpr u32 INLCR = 0x040;  // newline becomes carriage return
constexpr u32 IGNCR = 0x080;  // carriage return is dropped
constexpr u32 ICRNL = 0x100;  // carriage return becomes newline (Enter sends CR)
constexpr u32 IUCLC = 0x200, IXON = 0x400, IXANY = 0x800, IXOFF = 0x1000, IMAXBEL = 0x2000, IUTF8 = 0x4000;
}

// c_oflag: output processing.
namespace output_flags {
constexpr u32 OPOST = 0x01; // process output at all
constexpr u32 OLCUC = 0x02;
constexpr u32 ONLCR = 0x04; // newline goes out as CR LF
constexpr u32 OCRNL = 0x08, ONOCR = 0x10, ONLRET = 0x20, OFILL = 0x40, OFDEL = 0x80;
constexpr u32 TABDLY = 0x1800, XTABS = 0x1800; // XTABS: tabs go out as spaces
}

// c_cflag: the line's hardware settings (Cleave's console has none to change).
namespace control_flags {
constexpr u32 CBAUD = 0x100f, B9600 = 0xd, B38400 = 0xf, CSIZE = 0x30, CS8 = 0x30;
constexpr u32 CSTOPB = 0x40, CREAD = 0x80, PARENB = 0x100, PARODD = 0x200, HUPCL = 0x400, CLOCAL = 0x800;
}

// c_lflag: the line discipline.
namespace local_flags {
constexpr u32 ISIG = 0x1;    // INTR, QUIT and SUSP send signals
constexpr u32 ICANON = 0x2;  // canonical mode: a line at a time, with editing
constexpr u32 XCASE = 0x4;
constexpr u32 ECHO = 0x8;    // echo what is typed
constexpr u32 ECHOE = 0x10;  // ERASE rubs the character out ("\b \b")
constexpr u32 ECHOK = 0x20;  // a newline after KILL
constexpr u32 ECHONL = 0x40; // echo newline even without ECHO
constexpr u32 NOFLSH = 0x80; // no flush of the input on a signal character
constexpr u32 TOSTOP = 0x100; // background writers get SIGTTOU
constexpr u32 ECHOCTL = 0x200; // control characters echo as ^X
constexpr u32 ECHOPRT = 0x400;
constexpr u32 ECHOKE = 0x800; // KILL rubs the whole line out
constexpr u32 FLUSHO = 0x1000, PENDIN = 0x4000;
constexpr u32 IEXTEN = 0x8000; // WERASE, LNEXT, REPRINT and EOL2
constexpr u32 EXTPROC = 0x10000;
}

// Indexes of c_cc, the control characters. A slot holding 0
// (_POSIX_VDISABLE) is disabled.
namespace control_chars {
constexpr u32 VINTR = 0, VQUIT = 1, VERASE = 2, VKILL = 3, VEOF = 4, VTIME = 5, VMIN = 6, VSWTC = 7;
constexpr u32 VSTART = 8, VSTOP = 9, VSUSP = 10, VEOL = 11, VREPRINT = 12, VDISCARD = 13, VWERASE = 14;
constexpr u32 VLNEXT = 15, VEOL2 = 16;
constexpr u32 NCCS = 19;
}

// The terminal ioctls Cleave implements.
namespace tty_ioctls {
constexpr u32 TCGETS = 0x5401, TCSETS = 0x5402, TCSETSW = 0x5403, TCSETSF = 0x5404;
constexpr u32 TCSBRK = 0x5409, TCXONC = 0x540A, TCFLSH = 0x540B;
constexpr u32 TIOCSCTTY = 0x540E, TIOCGPGRP = 0x540F, TIOCSPGRP = 0x5410, TIOCOUTQ = 0x5411;
constexpr u32 TIOCSTI = 0x5412, TIOCGWINSZ = 0x5413, TIOCSWINSZ = 0x5414, FIONREAD = 0x541B;
constexpr u32 TIOCNOTTY = 0x5422, TIOCSETD = 0x5423, TIOCGETD = 0x5424, TCSBRKP = 0x5425, TIOCGSID = 0x5429;
// A pseudo-terminal's master (tty/pty.h): its number, its lock, an open
// file of its slave, and a signal for the slave's foreground group.
constexpr u32 TIOCGPTN = 0x80045430, TIOCSPTLCK = 0x40045431, TIOCGPTLCK = 0x80045439;
constexpr u32 TIOCGPTPEER = 0x5441, TIOCSIG = 0x40045436;
// TCXONC's argument.
constexpr u32 TCOOFF = 0, TCOON = 1, TCIOFF = 2, TCION = 3;
// TCFLSH's argument.
constexpr u32 TCIFLUSH = 0, TCOFLUSH = 1, TCIOFLUSH = 2;
}

struct Termios {
    u32 c_iflag, c_oflag, c_cflag, c_lflag;
    u8 c_line; // the line discipline: always 0, N_TTY
    u8 c_cc[control_chars::NCCS];
};
static_assert(sizeof(Termios) == 36);

struct WindowSize {
    u16 rows, columns, x_pixels, y_pixels;
};
static_assert(sizeof(WindowSize) == 8);

} // namespace abi
