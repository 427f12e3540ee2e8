#include <kernel/fs/cpio.h>
#include <libk/string.h>

namespace cpio {

namespace {

constexpr usize HEADER_SIZE = 110;
constexpr usize FIELD_SIZE = 8;
enum Field { INO, MODE, UID, GID, NLINK, MTIME, FILESIZE, DEVMAJOR, DEVMINOR, RDEVMAJOR, RDEVMINOR, NAMESIZE, CHECK };

} // namespace

bool Reader::next(Entry& entry)
{
    if (m_error)
        return false;
    usize remaining = static_cast<usize>(m_end - m_cursor);
    if (remaining < HEADER_SIZE) {
        // Only zero padding may follow the last entry.
        for (usize i = 0; i < remaining; ++i)
            m_error |= m_cursor[i] != 0;
        return false;
    }
    const u8* header = m_cursor;
    if (libk::memcmp(header, "070701", 6) != 0 && libk::memcmp(header, "070702", 6) != 0) {
        m_error = true;
        return false;
    }
    u32 fields[13];
    for (int i = 0; i < 13; ++i) {
        if (!libk::parse_u32(reinterpret_cast<const char*>(header + 6 + i * FIELD_SIZE), FIELD_SIZE, 16, &fields[i])) {
            m_error = true;
            return false;
        }
    }
    // In 64 bits: on i386 a huge size field would wrap a 32-bit sum and
    // slip past the bounds check.
    u64 name_size = fields[NAMESIZE];
    u64 data_offset = (HEADER_SIZE + name_size + 3) & ~static_cast<u64>(3);
    u64 data_end = data_offset + fields[FILESIZE];
    if (name_size == 0 || data_end > remaining || header[HEADER_SIZE + name_size - 1] != '\0') {
        m_error = true;
        return false;
    }
    entry.name = reinterpret_cast<const char*>(header + HEADER_SIZE);
    entry.name_length = name_size - 1;
    entry.mode = fields[MODE];
    entry.uid = fields[UID];
    entry.gid = fields[GID];
    entry.mtime = fields[MTIME];
    entry.data = header + data_offset;
    entry.size = fields[FILESIZE];
    u64 total = (data_end + 3) & ~static_cast<u64>(3);
    m_cursor = total <= remaining ? m_cursor + total : m_end;
    if (entry.name_length == 10 && libk::memcmp(entry.name, "TRAILER!!!", 10) == 0)
        return false;
    return true;
}

} // namespace cpio
