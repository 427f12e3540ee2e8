#include <arch/i386/cpu.h>
#include <arch/i386/idt.h>
#include <arch/i386/pic.h>

namespace {

constexpr u16 MASTER_COMMAND = 0x20;
constexpr u16 MASTER_DATA = 0x21;
constexpr u16 SLAVE_COMMAND = 0xA0;
constexpr u16 SLAVE_DATA = 0xA1;

constexpr u8 ICW1_INIT_WITH_ICW4 = 0x11;
constexpr u8 ICW4_8086 = 0x01;
constexpr u8 OCW3_READ_ISR = 0x0B;
constexpr u8 END_OF_INTERRUPT = 0x20;
constexpr u8 CASCADE_IRQ = 2;

u16 mask_bits = 0xFFFF; // bit n set = IRQ n masked

void write_masks()
{
    cpu::outb(MASTER_DATA, static_cast<u8>(mask_bits));
    cpu::outb(SLAVE_DATA, static_cast<u8>(mask_bits >> 8));
}

} // namespace

namespace pic {

void init()
{
    cpu::outb(MASTER_COMMAND, ICW1_INIT_WITH_ICW4);
    cpu::io_wait();
    cpu::outb(SLAVE_COMMAND, ICW1_INIT_WITH_ICW4);
    cpu::io_wait();
    cpu::outb(MASTER_DATA, idt::IRQ_BASE); // ICW2: vector offsets
    cpu::io_wait();
    cpu::outb(SLAVE_DATA, idt::IRQ_BASE + 8);
    cpu::io_wait();
    cpu::outb(MASTER_DATA, 1 << CASCADE_IRQ); // ICW3: slave on IRQ 2
    cpu::io_wait();
    cpu::outb(SLAVE_DATA, CASCADE_IRQ);
    cpu::io_wait();
    cpu::outb(MASTER_DATA, ICW4_8086);
    cpu::io_wait();
    cpu::outb(SLAVE_DATA, ICW4_8086);
    cpu::io_wait();
    mask_bits = static_cast<u16>(~(1u << CASCADE_IRQ));
    write_masks();
}

void unmask(u8 irq)
{
    mask_bits = static_cast<u16>(mask_bits & ~(1u << irq));
    write_masks();
}

void mask(u8 irq)
{
    mask_bits = static_cast<u16>(mask_bits | (1u << irq));
    write_masks();
}

void end_of_interrupt(u8 irq)
{
    if (irq >= 8)
        cpu::outb(SLAVE_COMMAND, END_OF_INTERRUPT);
    cpu::outb(MASTER_COMMAND, END_OF_INTERRUPT);
}

bool is_spurious(u8 irq)
{
    if (irq != 7 && irq != 15)
        return false;
    u16 port = irq == 7 ? MASTER_COMMAND : SLAVE_COMMAND;
    cpu::outb(port, OCW3_READ_ISR);
    bool in_service = cpu::inb(port) & 0x80;
    if (in_service)
        return false;
    // A spurious IRQ 15 still went through the master's cascade line.
    if (irq == 15)
        cpu::outb(MASTER_COMMAND, END_OF_INTERRUPT);
    return true;
}

} // namespace pic
