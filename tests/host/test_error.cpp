#include <libk/error.h>
#include <libk/ownptr.h>

#include <gtest/gtest.h>

namespace {

constexpr int ENOENT_CODE = 2;
constexpr int EINVAL_CODE = 22;

ErrorOr<int> parse_digit(char character)
{
    if (character < '0' || character > '9')
        return Error::from_errno(EINVAL_CODE);
    return character - '0';
}

// Two levels of TRY: an error from parse_digit travels through
// parse_two_digits and then through sum_of_two_numbers.
ErrorOr<int> parse_two_digits(const char* text)
{
    int tens = TRY(parse_digit(text[0]));
    int ones = TRY(parse_digit(text[1]));
    return tens * 10 + ones;
}

int g_steps_after_try = 0;

ErrorOr<int> sum_of_two_numbers(const char* a, const char* b)
{
    int first = TRY(parse_two_digits(a));
    g_steps_after_try++;
    int second = TRY(parse_two_digits(b));
    g_steps_after_try++;
    return first + second;
}

ErrorOr<void> check_positive(int value)
{
    if (value <= 0)
        return Error::from_errno(EINVAL_CODE);
    return {};
}

ErrorOr<void> check_all_positive(int a, int b)
{
    TRY(check_positive(a));
    TRY(check_positive(b));
    return {};
}

// A function returning a bare Error (meaning "this always fails") can use
// TRY too.
Error fail_after(ErrorOr<int> value)
{
    TRY(value);
    return Error::from_errno(ENOENT_CODE);
}

struct Movable {
    int value;
    explicit Movable(int v)
        : value(v)
    {
    }
    Movable(Movable&& other)
        : value(libk::exchange(other.value, -1))
    {
    }
    Movable& operator=(Movable&&) = default;
    Movable(const Movable&) = delete;
};

ErrorOr<OwnPtr<int>> make_int(int value, bool fail)
{
    if (fail)
        return Error::from_errno(ENOENT_CODE);
    return TRY(try_make<int>(value));
}

ErrorOr<int> read_owned(bool fail)
{
    OwnPtr<int> owned = TRY(make_int(41, fail));
    return *owned + 1;
}

ErrorOr<int> add(int a, int b) { return a + b; }

// TRY inside the argument of another TRY's expression.
ErrorOr<int> nested(int a, int b, int c)
{
    return TRY(add(TRY(add(a, b)), TRY(add(b, c))));
}

ErrorOr<int> nested_failing(bool fail_inner)
{
    return TRY(add(TRY(parse_digit(fail_inner ? 'x' : '4')), 1));
}

int g_evaluations = 0;
ErrorOr<int> counted() { g_evaluations++; return 5; }

ErrorOr<int> try_counted() { return TRY(counted()) * 2; }

} // namespace

TEST(Error, FromErrnoKeepsTheCode)
{
    EXPECT_EQ(Error::from_errno(12).code(), 12);
    EXPECT_EQ(Error::from_errno(libk::ENOMEM_CODE).code(), 12);
    EXPECT_EQ(Error::from_errno(5), Error::from_errno(5));
    EXPECT_NE(Error::from_errno(5), Error::from_errno(6));
}

TEST(ErrorDeathTest, CodeMustBePositive)
{
    EXPECT_DEATH((void)Error::from_errno(0), "ASSERTION FAILED: code > 0");
    EXPECT_DEATH((void)Error::from_errno(-12), "ASSERTION FAILED: code > 0");
}

TEST(ErrorOr, HoldsValueOrError)
{
    ErrorOr<int> good = 7;
    ASSERT_FALSE(good.is_error());
    EXPECT_EQ(good.value(), 7);
    good.value() = 8;
    EXPECT_EQ(good.release_value(), 8);

    ErrorOr<int> bad = Error::from_errno(EINVAL_CODE);
    ASSERT_TRUE(bad.is_error());
    EXPECT_EQ(bad.error().code(), EINVAL_CODE);
    EXPECT_EQ(bad.release_error().code(), EINVAL_CODE);
}

TEST(ErrorOr, ConvertsFromConvertibleValues)
{
    ErrorOr<long long> widened = 5; // int -> long long
    EXPECT_EQ(widened.value(), 5);
    ErrorOr<const char*> text = "literal"; // array -> pointer
    EXPECT_STREQ(text.value(), "literal");
}

TEST(ErrorOr, TryPropagatesThroughTwoLevels)
{
    g_steps_after_try = 0;
    auto result = sum_of_two_numbers("12", "30");
    ASSERT_FALSE(result.is_error());
    EXPECT_EQ(result.value(), 42);
    EXPECT_EQ(g_steps_after_try, 2);

    g_steps_after_try = 0;
    auto failed = sum_of_two_numbers("12", "3x");
    ASSERT_TRUE(failed.is_error());
    EXPECT_EQ(failed.error().code(), EINVAL_CODE);
    EXPECT_EQ(g_steps_after_try, 1); // Stopped at the second TRY.

    g_steps_after_try = 0;
    EXPECT_TRUE(sum_of_two_numbers("a1", "11").is_error());
    EXPECT_EQ(g_steps_after_try, 0);
}

