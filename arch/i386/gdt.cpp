#include <arch/i386/gdt.h>

namespace {

// An 8-byte segment descriptor, in the CPU's scattered layout.
struct [[gnu::packed]] Descriptor {
    u16 limit_low;
    u16 base_low;
    u8 base_middle;
    u8 access;
    u8 limit_high_and_flags;
    u8 base_high;
};
static_assert(sizeof(Descriptor) == 8);

// The 32-bit Task State Segment. We use one field that matters: where the
// kernel stack is (esp0/ss0) when the CPU enters ring 0 from ring 3.
struct [[gnu::packed]] TaskStateSegment {
    u32 link, esp0, ss0, esp1, ss1, esp2, ss2;
    u32 cr3, eip, eflags, eax, ecx, edx, ebx, esp, ebp, esi, edi;
    u32 es, cs, ss, ds, fs, gs, ldt;
    u16 trap, iomap_base;
};
static_assert(sizeof(TaskStateSegment) == 104);

struct [[gnu::packed]] TableRegister {
    u16 limit;
    u32 base;
};

constexpr u8 ACCESS_PRESENT = 0x80;
constexpr u8 ACCESS_RING3 = 0x60;
constexpr u8 ACCESS_CODE_OR_DATA = 0x10;
constexpr u8 ACCESS_EXECUTABLE = 0x08;
constexpr u8 ACCESS_READ_WRITE = 0x02;
constexpr u8 ACCESS_TSS_32 = 0x09;
constexpr u8 FLAGS_4K_32BIT = 0xC0;

constexpr u32 ENTRIES = 9;
alignas(8) Descriptor table[ENTRIES];
TaskStateSegment tss;

Descriptor make(u32 base, u32 limit, u8 access, u8 flags)
{
    return Descriptor {
        .limit_low = static_cast<u16>(limit & 0xFFFF),
        .base_low = static_cast<u16>(base & 0xFFFF),
        .base_middle = static_cast<u8>((base >> 16) & 0xFF),
        .access = access,
        .limit_high_and_flags = static_cast<u8>(((limit >> 16) & 0x0F) | flags),
        .base_high = static_cast<u8>(base >> 24),
    };
}

Descriptor flat(u8 ring_bits, u8 type_bits)
{
    return make(0, 0xFFFFF, ACCESS_PRESENT | ring_bits | ACCESS_CODE_OR_DATA | type_bits, FLAGS_4K_32BIT);
}

} // namespace

namespace gdt {

void init()
{
    table[0] = {};
    table[KERNEL_CS >> 3] = flat(0, ACCESS_EXECUTABLE | ACCESS_READ_WRITE);
    table[KERNEL_DS >> 3] = flat(0, ACCESS_READ_WRITE);
    table[USER_CS >> 3] = flat(ACCESS_RING3, ACCESS_EXECUTABLE | ACCESS_READ_WRITE);
    table[USER_DS >> 3] = flat(ACCESS_RING3, ACCESS_READ_WRITE);

    tss = {};
    tss.ss0 = KERNEL_DS;
    tss.iomap_base = sizeof(TaskStateSegment); // no I/O permission bitmap
    table[TSS_SELECTOR >> 3] = make(reinterpret_cast<u32>(&tss), sizeof(tss) - 1, ACCESS_PRESENT | ACCESS_TSS_32, 0);
    // Entries 6..8 (TLS) stay empty until a task installs one.

    TableRegister gdtr { sizeof(table) - 1, reinterpret_cast<u32>(table) };
    asm volatile(
        "lgdt %0\n"
        "mov %1, %%ds\n"
        "mov %1, %%es\n"
        "mov %1, %%ss\n"
        "xor %%eax, %%eax\n"
        "mov %%ax, %%fs\n"
        "mov %%ax, %%gs\n"
        "ljmp %2, $1f\n"
        "1:\n"
        :
        : "m"(gdtr), "r"(static_cast<u32>(KERNEL_DS)), "i"(KERNEL_CS)
        : "eax", "memory");
    asm volatile("ltr %w0" : : "r"(TSS_SELECTOR));
}

void set_kernel_stack(uptr top) { tss.esp0 = top; }

void load_tls(const u64 descriptors[TLS_ENTRIES])
{
    for (u32 i = 0; i < TLS_ENTRIES; ++i)
        __builtin_memcpy(&table[TLS_FIRST_ENTRY + i], &descriptors[i], sizeof(Descriptor));
}

} // namespace gdt
