// The cpio parser on the real target: on i386 sizes are 32 bits, where a
// huge size field once wrapped the bounds check (the host tests, 64-bit,
// could not see it).
#include <kernel/fs/cpio.h>
#include <kernel/selftest/selftest.h>
#include <libk/format.h>
#include <libk/string.h>

SELFTEST(cpio, huge_file_size_is_an_error_not_a_wrap)
{
    // One entry named "f" claiming 0xFFFFFFF0 bytes of data.
    u8 archive[212] = {};
    int length = libk::snprintf(reinterpret_cast<char*>(archive), sizeof(archive),
        "070701%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x", 1, 0100644, 0, 0, 1, 0, 0xFFFFFFF0u, 0, 0, 0, 0,
        2, 0);
    EXPECT_EQ(length, 110);
    archive[110] = 'f';
    archive[111] = '\0';
    cpio::Reader reader(archive, sizeof(archive));
    cpio::Entry entry;
    EXPECT(!reader.next(entry));
    EXPECT(reader.error());
}

SELFTEST(cpio, truncated_header_is_an_error)
{
    u8 archive[50];
    libk::memcpy(archive, "0707010000", 10);
    libk::memset(archive + 10, '0', sizeof(archive) - 10);
    cpio::Reader reader(archive, sizeof(archive));
    cpio::Entry entry;
    EXPECT(!reader.next(entry));
    EXPECT(reader.error());
}
