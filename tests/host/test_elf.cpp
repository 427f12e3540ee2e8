// execve's checks of an ELF file's headers, on headers built here and on a
// program made by the i386 cross compiler if installed.

#include "scratch_dir.h"

#include <kernel/task/elf.h>

#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

namespace {

constexpr u64 FILE_SIZE = 0x4000;
constexpr u32 USER_END = 0xC0000000u - 8 * 1024 * 1024; // as execve passes it: below the stack's room

elf::FileHeader valid_header()
{
    elf::FileHeader header {};
    const u8 ident[16] = { 0x7F, 'E', 'L', 'F', 1 /* 32-bit */, 1 /* little-endian */, 1 /* version */ };
    std::memcpy(header.ident, ident, sizeof ident);
    header.type = elf::TYPE_EXEC;
    header.machine = elf::MACHINE_386;
    header.version = 1;
    header.entry = 0x08049000;
    header.phoff = sizeof(elf::FileHeader);
    header.ehsize = sizeof(elf::FileHeader);
    header.phentsize = sizeof(elf::ProgramHeader);
    header.phnum = 4;
    header.shentsize = 40;
    return header;
}

// check_header's verdict on a valid header changed by `change`.
const char* header_with(const std::function<void(elf::FileHeader&)>& change, u64 file_size = FILE_SIZE)
{
    elf::FileHeader header = valid_header();
    change(header);
    return elf::check_header(header, file_size);
}

elf::ProgramHeader valid_segment()
{
    elf::ProgramHeader segment {};
    segment.type = elf::PT_LOAD;
    segment.offset = 0x1000;
    segment.vaddr = 0x08049000;
    segment.paddr = segment.vaddr;
    segment.filesz = 0x800;
    segment.memsz = 0x2000;
    segment.flags = elf::PF_R | elf::PF_W;
    segment.align = 0x1000;
    return segment;
}

const char* segment_with(const std::function<void(elf::ProgramHeader&)>& change, u32 bias = 0, u64 file_size = FILE_SIZE)
{
    elf::ProgramHeader segment = valid_segment();
    change(segment);
    return elf::check_load_segment(segment, file_size, bias, USER_END);
}

} // namespace

TEST(ElfHeader, AcceptsAnI386Executable)
{
    EXPECT_EQ(elf::check_header(valid_header(), FILE_SIZE), nullptr);
    EXPECT_EQ(header_with([](auto& h) { h.type = elf::TYPE_DYN; }), nullptr);
}

TEST(ElfHeader, RejectsABadMagic)
{
    for (int i = 0; i < 4; ++i) {
        SCOPED_TRACE(i);
        EXPECT_NE(header_with([i](auto& h) { h.ident[i] ^= 0x20; }), nullptr);
    }
    EXPECT_NE(header_with([](auto& h) { std::memcpy(h.ident, "#!/b", 4); }), nullptr);
}

TEST(ElfHeader, RejectsA64BitClass)
{
    EXPECT_NE(header_with([](auto& h) { h.ident[4] = 2; }), nullptr); // ELFCLASS64
    EXPECT_NE(header_with([](auto& h) { h.ident[4] = 0; }), nullptr);
}

TEST(ElfHeader, RejectsBigEndian)
{
    EXPECT_NE(header_with([](auto& h) { h.ident[5] = 2; }), nullptr); // ELFDATA2MSB
    EXPECT_NE(header_with([](auto& h) { h.ident[5] = 0; }), nullptr);
}

TEST(ElfHeader, RejectsFilesThatAreNotPrograms)
{
    EXPECT_NE(header_with([](auto& h) { h.type = 1; }), nullptr); // ET_REL
    EXPECT_NE(header_with([](auto& h) { h.type = 4; }), nullptr); // ET_CORE
    EXPECT_NE(header_with([](auto& h) { h.type = 0; }), nullptr);
}

TEST(ElfHeader, RejectsOtherMachines)
{
    EXPECT_NE(header_with([](auto& h) { h.machine = 62; }), nullptr); // EM_X86_64
    EXPECT_NE(header_with([](auto& h) { h.machine = 40; }), nullptr); // EM_ARM
    EXPECT_NE(header_with([](auto& h) { h.machine = 0; }), nullptr);
}

TEST(ElfHeader, RejectsAnotherProgramHeaderSize)
{
    EXPECT_NE(header_with([](auto& h) { h.phentsize = 56; }), nullptr); // ELF64's
    EXPECT_NE(header_with([](auto& h) { h.phentsize = 31; }), nullptr);
    EXPECT_NE(header_with([](auto& h) { h.phentsize = 0; }), nullptr);
}

