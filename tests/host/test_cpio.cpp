// The initrd's cpio ("newc") parser, on archives built here by a small
// writer, on broken ones, and on one made by the cpio program if installed.

#include "scratch_dir.h"

#include <kernel/fs/cpio.h>

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace {

constexpr usize HEADER_SIZE = 110;
enum Field { INO, MODE, UID, GID, NLINK, MTIME, FILESIZE, DEVMAJOR, DEVMINOR, RDEVMAJOR, RDEVMINOR, NAMESIZE, CHECK };

// Where field `field` of the header starting at `header` begins.
usize field_offset(usize header, Field field) { return header + 6 + 8 * static_cast<usize>(field); }

struct Member {
    std::string name;
    u32 mode = 0100644;
    u32 uid = 0;
    u32 gid = 0;
    u32 mtime = 0;
    std::string data;
};

std::string hex8(u32 value)
{
    char text[9];
    std::snprintf(text, sizeof text, "%08x", value);
    return text;
}

void pad4(std::string& out)
{
    while (out.size() % 4)
        out += '\0';
}

// One entry: header, name and its NUL, padding, data, padding.
std::string newc_entry(const Member& member, u32 ino = 1)
{
    u32 fields[13] = {};
    fields[INO] = ino;
    fields[MODE] = member.mode;
    fields[UID] = member.uid;
    fields[GID] = member.gid;
    fields[NLINK] = 1;
    fields[MTIME] = member.mtime;
    fields[FILESIZE] = static_cast<u32>(member.data.size());
    fields[NAMESIZE] = static_cast<u32>(member.name.size() + 1);
    std::string out = "070701";
    for (u32 field : fields)
        out += hex8(field);
    out += member.name;
    out += '\0';
    pad4(out);
    out += member.data;
    pad4(out);
    return out;
}

std::string trailer() { return newc_entry({ .name = "TRAILER!!!", .mode = 0, .data = "" }, 0); }

std::string newc_archive(const std::vector<Member>& members)
{
    std::string out;
    u32 ino = 1;
    for (const Member& member : members)
        out += newc_entry(member, ino++);
    return out + trailer();
}

struct Parsed {
    std::vector<cpio::Entry> entries;
    bool error;
};

// Reads every entry up to the end; also checks the entries lie inside the archive.
Parsed parse(const std::string& archive)
{
    cpio::Reader reader(reinterpret_cast<const u8*>(archive.data()), archive.size());
    Parsed result;
    cpio::Entry entry;
    while (reader.next(entry) && result.entries.size() < 1000) {
        const char* begin = archive.data();
        const char* end = begin + archive.size();
        EXPECT_GE(entry.name, begin);
        EXPECT_LE(entry.name + entry.name_length, end);
        EXPECT_GE(reinterpret_cast<const char*>(entry.data), begin);
        EXPECT_LE(reinterpret_cast<const char*>(entry.data) + entry.size, end);
        result.entries.push_back(entry);
    }
    result.error = reader.error();
    return result;
}

std::string name_of(const cpio::Entry& entry) { return std::string(entry.name, entry.name_length); }
std::string data_of(const cpio::Entry& entry) { return std::string(reinterpret_cast<const char*>(entry.data), entry.size); }

// Parsing `archive` fails: next() returns false at once and error() is set.
void expect_malformed(const std::string& archive)
{
    cpio::Reader reader(reinterpret_cast<const u8*>(archive.data()), archive.size());
    cpio::Entry entry;
    EXPECT_FALSE(reader.next(entry));
    EXPECT_TRUE(reader.error());
    EXPECT_FALSE(reader.next(entry)); // and stays so
    EXPECT_TRUE(reader.error());
}

} // namespace

TEST(Cpio, ReadsARegularFile)
{
    std::string archive = newc_archive({ { .name = "etc/motd", .mode = 0100640, .uid = 1000, .gid = 100, .mtime = 1700000000, .data = "Hello, Cleave!\n" } });
    Parsed parsed = parse(archive);
    EXPECT_FALSE(parsed.error);
    ASSERT_EQ(parsed.entries.size(), 1u);
    const cpio::Entry& entry = parsed.entries[0];
    EXPECT_EQ(name_of(entry), "etc/motd");
    EXPECT_EQ(entry.name[entry.name_length], '\0');
    EXPECT_EQ(entry.mode, 0100640u);
    EXPECT_EQ(entry.uid, 1000u);
    EXPECT_EQ(entry.gid, 100u);
    EXPECT_EQ(entry.mtime, 1700000000u);
    EXPECT_EQ(entry.size, 15u);
    EXPECT_EQ(data_of(entry), "Hello, Cleave!\n");
}

