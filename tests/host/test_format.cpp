#include <libk/format.h>

#include <gtest/gtest.h>

#include <cinttypes>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include <sys/types.h>

namespace {

// Formats with libk into a std::string, checking that the return value is
// the length of what was produced.
__attribute__((format(printf, 1, 2))) std::string format(const char* fmt, ...)
{
    char buffer[1024];
    va_list args;
    va_start(args, fmt);
    int length = libk::vsnprintf(buffer, sizeof(buffer), fmt, args);
    va_end(args);
    EXPECT_GE(length, 0);
    EXPECT_LT(static_cast<size_t>(length), sizeof(buffer));
    EXPECT_EQ(static_cast<size_t>(length), std::strlen(buffer));
    return std::string(buffer);
}

// Formats the same thing with libk and with the host C library and expects
// identical text and return values. Used only for conversions where C
// defines the result exactly.
template<typename... Args>
void expect_same_as_libc(const std::string& fmt, Args... args)
{
    char ours[512];
    char theirs[512];
    int our_length = libk::snprintf(ours, sizeof(ours), fmt.c_str(), args...);
    int their_length = std::snprintf(theirs, sizeof(theirs), fmt.c_str(), args...);
    EXPECT_EQ(std::string(ours), std::string(theirs)) << "format \"" << fmt << "\"";
    EXPECT_EQ(our_length, their_length) << "format \"" << fmt << "\"";
}

// Every combination of the given flags (each used or not), width and
// precision, around one conversion.
std::vector<std::string> specs(const std::string& flags, const std::string& length, char conversion, bool with_precision)
{
    const char* widths[] = { "", "1", "3", "8", "25" };
    const char* precisions[] = { "", ".", ".0", ".1", ".4", ".12", ".30" };
    std::vector<std::string> result;
    for (unsigned mask = 0; mask < (1u << flags.size()); mask++) {
        std::string flag_text;
        for (size_t i = 0; i < flags.size(); i++) {
            if (mask & (1u << i))
                flag_text += flags[i];
        }
        for (const char* width : widths) {
            for (const char* precision : precisions) {
                if (!with_precision && precision[0] != '\0')
                    continue;
                result.push_back("[%" + flag_text + width + precision + length + conversion + "]");
            }
        }
    }
    return result;
}

template<typename T>
void compare_signed(const std::string& length, std::initializer_list<T> values)
{
    for (char conversion : { 'd', 'i' }) {
        for (const auto& spec : specs("-0+ ", length, conversion, true)) {
            for (T value : values)
                expect_same_as_libc(spec, value);
        }
    }
}

template<typename T>
void compare_unsigned(const std::string& length, std::initializer_list<T> values)
{
    for (const auto& spec : specs("-0", length, 'u', true)) {
        for (T value : values)
            expect_same_as_libc(spec, value);
    }
    for (char conversion : { 'x', 'X', 'o' }) {
        for (const auto& spec : specs("-0#", length, conversion, true)) {
            for (T value : values)
                expect_same_as_libc(spec, value);
        }
    }
}

struct Collected {
    std::string text;
    int calls { 0 };
};

void collect(void* context, const char* text, size_t length)
{
    auto* collected = static_cast<Collected*>(context);
    collected->text.append(text, length);
    collected->calls++;
}

} // namespace

TEST(Format, PlainTextAndPercent)
{
    EXPECT_EQ(format("hello"), "hello");
    EXPECT_EQ(format("100%%"), "100%");
    EXPECT_EQ(format("%%%%"), "%%");
}

TEST(Format, SignedConversions)
{
    EXPECT_EQ(format("%d", 0), "0");
    EXPECT_EQ(format("%d", 42), "42");
    EXPECT_EQ(format("%i", -42), "-42");
    EXPECT_EQ(format("%d", INT_MAX), "2147483647");
    EXPECT_EQ(format("%d", INT_MIN), "-2147483648");
    EXPECT_EQ(format("%lld", LLONG_MIN), "-9223372036854775808");
    EXPECT_EQ(format("%lld", LLONG_MAX), "9223372036854775807");
    EXPECT_EQ(format("%" PRId64, INT64_MIN), "-9223372036854775808");
    EXPECT_EQ(format("%hhd", static_cast<signed char>(-128)), "-128");
    EXPECT_EQ(format("%hd", static_cast<short>(-32768)), "-32768");
}

