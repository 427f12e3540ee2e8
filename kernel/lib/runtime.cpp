// What the compiler and libk expect the environment to provide.
#include <arch/i386/cpu.h>
#include <kernel/debug/panic.h>
#include <libk/spinlock.h>
#include <libk/string.h>

// GCC emits calls to these four even in freestanding code (struct copies,
// zero-initialisation); they are libk's.
extern "C" {
void* memcpy(void* to, const void* from, usize n) { return libk::memcpy(to, from, n); }
void* memmove(void* to, const void* from, usize n) { return libk::memmove(to, from, n); }
void* memset(void* to, int value, usize n) { return libk::memset(to, value, n); }
int memcmp(const void* a, const void* b, usize n) { return libk::memcmp(a, b, n); }

// A pure virtual function called through a half-built or half-destroyed object.
void __cxa_pure_virtual() { panic("pure virtual function called"); }

// The kernel never exits, so static destructors never run.
void* __dso_handle = nullptr;
int __cxa_atexit(void (*)(void*), void*, void*) { return 0; }
}

// libk's spinlocks disable interrupts while held (one CPU: that is the
// whole of mutual exclusion against interrupt handlers).
u32 libk::irq_save()
{
    u32 flags = cpu::read_eflags();
    cpu::cli();
    return flags & cpu::EFLAGS_IF;
}

void libk::irq_restore(u32 state)
{
    if (state)
        cpu::sti();
}
