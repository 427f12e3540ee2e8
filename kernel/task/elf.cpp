#include <kernel/task/elf.h>

namespace elf {

const char* check_header(const FileHeader& header, u64 file_size)
{
    if (header.ident[0] != 0x7F || header.ident[1] != 'E' || header.ident[2] != 'L' || header.ident[3] != 'F')
        return "not an ELF file";
    if (header.ident[4] != 1)
        return "not a 32-bit ELF file";
    if (header.ident[5] != 1)
        return "not little-endian";
    if (header.type != TYPE_EXEC && header.type != TYPE_DYN)
        return "not an executable";
    if (header.machine != MACHINE_386)
        return "not for i386";
    if (header.phentsize != sizeof(ProgramHeader))
        return "unexpected program header size";
    if (header.phnum == 0 || header.phnum > MAX_PROGRAM_HEADERS)
        return "no (or too many) program headers";
    if (static_cast<u64>(header.phoff) + static_cast<u64>(header.phnum) * sizeof(ProgramHeader) > file_size)
        return "program headers outside the file";
    return nullptr;
}

const char* check_load_segment(const ProgramHeader& segment, u64 file_size, u32 bias, u32 user_end)
{
    if (segment.filesz > segment.memsz)
        return "segment's file size exceeds its memory size";
    if (static_cast<u64>(segment.offset) + segment.filesz > file_size)
        return "segment outside the file";
    u64 start = static_cast<u64>(segment.vaddr) + bias;
    u64 end = start + segment.memsz;
    if (end > user_end || start < 0x1000)
        return "segment outside user space";
    if (segment.filesz && (segment.vaddr % 4096) != (segment.offset % 4096))
        return "segment misaligned with its file offset";
    return nullptr;
}

} // namespace elf