TEST(Format, UnsignedConversions)
{
    EXPECT_EQ(format("%u", UINT_MAX), "4294967295");
    EXPECT_EQ(format("%x", 0xdeadbeefu), "deadbeef");
    EXPECT_EQ(format("%X", 0xdeadbeefu), "DEADBEEF");
    EXPECT_EQ(format("%o", 8u), "10");
    EXPECT_EQ(format("%llu", ULLONG_MAX), "18446744073709551615");
    EXPECT_EQ(format("%" PRIu64, UINT64_MAX), "18446744073709551615");
    EXPECT_EQ(format("%" PRIx64, UINT64_MAX), "ffffffffffffffff");
    EXPECT_EQ(format("%" PRIo64, UINT64_MAX), "1777777777777777777777");
    EXPECT_EQ(format("%hhu", static_cast<unsigned char>(255)), "255");
    EXPECT_EQ(format("%hu", static_cast<unsigned short>(65535)), "65535");
    EXPECT_EQ(format("%zu", SIZE_MAX), std::to_string(SIZE_MAX));
    EXPECT_EQ(format("%zx", size_t(0x1234)), "1234");
}

TEST(Format, FlagsWidthPrecision)
{
    EXPECT_EQ(format("%5d", 42), "   42");
    EXPECT_EQ(format("%-5d|", 42), "42   |");
    EXPECT_EQ(format("%05d", -42), "-0042");
    EXPECT_EQ(format("%+d", 5), "+5");
    EXPECT_EQ(format("% d", 5), " 5");
    EXPECT_EQ(format("%.3d", 5), "005");
    EXPECT_EQ(format("%6.3d", -5), "  -005");
    EXPECT_EQ(format("%.0d", 0), "");
    EXPECT_EQ(format("%#x", 255u), "0xff");
    EXPECT_EQ(format("%#X", 255u), "0XFF");
    EXPECT_EQ(format("%#x", 0u), "0");
    EXPECT_EQ(format("%#010x", 255u), "0x000000ff");
    EXPECT_EQ(format("%#o", 8u), "010");
    EXPECT_EQ(format("%#o", 0u), "0");
    EXPECT_EQ(format("%#.0o", 0u), "0");
    EXPECT_EQ(format("%08x", 0xb8000u), "000b8000");
}

TEST(Format, StarWidthAndPrecision)
{
    EXPECT_EQ(format("%*d", 6, 42), "    42");
    EXPECT_EQ(format("%*d|", -6, 42), "42    |"); // Negative width: left-justify.
    EXPECT_EQ(format("%.*d", 4, 42), "0042");
    EXPECT_EQ(format("%.*d", -1, 42), "42"); // Negative precision: none.
    EXPECT_EQ(format("%*.*s|", 5, 2, "abcdef"), "   ab|");
    EXPECT_EQ(format("%-*.*s|", 5, 2, "abcdef"), "ab   |");
    EXPECT_EQ(format("%0*d", 5, -3), "-0003");
    for (int width : { -12, -3, -1, 0, 1, 3, 12 }) {
        for (int precision : { -5, -1, 0, 1, 2, 7 }) {
            expect_same_as_libc("[%*.*d]", width, precision, -1234);
            expect_same_as_libc("[%*.*x]", width, precision, 0xabcu);
            expect_same_as_libc("[%*.*s]", width, precision, "hello");
            expect_same_as_libc("[%*c]", width, 'q');
        }
    }
}

TEST(Format, CharactersAndStrings)
{
    EXPECT_EQ(format("%c%c%c", 'a', 'b', 'c'), "abc");
    EXPECT_EQ(format("%3c|%-3c|", 'x', 'y'), "  x|y  |");
    EXPECT_EQ(format("%s", "kernel"), "kernel");
    EXPECT_EQ(format("%8s|", "abc"), "     abc|");
    EXPECT_EQ(format("%-8s|", "abc"), "abc     |");
    EXPECT_EQ(format("%.2s", "abc"), "ab");
    EXPECT_EQ(format("%.10s", "abc"), "abc");
    const char* null_string = nullptr;
    EXPECT_EQ(format("%s", null_string), "(null)");
    EXPECT_EQ(format("%8s", null_string), "  (null)");

    // With a precision the argument need not be terminated at all.
    const char unterminated[3] = { 'x', 'y', 'z' };
    EXPECT_EQ(format("%.3s", unterminated), "xyz");

    // %c of '\0' produces one NUL character, and the count includes it.
    char buffer[8];
    EXPECT_EQ(libk::snprintf(buffer, sizeof(buffer), "a%cb", '\0'), 3);
    EXPECT_EQ(std::memcmp(buffer, "a\0b\0", 4), 0);
}

