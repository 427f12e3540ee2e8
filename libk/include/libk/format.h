// printf-style formatting.
//
// The format attribute makes the compiler check every call: a %d given a
// pointer, or a missing argument, is a build error with -Werror rather than
// garbage on the console.
//
// Output goes to a "sink", a function that receives the text piece by piece.
// The console, a log buffer and snprintf are all just different sinks.
//
// Supported: %d %i %u %x %X %o %c %s %p %%, the flags - 0 + space #, field
// width and precision (either may be *), and the length modifiers
// hh h l ll z j t. There is no floating point (the kernel does not use the
// FPU) and no %n. A conversion that is not understood is printed as written.
// %s of a null pointer prints "(null)". %p prints "0x" and then all the hex
// digits of the pointer, e.g. 0x000b8000, so addresses line up in columns.

#pragma once

#include <libk/types.h>
#include <stdarg.h>

namespace libk {

using FormatSink = void (*)(void* context, const char* text, size_t length);

// Both return the number of characters produced (capped at INT_MAX).
int vformat(FormatSink sink, void* context, const char* fmt, va_list args);
int format(FormatSink sink, void* context, const char* fmt, ...) __attribute__((format(printf, 3, 4)));

// As in C: the output is cut to fit `size` bytes including the terminating
// NUL (written whenever size > 0), and the return value is the length the
// whole output would have had, so `result >= size` means it was truncated.
int vsnprintf(char* buffer, size_t size, const char* fmt, va_list args);
int snprintf(char* buffer, size_t size, const char* fmt, ...) __attribute__((format(printf, 3, 4)));

} // namespace libk
