// The kernel log: everything kprintf prints is also kept here, in a ring
// of 64 KiB whose oldest lines are dropped to make room, so that a program
// can read it later with syslog(2) (dmesg). Each line is stored the way
// Linux's syslog returns it:
//
//     <4>[    1.230000] cleave: started /sbin/init as pid 1
//
// "<4>" is the message's level (0 emergency .. 7 debug) and the bracket
// the time since boot in seconds. The console shows only the text, and
// only of messages more urgent than the console level, which syslog can
// change (dmesg -n).
#pragma once

#include <libk/error.h>
#include <libk/types.h>

namespace kernel_log {

constexpr usize SIZE = 64 * 1024;

// Linux's levels and defaults (/proc/sys/kernel/printk shows the four).
constexpr int DEFAULT_MESSAGE_LEVEL = 4;   // a kprintf without KERN_<level>
constexpr int MINIMUM_CONSOLE_LEVEL = 1;   // the lowest the console level goes
constexpr int DEFAULT_CONSOLE_LEVEL = 7;   // at boot: all but debug messages

// The level of a kprintf, as a prefix of its format string:
//     kprintf(KERN_ERR "disk on fire\n");
#define KERN_SOH "\001"
#define KERN_EMERG KERN_SOH "0"
#define KERN_ALERT KERN_SOH "1"
#define KERN_CRIT KERN_SOH "2"
#define KERN_ERR KERN_SOH "3"
#define KERN_WARNING KERN_SOH "4"
#define KERN_NOTICE KERN_SOH "5"
#define KERN_INFO KERN_SOH "6"
#define KERN_DEBUG KERN_SOH "7"

// Takes the level prefix off a format string; returns the level, or
// DEFAULT_MESSAGE_LEVEL if there is none.
int take_level(const char*& format);

// Records text printed by one kprintf of `level`. The caller serialises
// messages (console.cpp's output lock), so lines do not interleave.
void append(int level, const char* text, usize length);
// After a message: wakes the readers waiting in read().
void message_done();

// Should a message of `level` reach the console?
bool on_console(int level);

// The syslog(2) actions, with Linux's meaning. Each copies into `to`
// (a kernel buffer of `size` bytes) and returns how many bytes it copied.
//
// read: the lines no read() has taken yet, oldest first, as many whole
// ones as fit (or a first part of one too long); takes them. Sleeps
// while there are none: EINTR (or a restart) if a signal comes.
ErrorOr<usize> read(char* to, usize size);
// read_all: the newest whole lines that fit, from the last clear() on;
// takes nothing. With `clear`, then clears.
usize read_all(char* to, usize size, bool clear);
void clear();
usize unread();

// The console level: off (only emergencies), back on, or set (1..8).
void console_off();
void console_on();
void set_console_level(int level);
int console_level();

} // namespace kernel_log
