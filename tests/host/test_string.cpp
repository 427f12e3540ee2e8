#include <libk/string.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <vector>

namespace {

int sign(int value) { return (value > 0) - (value < 0); }

// A buffer with a recognisable pattern, so any byte written where it should
// not be shows up in a comparison.
std::vector<u8> pattern(size_t size, u8 seed)
{
    std::vector<u8> bytes(size);
    for (size_t i = 0; i < size; i++)
        bytes[i] = static_cast<u8>(seed + i * 7);
    return bytes;
}

} // namespace

TEST(String, MemcpyAllAlignmentsAndLengths)
{
    for (size_t destination_offset = 0; destination_offset < 8; destination_offset++) {
        for (size_t source_offset = 0; source_offset < 8; source_offset++) {
            for (size_t count = 0; count < 40; count++) {
                auto source = pattern(64, 1);
                auto actual = pattern(64, 100);
                auto expected = actual;
                std::memcpy(expected.data() + destination_offset, source.data() + source_offset, count);
                void* result = libk::memcpy(actual.data() + destination_offset, source.data() + source_offset, count);
                EXPECT_EQ(result, actual.data() + destination_offset);
                ASSERT_EQ(actual, expected) << destination_offset << " " << source_offset << " " << count;
            }
        }
    }
}

// Overlapping moves in both directions, at every small distance, offset and
// length, checked against a copy made through a separate buffer.
TEST(String, MemmoveOverlappingBothWays)
{
    for (size_t from = 0; from < 24; from++) {
        for (size_t to = 0; to < 24; to++) {
            for (size_t count = 0; count + std::max(from, to) <= 64; count += (count < 20 ? 1 : 7)) {
                auto actual = pattern(64, 3);
                auto expected = actual;
                std::vector<u8> temporary(expected.begin() + from, expected.begin() + from + count);
                std::copy(temporary.begin(), temporary.end(), expected.begin() + to);
                void* result = libk::memmove(actual.data() + to, actual.data() + from, count);
                EXPECT_EQ(result, actual.data() + to);
                ASSERT_EQ(actual, expected) << "from " << from << " to " << to << " count " << count;
            }
        }
    }
}

TEST(String, MemmoveSmallOverlapExamples)
{
    char forward[] = "abcdefgh";
    libk::memmove(forward, forward + 2, 6); // Destination below source.
    EXPECT_STREQ(forward, "cdefghgh");

    char backward[] = "abcdefgh";
    libk::memmove(backward + 2, backward, 6); // Destination above source.
    EXPECT_STREQ(backward, "ababcdef");
}

TEST(String, MemsetAllAlignmentsAndLengths)
{
    for (size_t offset = 0; offset < 8; offset++) {
        for (size_t count = 0; count < 40; count++) {
            auto actual = pattern(64, 9);
            auto expected = actual;
            std::memset(expected.data() + offset, 0xa5, count);
            void* result = libk::memset(actual.data() + offset, 0x1a5, count); // Only the low byte counts.
            EXPECT_EQ(result, actual.data() + offset);
            ASSERT_EQ(actual, expected) << offset << " " << count;
        }
    }
}

TEST(String, MemcmpComparesUnsignedBytes)
{
    EXPECT_EQ(libk::memcmp("abc", "abd", 2), 0);
    EXPECT_LT(libk::memcmp("abc", "abd", 3), 0);
    EXPECT_GT(libk::memcmp("abd", "abc", 3), 0);
    EXPECT_GT(libk::memcmp("\xff", "\x01", 1), 0);
    EXPECT_EQ(libk::memcmp(nullptr, nullptr, 0), 0);
}

TEST(String, LengthFunctions)
{
    EXPECT_EQ(libk::strlen(""), 0u);
    EXPECT_EQ(libk::strlen("kernel"), 6u);
    EXPECT_EQ(libk::strnlen("kernel", 3), 3u);
    EXPECT_EQ(libk::strnlen("kernel", 100), 6u);
    EXPECT_EQ(libk::strnlen("kernel", 0), 0u);
    // strnlen must not read past max_length: this buffer has no terminator.
    const char unterminated[4] = { 'a', 'b', 'c', 'd' };
    EXPECT_EQ(libk::strnlen(unterminated, 4), 4u);
}

TEST(String, ComparisonsAgreeWithLibc)
{
    const char* strings[] = { "", "a", "b", "ab", "abc", "abd", "abcd", "\xff", "\x01", "a\xff", "A" };
    for (const char* a : strings) {
        for (const char* b : strings) {
            EXPECT_EQ(sign(libk::strcmp(a, b)), sign(std::strcmp(a, b))) << a << " vs " << b;
            for (size_t n = 0; n < 6; n++)
                EXPECT_EQ(sign(libk::strncmp(a, b, n)), sign(std::strncmp(a, b, n))) << a << " vs " << b << " n=" << n;
        }
    }
}

TEST(String, StrchrAndStrrchr)
{
    const char* text = "path/to/file";
    EXPECT_EQ(libk::strchr(text, '/'), text + 4);
    EXPECT_EQ(libk::strrchr(text, '/'), text + 7);
    EXPECT_EQ(libk::strchr(text, 'x'), nullptr);
    EXPECT_EQ(libk::strrchr(text, 'x'), nullptr);
    EXPECT_EQ(libk::strchr(text, '\0'), text + 12);
    EXPECT_EQ(libk::strrchr(text, '\0'), text + 12);
    EXPECT_EQ(libk::strchr(text, 'p'), text);

    char mutable_text[] = "a=b";
    char* equals = libk::strchr(mutable_text, '=');
    ASSERT_NE(equals, nullptr);
    *equals = '\0';
    EXPECT_STREQ(mutable_text, "a");
}

