// The x87/SSE state of user tasks. glibc and musl use SSE2 for string
// functions when CPUID says it is there, so the kernel enables FXSAVE and
// keeps each task's registers in its own 512-byte area, saved and restored
// eagerly on every switch between tasks that have one.
#pragma once

#include <kernel/task/task.h>

namespace fpu {

// Enables the FPU and SSE (CR0, CR4) and records the clean state.
void init();

// The state a freshly exec'd program starts with.
void reset(FpuState&);
void save(FpuState&);
void restore(const FpuState&);
// Makes a state from user memory safe to load: reserved MXCSR bits would
// make fxrstor fault in the kernel.
void sanitize(FpuState&);

} // namespace fpu
