#include <kernel/lib/random.h>

namespace {

u64 state = 0x9E3779B97F4A7C15ull;

u64 next()
{
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return state * 0x2545F4914F6CDD1Dull;
}

} // namespace

namespace random {

void init()
{
    u32 low, high;
    asm volatile("rdtsc" : "=a"(low), "=d"(high));
    state ^= (static_cast<u64>(high) << 32) | low;
    if (!state)
        state = 1;
}

void fill(void* buffer, usize length)
{
    auto* bytes = static_cast<u8*>(buffer);
    for (usize i = 0; i < length; i += 8) {
        u64 value = next();
        for (usize j = 0; j < 8 && i + j < length; ++j)
            bytes[i + j] = static_cast<u8>(value >> (8 * j));
    }
}

} // namespace random
