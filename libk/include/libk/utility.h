// Small generic helpers that a hosted program would take from the standard
// library's <utility> and <algorithm>, which are not available here.

#pragma once

#include <libk/assert.h>
#include <libk/types.h>
#include <type_traits>

namespace libk {

template<typename T>
using RemoveReference = std::remove_reference_t<T>;

// move() is only a cast: it marks a value as "may be stolen from" so that
// overload resolution picks move constructors and move assignments.
template<typename T>
constexpr RemoveReference<T>&& move(T&& value) noexcept
{
    return static_cast<RemoveReference<T>&&>(value);
}

// forward() passes a template argument on with the same value category it
// arrived with: rvalues stay rvalues, lvalues stay lvalues.
template<typename T>
constexpr T&& forward(RemoveReference<T>& value) noexcept
{
    return static_cast<T&&>(value);
}

template<typename T>
constexpr T&& forward(RemoveReference<T>&& value) noexcept
{
    static_assert(!std::is_lvalue_reference_v<T>, "forwarding an rvalue as an lvalue");
    return static_cast<T&&>(value);
}

template<typename T>
constexpr void swap(T& a, T& b)
{
    T saved = libk::move(a);
    a = libk::move(b);
    b = libk::move(saved);
}

// Stores new_value in object and returns what was there before.
template<typename T, typename U = T>
constexpr T exchange(T& object, U&& new_value)
{
    T old_value = libk::move(object);
    object = libk::forward<U>(new_value);
    return old_value;
}

// min/max/clamp take one type on purpose: comparing a signed with an
// unsigned number gives surprising answers, so the caller must convert.
template<typename T>
constexpr T min(T a, T b)
{
    return b < a ? b : a;
}

template<typename T>
constexpr T max(T a, T b)
{
    return a < b ? b : a;
}

template<typename T>
constexpr T clamp(T value, T low, T high)
{
    ASSERT(!(high < low));
    return min(max(value, low), high);
}

template<typename T>
constexpr bool is_power_of_two(T value)
{
    static_assert(std::is_integral_v<T>);
    return value > 0 && (value & (value - 1)) == 0;
}

// Alignment helpers for addresses and sizes. The alignment must be a power
// of two, which lets rounding be done with a mask instead of a division.
// align_up() does not detect wrap-around past the largest value of T.
template<typename T, typename A>
constexpr T align_down(T value, A alignment)
{
    static_assert(std::is_integral_v<T> && std::is_integral_v<A>);
    ASSERT(is_power_of_two(alignment));
    return value & ~static_cast<T>(alignment - 1);
}

template<typename T, typename A>
constexpr T align_up(T value, A alignment)
{
    static_assert(std::is_integral_v<T> && std::is_integral_v<A>);
    ASSERT(is_power_of_two(alignment));
    return static_cast<T>(value + static_cast<T>(alignment - 1)) & ~static_cast<T>(alignment - 1);
}

// Number of elements in a real array. Passing a pointer does not compile,
// which is the point: sizeof(p) / sizeof(*p) would silently be wrong.
template<typename T, size_t N>
constexpr size_t array_size(const T (&)[N])
{
    return N;
}

} // namespace libk
