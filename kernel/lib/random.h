// Pseudo-random bytes for AT_RANDOM and getrandom(2): xorshift64*, seeded
// from the time-stamp counter at boot. Not cryptographic; a teaching
// kernel's randomness, said plainly.
#pragma once

#include <libk/types.h>

namespace random {

void init();
void fill(void* buffer, usize length);

} // namespace random
