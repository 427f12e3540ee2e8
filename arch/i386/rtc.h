// The CMOS real-time clock: the date and time when the machine booted.
#pragma once

#include <libk/types.h>

namespace rtc {

// Seconds since 1970-01-01 00:00 UTC.
i64 read_epoch_seconds();

} // namespace rtc
