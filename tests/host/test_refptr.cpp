#include "libk_env.h"

#include <libk/refptr.h>

#include <gtest/gtest.h>

namespace {

// Counts destructions so tests can see exactly when an object dies.
struct Counted : RefCounted<Counted> {
    static inline int destroyed = 0;
    int value;
    explicit Counted(int v = 0)
        : value(v)
    {
    }
    virtual ~Counted() { destroyed++; }
};

struct Child : Counted {
    static inline int children_destroyed = 0;
    explicit Child(int v)
        : Counted(v)
    {
    }
    ~Child() override { children_destroyed++; }
};

// An object that holds a reference to another one, for testing assignment
// where dropping the old value frees the owner of the new value.
struct Holder : RefCounted<Holder> {
    RefPtr<Holder> next;
};

class RefPtrTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        Counted::destroyed = 0;
        Child::children_destroyed = 0;
        m_live_before = test_env::live_allocations();
    }
    void TearDown() override { EXPECT_EQ(test_env::live_allocations(), m_live_before) << "leaked"; }

    RefPtr<Counted> make(int value = 0) { return try_make_ref_counted<Counted>(value).release_value(); }

private:
    long m_live_before { 0 };
};

} // namespace

TEST_F(RefPtrTest, NewObjectStartsWithOneReference)
{
    auto* object = new Counted(5);
    EXPECT_EQ(object->ref_count(), 1u);
    {
        RefPtr<Counted> adopted = adopt_ref(*object);
        EXPECT_EQ(adopted->ref_count(), 1u); // Adopting does not add one.
        EXPECT_EQ(adopted.ptr(), object);
    }
    EXPECT_EQ(Counted::destroyed, 1);
}

TEST_F(RefPtrTest, RefAndUnrefByHand)
{
    RefPtr<Counted> pointer = make();
    pointer->ref();
    EXPECT_EQ(pointer->ref_count(), 2u);
    pointer->unref();
    EXPECT_EQ(pointer->ref_count(), 1u);
    EXPECT_EQ(Counted::destroyed, 0);
}

TEST_F(RefPtrTest, DestroyedWhenLastCopyGoes)
{
    {
        RefPtr<Counted> first = make(1);
        {
            RefPtr<Counted> second = first;
            EXPECT_EQ(first->ref_count(), 2u);
            RefPtr<Counted> third(second);
            EXPECT_EQ(first->ref_count(), 3u);
            EXPECT_EQ(first, third);
        }
        EXPECT_EQ(first->ref_count(), 1u);
        EXPECT_EQ(Counted::destroyed, 0);
    }
    EXPECT_EQ(Counted::destroyed, 1);
}

TEST_F(RefPtrTest, MoveStealsWithoutCounting)
{
    RefPtr<Counted> first = make(1);
    Counted* raw = first.ptr();
    RefPtr<Counted> second = libk::move(first);
    EXPECT_TRUE(first.is_null());
    EXPECT_EQ(second.ptr(), raw);
    EXPECT_EQ(second->ref_count(), 1u);

    RefPtr<Counted> third;
    third = libk::move(second);
    EXPECT_TRUE(second.is_null());
    EXPECT_EQ(third->ref_count(), 1u);
    EXPECT_EQ(Counted::destroyed, 0);
    third = nullptr;
    EXPECT_EQ(Counted::destroyed, 1);
}

TEST_F(RefPtrTest, AssignmentReleasesOldObject)
{
    RefPtr<Counted> a = make(1);
    RefPtr<Counted> b = make(2);
    a = b; // Object 1 loses its only reference.
    EXPECT_EQ(Counted::destroyed, 1);
    EXPECT_EQ(a->value, 2);
    EXPECT_EQ(b->ref_count(), 2u);

    RefPtr<Counted> c = make(3);
    a = libk::move(c);
    EXPECT_EQ(Counted::destroyed, 1); // Object 2 is still held by b.
    EXPECT_EQ(a->value, 3);
    b = nullptr;
    EXPECT_EQ(Counted::destroyed, 2);
    EXPECT_TRUE(b.is_null());
}

TEST_F(RefPtrTest, SelfAssignment)
{
    RefPtr<Counted> a = make(1);
    RefPtr<Counted>& alias = a;
    a = alias;
    EXPECT_EQ(a->ref_count(), 1u);
    a = libk::move(alias);
    EXPECT_FALSE(a.is_null());
    EXPECT_EQ(a->ref_count(), 1u);
    EXPECT_EQ(Counted::destroyed, 0);
}

TEST_F(RefPtrTest, AssigningAwayTheOwnerOfTheNewValue)
{
    // outer -> inner. Assigning inner's reference to the variable that held
    // outer drops outer, which drops its reference to inner; inner must
    // survive because the new value was taken first.
    RefPtr<Holder> outer = try_make_ref_counted<Holder>().release_value();
    outer->next = try_make_ref_counted<Holder>().release_value();
    Holder* inner = outer->next.ptr();
    outer = outer->next;
    EXPECT_EQ(outer.ptr(), inner);
    EXPECT_EQ(outer->ref_count(), 1u);
}

