// Memory and C string functions. See libk/string.h.

#include <libk/string.h>

// GCC recognises loops that copy or fill memory and replaces them with calls
// to memcpy/memset. In the kernel those global functions forward to the ones
// below, so that replacement would make memcpy call itself forever. This
// attribute turns the recognition off for each function in this file.
#if defined(__GNUC__) && !defined(__clang__)
#    define NO_LOOP_IDIOMS __attribute__((optimize("no-tree-loop-distribute-patterns")))
#else
#    define NO_LOOP_IDIOMS
#endif

namespace libk {

// Bulk copies move four bytes at a time. Reading a byte buffer through a u32
// pointer breaks the aliasing rules unless the type says it may alias
// anything, as char does.
using Word = u32 __attribute__((may_alias));
static constexpr size_t word_size = sizeof(Word);

static bool is_word_aligned(const void* pointer)
{
    return (reinterpret_cast<uptr>(pointer) & (word_size - 1)) == 0;
}

// Copies from low addresses to high ones. Safe for overlapping buffers when
// the destination starts below the source: every byte is read before the
// copy reaches the place where it is stored.
NO_LOOP_IDIOMS static void copy_forward(u8* destination, const u8* source, size_t count)
{
#if defined(__i386__) || defined(__x86_64__)
    // x86 has the loop below built in: "rep movsl" moves four bytes per
    // step, "rep movsb" the rest, from low addresses up (the ABI keeps the
    // direction flag clear). One instruction per word instead of a loop of
    // five; misaligned pointers are allowed, only slower.
    size_t words = count / word_size, bytes = count % word_size;
    asm volatile("rep movsl" : "+D"(destination), "+S"(source), "+c"(words) : : "memory");
    asm volatile("rep movsb" : "+D"(destination), "+S"(source), "+c"(bytes) : : "memory");
#else
    // Word copies need both pointers aligned. If they are misaligned by the
    // same amount, a few single bytes fix that; otherwise copy bytewise.
    if (count >= 2 * word_size && ((reinterpret_cast<uptr>(destination) ^ reinterpret_cast<uptr>(source)) & (word_size - 1)) == 0) {
        while (!is_word_aligned(destination)) {
            *destination++ = *source++;
            count--;
        }
        while (count >= word_size) {
            *reinterpret_cast<Word*>(destination) = *reinterpret_cast<const Word*>(source);
            destination += word_size;
            source += word_size;
            count -= word_size;
        }
    }
    while (count > 0) {
        *destination++ = *source++;
        count--;
    }
#endif
}

// Copies from high addresses to low ones, the mirror image of copy_forward;
// safe when the destination starts above an overlapping source.
NO_LOOP_IDIOMS static void copy_backward(u8* destination, const u8* source, size_t count)
{
    u8* destination_end = destination + count;
    const u8* source_end = source + count;
    if (count >= 2 * word_size && ((reinterpret_cast<uptr>(destination_end) ^ reinterpret_cast<uptr>(source_end)) & (word_size - 1)) == 0) {
        while (!is_word_aligned(destination_end)) {
            *--destination_end = *--source_end;
            count--;
        }
        while (count >= word_size) {
            destination_end -= word_size;
            source_end -= word_size;
            *reinterpret_cast<Word*>(destination_end) = *reinterpret_cast<const Word*>(source_end);
            count -= word_size;
        }
    }
    while (count > 0) {
        *--destination_end = *--source_end;
        count--;
    }
}

NO_LOOP_IDIOMS void* memcpy(void* destination, const void* source, size_t count)
{
    copy_forward(static_cast<u8*>(destination), static_cast<const u8*>(source), count);
    return destination;
}

NO_LOOP_IDIOMS void* memmove(void* destination, const void* source, size_t count)
{
    // Compare addresses as numbers: relational operators on pointers into
    // different objects are not defined by the language.
    uptr to = reinterpret_cast<uptr>(destination);
    uptr from = reinterpret_cast<uptr>(source);
    if (to == from || count == 0)
        return destination;
    if (to < from || to - from >= count)
        copy_forward(static_cast<u8*>(destination), static_cast<const u8*>(source), count);
    else
        copy_backward(static_cast<u8*>(destination), static_cast<const u8*>(source), count);
    return destination;
}

NO_LOOP_IDIOMS void* memset(void* destination, int value, size_t count)
{
    u8* bytes = static_cast<u8*>(destination);
    u8 byte = static_cast<u8>(value);
#if defined(__i386__) || defined(__x86_64__)
    // As in copy_forward: "rep stosl" stores a word per step, "rep stosb" the rest.
    size_t words = count / word_size, tail = count % word_size;
    Word word = 0x01010101u * byte;
    asm volatile("rep stosl" : "+D"(bytes), "+c"(words) : "a"(word) : "memory");
    asm volatile("rep stosb" : "+D"(bytes), "+c"(tail) : "a"(word) : "memory");
    return destination;
#else
    if (count >= 2 * word_size) {
        while (!is_word_aligned(bytes)) {
            *bytes++ = byte;
            count--;
        }
        Word word = 0x01010101u * byte;
        while (count >= word_size) {
            *reinterpret_cast<Word*>(bytes) = word;
            bytes += word_size;
            count -= word_size;
        }
    }
    while (count > 0) {
        *bytes++ = byte;
        count--;
    }
    return destination;
#endif
}

// Like C, bytes and characters compare as unsigned char, so that "\xff"
// sorts after "a".
NO_LOOP_IDIOMS int memcmp(const void* a, const void* b, size_t count)
{
    const u8* left = static_cast<const u8*>(a);
    const u8* right = static_cast<const u8*>(b);
    for (size_t i = 0; i < count; i++) {
        if (left[i] != right[i])
            return left[i] < right[i] ? -1 : 1;
    }
    return 0;
}

NO_LOOP_IDIOMS size_t strlen(const char* string)
{
    size_t length = 0;
    while (string[length] != '\0')
        length++;
    return length;
}

NO_LOOP_IDIOMS size_t strnlen(const char* string, size_t max_length)
{
    size_t length = 0;
    while (length < max_length && string[length] != '\0')
        length++;
    return length;
}

NO_LOOP_IDIOMS int strcmp(const char* a, const char* b)
{
    return strncmp(a, b, SIZE_MAX);
}

NO_LOOP_IDIOMS int strncmp(const char* a, const char* b, size_t max_length)
{
    for (size_t i = 0; i < max_length; i++) {
        u8 left = static_cast<u8>(a[i]);
        u8 right = static_cast<u8>(b[i]);
        if (left != right)
            return left < right ? -1 : 1;
        if (left == '\0')
            return 0;
    }
    return 0;
}

NO_LOOP_IDIOMS const char* strchr(const char* string, int character)
{
    char wanted = static_cast<char>(character);
    for (;; string++) {
        if (*string == wanted)
            return string;
        if (*string == '\0')
            return nullptr;
    }
}

char* strchr(char* string, int character)
{
    return const_cast<char*>(strchr(static_cast<const char*>(string), character));
}

NO_LOOP_IDIOMS const char* strrchr(const char* string, int character)
{
    char wanted = static_cast<char>(character);
    const char* found = nullptr;
    for (;; string++) {
        if (*string == wanted)
            found = string;
        if (*string == '\0')
            return found;
    }
}

char* strrchr(char* string, int character)
{
    return const_cast<char*>(strrchr(static_cast<const char*>(string), character));
}

NO_LOOP_IDIOMS size_t strlcpy(char* destination, const char* source, size_t size)
{
    size_t source_length = strlen(source);
    if (size > 0) {
        size_t copied = source_length < size ? source_length : size - 1;
        copy_forward(reinterpret_cast<u8*>(destination), reinterpret_cast<const u8*>(source), copied);
        destination[copied] = '\0';
    }
    return source_length;
}

NO_LOOP_IDIOMS size_t strlcat(char* destination, const char* source, size_t size)
{
    // If the destination is not terminated within size bytes, the strlcpy
    // below gets a size of 0: nothing is written, and the result is still
    // the would-be length, size + strlen(source).
    size_t destination_length = strnlen(destination, size);
    return destination_length + strlcpy(destination + destination_length, source, size - destination_length);
}

NO_LOOP_IDIOMS bool starts_with(const char* string, const char* prefix)
{
    for (; *prefix != '\0'; string++, prefix++) {
        if (*string != *prefix)
            return false;
    }
    return true;
}

// Value of one digit character, or a number >= 16 if it is not a digit.
static u32 digit_value(char character)
{
    if (character >= '0' && character <= '9')
        return static_cast<u32>(character - '0');
    if (character >= 'a' && character <= 'f')
        return static_cast<u32>(character - 'a' + 10);
    if (character >= 'A' && character <= 'F')
        return static_cast<u32>(character - 'A' + 10);
    return 16;
}

bool parse_u32(const char* string, size_t length, u32 base, u32* out)
{
    if (length == 0 || base < 2 || base > 16)
        return false;
    u32 value = 0;
    for (size_t i = 0; i < length; i++) {
        u32 digit = digit_value(string[i]);
        if (digit >= base)
            return false;
        // value * base + digit must not exceed UINT32_MAX. Checked by
        // rearranging so the check itself cannot overflow.
        if (value > (UINT32_MAX - digit) / base)
            return false;
        value = value * base + digit;
    }
    *out = value;
    return true;
}

} // namespace libk