TEST(ElfHeader, ProgramHeaderCountIsOneTo64)
{
    EXPECT_NE(header_with([](auto& h) { h.phnum = 0; }), nullptr);
    EXPECT_EQ(header_with([](auto& h) { h.phnum = 1; }), nullptr);
    EXPECT_EQ(header_with([](auto& h) { h.phnum = 64; }), nullptr);
    EXPECT_NE(header_with([](auto& h) { h.phnum = 65; }), nullptr);
    EXPECT_NE(header_with([](auto& h) { h.phnum = 0xFFFF; }), nullptr);
}

TEST(ElfHeader, ProgramHeadersMustLieInTheFile)
{
    // 4 headers of 32 bytes at 52: the file must have at least 180 bytes.
    EXPECT_EQ(header_with([](auto&) { }, 180), nullptr);
    EXPECT_NE(header_with([](auto&) { }, 179), nullptr);
    EXPECT_NE(header_with([](auto&) { }, 0), nullptr);
    EXPECT_NE(header_with([](auto& h) { h.phoff = FILE_SIZE - 4 * 32 + 1; }), nullptr);
    EXPECT_EQ(header_with([](auto& h) { h.phoff = FILE_SIZE - 4 * 32; }), nullptr);
    // Offsets whose sum would wrap around in 32 bits.
    EXPECT_NE(header_with([](auto& h) { h.phoff = 0xFFFFFFF0; }), nullptr);
    EXPECT_NE(header_with([](auto& h) { h.phoff = 0xFFFFFFFF; h.phnum = 64; }), nullptr);
}

TEST(ElfSegment, AcceptsANormalSegment)
{
    EXPECT_EQ(segment_with([](auto&) { }), nullptr);
    EXPECT_EQ(segment_with([](auto& s) { s.filesz = s.memsz; }), nullptr);
    // Only bss: no file data, so the file offset does not matter.
    EXPECT_EQ(segment_with([](auto& s) { s.filesz = 0; s.offset = 0x123; }), nullptr);
    // Not page aligned, but at the same place in the page as in the file.
    EXPECT_EQ(segment_with([](auto& s) { s.vaddr = 0x0804A234; s.offset = 0x1234; }), nullptr);
}

TEST(ElfSegment, RejectsFileSizeAboveMemorySize)
{
    EXPECT_NE(segment_with([](auto& s) { s.filesz = s.memsz + 1; }), nullptr);
}

TEST(ElfSegment, DataMustLieInTheFile)
{
    // Each offset with a vaddr at the same place in its page.
    EXPECT_EQ(segment_with([](auto& s) { s.offset = FILE_SIZE - s.filesz; s.vaddr = 0x08049000 + s.offset % 4096; }), nullptr);
    EXPECT_NE(segment_with([](auto& s) { s.offset = FILE_SIZE - s.filesz + 1; s.vaddr = 0x08049000 + s.offset % 4096; }), nullptr);
    // offset + filesz wraps around to 0 in 32 bits.
    EXPECT_NE(segment_with([](auto& s) { s.offset = 0xFFFFF800; s.vaddr = 0x08049800; }), nullptr);
}

TEST(ElfSegment, MustEndInUserSpace)
{
    EXPECT_EQ(segment_with([](auto& s) { s.vaddr = USER_END - s.memsz; s.offset = 0; }), nullptr);
    EXPECT_NE(segment_with([](auto& s) { s.vaddr = USER_END - s.memsz + 0x1000; s.offset = 0; }), nullptr);
    EXPECT_NE(segment_with([](auto& s) { s.vaddr = 0xC0000000; s.offset = 0; }), nullptr);
    // vaddr + memsz wraps around in 32 bits.
    EXPECT_NE(segment_with([](auto& s) { s.vaddr = 0xFFFFF000; s.offset = 0; s.memsz = 0x2000; s.filesz = 0; }), nullptr);
    // The bias counts: fine at 0, too high once moved up.
    EXPECT_NE(segment_with([](auto&) { }, USER_END - 0x08049000), nullptr);
}

TEST(ElfSegment, MustStartAboveThePageAtZero)
{
    EXPECT_NE(segment_with([](auto& s) { s.vaddr = 0; s.offset = 0; }), nullptr);
    EXPECT_NE(segment_with([](auto& s) { s.vaddr = 0xFFF; s.offset = 0xFFF; }), nullptr);
    EXPECT_EQ(segment_with([](auto& s) { s.vaddr = 0x1000; s.offset = 0; }), nullptr);
    // A position-independent program's segment at 0 is placed at its bias.
    EXPECT_EQ(segment_with([](auto& s) { s.vaddr = 0; s.offset = 0; }, 0x56555000), nullptr);
}

