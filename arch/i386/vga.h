// The VGA text screen: 80x25 characters at physical 0xB8000, each a
// character byte and a colour byte. The kernel log scrolls up it.
#pragma once

#include <libk/types.h>

namespace vga {

constexpr u32 COLUMNS = 80;
constexpr u32 ROWS = 25;

void init();
void write(const char* text, usize length);
// The character at a screen cell (for tests that read the screen).
char char_at(u32 row, u32 column);

} // namespace vga
