#include <arch/i386/cpu.h>
#include <arch/i386/rtc.h>

namespace {

constexpr u16 INDEX = 0x70, DATA = 0x71;
enum : u8 { SECONDS = 0, MINUTES = 2, HOURS = 4, DAY = 7, MONTH = 8, YEAR = 9, STATUS_A = 10, STATUS_B = 11 };

u8 read(u8 reg)
{
    cpu::outb(INDEX, reg);
    return cpu::inb(DATA);
}

u32 from_bcd(u8 value) { return (value & 0x0F) + (value >> 4) * 10; }

// Days from 1970-01-01 to year-month-day (proleptic Gregorian).
i64 days_since_epoch(i64 year, u32 month, u32 day)
{
    year -= month <= 2;
    i64 era = year / 400;
    i64 year_of_era = year - era * 400;
    i64 day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    i64 day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

} // namespace

namespace rtc {

i64 read_epoch_seconds()
{
    // Wait out an update in progress, then read everything.
    for (u32 i = 0; i < 100000 && (read(STATUS_A) & 0x80); ++i) { }
    u8 second = read(SECONDS), minute = read(MINUTES), hour = read(HOURS);
    u8 day = read(DAY), month = read(MONTH), year = read(YEAR);
    u8 status = read(STATUS_B);
    bool binary = status & 0x04, twenty_four_hour = status & 0x02;
    bool pm = hour & 0x80;
    hour &= 0x7F;
    u32 s = binary ? second : from_bcd(second), m = binary ? minute : from_bcd(minute);
    u32 h = binary ? hour : from_bcd(hour), d = binary ? day : from_bcd(day);
    u32 mo = binary ? month : from_bcd(month), y = binary ? year : from_bcd(year);
    if (!twenty_four_hour)
        h = (h % 12) + (pm ? 12 : 0);
    return days_since_epoch(2000 + y, mo, d) * 86400 + h * 3600 + m * 60 + s;
}

} // namespace rtc
