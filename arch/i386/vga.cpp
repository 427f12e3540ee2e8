#include <arch/i386/cpu.h>
#include <arch/i386/vga.h>
#include <kernel/mm/layout.h>

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

void put(char c)
{
    switch (c) {
    case '\n':
        newline();
        return;
    case '\r':
        column = 0;
        return;
    case '\b':
        if (column > 0)
            screen[row * vga::COLUMNS + --column] = LIGHT_GREY_ON_BLACK | ' ';
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
