#include <arch/i386/cpu.h>
#include <arch/i386/fpu.h>
#include <libk/string.h>

namespace {

constexpr u32 CR0_MP = 1u << 1; // "wait" honours TS
constexpr u32 CR0_EM = 1u << 2; // emulate: off, we have a real FPU
constexpr u32 CR0_NE = 1u << 5; // report x87 errors as exception 16
constexpr u32 CR4_OSFXSR = 1u << 9;
constexpr u32 CR4_OSXMMEXCPT = 1u << 10;

FpuState clean_state;

} // namespace

namespace fpu {

void init()
{
    cpu::write_cr0((cpu::read_cr0() & ~CR0_EM) | CR0_MP | CR0_NE);
    cpu::write_cr4(cpu::read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT);
    asm volatile("fninit");
    save(clean_state);
}

void sanitize(FpuState& state)
{
    u32 mask;
    libk::memcpy(&mask, clean_state.bytes + 28, 4); // MXCSR_MASK, as the CPU reported it
    if (!mask)
        mask = 0xFFBF;
    u32 mxcsr;
    libk::memcpy(&mxcsr, state.bytes + 24, 4);
    mxcsr &= mask;
    libk::memcpy(state.bytes + 24, &mxcsr, 4);
}

void reset(FpuState& state) { libk::memcpy(&state, &clean_state, sizeof(state)); }
void save(FpuState& state) { asm volatile("fxsave %0" : "=m"(state)); }
void restore(const FpuState& state) { asm volatile("fxrstor %0" : : "m"(state)); }

} // namespace fpu
