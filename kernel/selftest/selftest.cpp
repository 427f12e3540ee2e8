#include <kernel/boot/boot_info.h>
#include <kernel/console/console.h>
#include <kernel/mm/frames.h>
#include <kernel/mm/heap.h>
#include <kernel/selftest/selftest.h>
#include <libk/format.h>

extern "C" const SelfTest __selftests_start[], __selftests_end[];

void TestContext::fail(const char* file, int line, const char* format, ...)
{
    failed = true;
    char message[256];
    va_list arguments;
    va_start(arguments, format);
    libk::vsnprintf(message, sizeof(message), format, arguments);
    va_end(arguments);
    kprintf("  # %s:%d: %s\n", file, line, message);
}

namespace {

bool selected(const SelfTest& test, const char* selection, usize length)
{
    return boot_option_lists(BootOption { selection, length }, test.suite);
}

} // namespace

u32 run_selftests(const char* selection, usize selection_length)
{
    u32 planned = 0;
    for (const SelfTest* test = __selftests_start; test < __selftests_end; ++test)
        planned += selected(*test, selection, selection_length);

    kprintf("TAP version 13\n1..%u\n", planned);
    u32 number = 0, failures = 0;
    for (const SelfTest* test = __selftests_start; test < __selftests_end; ++test) {
        if (!selected(*test, selection, selection_length))
            continue;
        ++number;
        auto frames_before = frames::stats();
        auto heap_before = heap::stats();
        TestContext context;
        test->run(context);
        auto frames_after = frames::stats();
        auto heap_after = heap::stats();
        if (frames_after.free != frames_before.free)
            context.fail(__FILE__, __LINE__, "leaked %d frames", static_cast<int>(frames_before.free - frames_after.free));
        if (heap_after.bytes_in_use != heap_before.bytes_in_use || heap_after.allocations != heap_before.allocations)
            context.fail(__FILE__, __LINE__, "leaked %d heap bytes in %d allocations",
                static_cast<int>(heap_after.bytes_in_use - heap_before.bytes_in_use),
                static_cast<int>(heap_after.allocations - heap_before.allocations));
        failures += context.failed;
        kprintf("%s %u - %s/%s\n", context.failed ? "not ok" : "ok", number, test->suite, test->name);
    }
    kprintf("selftest: %u passed, %u failed\n", number - failures, failures);
    return failures;
}
