// 64-by-32-bit division without the compiler's runtime library.
// See libk/divide.h.

#include <libk/assert.h>
#include <libk/divide.h>

namespace libk {

// Schoolbook long division with 16-bit "digits": the dividend is four
// 16-bit digits, each step divides (remainder * 65536 + digit) by the
// divisor. Because remainder < divisor < 65536, that intermediate value
// stays below 2^32, so every step is an ordinary 32-bit division.
static u64 divide_by_small(u64 dividend, u32 divisor, u32* remainder_out)
{
    u64 quotient = 0;
    u32 remainder = 0;
    for (int shift = 48; shift >= 0; shift -= 16) {
        u32 current = (remainder << 16) | static_cast<u32>((dividend >> shift) & 0xffff);
        quotient = (quotient << 16) | (current / divisor);
        remainder = current % divisor;
    }
    *remainder_out = remainder;
    return quotient;
}

// Binary long division, one quotient bit per step. Slow (64 steps) but works
// for any 32-bit divisor. The running remainder needs 33 bits, so it is kept
// in a u64; shifts, compares and subtraction on u64 are all done inline.
static u64 divide_by_large(u64 dividend, u32 divisor, u32* remainder_out)
{
    u64 quotient = 0;
    u64 remainder = 0;
    for (int bit = 63; bit >= 0; bit--) {
        remainder = (remainder << 1) | ((dividend >> bit) & 1);
        if (remainder >= divisor) {
            remainder -= divisor;
            quotient |= u64(1) << bit;
        }
    }
    *remainder_out = static_cast<u32>(remainder);
    return quotient;
}

u64 divide_u64(u64 dividend, u32 divisor, u32* remainder)
{
    ASSERT(divisor != 0);
    u32 ignored_remainder;
    if (remainder == nullptr)
        remainder = &ignored_remainder;

    if ((dividend >> 32) == 0) {
        u32 small_dividend = static_cast<u32>(dividend);
        *remainder = small_dividend % divisor;
        return small_dividend / divisor;
    }
    if (divisor <= 0xffff)
        return divide_by_small(dividend, divisor, remainder);
    return divide_by_large(dividend, divisor, remainder);
}

} // namespace libk
