#include <arch/i386/cpu.h>
#include <arch/i386/keyboard.h>
#include <arch/i386/trap.h>
#include <kernel/console/console.h>

namespace {

constexpr u16 DATA_PORT = 0x60;
constexpr u16 STATUS_PORT = 0x64;
constexpr u8 STATUS_OUTPUT_FULL = 0x01;
constexpr u8 IRQ = 1;

// Scan code set 1, which the PS/2 controller produces by default: the code
// of a key press; the release is the same code with bit 7 set.
constexpr u8 RELEASED = 0x80;
constexpr u8 EXTENDED_PREFIX = 0xE0;
constexpr u8 LEFT_SHIFT = 0x2A, RIGHT_SHIFT = 0x36, CONTROL = 0x1D, CAPS_LOCK = 0x3A;
constexpr u8 ARROW_UP = 0x48, ARROW_DOWN = 0x50, ARROW_LEFT = 0x4B, ARROW_RIGHT = 0x4D;

const char plain[0x3A] = {
    0, 27, '1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '-', '=', 0x7F,
    '\t', 'q', 'w', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p', '[', ']', '\r',
    0, 'a', 's', 'd', 'f', 'g', 'h', 'j', 'k', 'l', ';', '\'', '`',
    0, '\\', 'z', 'x', 'c', 'v', 'b', 'n', 'm', ',', '.', '/', 0,
    '*', 0, ' ',
};

const char shifted[0x3A] = {
    0, 27, '!', '@', '#', '$', '%', '^', '&', '*', '(', ')', '_', '+', 0x7F,
    '\t', 'Q', 'W', 'E', 'R', 'T', 'Y', 'U', 'I', 'O', 'P', '{', '}', '\r',
    0, 'A', 'S', 'D', 'F', 'G', 'H', 'J', 'K', 'L', ':', '"', '~',
    0, '|', 'Z', 'X', 'C', 'V', 'B', 'N', 'M', '<', '>', '?', 0,
    '*', 0, ' ',
};

bool shift, control, caps_lock, extended;

void send_arrow(char letter)
{
    console::input('\x1b');
    console::input('[');
    console::input(letter);
}

void on_scan_code(u8 code)
{
    if (code == EXTENDED_PREFIX) {
        extended = true;
        return;
    }
    bool released = code & RELEASED;
    u8 key = code & ~RELEASED;
    bool was_extended = extended;
    extended = false;

    if (key == LEFT_SHIFT || key == RIGHT_SHIFT) {
        shift = !released;
        return;
    }
    if (key == CONTROL) {
        control = !released;
        return;
    }
    if (released)
        return;
    if (key == CAPS_LOCK) {
        caps_lock = !caps_lock;
        return;
    }
    if (was_extended) {
        switch (key) {
        case ARROW_UP: send_arrow('A'); return;
        case ARROW_DOWN: send_arrow('B'); return;
        case ARROW_RIGHT: send_arrow('C'); return;
        case ARROW_LEFT: send_arrow('D'); return;
        default: return;
        }
    }
    if (key >= sizeof(plain))
        return;
    char c = shift ? shifted[key] : plain[key];
    if (caps_lock && c >= 'a' && c <= 'z')
        c = static_cast<char>(c - 'a' + 'A');
    else if (caps_lock && c >= 'A' && c <= 'Z')
        c = static_cast<char>(c - 'A' + 'a');
    // Ctrl with a letter or one of @ [ \ ] ^ _: Ctrl-C is 3, Ctrl-D is 4, Ctrl-\ is 0x1C.
    if (control && c >= 0x40 && c < 0x7F)
        c = static_cast<char>(c & 0x1F);
    if (c)
        console::input(c);
}

void on_interrupt(TrapFrame&)
{
    while (cpu::inb(STATUS_PORT) & STATUS_OUTPUT_FULL)
        on_scan_code(cpu::inb(DATA_PORT));
}

} // namespace

namespace keyboard {

void init()
{
    // Drain whatever arrived before we listened.
    while (cpu::inb(STATUS_PORT) & STATUS_OUTPUT_FULL)
        cpu::inb(DATA_PORT);
    trap::set_irq_handler(IRQ, on_interrupt);
}

} // namespace keyboard