TEST(Cpio, ReadsFieldsInUppercaseHex)
{
    std::string archive = newc_archive({ { .name = "f", .mode = 0100644, .uid = 0xABCDEF, .gid = 0xFEDCBA, .mtime = 0xDEADBEEF, .data = "x" } });
    for (usize i = 0; i < HEADER_SIZE; ++i)
        if (archive[i] >= 'a' && archive[i] <= 'f')
            archive[i] = static_cast<char>(archive[i] - 'a' + 'A');
    Parsed parsed = parse(archive);
    EXPECT_FALSE(parsed.error);
    ASSERT_EQ(parsed.entries.size(), 1u);
    EXPECT_EQ(parsed.entries[0].uid, 0xABCDEFu);
    EXPECT_EQ(parsed.entries[0].gid, 0xFEDCBAu);
    EXPECT_EQ(parsed.entries[0].mtime, 0xDEADBEEFu);
}

TEST(Cpio, ReadsAnEmptyFile)
{
    Parsed parsed = parse(newc_archive({ { .name = "empty", .mode = 0100600, .data = "" } }));
    EXPECT_FALSE(parsed.error);
    ASSERT_EQ(parsed.entries.size(), 1u);
    EXPECT_EQ(name_of(parsed.entries[0]), "empty");
    EXPECT_EQ(parsed.entries[0].mode, 0100600u);
    EXPECT_EQ(parsed.entries[0].size, 0u);
}

TEST(Cpio, ReadsADirectory)
{
    Parsed parsed = parse(newc_archive({ { .name = "bin", .mode = 040755, .uid = 0, .gid = 0, .mtime = 42, .data = "" } }));
    EXPECT_FALSE(parsed.error);
    ASSERT_EQ(parsed.entries.size(), 1u);
    EXPECT_EQ(name_of(parsed.entries[0]), "bin");
    EXPECT_EQ(parsed.entries[0].mode, 040755u);
    EXPECT_EQ(parsed.entries[0].mtime, 42u);
    EXPECT_EQ(parsed.entries[0].size, 0u);
}

TEST(Cpio, ASymlinksDataIsItsTarget)
{
    Parsed parsed = parse(newc_archive({ { .name = "bin/sh", .mode = 0120777, .data = "/bin/busybox" } }));
    EXPECT_FALSE(parsed.error);
    ASSERT_EQ(parsed.entries.size(), 1u);
    EXPECT_EQ(parsed.entries[0].mode, 0120777u);
    EXPECT_EQ(data_of(parsed.entries[0]), "/bin/busybox");
}

// Name lengths 1..8 and data lengths 0..8 cover every padding (0 to 3
// bytes) of both; the entry after shows the padding was skipped exactly.
TEST(Cpio, EveryPaddingOfNameAndData)
{
    for (usize name_length = 1; name_length <= 8; ++name_length) {
        for (usize data_length = 0; data_length <= 8; ++data_length) {
            SCOPED_TRACE("name length " + std::to_string(name_length) + ", data length " + std::to_string(data_length));
            std::string name(name_length, 'n');
            std::string data;
            for (usize i = 0; i < data_length; ++i)
                data += static_cast<char>('a' + i);
            Parsed parsed = parse(newc_archive({ { .name = name, .data = data }, { .name = "next", .mode = 0100755, .data = "after" } }));
            EXPECT_FALSE(parsed.error);
            ASSERT_EQ(parsed.entries.size(), 2u);
            EXPECT_EQ(name_of(parsed.entries[0]), name);
            EXPECT_EQ(data_of(parsed.entries[0]), data);
            EXPECT_EQ(name_of(parsed.entries[1]), "next");
            EXPECT_EQ(parsed.entries[1].mode, 0100755u);
            EXPECT_EQ(data_of(parsed.entries[1]), "after");
        }
    }
}

