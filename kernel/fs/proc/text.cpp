#include <kernel/abi/errno.h>
#include <kernel/fs/proc/text.h>
#include <kernel/mm/heap.h>
#include <libk/format.h>
#include <libk/string.h>

namespace procfs {

Text::~Text() { kfree(m_data); }

bool Text::reserve(usize size)
{
    if (m_failed)
        return false;
    if (size <= m_capacity)
        return true;
    usize capacity = libk::max<usize>(m_capacity * 2, libk::max<usize>(size, 256));
    char* grown = static_cast<char*>(kmalloc(capacity));
    if (!grown) {
        m_failed = true;
        return false;
    }
    if (m_data)
        libk::memcpy(grown, m_data, m_size);
    kfree(m_data);
    m_data = grown;
    m_capacity = capacity;
    return true;
}

void Text::add(const char* format, ...)
{
    va_list args;
    va_start(args, format);
    char line[256];
    int n = libk::vsnprintf(line, sizeof(line), format, args);
    va_end(args);
    if (n < 0)
        return;
    if (static_cast<usize>(n) < sizeof(line)) {
        add_bytes(line, static_cast<usize>(n));
        return;
    }
    // Longer than a line: format again, straight into the buffer.
    if (!reserve(m_size + static_cast<usize>(n) + 1))
        return;
    va_start(args, format);
    libk::vsnprintf(m_data + m_size, static_cast<usize>(n) + 1, format, args);
    va_end(args);
    m_size += static_cast<usize>(n);
}

void Text::add_bytes(const char* bytes, usize length)
{
    if (!reserve(m_size + length))
        return;
    libk::memcpy(m_data + m_size, bytes, length);
    m_size += length;
}

void Text::add_escaped(const char* string)
{
    for (const char* c = string; *c; ++c) {
        if (*c == ' ' || *c == '\t' || *c == '\n' || *c == '\\')
            add("\\%03o", static_cast<unsigned>(static_cast<unsigned char>(*c)));
        else
            add_bytes(c, 1);
    }
}

ErrorOr<void> Text::error() const
{
    if (m_failed)
        return Error::from_errno(abi::ENOMEM);
    return {};
}

} // namespace procfs
