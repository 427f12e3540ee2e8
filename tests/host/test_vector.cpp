#include "libk_env.h"

#include <libk/ownptr.h>
#include <libk/vector.h>

#include <gtest/gtest.h>

#include <string>

namespace {

// Counts live instances, so tests can check that every element constructed
// is destroyed exactly once.
struct Item {
    static inline int alive = 0;
    int value;
    Item()
        : value(-7)
    {
        alive++;
    }
    explicit Item(int v)
        : value(v)
    {
        alive++;
    }
    Item(const Item& other)
        : value(other.value)
    {
        alive++;
    }
    Item(Item&& other)
        : value(libk::exchange(other.value, -1))
    {
        alive++;
    }
    Item& operator=(const Item&) = default;
    Item& operator=(Item&& other)
    {
        value = libk::exchange(other.value, -1);
        return *this;
    }
    ~Item() { alive--; }
};

class VectorTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        Item::alive = 0;
        m_live_before = test_env::live_allocations();
    }
    void TearDown() override
    {
        test_env::fail_nth_allocation(0);
        EXPECT_EQ(test_env::live_allocations(), m_live_before) << "leaked";
        EXPECT_EQ(Item::alive, 0) << "elements not destroyed";
    }

private:
    long m_live_before { 0 };
};

template<typename T>
std::vector<int> values(const Vector<T>& vector)
{
    std::vector<int> result;
    for (const auto& element : vector)
        result.push_back(element.value);
    return result;
}

std::vector<int> values(const Vector<int>& vector) { return std::vector<int>(vector.begin(), vector.end()); }

Vector<int> numbers(int count)
{
    Vector<int> vector;
    for (int i = 0; i < count; i++)
        EXPECT_FALSE(vector.try_append(i).is_error());
    return vector;
}

} // namespace

TEST_F(VectorTest, StartsEmpty)
{
    Vector<int> vector;
    EXPECT_TRUE(vector.is_empty());
    EXPECT_EQ(vector.size(), 0u);
    EXPECT_EQ(vector.capacity(), 0u);
    EXPECT_EQ(vector.data(), nullptr);
    EXPECT_EQ(vector.begin(), vector.end());
}

TEST_F(VectorTest, AppendGrowsByDoubling)
{
    Vector<int> vector;
    std::vector<size_t> capacities;
    for (int i = 0; i < 20; i++) {
        ASSERT_FALSE(vector.try_append(i * i).is_error());
        capacities.push_back(vector.capacity());
    }
    EXPECT_EQ(vector.size(), 20u);
    EXPECT_EQ(capacities[0], 4u);
    EXPECT_EQ(capacities[4], 8u);
    EXPECT_EQ(capacities[8], 16u);
    EXPECT_EQ(capacities[16], 32u);
    for (int i = 0; i < 20; i++)
        EXPECT_EQ(vector[i], i * i);
    EXPECT_EQ(vector.first(), 0);
    EXPECT_EQ(vector.last(), 361);
}

TEST_F(VectorTest, AppendCopiesAndMoves)
{
    Vector<Item> vector;
    Item item(5);
    ASSERT_FALSE(vector.try_append(item).is_error());
    EXPECT_EQ(item.value, 5); // Copied, not moved from.
    ASSERT_FALSE(vector.try_append(libk::move(item)).is_error());
    EXPECT_EQ(item.value, -1); // Moved from.
    ASSERT_FALSE(vector.try_append(Item(6)).is_error());
    EXPECT_EQ(values(vector), (std::vector<int> { 5, 5, 6 }));
}

TEST_F(VectorTest, AppendingAnElementOfItselfWhileGrowing)
{
    Vector<Item> vector;
    for (int i = 0; i < 4; i++)
        ASSERT_FALSE(vector.try_append(Item(i + 10)).is_error());
    ASSERT_EQ(vector.size(), vector.capacity()); // The next append reallocates.
    ASSERT_FALSE(vector.try_append(vector[1]).is_error());
    EXPECT_EQ(values(vector), (std::vector<int> { 10, 11, 12, 13, 11 }));
}

TEST_F(VectorTest, MoveOnlyElements)
{
    Vector<OwnPtr<int>> vector;
    for (int i = 0; i < 10; i++)
        ASSERT_FALSE(vector.try_append(try_make<int>(i).release_value()).is_error());
    EXPECT_EQ(*vector[9], 9);
    OwnPtr<int> last = vector.take_last();
    EXPECT_EQ(*last, 9);
    EXPECT_EQ(vector.size(), 9u);
    vector.remove(0);
    EXPECT_EQ(*vector[0], 1);
    EXPECT_EQ(vector.size(), 8u);
}

