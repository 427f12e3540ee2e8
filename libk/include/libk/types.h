// Fixed-width integer names used throughout the kernel.
//
// The short names make declarations of hardware structures (page table
// entries, descriptor tables, port I/O) read like the manuals that describe
// them, where sizes are always given in bits.

#pragma once

#include <stddef.h>
#include <stdint.h>

namespace libk {

using u8 = uint8_t;
using u16 = uint16_t;
using u32 = uint32_t;
using u64 = uint64_t;

using i8 = int8_t;
using i16 = int16_t;
using i32 = int32_t;
using i64 = int64_t;

using usize = size_t;    // Sizes and counts of objects in memory.
using isize = ptrdiff_t; // Differences between pointers.
using uptr = uintptr_t;  // An address treated as a number.

// The type of nullptr. Not every compiler's <stddef.h> provides it outside
// namespace std, so libk names it itself.
using nullptr_t = decltype(nullptr);

} // namespace libk

using libk::i16;
using libk::i32;
using libk::i64;
using libk::i8;
using libk::isize;
using libk::u16;
using libk::u32;
using libk::u64;
using libk::u8;
using libk::uptr;
using libk::usize;
