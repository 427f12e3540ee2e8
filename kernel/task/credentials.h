// Credentials and capabilities: see credentials.cpp.
#pragma once

struct Credentials;

// After a uid change: drop or restore capabilities as Linux does.
void credentials_changed(const Credentials& old, Credentials& now);
// At execve: recompute the capability sets (no file capabilities).
void credentials_on_exec(Credentials&);