TEST_F(VectorTest, ReserveAndResize)
{
    Vector<Item> vector;
    ASSERT_FALSE(vector.try_reserve(10).is_error());
    EXPECT_EQ(vector.capacity(), 10u);
    EXPECT_EQ(vector.size(), 0u);
    EXPECT_EQ(Item::alive, 0); // Reserving constructs nothing.
    ASSERT_FALSE(vector.try_reserve(5).is_error());
    EXPECT_EQ(vector.capacity(), 10u); // Never shrinks.

    ASSERT_FALSE(vector.try_resize(3).is_error());
    EXPECT_EQ(values(vector), (std::vector<int> { -7, -7, -7 }));
    EXPECT_EQ(Item::alive, 3);
    ASSERT_FALSE(vector.try_resize(12).is_error());
    EXPECT_EQ(vector.size(), 12u);
    EXPECT_GE(vector.capacity(), 12u);
    ASSERT_FALSE(vector.try_resize(1).is_error());
    EXPECT_EQ(Item::alive, 1);

    Vector<int> integers;
    ASSERT_FALSE(integers.try_resize(5).is_error());
    EXPECT_EQ(values(integers), (std::vector<int> { 0, 0, 0, 0, 0 })); // Value-initialized.
}

TEST_F(VectorTest, RemoveShiftsLaterElements)
{
    Vector<Item> vector;
    for (int i = 0; i < 5; i++)
        ASSERT_FALSE(vector.try_append(Item(i)).is_error());
    vector.remove(1);
    EXPECT_EQ(values(vector), (std::vector<int> { 0, 2, 3, 4 }));
    vector.remove(3);
    EXPECT_EQ(values(vector), (std::vector<int> { 0, 2, 3 }));
    vector.remove(0);
    EXPECT_EQ(values(vector), (std::vector<int> { 2, 3 }));
    EXPECT_EQ(Item::alive, 2);
}

TEST_F(VectorTest, TakeLastAndClear)
{
    Vector<Item> vector;
    for (int i = 0; i < 3; i++)
        ASSERT_FALSE(vector.try_append(Item(i)).is_error());
    Item last = vector.take_last();
    EXPECT_EQ(last.value, 2);
    EXPECT_EQ(vector.size(), 2u);
    vector.clear();
    EXPECT_TRUE(vector.is_empty());
    EXPECT_EQ(vector.capacity(), 0u);
    EXPECT_EQ(Item::alive, 1); // Only `last` remains.
}

TEST_F(VectorTest, MoveConstructionAndAssignment)
{
    Vector<int> source = numbers(5);
    Vector<int> moved(libk::move(source));
    EXPECT_TRUE(source.is_empty());
    EXPECT_EQ(source.capacity(), 0u);
    EXPECT_EQ(values(moved), (std::vector<int> { 0, 1, 2, 3, 4 }));

    Vector<int> target = numbers(2);
    target = libk::move(moved); // The old contents of target are freed.
    EXPECT_EQ(values(target), (std::vector<int> { 0, 1, 2, 3, 4 }));
    EXPECT_TRUE(moved.is_empty());

    Vector<int>& alias = target;
    target = libk::move(alias);
    EXPECT_EQ(target.size(), 5u);
}

TEST_F(VectorTest, TryClone)
{
    Vector<Item> original;
    for (int i = 0; i < 6; i++)
        ASSERT_FALSE(original.try_append(Item(i)).is_error());
    auto clone = original.try_clone();
    ASSERT_FALSE(clone.is_error());
    EXPECT_EQ(values(clone.value()), values(original));
    clone.value()[0].value = 100;
    EXPECT_EQ(original[0].value, 0); // Independent copies.

    Vector<int> empty;
    auto empty_clone = empty.try_clone();
    ASSERT_FALSE(empty_clone.is_error());
    EXPECT_TRUE(empty_clone.value().is_empty());
}

