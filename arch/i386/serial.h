// The first 16550 UART (COM1, 115200 8N1): the kernel log goes out here,
// and characters typed on the other end come in through IRQ 4.
#pragma once

#include <libk/types.h>

namespace serial {

void init();
// A newline goes out as CR LF (the kernel's messages).
void write(const char* text, usize length);
// Every byte as it is (the terminal translates for itself).
void write_raw(const char* text, usize length);
// Starts delivering received characters to the console input.
void enable_input();

} // namespace serial