TEST(Cpio, TrailerEndsTheArchive)
{
    // An entry after the trailer is not read; nor is the padding to a
    // 512-byte block that cpio writes after the trailer.
    std::string archive = newc_entry({ .name = "a", .data = "1" }) + trailer() + newc_entry({ .name = "b", .data = "2" });
    Parsed parsed = parse(archive);
    EXPECT_FALSE(parsed.error);
    ASSERT_EQ(parsed.entries.size(), 1u);
    EXPECT_EQ(name_of(parsed.entries[0]), "a");

    std::string blocked = newc_archive({ { .name = "a", .data = "1" } });
    blocked.resize(512, '\0');
    parsed = parse(blocked);
    EXPECT_FALSE(parsed.error);
    EXPECT_EQ(parsed.entries.size(), 1u);
}

TEST(Cpio, NamesLikeTheTrailerAreOrdinary)
{
    Parsed parsed = parse(newc_archive({ { .name = "TRAILER!!!.txt", .data = "1" }, { .name = "TRAILER!!", .data = "2" }, { .name = "trailer!!!", .data = "3" } }));
    EXPECT_FALSE(parsed.error);
    ASSERT_EQ(parsed.entries.size(), 3u);
    EXPECT_EQ(name_of(parsed.entries[0]), "TRAILER!!!.txt");
    EXPECT_EQ(name_of(parsed.entries[1]), "TRAILER!!");
    EXPECT_EQ(name_of(parsed.entries[2]), "trailer!!!");
}

TEST(Cpio, OnlyATrailer)
{
    Parsed parsed = parse(trailer());
    EXPECT_FALSE(parsed.error);
    EXPECT_TRUE(parsed.entries.empty());
}

TEST(Cpio, EndWithoutTrailer)
{
    // The last entry's data may end the buffer without its padding.
    std::string archive = newc_entry({ .name = "ab", .data = "x" });
    archive.resize(archive.size() - 3);
    Parsed parsed = parse(archive);
    EXPECT_FALSE(parsed.error);
    ASSERT_EQ(parsed.entries.size(), 1u);
    EXPECT_EQ(data_of(parsed.entries[0]), "x");

    parsed = parse("");
    EXPECT_FALSE(parsed.error);
    EXPECT_TRUE(parsed.entries.empty());
}

TEST(Cpio, TruncatedHeaderReturnsFalse)
{
    std::string archive = newc_archive({ { .name = "a", .data = "1" } });
    for (usize length : { usize(1), usize(6), HEADER_SIZE - 1 }) {
        cpio::Reader reader(reinterpret_cast<const u8*>(archive.data()), length);
        cpio::Entry entry;
        EXPECT_FALSE(reader.next(entry)) << length;
    }
}

TEST(Cpio, AcceptsTheChecksummedMagic)
{
    std::string archive = newc_archive({ { .name = "a", .data = "1" } });
    archive[5] = '2'; // "070702": same layout, with a checksum we do not verify
    Parsed parsed = parse(archive);
    EXPECT_FALSE(parsed.error);
    EXPECT_EQ(parsed.entries.size(), 1u);
}

TEST(Cpio, BadMagicIsAnError)
{
    std::string archive = newc_archive({ { .name = "a", .data = "1" } });
    for (const char* magic : { "070707", "070700", "171701", "\0\0\0\0\0\0" }) {
        SCOPED_TRACE(magic);
        std::string broken = archive;
        broken.replace(0, 6, magic, 6);
        expect_malformed(broken);
    }
    // A bad magic on the second entry: the first is still read.
    Parsed parsed = parse(newc_entry({ .name = "a", .data = "1" }) + "07070X" + trailer().substr(6));
    EXPECT_EQ(parsed.entries.size(), 1u);
    EXPECT_TRUE(parsed.error);
}

TEST(Cpio, NonHexDigitInAnyFieldIsAnError)
{
    std::string archive = newc_archive({ { .name = "a", .data = "1" } });
    for (int field = INO; field <= CHECK; ++field) {
        for (char bad : { 'g', 'G', ' ', '-', 'x', '\0' }) {
            SCOPED_TRACE("field " + std::to_string(field) + ", byte " + std::to_string(bad));
            std::string broken = archive;
            broken[field_offset(0, static_cast<Field>(field)) + 7] = bad;
            expect_malformed(broken);
        }
    }
}

