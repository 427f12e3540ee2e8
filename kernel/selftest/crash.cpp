#include <kernel/console/console.h>
#include <kernel/debug/panic.h>
#include <kernel/selftest/crash.h>
#include <libk/assert.h>
#include <libk/string.h>

namespace {

// Not inlined, so the backtrace shows a chain of real functions.
[[gnu::noinline]] void crash_by_page_fault()
{
    kprintf("crash: reading from address 0x10, which is not mapped\n");
    uptr address = 0x10;
    asm volatile("" : "+r"(address)); // an address the compiler cannot see is bogus
    volatile u32* unmapped = reinterpret_cast<volatile u32*>(address);
    u32 value = *unmapped;
    kprintf("crash: read 0x%x: the page fault did not happen\n", value);
}

[[gnu::noinline]] void crash_by_assertion()
{
    int two = 2;
    asm volatile("" : "+r"(two)); // keep the compiler from deciding at build time
    ASSERT(two + two == 5);
}

[[gnu::noinline]] void crash_by_panic() { panic("deliberate panic (crash=panic)"); }

bool equals(const char* which, usize length, const char* name)
{
    return libk::strlen(name) == length && libk::strncmp(which, name, length) == 0;
}

} // namespace

void crash_on_purpose(const char* which, usize length)
{
    if (equals(which, length, "pagefault"))
        crash_by_page_fault();
    else if (equals(which, length, "assert"))
        crash_by_assertion();
    else if (equals(which, length, "panic"))
        crash_by_panic();
    else
        kprintf("crash: unknown crash \"%.*s\" (pagefault, assert or panic)\n", static_cast<int>(length), which);
}
