// When the kernel cannot go on: print what happened, where (registers and a
// backtrace with function names), and stop. Under the test harness the
// machine then leaves QEMU with the "panic" exit code, so a panic can never
// be mistaken for a passing run.
#pragma once

#include <arch/i386/trap_frame.h>
#include <libk/types.h>

[[noreturn]] void panic(const char* format, ...) __attribute__((format(printf, 1, 2)));

// A CPU exception the kernel did not expect: names it, decodes the error
// code, shows every register (and CR2 for a page fault) and the backtrace.
[[noreturn]] void panic_on_trap(const TrapFrame& frame);

// Prints "#n 0xADDRESS function+0xOFFSET" for each frame of the stack
// whose frame pointer is `ebp`, starting with the code address `eip`.
void print_backtrace(uptr eip, uptr ebp);
