// In-kernel self-tests, run when the kernel command line says `selftest`
// (all of them) or `selftest=frames,heap` (those suites). Results are TAP
// on the console; the test harness (tests/harness) reads them from the
// serial line.
//
//   SELFTEST(heap, large_allocation)
//   {
//       void* p = kmalloc(100000);
//       EXPECT(p != nullptr);
//       kfree(p);
//   }
//
// Every test also fails if it leaves the frame or heap counters different
// from how it found them: the kernel must give back everything it takes.
#pragma once

#include <libk/types.h>

struct TestContext {
    bool failed = false;
    void fail(const char* file, int line, const char* format, ...) __attribute__((format(printf, 4, 5)));
};

struct SelfTest {
    const char* suite;
    const char* name;
    void (*run)(TestContext&);
};

#define SELFTEST(suite, name)                                                                       \
    static void selftest_##suite##_##name(TestContext&);                                            \
    [[gnu::used, gnu::section(".selftests." #suite)]] static const SelfTest selftest_entry_##suite##_##name \
        = { #suite, #name, selftest_##suite##_##name };                                             \
    static void selftest_##suite##_##name([[maybe_unused]] TestContext& t)

#define EXPECT(condition)                                      \
    do {                                                       \
        if (!(condition))                                      \
            t.fail(__FILE__, __LINE__, "EXPECT(%s)", #condition); \
    } while (0)

#define EXPECT_EQ(actual, expected)                                                                  \
    do {                                                                                             \
        auto actual_value_ = (actual);                                                               \
        auto expected_value_ = (expected);                                                           \
        if (!(actual_value_ == expected_value_))                                                     \
            t.fail(__FILE__, __LINE__, "EXPECT_EQ(%s, %s): got 0x%llx, expected 0x%llx", #actual, #expected, \
                static_cast<unsigned long long>(actual_value_), static_cast<unsigned long long>(expected_value_)); \
    } while (0)

// Runs the selected suites, prints TAP and a summary line. Returns the
// number of failed tests.
u32 run_selftests(const char* selection, usize selection_length);
