// The kernel console: everything the kernel prints goes to the serial line
// and the VGA screen alike; everything typed on the serial line or the
// keyboard arrives in one input queue.
#pragma once

#include <libk/types.h>

namespace console {

void init();
// Kernel messages: a newline goes out on the serial line as CR LF.
void write(const char* text, usize length);
// The terminal's output (tty/output.cpp), which does its own newline
// translation: the bytes go out as they are.
void write_raw(const char* text, usize length);

// From interrupt handlers: one character typed, as the device sent it
// (the terminal's input thread takes it from here: tty/tty.cpp). Dropped
// if the queue is full.
void input(char c);
// Takes the next typed character, if there is one.
bool read_char(char& c);
// Sleeps until a typed character is waiting; false if a signal came first.
bool wait_for_input();

// After a panic the console must print even if the panicking code held its
// lock; this drops the lock for good.
void enter_panic_mode();

} // namespace console

// printf-style output to the console and the kernel log (kernel_log.h),
// checked by the compiler. A KERN_<level> prefix sets the message's level.
void kprintf(const char* format, ...) __attribute__((format(printf, 1, 2)));
