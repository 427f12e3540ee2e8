// Cleave's ABI constants against Linux i386's, as the UAPI headers of the
// cross toolchain define them. The values come from two translation units
// that cannot share a header (abi_tables.h explains why); this file joins
// them row by row, and reads the kernel's headers as text to make sure no
// constant there is missing from the lists the tables are built from.
//
// Syscall numbers are also checked while compiling (linux_abi_tables.cpp).

#include "abi_tables.h"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

namespace {

using abi_test::Area;

void expect_tables_match(Area area)
{
    abi_test::Table cleave = abi_test::cleave_table(area);
    abi_test::Table linux_side = abi_test::linux_table(area);
    ASSERT_EQ(cleave.count, linux_side.count);
    ASSERT_GT(cleave.count, 0u);
    for (unsigned i = 0; i < cleave.count; ++i) {
        const abi_test::Constant& ours = cleave.rows[i];
        const abi_test::Constant& theirs = linux_side.rows[i];
        ASSERT_STREQ(ours.name, theirs.name);
        EXPECT_EQ(ours.value, theirs.value) << ours.cleave_name << " should equal Linux's " << theirs.name;
    }
}

std::string read_source(const std::string& path)
{
    std::ifstream file(std::string(CLEAVE_SOURCE_DIR) + "/" + path);
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

// The names given a value (NAME = ...) between `opening` and the next '}'
// in a kernel header, comments left out.
std::set<std::string> names_defined_in(const std::string& path, const std::string& opening)
{
    std::string text = std::regex_replace(read_source(path), std::regex("//[^\n]*"), "");
    size_t start = text.find(opening);
    if (start == std::string::npos)
        return {};
    start = text.find('{', start);
    size_t end = text.find('}', start);
    if (start == std::string::npos || end == std::string::npos)
        return {};
    std::string block = text.substr(start + 1, end - start - 1);
    std::set<std::string> names;
    std::regex definition("\\b([A-Za-z_][A-Za-z0-9_]*)\\s*=[^=]");
    for (auto it = std::sregex_iterator(block.begin(), block.end(), definition); it != std::sregex_iterator(); ++it)
        names.insert((*it)[1]);
    return names;
}

void expect_list_covers_header(Area area, const std::string& path, const std::string& opening)
{
    std::set<std::string> in_header = names_defined_in(path, opening);
    ASSERT_FALSE(in_header.empty()) << "no constants found after \"" << opening << "\" in " << path;
    std::set<std::string> listed;
    abi_test::Table cleave = abi_test::cleave_table(area);
    for (unsigned i = 0; i < cleave.count; ++i)
        listed.insert(cleave.rows[i].cleave_name);
    for (const std::string& name : in_header)
        EXPECT_TRUE(listed.count(name)) << name << " (" << path << ") is not checked: add it to abi_tables.h";
}

} // namespace

TEST(Abi, SyscallNumbersMatchLinux)
{
    expect_tables_match(Area::Syscalls);
}

TEST(Abi, ErrnoValuesMatchLinux)
{
    expect_tables_match(Area::Errno);
    expect_list_covers_header(Area::Errno, "kernel/abi/errno.h", "enum Errno");
}

TEST(Abi, OpenFlagsMatchLinux)
{
    expect_tables_match(Area::OpenFlags);
    expect_list_covers_header(Area::OpenFlags, "kernel/fs/open_file.h", "namespace open_flags");
}

TEST(Abi, CloneFlagsMatchLinux)
{
    expect_tables_match(Area::CloneFlags);
    expect_list_covers_header(Area::CloneFlags, "kernel/task/process.h", "namespace clone_flags");
}

TEST(Abi, ProtMatchesLinux)
{
    expect_tables_match(Area::Prot);
    expect_list_covers_header(Area::Prot, "kernel/mm/mm.h", "namespace prot");
}

TEST(Abi, FileTypeBitsMatchLinux)
{
    expect_tables_match(Area::Mode);
    expect_list_covers_header(Area::Mode, "kernel/fs/inode.h", "namespace mode");
}

TEST(Abi, TermiosMatchesLinux)
{
    const char* header = "kernel/abi/termios.h";
    expect_tables_match(Area::InputFlags);
    expect_list_covers_header(Area::InputFlags, header, "namespace input_flags");
    expect_tables_match(Area::OutputFlags);
    expect_list_covers_header(Area::OutputFlags, header, "namespace output_flags");
    expect_tables_match(Area::ControlFlags);
    expect_list_covers_header(Area::ControlFlags, header, "namespace control_flags");
    expect_tables_match(Area::LocalFlags);
    expect_list_covers_header(Area::LocalFlags, header, "namespace local_flags");
    expect_tables_match(Area::ControlChars);
    expect_list_covers_header(Area::ControlChars, header, "namespace control_chars");
    expect_tables_match(Area::TtyIoctls);
    expect_list_covers_header(Area::TtyIoctls, header, "namespace tty_ioctls");
}

TEST(Abi, PollEventsMatchLinux)
{
    expect_tables_match(Area::PollEvents);
    expect_list_covers_header(Area::PollEvents, "kernel/abi/poll.h", "namespace poll_events");
}