TEST(Format, Pointers)
{
    const std::string zeros(2 * sizeof(void*), '0');
    EXPECT_EQ(format("%p", static_cast<void*>(nullptr)), "0x" + zeros);
    auto* pointer = reinterpret_cast<void*>(uintptr_t(0xb8000));
    std::string expected = "0x" + std::string(2 * sizeof(void*) - 5, '0') + "b8000";
    EXPECT_EQ(format("%p", pointer), expected);
    EXPECT_EQ(format("%p", reinterpret_cast<void*>(UINTPTR_MAX)), "0x" + std::string(2 * sizeof(void*), 'f'));
    EXPECT_EQ(format("[%*p]", static_cast<int>(expected.size() + 2), pointer), "[  " + expected + "]");
    EXPECT_EQ(format("[%-*p]", static_cast<int>(expected.size() + 2), pointer), "[" + expected + "  ]");
}

TEST(Format, LengthModifiers)
{
    EXPECT_EQ(format("%ld", -1234567L), "-1234567");
    EXPECT_EQ(format("%lu", ULONG_MAX), std::to_string(ULONG_MAX));
    EXPECT_EQ(format("%jd", INTMAX_MIN), std::to_string(INTMAX_MIN));
    EXPECT_EQ(format("%ju", UINTMAX_MAX), std::to_string(UINTMAX_MAX));
    EXPECT_EQ(format("%td", PTRDIFF_MIN), std::to_string(PTRDIFF_MIN));
    EXPECT_EQ(format("%zd", static_cast<ssize_t>(-5)), "-5");
    // Arguments after a wide one are still found in the right place.
    EXPECT_EQ(format("%lld %d %llx %s", 1LL << 40, 7, ~0ULL, "end"), "1099511627776 7 ffffffffffffffff end");
    EXPECT_EQ(format("%hhd %hd %d", static_cast<signed char>(1), static_cast<short>(2), 3), "1 2 3");
}

TEST(Format, AgreesWithLibcOnSignedNumbers)
{
    compare_signed<int>("", { 0, 1, -1, 7, -42, 1234567, INT_MAX, INT_MIN });
    compare_signed<int>("hh", { 0, 1, -1, 127, -128, 255, 300 });
    compare_signed<int>("h", { 0, -1, 32767, -32768, 65535, 70000 });
    compare_signed<long>("l", { 0L, -1L, LONG_MAX, LONG_MIN });
    compare_signed<long long>("ll", { 0LL, 1LL, -1LL, LLONG_MAX, LLONG_MIN, 1234567890123LL });
    compare_signed<ssize_t>("z", { 0, -1, 12345 });
    compare_signed<intmax_t>("j", { INTMAX_MIN, INTMAX_MAX, 0 });
    compare_signed<ptrdiff_t>("t", { PTRDIFF_MIN, PTRDIFF_MAX, -3 });
}

TEST(Format, AgreesWithLibcOnUnsignedNumbers)
{
    compare_unsigned<unsigned>("", { 0u, 1u, 7u, 8u, 255u, 0xdeadbeefu, UINT_MAX });
    compare_unsigned<unsigned>("hh", { 0u, 255u, 256u, 0x1234u });
    compare_unsigned<unsigned>("h", { 0u, 65535u, 65536u });
    compare_unsigned<unsigned long>("l", { 0UL, ULONG_MAX, 0x12345678UL });
    compare_unsigned<unsigned long long>("ll", { 0ULL, 1ULL, ULLONG_MAX, 0x8000000000000000ULL, 01234567012345670ULL, 10000000000000000000ULL });
    compare_unsigned<size_t>("z", { size_t(0), SIZE_MAX, size_t(4096) });
    compare_unsigned<uintmax_t>("j", { UINTMAX_MAX, 0 });
    compare_unsigned<size_t>("t", { size_t(0), size_t(PTRDIFF_MAX), size_t(99) });
}

TEST(Format, AgreesWithLibcOnCharactersAndStrings)
{
    for (const auto& spec : specs("-", "", 'c', false)) {
        for (int character : { 'a', 'Z', ' ', '%' })
            expect_same_as_libc(spec, character);
    }
    for (const auto& spec : specs("-", "", 's', true)) {
        for (const char* string : { "", "a", "hello", "a longer string, past widths" })
            expect_same_as_libc(spec, string);
    }
}

