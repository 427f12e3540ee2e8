#include <arch/i386/cpu.h>
#include <arch/i386/serial.h>
#include <arch/i386/trap.h>
#include <kernel/console/console.h>

namespace {

constexpr u16 COM1 = 0x3F8;
constexpr u16 DATA = COM1 + 0;              // with DLAB=1: divisor low byte
constexpr u16 INTERRUPT_ENABLE = COM1 + 1;  // with DLAB=1: divisor high byte
constexpr u16 FIFO_CONTROL = COM1 + 2;
constexpr u16 LINE_CONTROL = COM1 + 3;
constexpr u16 MODEM_CONTROL = COM1 + 4;
constexpr u16 LINE_STATUS = COM1 + 5;

constexpr u8 LINE_8N1 = 0x03;
constexpr u8 LINE_DLAB = 0x80;
constexpr u8 FIFO_ENABLE_CLEAR_14 = 0xC7;
constexpr u8 MODEM_DTR_RTS_OUT2 = 0x0B; // OUT2 gates the IRQ line on PCs
constexpr u8 STATUS_DATA_READY = 0x01;
constexpr u8 STATUS_TRANSMIT_EMPTY = 0x20;
constexpr u8 ENABLE_RECEIVE_INTERRUPT = 0x01;
constexpr u8 IRQ = 4;

bool present = false;

void put(char c)
{
    while (!(cpu::inb(LINE_STATUS) & STATUS_TRANSMIT_EMPTY)) { }
    cpu::outb(DATA, static_cast<u8>(c));
}

void on_receive(TrapFrame&)
{
    while (cpu::inb(LINE_STATUS) & STATUS_DATA_READY) {
        // As sent: a terminal sends carriage return for Enter and DEL for
        // Backspace, and the line discipline expects just that (ICRNL, VERASE).
        console::input(static_cast<char>(cpu::inb(DATA)));
    }
}

} // namespace

namespace serial {

void init()
{
    cpu::outb(INTERRUPT_ENABLE, 0);
    cpu::outb(LINE_CONTROL, LINE_DLAB);
    cpu::outb(DATA, 1); // divisor 1: 115200 baud
    cpu::outb(INTERRUPT_ENABLE, 0);
    cpu::outb(LINE_CONTROL, LINE_8N1);
    cpu::outb(FIFO_CONTROL, FIFO_ENABLE_CLEAR_14);
    cpu::outb(MODEM_CONTROL, MODEM_DTR_RTS_OUT2);
    // A missing UART reads back as all ones.
    present = cpu::inb(LINE_STATUS) != 0xFF;
}

void write(const char* text, usize length)
{
    if (!present)
        return;
    for (usize i = 0; i < length; ++i) {
        if (text[i] == '\n')
            put('\r');
        put(text[i]);
    }
}

void write_raw(const char* text, usize length)
{
    if (!present)
        return;
    for (usize i = 0; i < length; ++i)
        put(text[i]);
}

void enable_input()
{
    if (!present)
        return;
    trap::set_irq_handler(IRQ, on_receive);
    cpu::outb(INTERRUPT_ENABLE, ENABLE_RECEIVE_INTERRUPT);
}

} // namespace serial
