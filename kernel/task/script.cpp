#include <kernel/abi/errno.h>
#include <kernel/task/script.h>

namespace script {

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }

} // namespace

bool is_script(const char* head, usize length) { return length >= 2 && head[0] == '#' && head[1] == '!'; }

ErrorOr<Line> parse(char* head, usize length)
{
    if (!is_script(head, length) || length > HEAD_SIZE)
        return Error::from_errno(abi::ENOEXEC);
    // A short file is padded with NULs to the buffer's end, as Linux reads it.
    for (usize i = length; i < HEAD_SIZE; ++i)
        head[i] = '\0';
    char* last = head + HEAD_SIZE - 1; // stays NUL: where a cut line ends
    char* end = head + 2;
    while (end < last && *end != '\n')
        ++end;
    if (*end != '\n') {
        // No newline: the name must end (at a blank or a NUL) within the
        // buffer, or it may be cut short. A cut argument is fine: the
        // interpreter can read the line again itself.
        char* name = head + 2;
        while (name < last && is_blank(*name))
            ++name;
        if (name == last)
            return Error::from_errno(abi::ENOEXEC);
        char* after = name;
        while (after < last && *after && !is_blank(*after))
            ++after;
        if (after == last)
            return Error::from_errno(abi::ENOEXEC);
    }
    *end = '\0';
    // Trailing blanks are not part of the argument.
    while (end > head + 2 && is_blank(end[-1]))
        *--end = '\0';

    char* p = head + 2;
    while (is_blank(*p))
        ++p;
    if (!*p)
        return Error::from_errno(abi::ENOEXEC); // no interpreter name
    Line line { p, nullptr };
    while (*p && !is_blank(*p))
        ++p;
    while (is_blank(*p))
        *p++ = '\0';
    if (*p)
        line.argument = p;
    return line;
}

} // namespace script
