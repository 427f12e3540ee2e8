// The initrd's cpio "newc" parser (kernel/fs/cpio.cpp), on archives built here.
#include <kernel/fs/cpio.h>

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

namespace {

// One newc entry: header, name, data, each padded to 4 bytes.
std::string entry(const std::string& name, unsigned mode, const std::string& data, unsigned uid = 0)
{
    char header[111];
    std::snprintf(header, sizeof header, "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X", 1u, mode, uid,
        0u, 1u, 0u, static_cast<unsigned>(data.size()), 0u, 0u, 0u, 0u, static_cast<unsigned>(name.size() + 1), 0u);
    std::string out(header, 110);
    out += name;
    out += '\0';
    while (out.size() % 4)
        out += '\0';
    out += data;
    while (out.size() % 4)
        out += '\0';
    return out;
}

std::string trailer() { return entry("TRAILER!!!", 0, ""); }

cpio::Reader reader_of(const std::string& archive)
{
    return cpio::Reader(reinterpret_cast<const u8*>(archive.data()), archive.size());
}

TEST(Cpio, ReadsEntriesInOrder)
{
    std::string archive = entry("etc", 040755, "") + entry("etc/hostname", 0100644, "cleave\n", 1000)
        + entry("bin/sh", 0120777, "busybox") + trailer();
    cpio::Reader reader = reader_of(archive);
    cpio::Entry e;
    ASSERT_TRUE(reader.next(e));
    EXPECT_EQ(std::string(e.name, e.name_length), "etc");
    EXPECT_EQ(e.mode, 040755u);
    EXPECT_EQ(e.size, 0u);
    ASSERT_TRUE(reader.next(e));
    EXPECT_EQ(std::string(e.name, e.name_length), "etc/hostname");
    EXPECT_EQ(std::string(reinterpret_cast<const char*>(e.data), e.size), "cleave\n");
    EXPECT_EQ(e.uid, 1000u);
    ASSERT_TRUE(reader.next(e));
    EXPECT_EQ(std::string(reinterpret_cast<const char*>(e.data), e.size), "busybox");
    EXPECT_FALSE(reader.next(e)) << "the trailer ends the archive";
    EXPECT_FALSE(reader.error());
}

TEST(Cpio, EmptyInputIsNoEntriesAndNoError)
{
    cpio::Reader reader = reader_of("");
    cpio::Entry e;
    EXPECT_FALSE(reader.next(e));
    EXPECT_FALSE(reader.error());
}

TEST(Cpio, BadMagicIsAnError)
{
    std::string archive = entry("a", 0100644, "x");
    archive[5] = '9';
    cpio::Reader reader = reader_of(archive);
    cpio::Entry e;
    EXPECT_FALSE(reader.next(e));
    EXPECT_TRUE(reader.error());
}

TEST(Cpio, DataPastTheEndIsAnError)
{
    std::string archive = entry("a", 0100644, "0123456789");
    archive.resize(archive.size() - 8);
    cpio::Reader reader = reader_of(archive);
    cpio::Entry e;
    EXPECT_FALSE(reader.next(e));
    EXPECT_TRUE(reader.error());
}

TEST(Cpio, NonHexFieldIsAnError)
{
    std::string archive = entry("a", 0100644, "x");
    archive[6 + 8 + 3] = 'g'; // inside the mode field
    cpio::Reader reader = reader_of(archive);
    cpio::Entry e;
    EXPECT_FALSE(reader.next(e));
    EXPECT_TRUE(reader.error());
}

TEST(Cpio, NameWithoutTerminatorIsAnError)
{
    std::string archive = entry("abc", 0100644, "");
    archive[110 + 3] = 'x'; // where the NUL was
    cpio::Reader reader = reader_of(archive);
    cpio::Entry e;
    EXPECT_FALSE(reader.next(e));
    EXPECT_TRUE(reader.error());
}

} // namespace
