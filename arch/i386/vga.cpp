#include <arch/i386/cpu.h>
#include <arch/i386/vga.h>
#include <kernel/mm/layout.h>
#include <libk/utility.h>

namespace {

constexpr uptr TEXT_BUFFER_PHYSICAL = 0xB8000;
constexpr u16 CRTC_INDEX = 0x3D4;
constexpr u16 CRTC_DATA = 0x3D5;
constexpr u8 CURSOR_HIGH = 0x0E;
constexpr u8 CURSOR_LOW = 0x0F;
constexpr u16 LIGHT_GREY_ON_BLACK = 0x0700;

volatile u16* screen;
u32 row;
u32 column;

void move_cursor()
{
    u16 position = static_cast<u16>(row * vga::COLUMNS + column);
    cpu::outb(CRTC_INDEX, CURSOR_HIGH);
    cpu::outb(CRTC_DATA, static_cast<u8>(position >> 8));
    cpu::outb(CRTC_INDEX, CURSOR_LOW);
    cpu::outb(CRTC_DATA, static_cast<u8>(position & 0xFF));
}

void scroll()
{
    for (u32 i = 0; i < (vga::ROWS - 1) * vga::COLUMNS; ++i)
        screen[i] = screen[i + vga::COLUMNS];
    for (u32 i = 0; i < vga::COLUMNS; ++i)
        screen[(vga::ROWS - 1) * vga::COLUMNS + i] = LIGHT_GREY_ON_BLACK | ' ';
    row = vga::ROWS - 1;
}

void newline()
{
    column = 0;
    if (++row == vga::ROWS)
        scroll();
}

// The few VT100 (ANSI) sequences that line editors and the terminal send,
// so the screen shows what a serial terminal shows:
//   ESC [ n A/B/C/D   cursor up/down/right/left n (default 1)
//   ESC [ r ; c H     cursor to row r, column c (1-based; also f)
//   ESC [ n K         erase in line: 0 to the end, 1 to the start, 2 all
//   ESC [ n J         erase in screen: 0 to the end, 2 all (cursor stays)
//   ESC [ ... m       colours and attributes: accepted and ignored
// Anything else after ESC is dropped, so it never shows as garbage.
enum class Escape { None, Start, Csi };
Escape escape = Escape::None;
constexpr u32 MAX_PARAMETERS = 4;
u32 parameters[MAX_PARAMETERS];
u32 parameter_count;

void clear_cells(u32 from, u32 to) // [from, to) in cells from the top left
{
    for (u32 i = from; i < to; ++i)
        screen[i] = LIGHT_GREY_ON_BLACK | ' ';
}

u32 parameter(u32 index, u32 fallback)
{
    return index < parameter_count && parameters[index] != 0 ? parameters[index] : fallback;
}

void control_sequence(char final)
{
    u32 n = parameter(0, 1);
    u32 here = row * vga::COLUMNS + column;
    switch (final) {
    case 'A': row = n > row ? 0 : row - n; break;
    case 'B': row = libk::min(row + n, vga::ROWS - 1); break;
    case 'C': column = libk::min(column + n, vga::COLUMNS - 1); break;
    case 'D': column = n > column ? 0 : column - n; break;
    case 'H':
    case 'f':
        row = libk::min(parameter(0, 1), vga::ROWS) - 1;
        column = libk::min(parameter(1, 1), vga::COLUMNS) - 1;
        break;
    case 'K': {
        u32 line = row * vga::COLUMNS;
        u32 mode = parameter_count ? parameters[0] : 0;
        if (mode == 0) clear_cells(here, line + vga::COLUMNS);
        else if (mode == 1) clear_cells(line, here + 1);
        else clear_cells(line, line + vga::COLUMNS);
        break;
    }
    case 'J': {
        u32 mode = parameter_count ? parameters[0] : 0;
        if (mode == 0) clear_cells(here, vga::ROWS * vga::COLUMNS);
        else if (mode == 1) clear_cells(0, here + 1);
        else clear_cells(0, vga::ROWS * vga::COLUMNS);
        break;
    }
    default: break; // 'm' and the rest: nothing to do on this screen
    }
}

// Takes one character of an escape sequence begun with ESC.
void escape_character(char c)
{
    if (escape == Escape::Start) {
        if (c == '[') {
            escape = Escape::Csi;
            parameter_count = 0;
            parameters[0] = 0;
        } else {
            escape = Escape::None; // ESC ( B, ESC =, ...: dropped
        }
        return;
    }
    if (c >= '0' && c <= '9') {
        if (parameter_count == 0)
            parameter_count = 1;
        u32& p = parameters[parameter_count - 1];
        p = libk::min(p * 10 + static_cast<u32>(c - '0'), 9999u);
    } else if (c == ';') {
        if (parameter_count == 0)
            parameter_count = 1;
        if (parameter_count < MAX_PARAMETERS)
            parameters[parameter_count++] = 0;
    } else if (c == '?') {
        // private sequences (ESC [ ? 25 l): read the parameters, then ignore
    } else {
        if (c >= 0x40 && c <= 0x7e)
            control_sequence(c);
        escape = Escape::None;
    }
}

void put(char c)
{
    if (escape != Escape::None) {
        escape_character(c);
        return;
    }
    switch (c) {
    case '\x1b':
        escape = Escape::Start;
        return;
    case '\n':
        newline();
        return;
    case '\r':
        column = 0;
        return;
    case '\b':
        // As on a terminal, backspace only moves the cursor; erasing is
        // "\b \b" (the tty's echo) or ESC [ K (a line editor).
        if (column > 0)
            --column;
        return;
    case '\a':
        return;
    case '\t':
        do
            put(' ');
        while (column % 8);
        return;
    default:
        screen[row * vga::COLUMNS + column] = static_cast<u16>(LIGHT_GREY_ON_BLACK | static_cast<u8>(c));
        if (++column == vga::COLUMNS)
            newline();
    }
}

} // namespace

namespace vga {

void init()
{
    screen = reinterpret_cast<volatile u16*>(phys_to_virt(TEXT_BUFFER_PHYSICAL));
    for (u32 i = 0; i < ROWS * COLUMNS; ++i)
        screen[i] = LIGHT_GREY_ON_BLACK | ' ';
    row = column = 0;
    move_cursor();
}

void write(const char* text, usize length)
{
    if (!screen)
        return;
    for (usize i = 0; i < length; ++i)
        put(text[i]);
    move_cursor();
}

char char_at(u32 r, u32 c) { return static_cast<char>(screen[r * COLUMNS + c] & 0xFF); }

} // namespace vga
