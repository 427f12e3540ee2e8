// Dividing a 64-bit number on a 32-bit CPU.
//
// i386 has no instruction that divides 64 bits by 64 bits, so the compiler
// turns `a / b` on u64 into a call to a helper in its runtime library. The
// kernel is linked without that library, so such code would not link.
// divide_u64() does the work with 32-bit divisions and shifts only.

#pragma once

#include <libk/types.h>

namespace libk {

// Returns dividend / divisor and, if remainder is not null, stores
// dividend % divisor there. divisor must not be 0.
u64 divide_u64(u64 dividend, u32 divisor, u32* remainder);

} // namespace libk
