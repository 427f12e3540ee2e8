// The cpuid instruction: what the processor says about itself (its maker,
// family and model, its name, and its feature bits), for /proc/cpuinfo.
#pragma once

#include <libk/types.h>

namespace cpuid {

struct Registers {
    u32 eax, ebx, ecx, edx;
};

inline Registers query(u32 leaf)
{
    Registers r;
    asm volatile("cpuid" : "=a"(r.eax), "=b"(r.ebx), "=c"(r.ecx), "=d"(r.edx) : "a"(leaf), "c"(0));
    return r;
}

} // namespace cpuid
