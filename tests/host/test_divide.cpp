#include <libk/divide.h>

#include <gtest/gtest.h>

#include <random>

namespace {

void expect_divides_like_hardware(u64 dividend, u32 divisor)
{
    u32 remainder = 0xdeadbeef;
    u64 quotient = libk::divide_u64(dividend, divisor, &remainder);
    EXPECT_EQ(quotient, dividend / divisor) << dividend << " / " << divisor;
    EXPECT_EQ(remainder, dividend % divisor) << dividend << " % " << divisor;
}

} // namespace

TEST(Divide, EdgeCases)
{
    const u64 dividends[] = { 0, 1, 9, 10, 0xffffffffu, 0x100000000u, 0x123456789abcdefu, UINT64_MAX, UINT64_MAX - 1, u64(1) << 63 };
    const u32 divisors[] = { 1, 2, 7, 8, 10, 16, 0xffff, 0x10000, 0x10001, 1000000007u, 0x80000000u, UINT32_MAX };
    for (u64 dividend : dividends) {
        for (u32 divisor : divisors)
            expect_divides_like_hardware(dividend, divisor);
    }
}

TEST(Divide, RandomValues)
{
    std::mt19937_64 random(12345);
    for (int i = 0; i < 100000; i++) {
        u64 dividend = random() >> (random() % 64);
        u32 divisor = static_cast<u32>(random() >> (32 + random() % 32));
        if (divisor == 0)
            divisor = 1;
        expect_divides_like_hardware(dividend, divisor);
    }
}

TEST(Divide, RemainderPointerIsOptional)
{
    EXPECT_EQ(libk::divide_u64(UINT64_MAX, 10, nullptr), UINT64_MAX / 10);
}

TEST(DivideDeathTest, ByZero)
{
    EXPECT_DEATH((void)libk::divide_u64(5, 0, nullptr), "ASSERTION FAILED: divisor != 0");
}
