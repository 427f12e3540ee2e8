// Text that /proc makes for a read: a growable buffer with printf.
#pragma once

#include <libk/error.h>

namespace procfs {

class Text {
public:
    Text() = default;
    Text(const Text&) = delete;
    ~Text();

    // Appends formatted text. A failure to grow (ENOMEM) is remembered and
    // reported by error().
    void add(const char* format, ...) __attribute__((format(printf, 2, 3)));
    void add_bytes(const char* bytes, usize length);
    // Appends `string` with space, tab, newline and backslash written as
    // octal escapes (\040...), as /proc/mounts writes paths.
    void add_escaped(const char* string);

    const char* data() const { return m_data; }
    usize size() const { return m_size; }
    ErrorOr<void> error() const;

private:
    bool reserve(usize size);

    char* m_data = nullptr;
    usize m_size = 0;
    usize m_capacity = 0;
    bool m_failed = false;
};

} // namespace procfs
