#include <kernel/fs/cpio.h>
#include <libk/string.h>

namespace cpio {

namespace {

constexpr usize HEADER_SIZE = 110;
constexpr usize FIELD_SIZE = 8;
enum Field { INO, MODE, UID, GID, NLINK, MTIME, FILESIZE, DEVMAJOR, DEVMINOR, RDEVMAJOR, RDEVMINOR, NAMESIZE, CHECK };

usize pad4(usize n) { return (n + 3) & ~static_cast<usize>(3); }

} // namespace

bool Reader::next(Entry& entry)
{
    if (m_error || static_cast<usize>(m_end - m_cursor) < HEADER_SIZE)
        return false;
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
    usize name_size = fields[NAMESIZE];
    usize data_offset = pad4(HEADER_SIZE + name_size);
    usize total = pad4(data_offset + fields[FILESIZE]);
    if (name_size == 0 || data_offset + fields[FILESIZE] > static_cast<usize>(m_end - m_cursor)
        || header[HEADER_SIZE + name_size - 1] != '\0') {
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
    m_cursor = total <= static_cast<usize>(m_end - m_cursor) ? m_cursor + total : m_end;
    if (entry.name_length == 10 && libk::memcmp(entry.name, "TRAILER!!!", 10) == 0)
        return false;
    return true;
}

} // namespace cpio
