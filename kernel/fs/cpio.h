// The "newc" cpio archive format, as the initrd uses it: a sequence of
// entries, each a 110-byte ASCII header (magic "070701" and thirteen
// 8-digit hex fields), the NUL-terminated name, then the data, each padded
// to 4 bytes; the entry named "TRAILER!!!" ends the archive.
// Pure parsing, no allocation: tested on the host (tests/host/test_cpio.cpp).
#pragma once

#include <libk/types.h>

namespace cpio {

struct Entry {
    const char* name; // NUL-terminated, inside the archive
    usize name_length;
    u32 mode;
    u32 uid, gid;
    u32 mtime;
    const u8* data;
    usize size;
};

class Reader {
public:
    Reader(const u8* archive, usize size) : m_cursor(archive), m_end(archive + size) { }
    // Reads the next entry. Returns false at the trailer or the end; sets
    // error() if the archive is malformed.
    bool next(Entry&);
    bool error() const { return m_error; }

private:
    const u8* m_cursor;
    const u8* m_end;
    bool m_error = false;
};

} // namespace cpio