TEST(Format, SnprintfTruncatesAndReturnsFullLength)
{
    char buffer[8];
    std::memset(buffer, 'x', sizeof(buffer));
    EXPECT_EQ(libk::snprintf(buffer, sizeof(buffer), "%s", "0123456789"), 10);
    EXPECT_STREQ(buffer, "0123456");

    std::memset(buffer, 'x', sizeof(buffer));
    EXPECT_EQ(libk::snprintf(buffer, sizeof(buffer), "%d-%d", 1234, 5678), 9);
    EXPECT_STREQ(buffer, "1234-56");

    EXPECT_EQ(libk::snprintf(buffer, sizeof(buffer), "%s", "1234567"), 7); // Exactly fits.
    EXPECT_STREQ(buffer, "1234567");

    buffer[0] = 'q';
    EXPECT_EQ(libk::snprintf(buffer, 0, "%d", 12345), 5); // Size 0: nothing written.
    EXPECT_EQ(buffer[0], 'q');
    EXPECT_EQ(libk::snprintf(nullptr, 0, "%s%s", "abc", "de"), 5);

    EXPECT_EQ(libk::snprintf(buffer, 1, "%d", 12345), 5);
    EXPECT_STREQ(buffer, "");

    // Padding longer than the buffer is cut too, and counted in full.
    EXPECT_EQ(libk::snprintf(buffer, sizeof(buffer), "%100d", 1), 100);
    EXPECT_STREQ(buffer, "       ");

    for (size_t size = 0; size < 20; size++) {
        char ours[32];
        char theirs[32];
        std::memset(ours, 'x', sizeof(ours));
        std::memset(theirs, 'x', sizeof(theirs));
        int our_length = libk::snprintf(ours, size, "[%5d|%-4s|%#x]", -17, "ab", 0x2au);
        int their_length = std::snprintf(theirs, size, "[%5d|%-4s|%#x]", -17, "ab", 0x2au);
        EXPECT_EQ(our_length, their_length);
        EXPECT_EQ(std::memcmp(ours, theirs, sizeof(ours)), 0) << "size " << size;
    }
}

TEST(Format, SinkReceivesAllTextAndCountIsReturned)
{
    Collected collected;
    int length = libk::format(collect, &collected, "pid %d: %s%c", 12, "exited", '!');
    EXPECT_EQ(collected.text, "pid 12: exited!");
    EXPECT_EQ(length, 15);
    EXPECT_GE(collected.calls, 1);

    // Long padding reaches the sink in full.
    Collected padded;
    EXPECT_EQ(libk::format(collect, &padded, "%200d", 5), 200);
    EXPECT_EQ(padded.text, std::string(199, ' ') + "5");
    Collected zeros;
    EXPECT_EQ(libk::format(collect, &zeros, "%0100d", -5), 100);
    EXPECT_EQ(zeros.text, "-" + std::string(98, '0') + "5");
}

// The compiler rightly rejects these formats, so its checks are switched off
// to see that what libk does with them is visible rather than silent.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
#pragma GCC diagnostic ignored "-Wformat-zero-length"
// Legal C that the compiler still flags as probably unintended.
TEST(Format, FormatsTheCompilerQuestions)
{
    EXPECT_EQ(format(""), "");
    EXPECT_EQ(format("%+ d", 5), "+5"); // '+' wins over ' '.
    EXPECT_EQ(format("%06.3d", 5), "   005"); // Precision turns the 0 flag off.
    // hh and h convert the (int-promoted) argument down before printing.
    EXPECT_EQ(format("%hhd", 255), "-1");
    EXPECT_EQ(format("%hd", 65535), "-1");
    EXPECT_EQ(format("%hhu", 256), "0");
    EXPECT_EQ(format("%hu", 65536 + 7), "7");
}

TEST(Format, UnknownConversionsArePrintedAsWritten)
{
    char buffer[64];
    EXPECT_EQ(libk::snprintf(buffer, sizeof(buffer), "a%yb"), 4);
    EXPECT_STREQ(buffer, "a%yb");
    EXPECT_EQ(libk::snprintf(buffer, sizeof(buffer), "[%-5.2y]"), 8);
    EXPECT_STREQ(buffer, "[%-5.2y]");
    EXPECT_EQ(libk::snprintf(buffer, sizeof(buffer), "%n"), 2);
    EXPECT_STREQ(buffer, "%n");
    EXPECT_EQ(libk::snprintf(buffer, sizeof(buffer), "50%"), 3); // A lone % at the end.
    EXPECT_STREQ(buffer, "50%");
    EXPECT_EQ(libk::snprintf(buffer, sizeof(buffer), "%d %ll", 3), 5);
    EXPECT_STREQ(buffer, "3 %ll");
}
#pragma GCC diagnostic pop
