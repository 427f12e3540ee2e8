// struct rusage, as getrusage, wait4 and waitid fill it.
#pragma once

#include <kernel/task/task.h>
#include <libk/error.h>

// Writes a struct rusage holding `times` (the rest zero) at `address`.
ErrorOr<void> write_rusage(uptr address, CpuTimes times);
