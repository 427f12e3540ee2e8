#include "libk_env.h"

#include <libk/ownptr.h>

#include <gtest/gtest.h>

namespace {

struct Widget {
    static inline int destroyed = 0;
    int value;
    explicit Widget(int v)
        : value(v)
    {
    }
    virtual ~Widget() { destroyed++; }
};

struct Gadget : Widget {
    static inline int gadgets_destroyed = 0;
    Gadget()
        : Widget(99)
    {
    }
    ~Gadget() override { gadgets_destroyed++; }
};

class OwnPtrTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        Widget::destroyed = 0;
        Gadget::gadgets_destroyed = 0;
        m_live_before = test_env::live_allocations();
    }
    void TearDown() override { EXPECT_EQ(test_env::live_allocations(), m_live_before) << "leaked"; }

    OwnPtr<Widget> make(int value) { return try_make<Widget>(value).release_value(); }

private:
    long m_live_before { 0 };
};

} // namespace

TEST_F(OwnPtrTest, DeletesWhenDestroyed)
{
    {
        OwnPtr<Widget> widget = make(1);
        EXPECT_EQ(widget->value, 1);
        EXPECT_EQ((*widget).value, 1);
        EXPECT_TRUE(widget);
        EXPECT_EQ(Widget::destroyed, 0);
    }
    EXPECT_EQ(Widget::destroyed, 1);
}

TEST_F(OwnPtrTest, MoveTransfersOwnership)
{
    OwnPtr<Widget> first = make(1);
    Widget* raw = first.ptr();
    OwnPtr<Widget> second = libk::move(first);
    EXPECT_TRUE(first.is_null());
    EXPECT_FALSE(first);
    EXPECT_EQ(second.ptr(), raw);

    OwnPtr<Widget> third = make(3);
    third = libk::move(second); // Widget 3 is deleted, widget 1 moves in.
    EXPECT_EQ(Widget::destroyed, 1);
    EXPECT_EQ(third->value, 1);
    EXPECT_TRUE(second.is_null());

    OwnPtr<Widget>& alias = third;
    third = libk::move(alias); // Self-move keeps the object.
    EXPECT_EQ(third->value, 1);
    EXPECT_EQ(Widget::destroyed, 1);
}

TEST_F(OwnPtrTest, ClearAndNullAssignment)
{
    OwnPtr<Widget> widget = make(1);
    widget.clear();
    EXPECT_TRUE(widget.is_null());
    EXPECT_EQ(Widget::destroyed, 1);
    widget.clear(); // Clearing a null OwnPtr is fine.

    widget = make(2);
    widget = nullptr;
    EXPECT_EQ(widget, nullptr);
    EXPECT_EQ(Widget::destroyed, 2);

    OwnPtr<Widget> empty = nullptr;
    EXPECT_TRUE(empty.is_null());
    EXPECT_EQ(empty.ptr(), nullptr);
}

TEST_F(OwnPtrTest, LeakPtrGivesUpOwnership)
{
    OwnPtr<Widget> widget = make(1);
    Widget* raw = widget.leak_ptr();
    EXPECT_TRUE(widget.is_null());
    widget.clear();
    EXPECT_EQ(Widget::destroyed, 0);
    OwnPtr<Widget> again = adopt_own(raw);
    EXPECT_EQ(again.ptr(), raw);
    again.clear();
    EXPECT_EQ(Widget::destroyed, 1);
}

TEST_F(OwnPtrTest, ConvertsToBase)
{
    {
        OwnPtr<Gadget> gadget = try_make<Gadget>().release_value();
        OwnPtr<Widget> widget = libk::move(gadget);
        EXPECT_TRUE(gadget.is_null());
        EXPECT_EQ(widget->value, 99);

        OwnPtr<Widget> assigned = make(5);
        assigned = try_make<Gadget>().release_value();
        EXPECT_EQ(Widget::destroyed, 1);
        EXPECT_EQ(assigned->value, 99);
    }
    EXPECT_EQ(Widget::destroyed, 3);
    EXPECT_EQ(Gadget::gadgets_destroyed, 2);
}

TEST_F(OwnPtrTest, AdoptOwnOfNullIsNull)
{
    OwnPtr<Widget> empty = adopt_own<Widget>(nullptr);
    EXPECT_TRUE(empty.is_null());
}

TEST_F(OwnPtrTest, TryMakeReportsOutOfMemory)
{
    test_env::fail_nth_allocation(1);
    auto result = try_make<Widget>(1);
    ASSERT_TRUE(result.is_error());
    EXPECT_EQ(result.error().code(), libk::ENOMEM_CODE);
    EXPECT_EQ(Widget::destroyed, 0);
}

TEST_F(OwnPtrTest, FaultInjectionCountsAllocations)
{
    test_env::fail_nth_allocation(3);
    auto first = try_make<Widget>(1);
    auto second = try_make<Widget>(2);
    auto third = try_make<Widget>(3);
    auto fourth = try_make<Widget>(4);
    EXPECT_FALSE(first.is_error());
    EXPECT_FALSE(second.is_error());
    EXPECT_TRUE(third.is_error());
    EXPECT_FALSE(fourth.is_error());
}

TEST(OwnPtrDeathTest, DereferencingNullAsserts)
{
    OwnPtr<Widget> empty;
    EXPECT_DEATH((void)empty->value, "ASSERTION FAILED: m_ptr");
    EXPECT_DEATH((void)*empty, "ASSERTION FAILED: m_ptr");
}
