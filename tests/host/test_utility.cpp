#include <libk/assert.h>
#include <libk/types.h>
#include <libk/utility.h>

#include <gtest/gtest.h>

namespace {

// Records how it was constructed, to tell copies from moves.
struct Tracker {
    enum class Origin { Fresh, Copied, Moved };
    Origin origin { Origin::Fresh };
    bool moved_from { false };

    Tracker() = default;
    Tracker(const Tracker&)
        : origin(Origin::Copied)
    {
    }
    Tracker(Tracker&& other)
        : origin(Origin::Moved)
    {
        other.moved_from = true;
    }
    Tracker& operator=(const Tracker&)
    {
        origin = Origin::Copied;
        return *this;
    }
    Tracker& operator=(Tracker&& other)
    {
        origin = Origin::Moved;
        other.moved_from = true;
        return *this;
    }
};

template<typename T>
Tracker pass_on(T&& value)
{
    return Tracker(libk::forward<T>(value));
}

} // namespace

TEST(Utility, TypesHaveTheirSizes)
{
    EXPECT_EQ(sizeof(u8), 1u);
    EXPECT_EQ(sizeof(u16), 2u);
    EXPECT_EQ(sizeof(u32), 4u);
    EXPECT_EQ(sizeof(u64), 8u);
    EXPECT_EQ(sizeof(i8), 1u);
    EXPECT_EQ(sizeof(i16), 2u);
    EXPECT_EQ(sizeof(i32), 4u);
    EXPECT_EQ(sizeof(i64), 8u);
    EXPECT_EQ(sizeof(usize), sizeof(void*));
    EXPECT_EQ(sizeof(isize), sizeof(void*));
    EXPECT_EQ(sizeof(uptr), sizeof(void*));
    EXPECT_LT(i8(-1), 0);
    EXPECT_GT(u8(-1), 0);
}

TEST(Utility, MoveProducesAMove)
{
    Tracker original;
    Tracker moved(libk::move(original));
    EXPECT_EQ(moved.origin, Tracker::Origin::Moved);
    EXPECT_TRUE(original.moved_from);
    static_assert(std::is_same_v<decltype(libk::move(original)), Tracker&&>);
}

TEST(Utility, ForwardKeepsValueCategory)
{
    Tracker lvalue;
    EXPECT_EQ(pass_on(lvalue).origin, Tracker::Origin::Copied);
    EXPECT_FALSE(lvalue.moved_from);
    EXPECT_EQ(pass_on(Tracker()).origin, Tracker::Origin::Moved);
}

TEST(Utility, SwapAndExchange)
{
    int a = 1, b = 2;
    libk::swap(a, b);
    EXPECT_EQ(a, 2);
    EXPECT_EQ(b, 1);

    int value = 5;
    EXPECT_EQ(libk::exchange(value, 9), 5);
    EXPECT_EQ(value, 9);

    int* pointer = &a;
    EXPECT_EQ(libk::exchange(pointer, nullptr), &a);
    EXPECT_EQ(pointer, nullptr);
}

TEST(Utility, MinMaxClamp)
{
    EXPECT_EQ(libk::min(3, 7), 3);
    EXPECT_EQ(libk::min(7, 3), 3);
    EXPECT_EQ(libk::max(3, 7), 7);
    EXPECT_EQ(libk::max(-3, -7), -3);
    EXPECT_EQ(libk::clamp(5, 0, 10), 5);
    EXPECT_EQ(libk::clamp(-5, 0, 10), 0);
    EXPECT_EQ(libk::clamp(50, 0, 10), 10);
    static_assert(libk::max(u64(1) << 40, u64(3)) == u64(1) << 40);
}

TEST(Utility, PowerOfTwo)
{
    EXPECT_FALSE(libk::is_power_of_two(0));
    EXPECT_TRUE(libk::is_power_of_two(1));
    EXPECT_TRUE(libk::is_power_of_two(2));
    EXPECT_FALSE(libk::is_power_of_two(3));
    EXPECT_TRUE(libk::is_power_of_two(4096u));
    EXPECT_FALSE(libk::is_power_of_two(4097u));
    EXPECT_TRUE(libk::is_power_of_two(0x80000000u));
    EXPECT_FALSE(libk::is_power_of_two(-4));
}

TEST(Utility, Alignment)
{
    EXPECT_EQ(libk::align_up(u32(0), 4096), 0u);
    EXPECT_EQ(libk::align_up(u32(1), 4096), 4096u);
    EXPECT_EQ(libk::align_up(u32(4096), 4096), 4096u);
    EXPECT_EQ(libk::align_up(u32(4097), 4096), 8192u);
    EXPECT_EQ(libk::align_down(u32(4097), 4096), 4096u);
    EXPECT_EQ(libk::align_down(u32(4095), 4096), 0u);
    EXPECT_EQ(libk::align_down(u32(0xffffffff), 4096), 0xfffff000u);
    EXPECT_EQ(libk::align_up(u64(0x1'0000'0001), 8u), u64(0x1'0000'0008));
    EXPECT_EQ(libk::align_down(u64(0xffff'ffff'ffff'ffff), 0x1000), u64(0xffff'ffff'ffff'f000));
    EXPECT_EQ(libk::align_up(usize(13), usize(1)), 13u);
    static_assert(libk::align_up(u32(5), 4) == 8);
}

TEST(UtilityDeathTest, AlignmentMustBeAPowerOfTwo)
{
    u32 value = 10;
    EXPECT_DEATH((void)libk::align_up(value, 12), "ASSERTION FAILED: is_power_of_two");
    EXPECT_DEATH((void)libk::align_down(value, 0), "ASSERTION FAILED: is_power_of_two");
}

TEST(Utility, ArraySize)
{
    int numbers[7] = {};
    const char text[] = "abc";
    EXPECT_EQ(libk::array_size(numbers), 7u);
    EXPECT_EQ(libk::array_size(text), 4u);
    static_assert(libk::array_size(numbers) == 7);
}

TEST(AssertDeathTest, FailingAssertReportsExpressionAndLocation)
{
    int x = 3;
    EXPECT_DEATH(ASSERT(x == 4), "ASSERTION FAILED: x == 4 at .*test_utility.cpp:[0-9]+");
    EXPECT_DEATH(ASSERT_NOT_REACHED(), "ASSERTION FAILED: not reached");
}

TEST(Assert, PassingAssertDoesNothing)
{
    int evaluations = 0;
    ASSERT(++evaluations == 1);
    EXPECT_EQ(evaluations, 1); // The expression is evaluated exactly once.
}
