// Always-on assertions.
//
// A kernel that keeps running after its own invariants are broken corrupts
// memory silently, which is far harder to debug than a stop at the first
// wrong step. So ASSERT is never compiled out.
//
// libk only declares assertion_failed(); whoever links libk decides what a
// failure means. The kernel panics; the host tests print and abort().

#pragma once

namespace libk {

[[noreturn]] void assertion_failed(const char* expression, const char* file, int line, const char* function);

} // namespace libk

// Written as an expression (not an if statement) so it can be used anywhere
// an expression can, including constexpr functions and comma expressions.
#define ASSERT(expression)                                                                \
    (static_cast<bool>(expression)                                                        \
            ? static_cast<void>(0)                                                        \
            : ::libk::assertion_failed(#expression, __FILE__, __LINE__, __func__))

#define ASSERT_NOT_REACHED() ::libk::assertion_failed("not reached", __FILE__, __LINE__, __func__)
