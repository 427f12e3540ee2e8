// C++ allocation in the kernel goes to the heap. There are no exceptions:
// the kernel writes `new (std::nothrow) T(...)` (or uses try_make) and checks
// for nullptr; the plain forms behave the same, and -fcheck-new makes the
// compiler test the result before running a constructor.
#include <kernel/mm/heap.h>
#include <new>

void* operator new(usize size) { return kmalloc(size); }
void* operator new[](usize size) { return kmalloc(size); }
void* operator new(usize size, const std::nothrow_t&) noexcept { return kmalloc(size); }
void* operator new[](usize size, const std::nothrow_t&) noexcept { return kmalloc(size); }
void operator delete(void* pointer) noexcept { kfree(pointer); }
void operator delete[](void* pointer) noexcept { kfree(pointer); }
void operator delete(void* pointer, usize) noexcept { kfree(pointer); }
void operator delete[](void* pointer, usize) noexcept { kfree(pointer); }

// The tag object of `new (std::nothrow)`; the C++ library would define it,
// and the kernel has none.
namespace std {
const nothrow_t nothrow {};
}