TEST_F(VectorTest, FailedAppendChangesNothing)
{
    Vector<Item> vector;
    for (int i = 0; i < 4; i++)
        ASSERT_FALSE(vector.try_append(Item(i)).is_error());
    ASSERT_EQ(vector.size(), vector.capacity());
    const Item* old_data = vector.data();
    long live_before = test_env::live_allocations();

    test_env::fail_nth_allocation(1);
    Item extra(42);
    auto result = vector.try_append(extra);
    ASSERT_TRUE(result.is_error());
    EXPECT_EQ(result.error().code(), libk::ENOMEM_CODE);
    test_env::fail_nth_allocation(1);
    EXPECT_TRUE(vector.try_append(Item(43)).is_error());

    EXPECT_EQ(vector.size(), 4u);
    EXPECT_EQ(vector.capacity(), 4u);
    EXPECT_EQ(vector.data(), old_data);
    EXPECT_EQ(values(vector), (std::vector<int> { 0, 1, 2, 3 }));
    EXPECT_EQ(extra.value, 42);
    EXPECT_EQ(test_env::live_allocations(), live_before);
    EXPECT_EQ(Item::alive, 5); // Four elements plus `extra`.

    // The vector is still fully usable afterwards.
    ASSERT_FALSE(vector.try_append(extra).is_error());
    EXPECT_EQ(values(vector), (std::vector<int> { 0, 1, 2, 3, 42 }));
}

TEST_F(VectorTest, FailedReserveAndResizeChangeNothing)
{
    Vector<Item> vector;
    for (int i = 0; i < 3; i++)
        ASSERT_FALSE(vector.try_append(Item(i)).is_error());
    long live_before = test_env::live_allocations();
    size_t capacity_before = vector.capacity();

    test_env::fail_nth_allocation(1);
    auto reserve = vector.try_reserve(100);
    ASSERT_TRUE(reserve.is_error());
    EXPECT_EQ(reserve.error().code(), libk::ENOMEM_CODE);
    EXPECT_EQ(vector.capacity(), capacity_before);

    test_env::fail_nth_allocation(1);
    auto resize = vector.try_resize(50);
    ASSERT_TRUE(resize.is_error());
    EXPECT_EQ(vector.size(), 3u);
    EXPECT_EQ(vector.capacity(), capacity_before);
    EXPECT_EQ(values(vector), (std::vector<int> { 0, 1, 2 }));
    EXPECT_EQ(Item::alive, 3);
    EXPECT_EQ(test_env::live_allocations(), live_before);

    // A request too large to express in bytes fails cleanly too.
    auto huge = vector.try_reserve(SIZE_MAX / 2);
    ASSERT_TRUE(huge.is_error());
    EXPECT_EQ(huge.error().code(), libk::ENOMEM_CODE);
    EXPECT_EQ(vector.size(), 3u);
}

TEST_F(VectorTest, FailedCloneLeavesNothingBehind)
{
    Vector<Item> original;
    for (int i = 0; i < 3; i++)
        ASSERT_FALSE(original.try_append(Item(i)).is_error());
    long live_before = test_env::live_allocations();
    test_env::fail_nth_allocation(1);
    auto clone = original.try_clone();
    ASSERT_TRUE(clone.is_error());
    EXPECT_EQ(clone.error().code(), libk::ENOMEM_CODE);
    EXPECT_EQ(Item::alive, 3);
    EXPECT_EQ(test_env::live_allocations(), live_before);
}

// Fails each allocation in turn during a long sequence of appends: every
// failure must leave a valid vector holding exactly what was appended
// before it.
TEST_F(VectorTest, EveryAllocationFailureIsSurvivable)
{
    for (long failing = 1; failing <= 6; failing++) {
        Vector<Item> vector;
        test_env::fail_nth_allocation(failing);
        int appended = 0;
        for (int i = 0; i < 100; i++) {
            if (vector.try_append(Item(i)).is_error())
                continue;
            ASSERT_EQ(vector.last().value, i);
            appended++;
        }
        EXPECT_EQ(appended, 99) << "exactly one append failed";
        EXPECT_EQ(vector.size(), 99u);
    }
}

TEST(VectorDeathTest, MisuseAsserts)
{
    EXPECT_DEATH(
        {
            Vector<int> vector = numbers(3);
            (void)vector[3];
        },
        "ASSERTION FAILED: index < m_size");
    EXPECT_DEATH(
        {
            Vector<int> vector;
            (void)vector.first();
        },
        "ASSERTION FAILED: index < m_size");
    EXPECT_DEATH(
        {
            Vector<int> vector;
            (void)vector.take_last();
        },
        "ASSERTION FAILED");
    EXPECT_DEATH(
        {
            Vector<int> vector = numbers(2);
            vector.remove(2);
        },
        "ASSERTION FAILED: index < m_size");
}
