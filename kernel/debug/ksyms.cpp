// The table is the text `nm --numeric-sort --demangle` printed for the
// first link pass, one symbol per line, sorted by address:
//
//   c0101234 T kernel_main
//
// A lookup scans it once. It only runs when something has gone wrong, so
// simple beats fast.
#include <kernel/debug/ksyms.h>
#include <kernel/mm/layout.h>
#include <libk/string.h>

extern "C" const char __ksyms_start[], __ksyms_end[];
extern "C" const char __text_end[];

namespace {

struct Line {
    uptr address;
    const char* name;
    usize name_length;
    const char* next;
};

// Parses the line at `p`; false at the end of the table or on a line that
// does not look like "hex type name".
bool parse_line(const char* p, const char* end, Line& line)
{
    const char* newline = p;
    while (newline < end && *newline != '\n' && *newline != '\0')
        ++newline;
    if (newline == end || *newline != '\n')
        return false;
    const char* space = p;
    while (space < newline && *space != ' ')
        ++space;
    u32 address = 0;
    if (!libk::parse_u32(p, static_cast<usize>(space - p), 16, &address))
        return false;
    if (newline - space < 4) // " T x"
        return false;
    line.address = address;
    line.name = space + 3;
    line.name_length = static_cast<usize>(newline - line.name);
    line.next = newline + 1;
    return true;
}

} // namespace

namespace ksyms {

bool lookup(uptr address, Symbol& symbol)
{
    if (address < reinterpret_cast<uptr>(_kernel_start) || address >= reinterpret_cast<uptr>(__text_end))
        return false;
    const char* p = __ksyms_start;
    const char* end = __ksyms_end;
    bool found = false;
    Line line;
    while (parse_line(p, end, line)) {
        if (line.address > address)
            break;
        symbol = Symbol { line.name, line.name_length, line.address };
        found = true;
        p = line.next;
    }
    return found;
}

usize table_size()
{
    // The text ends with the NUL that ksyms.asm.in adds.
    usize bytes = static_cast<usize>(__ksyms_end - __ksyms_start);
    return bytes > 0 ? bytes - 1 : 0;
}

usize count()
{
    usize n = 0;
    const char* p = __ksyms_start;
    Line line;
    while (parse_line(p, __ksyms_end, line)) {
        ++n;
        p = line.next;
    }
    return n;
}

} // namespace ksyms