TEST_F(RefPtrTest, NullState)
{
    RefPtr<Counted> empty;
    EXPECT_TRUE(empty.is_null());
    EXPECT_FALSE(empty);
    EXPECT_EQ(empty, nullptr);
    EXPECT_EQ(empty.ptr(), nullptr);
    RefPtr<Counted> from_null = nullptr;
    EXPECT_TRUE(from_null.is_null());
    RefPtr<Counted> copy = empty;
    EXPECT_TRUE(copy.is_null());
    RefPtr<Counted> full = make();
    EXPECT_TRUE(full);
    EXPECT_NE(full, nullptr);
    full = empty;
    EXPECT_TRUE(full.is_null());
    EXPECT_EQ(Counted::destroyed, 1);
}

TEST_F(RefPtrTest, Comparisons)
{
    RefPtr<Counted> a = make();
    RefPtr<Counted> b = make();
    RefPtr<Counted> a_again = a;
    EXPECT_TRUE(a == a_again);
    EXPECT_FALSE(a == b);
    EXPECT_TRUE(a != b);
    EXPECT_TRUE(a == a.ptr());
    EXPECT_TRUE(a.ptr() == a);
    EXPECT_TRUE(a != b.ptr());
    EXPECT_EQ(&*a, a.ptr());
}

TEST_F(RefPtrTest, ConvertsToBase)
{
    {
        RefPtr<Child> child = try_make_ref_counted<Child>(9).release_value();
        RefPtr<Counted> base = child;
        EXPECT_EQ(child->ref_count(), 2u);
        EXPECT_EQ(base->value, 9);
        RefPtr<Counted> moved_base = libk::move(child);
        EXPECT_TRUE(child.is_null());
        EXPECT_EQ(base->ref_count(), 2u);

        RefPtr<Counted> assigned;
        assigned = RefPtr<Child>(try_make_ref_counted<Child>(10).release_value());
        EXPECT_EQ(assigned->value, 10);
        RefPtr<Child> another = try_make_ref_counted<Child>(11).release_value();
        assigned = another;
        EXPECT_EQ(Counted::destroyed, 1); // Child 10 went away.
        EXPECT_EQ(Child::children_destroyed, 1);
    }
    // Deleted through the base, yet the derived destructors ran.
    EXPECT_EQ(Counted::destroyed, 3);
    EXPECT_EQ(Child::children_destroyed, 3);
}

TEST_F(RefPtrTest, RawPointerConstructionTakesAReference)
{
    RefPtr<Counted> owner = make();
    {
        RefPtr<Counted> extra(owner.ptr());
        EXPECT_EQ(owner->ref_count(), 2u);
        RefPtr<Counted> from_reference(*owner);
        EXPECT_EQ(owner->ref_count(), 3u);
        RefPtr<Counted> from_null(static_cast<Counted*>(nullptr));
        EXPECT_TRUE(from_null.is_null());
    }
    EXPECT_EQ(owner->ref_count(), 1u);
}

TEST_F(RefPtrTest, LeakRefHandsOverTheReference)
{
    RefPtr<Counted> owner = make();
    Counted* raw = owner.leak_ref();
    EXPECT_TRUE(owner.is_null());
    EXPECT_EQ(raw->ref_count(), 1u);
    EXPECT_EQ(Counted::destroyed, 0);
    RefPtr<Counted> again = adopt_ref(*raw);
    again.clear();
    EXPECT_EQ(Counted::destroyed, 1);
}

TEST_F(RefPtrTest, ConstObjects)
{
    RefPtr<const Counted> constant = make(4);
    EXPECT_EQ(constant->value, 4);
    RefPtr<const Counted> copy = constant;
    EXPECT_EQ(constant->ref_count(), 2u);
}

TEST_F(RefPtrTest, TryMakeReportsOutOfMemory)
{
    test_env::fail_nth_allocation(1);
    auto result = try_make_ref_counted<Counted>(1);
    ASSERT_TRUE(result.is_error());
    EXPECT_EQ(result.error().code(), libk::ENOMEM_CODE);
    EXPECT_EQ(Counted::destroyed, 0); // Nothing was constructed.

    auto later = try_make_ref_counted<Counted>(2); // The fault was one-shot.
    ASSERT_FALSE(later.is_error());
    EXPECT_EQ(later.value()->value, 2);
}

TEST_F(RefPtrTest, ManyReferences)
{
    RefPtr<Counted> owner = make();
    {
        RefPtr<Counted> copies[100];
        for (auto& copy : copies)
            copy = owner;
        EXPECT_EQ(owner->ref_count(), 101u);
    }
    EXPECT_EQ(owner->ref_count(), 1u);
}

TEST(RefPtrDeathTest, DereferencingNullAsserts)
{
    RefPtr<Counted> empty;
    EXPECT_DEATH((void)empty->value, "ASSERTION FAILED: m_ptr");
    EXPECT_DEATH((void)*empty, "ASSERTION FAILED: m_ptr");
}
