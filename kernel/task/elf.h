// ELF32 for i386, the parts execve reads: the file header and the program
// headers. Pure checks, no I/O: tested on the host (tests/host/test_elf.cpp).
#pragma once

#include <libk/types.h>

namespace elf {

struct [[gnu::packed]] FileHeader {
    u8 ident[16];
    u16 type;
    u16 machine;
    u32 version;
    u32 entry;
    u32 phoff;
    u32 shoff;
    u32 flags;
    u16 ehsize;
    u16 phentsize;
    u16 phnum;
    u16 shentsize;
    u16 shnum;
    u16 shstrndx;
};
static_assert(sizeof(FileHeader) == 52);

struct [[gnu::packed]] ProgramHeader {
    u32 type;
    u32 offset;
    u32 vaddr;
    u32 paddr;
    u32 filesz;
    u32 memsz;
    u32 flags;
    u32 align;
};
static_assert(sizeof(ProgramHeader) == 32);

constexpr u16 TYPE_EXEC = 2, TYPE_DYN = 3;
constexpr u16 MACHINE_386 = 3;
constexpr u32 PT_LOAD = 1, PT_INTERP = 3, PT_PHDR = 6, PT_GNU_STACK = 0x6474e551;
constexpr u32 PF_X = 1, PF_W = 2, PF_R = 4;
constexpr u32 MAX_PROGRAM_HEADERS = 64;

// Why a file is not a program we can run, or nullptr if it is: a 32-bit
// little-endian i386 executable (ET_EXEC or ET_DYN) whose program headers
// lie inside the file.
const char* check_header(const FileHeader&, u64 file_size);

// Checks one PT_LOAD header: sizes consistent, inside the file, inside user
// space once placed at `bias`.
const char* check_load_segment(const ProgramHeader&, u64 file_size, u32 bias, u32 user_end);

} // namespace elf
