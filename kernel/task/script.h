// Scripts: a file that starts with "#!" names the program that runs it,
// its interpreter, and perhaps one argument for it:
//
//     #!/bin/sh -e
//
// execve then runs the interpreter instead, with the interpreter's name,
// the argument (if any), and the script's path in front of the caller's
// arguments after the first: "./s.sh a b" runs "/bin/sh -e ./s.sh a b".
// The interpreter may itself be a script, MAX_DEPTH deep. As Linux's
// binfmt_script. Pure parsing, no I/O: tested on the host
// (tests/host/test_script.cpp).
#pragma once

#include <libk/error.h>
#include <libk/types.h>

namespace script {

constexpr usize HEAD_SIZE = 256; // how much of the file is looked at (Linux's BINPRM_BUF_SIZE)
constexpr u32 MAX_DEPTH = 5;     // scripts run by scripts: ELOOP beyond

struct Line {
    const char* interpreter;
    const char* argument; // the rest of the line, trimmed; null if none
};

// Does a file whose first bytes are head[0..length) start with "#!"?
bool is_script(const char* head, usize length);

// Parses the "#!" line of `head` (the file's first `length` bytes, in a
// buffer of HEAD_SIZE, which it cuts into NUL-terminated pieces). ENOEXEC
// if there is no interpreter name, or if the line does not end within
// HEAD_SIZE and the name might be cut short. Spaces and tabs separate;
// the argument is everything after them, one string, as on Linux.
ErrorOr<Line> parse(char* head, usize length);

} // namespace script
