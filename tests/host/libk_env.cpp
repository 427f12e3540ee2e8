// Environment hooks for running libk in a normal process.
//
// libk declares assertion_failed(), irq_save() and irq_restore() and leaves
// their definitions to whoever links it. Here they print/abort and simulate
// an interrupt flag. This file also replaces the global allocation
// functions so tests can count leaks and make allocations fail on demand.

#include "libk_env.h"

#include <libk/assert.h>
#include <libk/spinlock.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <new>

namespace test_env {

static std::atomic<long> s_allocations_until_failure { 0 };
static std::atomic<long> s_live_allocations { 0 };

// Each test thread plays one CPU with its own interrupt flag.
static thread_local bool t_interrupts_enabled = true;
static thread_local long t_irq_save_calls = 0;
static thread_local long t_irq_restore_calls = 0;

void fail_nth_allocation(long n) { s_allocations_until_failure = n; }
long live_allocations() { return s_live_allocations; }

bool interrupts_enabled() { return t_interrupts_enabled; }
void set_interrupts_enabled(bool enabled) { t_interrupts_enabled = enabled; }
long irq_save_calls() { return t_irq_save_calls; }
long irq_restore_calls() { return t_irq_restore_calls; }

} // namespace test_env

namespace libk {

void assertion_failed(const char* expression, const char* file, int line, const char* function)
{
    std::fprintf(stderr, "ASSERTION FAILED: %s at %s:%d in %s\n", expression, file, line, function);
    std::fflush(stderr);
    std::abort();
}

u32 irq_save()
{
    test_env::t_irq_save_calls++;
    bool was_enabled = test_env::t_interrupts_enabled;
    test_env::t_interrupts_enabled = false;
    return was_enabled ? 1 : 0;
}

void irq_restore(u32 state)
{
    test_env::t_irq_restore_calls++;
    test_env::t_interrupts_enabled = state != 0;
}

} // namespace libk

// Every block gets a small header recording whether it came from a nothrow
// new, so operator delete knows whether to count it. All the ordinary forms
// are replaced too (not just nothrow), which guarantees that every pointer
// operator delete sees has such a header. The header is as large as the
// strictest fundamental alignment, so the memory after it stays aligned.
namespace {

struct alignas(alignof(std::max_align_t)) BlockHeader {
    bool counted;
};

void* allocate_block(std::size_t size, bool counted)
{
    auto* header = static_cast<BlockHeader*>(std::malloc(sizeof(BlockHeader) + size));
    if (header == nullptr)
        return nullptr;
    header->counted = counted;
    if (counted)
        test_env::s_live_allocations++;
    return header + 1;
}

// The counted (nothrow) path: this is where injected failures happen.
void* allocate_nothrow(std::size_t size)
{
    // Decrement the countdown only while it is armed (> 0); reaching zero
    // is the allocation that fails, which also disarms it.
    long remaining = test_env::s_allocations_until_failure.load();
    while (remaining > 0 && !test_env::s_allocations_until_failure.compare_exchange_weak(remaining, remaining - 1)) { }
    if (remaining == 1)
        return nullptr;
    return allocate_block(size, true);
}

void* allocate_or_throw(std::size_t size)
{
    void* block = allocate_block(size, false);
    if (block == nullptr)
        throw std::bad_alloc();
    return block;
}

void free_block(void* pointer)
{
    if (pointer == nullptr)
        return;
    auto* header = static_cast<BlockHeader*>(pointer) - 1;
    if (header->counted)
        test_env::s_live_allocations--;
    std::free(header);
}

} // namespace

void* operator new(std::size_t size) { return allocate_or_throw(size); }
void* operator new[](std::size_t size) { return allocate_or_throw(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept { return allocate_nothrow(size); }
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept { return allocate_nothrow(size); }

void operator delete(void* pointer) noexcept { free_block(pointer); }
void operator delete[](void* pointer) noexcept { free_block(pointer); }
void operator delete(void* pointer, std::size_t) noexcept { free_block(pointer); }
void operator delete[](void* pointer, std::size_t) noexcept { free_block(pointer); }
void operator delete(void* pointer, const std::nothrow_t&) noexcept { free_block(pointer); }
void operator delete[](void* pointer, const std::nothrow_t&) noexcept { free_block(pointer); }