TEST(ErrorOr, TryEvaluatesItsExpressionOnce)
{
    g_evaluations = 0;
    EXPECT_EQ(try_counted().value(), 10);
    EXPECT_EQ(g_evaluations, 1);
}

TEST(ErrorOr, Void)
{
    ErrorOr<void> success;
    EXPECT_FALSE(success.is_error());
    success.release_value();

    EXPECT_FALSE(check_all_positive(1, 2).is_error());
    auto failed = check_all_positive(1, -2);
    ASSERT_TRUE(failed.is_error());
    EXPECT_EQ(failed.error().code(), EINVAL_CODE);
    EXPECT_EQ(failed.release_error().code(), EINVAL_CODE);
}

TEST(ErrorOr, TryInFunctionReturningError)
{
    EXPECT_EQ(fail_after(5).code(), ENOENT_CODE);
    EXPECT_EQ(fail_after(Error::from_errno(EINVAL_CODE)).code(), EINVAL_CODE);
}

TEST(ErrorOr, MoveOnlyValues)
{
    ErrorOr<Movable> result = Movable(3);
    ASSERT_FALSE(result.is_error());
    ErrorOr<Movable> moved = libk::move(result);
    EXPECT_EQ(moved.value().value, 3);
    Movable out = moved.release_value();
    EXPECT_EQ(out.value, 3);
    EXPECT_EQ(moved.value().value, -1); // Left moved-from.

    ErrorOr<Movable> assigned = Error::from_errno(EINVAL_CODE);
    assigned = ErrorOr<Movable>(Movable(4));
    EXPECT_EQ(assigned.value().value, 4);
    assigned = Error::from_errno(ENOENT_CODE);
    EXPECT_EQ(assigned.error().code(), ENOENT_CODE);

    auto owned = read_owned(false);
    ASSERT_FALSE(owned.is_error());
    EXPECT_EQ(owned.value(), 42);
    auto missing = read_owned(true);
    ASSERT_TRUE(missing.is_error());
    EXPECT_EQ(missing.error().code(), ENOENT_CODE);
}

TEST(ErrorOr, NestedTry)
{
    EXPECT_EQ(nested(1, 2, 3).value(), 8);
    EXPECT_EQ(nested_failing(false).value(), 5);
    EXPECT_EQ(nested_failing(true).error().code(), EINVAL_CODE);
}

TEST(ErrorOr, ConvertsBetweenValueTypes)
{
    struct Base {
        virtual ~Base() = default;
        virtual int kind() const { return 1; }
    };
    struct Derived : Base {
        int kind() const override { return 2; }
    };
    ErrorOr<OwnPtr<Base>> base = try_make<Derived>();
    ASSERT_FALSE(base.is_error());
    EXPECT_EQ(base.value()->kind(), 2);

    ErrorOr<OwnPtr<Derived>> failed = Error::from_errno(libk::ENOMEM_CODE);
    ErrorOr<OwnPtr<Base>> converted = libk::move(failed);
    EXPECT_EQ(converted.error().code(), libk::ENOMEM_CODE);
}

TEST(ErrorOr, CopyAndAssign)
{
    ErrorOr<int> a = 1;
    ErrorOr<int> b = a;
    EXPECT_EQ(b.value(), 1);
    b = Error::from_errno(EINVAL_CODE);
    EXPECT_TRUE(b.is_error());
    b = a;
    EXPECT_EQ(b.value(), 1);
    a = Error::from_errno(ENOENT_CODE);
    b = libk::move(a);
    EXPECT_EQ(b.error().code(), ENOENT_CODE);
}

TEST(ErrorOrDeathTest, MisuseAsserts)
{
    EXPECT_DEATH(
        {
            ErrorOr<int> bad = Error::from_errno(EINVAL_CODE);
            (void)bad.value();
        },
        "ASSERTION FAILED: !m_is_error");
    EXPECT_DEATH(
        {
            ErrorOr<int> bad = Error::from_errno(EINVAL_CODE);
            (void)bad.release_value();
        },
        "ASSERTION FAILED");
    EXPECT_DEATH(
        {
            ErrorOr<int> good = 1;
            (void)good.error();
        },
        "ASSERTION FAILED: m_is_error");
    EXPECT_DEATH(
        {
            ErrorOr<void> bad = Error::from_errno(EINVAL_CODE);
            bad.release_value();
        },
        "ASSERTION FAILED");
    EXPECT_DEATH(
        {
            ErrorOr<void> good;
            (void)good.release_error();
        },
        "ASSERTION FAILED");
}