TEST(ElfSegment, RejectsAMisalignedFileOffset)
{
    EXPECT_NE(segment_with([](auto& s) { s.vaddr = 0x08049004; }), nullptr);
    EXPECT_NE(segment_with([](auto& s) { s.offset = 0x1800; }), nullptr);
}

namespace {

struct Program {
    std::vector<u8> bytes;
    elf::FileHeader header;
    std::vector<elf::ProgramHeader> segments;
};

// Compiles a small C program with the i386 cross compiler and `flags`;
// false if it could not.
bool build_program(const test_env::ScratchDir& scratch, const std::string& flags, Program& program)
{
    std::ofstream(scratch / "program.c") << "#include <stdio.h>\n"
                                            "static char buffer[100000];\n"
                                            "int main(void) { buffer[99999] = 1; puts(\"hello\"); return buffer[0]; }\n";
    if (!test_env::run("i686-linux-gnu-gcc " + flags + " -O1 -o " + test_env::quoted(scratch / "program") + " "
            + test_env::quoted(scratch / "program.c") + " 2>/dev/null"))
        return false;
    std::ifstream file(scratch / "program", std::ios::binary);
    program.bytes.assign(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
    if (program.bytes.size() < sizeof(elf::FileHeader))
        return false;
    std::memcpy(&program.header, program.bytes.data(), sizeof program.header);
    for (u32 i = 0; i < program.header.phnum; ++i) {
        usize offset = program.header.phoff + i * sizeof(elf::ProgramHeader);
        if (offset + sizeof(elf::ProgramHeader) > program.bytes.size())
            break;
        elf::ProgramHeader segment;
        std::memcpy(&segment, program.bytes.data() + offset, sizeof segment);
        program.segments.push_back(segment);
    }
    return true;
}

// What execve would do with `program` placed at `bias`: the header and
// every PT_LOAD pass, and the entry point is in an executable segment.
void expect_loadable(const Program& program, u32 bias)
{
    ASSERT_EQ(elf::check_header(program.header, program.bytes.size()), nullptr);
    ASSERT_EQ(program.segments.size(), program.header.phnum);
    int loads = 0;
    bool entry_found = false;
    for (const elf::ProgramHeader& segment : program.segments) {
        if (segment.type != elf::PT_LOAD)
            continue;
        ++loads;
        EXPECT_EQ(elf::check_load_segment(segment, program.bytes.size(), bias, USER_END), nullptr)
            << "segment at " << std::hex << segment.vaddr;
        if (program.header.entry >= segment.vaddr && program.header.entry < segment.vaddr + segment.memsz)
            entry_found = (segment.flags & elf::PF_X) != 0;
    }
    EXPECT_GE(loads, 1);
    EXPECT_TRUE(entry_found);
}

} // namespace

TEST(ElfProgram, AcceptsAStaticI386Program)
{
    if (!test_env::have_program("i686-linux-gnu-gcc"))
        GTEST_SKIP() << "i686-linux-gnu-gcc is not installed";
    test_env::ScratchDir scratch;
    ASSERT_TRUE(scratch.ok());
    Program program;
    ASSERT_TRUE(build_program(scratch, "-static -no-pie", program)) << "the cross compiler failed";
    EXPECT_EQ(program.header.type, elf::TYPE_EXEC);
    expect_loadable(program, 0);

    // The same file cut short: its data is no longer all there.
    bool some_segment_rejected = false;
    for (const elf::ProgramHeader& segment : program.segments)
        if (segment.type == elf::PT_LOAD && segment.filesz
            && elf::check_load_segment(segment, segment.offset + segment.filesz - 1, 0, USER_END))
            some_segment_rejected = true;
    EXPECT_TRUE(some_segment_rejected);
}

TEST(ElfProgram, AcceptsAStaticPositionIndependentI386Program)
{
    if (!test_env::have_program("i686-linux-gnu-gcc"))
        GTEST_SKIP() << "i686-linux-gnu-gcc is not installed";
    test_env::ScratchDir scratch;
    ASSERT_TRUE(scratch.ok());
    Program program;
    if (!build_program(scratch, "-static-pie", program))
        GTEST_SKIP() << "the cross compiler cannot link -static-pie";
    EXPECT_EQ(program.header.type, elf::TYPE_DYN);
    expect_loadable(program, 0x56555000);
}
