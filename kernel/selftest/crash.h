// Deliberate kernel crashes, for seeing (and testing) what a panic shows:
// crash=pagefault, crash=assert or crash=panic on the kernel command line.
#pragma once

#include <libk/types.h>

// Does nothing if `which` names no crash; otherwise never returns.
void crash_on_purpose(const char* which, usize length);
