// Memory and C string functions.
//
// These live in namespace libk so that the host test program can link both
// them and the host C library without the two colliding. The kernel is
// expected to provide the global memcpy/memset/memmove/memcmp that the
// compiler may call on its own, by forwarding to these.

#pragma once

#include <libk/types.h>

namespace libk {

void* memcpy(void* destination, const void* source, size_t count);
void* memmove(void* destination, const void* source, size_t count);
void* memset(void* destination, int value, size_t count);
int memcmp(const void* a, const void* b, size_t count);

size_t strlen(const char* string);
size_t strnlen(const char* string, size_t max_length);
int strcmp(const char* a, const char* b);
int strncmp(const char* a, const char* b, size_t max_length);

// Like C's strchr/strrchr, but const-correct: searching a const string
// gives back a pointer to const. Searching for '\0' finds the terminator.
const char* strchr(const char* string, int character);
char* strchr(char* string, int character);
const char* strrchr(const char* string, int character);
char* strrchr(char* string, int character);

// Bounded copy and concatenation that always terminate the destination
// (when size > 0) and return the length of the string they tried to create,
// so truncation is detected with `if (result >= size)`.
size_t strlcpy(char* destination, const char* source, size_t size);
size_t strlcat(char* destination, const char* source, size_t size);

bool starts_with(const char* string, const char* prefix);

// Parses exactly `length` characters of `string` as an unsigned number in
// `base` (10 or 16; any base from 2 to 16 works). Every character must be a
// digit of that base: no sign, no "0x" prefix, no spaces. Fails on an empty
// input and on values that do not fit in 32 bits. *out is only written on
// success.
bool parse_u32(const char* string, size_t length, u32 base, u32* out);

} // namespace libk