TEST(String, StrlcpyTruncatesAndReportsSourceLength)
{
    char buffer[8];
    std::memset(buffer, 'x', sizeof(buffer));
    EXPECT_EQ(libk::strlcpy(buffer, "hello", sizeof(buffer)), 5u);
    EXPECT_STREQ(buffer, "hello");

    std::memset(buffer, 'x', sizeof(buffer));
    EXPECT_EQ(libk::strlcpy(buffer, "hello, world", sizeof(buffer)), 12u);
    EXPECT_STREQ(buffer, "hello, ");

    EXPECT_EQ(libk::strlcpy(buffer, "1234567", sizeof(buffer)), 7u); // Exactly fits.
    EXPECT_STREQ(buffer, "1234567");

    EXPECT_EQ(libk::strlcpy(buffer, "12345678", sizeof(buffer)), 8u); // One too many.
    EXPECT_STREQ(buffer, "1234567");

    buffer[0] = 'q';
    EXPECT_EQ(libk::strlcpy(buffer, "abc", 0), 3u); // Size 0 writes nothing.
    EXPECT_EQ(buffer[0], 'q');

    EXPECT_EQ(libk::strlcpy(buffer, "abc", 1), 3u);
    EXPECT_STREQ(buffer, "");
}

TEST(String, Strlcat)
{
    char buffer[10] = "abc";
    EXPECT_EQ(libk::strlcat(buffer, "def", sizeof(buffer)), 6u);
    EXPECT_STREQ(buffer, "abcdef");
    EXPECT_EQ(libk::strlcat(buffer, "ghijk", sizeof(buffer)), 11u);
    EXPECT_STREQ(buffer, "abcdefghi");
    EXPECT_EQ(libk::strlcat(buffer, "z", sizeof(buffer)), 10u);
    EXPECT_STREQ(buffer, "abcdefghi");

    // Destination not terminated within size: nothing is written.
    char full[4] = { 'w', 'x', 'y', 'z' };
    EXPECT_EQ(libk::strlcat(full, "abc", sizeof(full)), 7u);
    EXPECT_EQ(std::memcmp(full, "wxyz", 4), 0);
}

TEST(String, StartsWith)
{
    EXPECT_TRUE(libk::starts_with("console=ttyS0", "console="));
    EXPECT_TRUE(libk::starts_with("abc", ""));
    EXPECT_TRUE(libk::starts_with("abc", "abc"));
    EXPECT_FALSE(libk::starts_with("abc", "abcd"));
    EXPECT_FALSE(libk::starts_with("abc", "b"));
    EXPECT_FALSE(libk::starts_with("", "a"));
}

TEST(String, ParseU32Valid)
{
    u32 value = 0;
    EXPECT_TRUE(libk::parse_u32("0", 1, 10, &value));
    EXPECT_EQ(value, 0u);
    EXPECT_TRUE(libk::parse_u32("12345", 5, 10, &value));
    EXPECT_EQ(value, 12345u);
    EXPECT_TRUE(libk::parse_u32("12345", 3, 10, &value)); // Only `length` characters count.
    EXPECT_EQ(value, 123u);
    EXPECT_TRUE(libk::parse_u32("4294967295", 10, 10, &value));
    EXPECT_EQ(value, 4294967295u);
    EXPECT_TRUE(libk::parse_u32("00000000000000000042", 20, 10, &value));
    EXPECT_EQ(value, 42u);
    EXPECT_TRUE(libk::parse_u32("ffffffff", 8, 16, &value));
    EXPECT_EQ(value, 0xffffffffu);
    EXPECT_TRUE(libk::parse_u32("DeadBeef", 8, 16, &value));
    EXPECT_EQ(value, 0xdeadbeefu);
    EXPECT_TRUE(libk::parse_u32("777", 3, 8, &value));
    EXPECT_EQ(value, 0777u);
}

TEST(String, ParseU32Rejects)
{
    u32 value = 77;
    EXPECT_FALSE(libk::parse_u32("", 0, 10, &value));
    EXPECT_FALSE(libk::parse_u32("4294967296", 10, 10, &value)); // UINT32_MAX + 1
    EXPECT_FALSE(libk::parse_u32("4294967300", 10, 10, &value));
    EXPECT_FALSE(libk::parse_u32("99999999999", 11, 10, &value));
    EXPECT_FALSE(libk::parse_u32("100000000", 9, 16, &value));
    EXPECT_FALSE(libk::parse_u32("12a", 3, 10, &value));
    EXPECT_FALSE(libk::parse_u32("-1", 2, 10, &value));
    EXPECT_FALSE(libk::parse_u32("+1", 2, 10, &value));
    EXPECT_FALSE(libk::parse_u32(" 1", 2, 10, &value));
    EXPECT_FALSE(libk::parse_u32("0x10", 4, 16, &value));
    EXPECT_FALSE(libk::parse_u32("g", 1, 16, &value));
    EXPECT_FALSE(libk::parse_u32("8", 1, 8, &value));
    EXPECT_FALSE(libk::parse_u32("1\0", 2, 10, &value)); // An embedded NUL is not a digit.
    EXPECT_FALSE(libk::parse_u32("1", 1, 1, &value));
    EXPECT_FALSE(libk::parse_u32("1", 1, 17, &value));
    EXPECT_EQ(value, 77u); // Failure leaves the output alone.
}
