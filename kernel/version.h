#pragma once

#define CLEAVE_NAME "Cleave"
#define CLEAVE_VERSION "0.1.0"
// What uname(2) gives as the release: programs compare release numbers,
// so Cleave says which Linux's system calls it follows.
#define CLEAVE_RELEASE "6.1.0-cleave"
// uname(2)'s version field, and the end of /proc/version.
#define CLEAVE_UTS_VERSION "#1 " CLEAVE_NAME " " CLEAVE_VERSION