TEST(Cpio, FileSizePastTheEndIsAnError)
{
    std::string archive = newc_entry({ .name = "abc", .data = "12345678" }); // no padding after the data
    std::string broken = archive;
    broken.replace(field_offset(0, FILESIZE), 8, hex8(9));
    expect_malformed(broken);
    broken.replace(field_offset(0, FILESIZE), 8, hex8(0xFFFFFFF0));
    expect_malformed(broken);
    broken.replace(field_offset(0, FILESIZE), 8, hex8(0xFFFFFFFF));
    expect_malformed(broken);
}

TEST(Cpio, NameSizePastTheEndIsAnError)
{
    std::string archive = newc_entry({ .name = "abc", .data = "" });
    for (u32 name_size : { 9u, 100u, 0xFFFFFFFFu }) {
        std::string broken = archive;
        broken.replace(field_offset(0, NAMESIZE), 8, hex8(name_size));
        expect_malformed(broken);
    }
}

TEST(Cpio, NameWithoutItsNulIsAnError)
{
    std::string archive = newc_archive({ { .name = "abc", .data = "1" } });
    archive[HEADER_SIZE + 3] = 'd'; // where the NUL was
    expect_malformed(archive);

    // A name size that leaves out the NUL.
    archive = newc_archive({ { .name = "abc", .data = "1" } });
    archive.replace(field_offset(0, NAMESIZE), 8, hex8(3));
    expect_malformed(archive);
}

TEST(Cpio, EmptyNameIsAnError)
{
    std::string archive = newc_archive({ { .name = "abc", .data = "1" } });
    archive.replace(field_offset(0, NAMESIZE), 8, hex8(0));
    expect_malformed(archive);
}

// An archive made by the cpio program, checked against the files it was made from.
TEST(Cpio, ReadsAnArchiveMadeByCpio)
{
    if (!test_env::have_program("cpio"))
        GTEST_SKIP() << "cpio is not installed";
    test_env::ScratchDir scratch;
    ASSERT_TRUE(scratch.ok());
    std::string tree = scratch / "tree";
    std::string inner(1001, '\0');
    for (usize i = 0; i < inner.size(); ++i)
        inner[i] = static_cast<char>(i * 7);
    std::map<std::string, std::string> contents = { { "hello.txt", "Hello, world\n" }, { "empty", "" }, { "dir/inner.bin", inner } };
    std::filesystem::create_directories(tree + "/dir");
    for (const auto& [name, data] : contents)
        std::ofstream(tree + "/" + name, std::ios::binary) << data;
    std::filesystem::create_symlink("hello.txt", tree + "/link");
    std::string archive_path = scratch / "archive.cpio";
    ASSERT_TRUE(test_env::run("cd " + test_env::quoted(tree) + " && printf '%s\\n' . hello.txt empty dir dir/inner.bin link | cpio -o -H newc > "
        + test_env::quoted(archive_path) + " 2>/dev/null"));

    std::ifstream file(archive_path, std::ios::binary);
    std::string archive((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    Parsed parsed = parse(archive);
    EXPECT_FALSE(parsed.error);
    std::vector<std::string> names;
    for (const cpio::Entry& entry : parsed.entries) {
        std::string name = name_of(entry);
        names.push_back(name);
        SCOPED_TRACE(name);
        struct stat status;
        ASSERT_EQ(lstat((tree + "/" + name).c_str(), &status), 0);
        EXPECT_EQ(entry.mode, status.st_mode);
        EXPECT_EQ(entry.uid, status.st_uid);
        EXPECT_EQ(entry.gid, status.st_gid);
        EXPECT_EQ(entry.mtime, static_cast<u32>(status.st_mtime));
        if (S_ISDIR(status.st_mode))
            EXPECT_EQ(entry.size, 0u);
        else if (S_ISLNK(status.st_mode))
            EXPECT_EQ(data_of(entry), "hello.txt");
        else
            EXPECT_EQ(data_of(entry), contents.at(name));
    }
    EXPECT_EQ(names, (std::vector<std::string> { ".", "hello.txt", "empty", "dir", "dir/inner.bin", "link" }));
}
