// The kernel's own symbol table, embedded at build time (section .ksyms,
// see CMakeLists.txt): turns a code address into "function+offset" for
// backtraces.
#pragma once

#include <libk/types.h>

namespace ksyms {

struct Symbol {
    const char* name; // not NUL-terminated: use name_length
    usize name_length;
    uptr address;
};

// The function containing `address`, if the address is in the kernel's code.
bool lookup(uptr address, Symbol& symbol);

// How many symbols the table holds (0 means the build embedded none).
// It parses the whole table: about a million instructions.
usize count();

// The size of the table's text in bytes (0 means the build embedded none).
usize table_size();

} // namespace ksyms
