// printf-style formatting. See libk/format.h for what is supported.
//
// The work is split in three steps: vformat() reads the format string and
// fetches each argument, the format_* helpers turn one value into text
// according to its conversion specification, and Output hands the text to
// the caller's sink while counting it.

#include <libk/divide.h>
#include <libk/format.h>
#include <libk/string.h>
#include <libk/utility.h>
#include <type_traits>

namespace libk {

namespace {

class Output {
public:
    Output(FormatSink sink, void* context)
        : m_sink(sink)
        , m_context(context)
    {
    }

    void write(const char* text, size_t length)
    {
        if (length == 0)
            return;
        m_sink(m_context, text, length);
        m_count += length;
    }

    // Writes `count` copies of a space or a '0' in a few large pieces rather
    // than one sink call per character.
    void pad(char character, size_t count)
    {
        static const char spaces[] = "                                ";
        static const char zeros[] = "00000000000000000000000000000000";
        const char* source = character == '0' ? zeros : spaces;
        while (count > 0) {
            size_t chunk = min(count, sizeof(spaces) - 1);
            write(source, chunk);
            count -= chunk;
        }
    }

    size_t count() const { return m_count; }

private:
    FormatSink m_sink;
    void* m_context;
    size_t m_count { 0 };
};

// The length modifier says what C type the caller passed, which decides how
// many bytes va_arg must consume.
enum class Length {
    Default, // int or unsigned int
    Char,    // hh
    Short,   // h
    Long,    // l
    LongLong, // ll
    Size,    // z
    Max,     // j
    PtrDiff, // t
};

// Everything between '%' and the conversion character.
struct Spec {
    bool left_justify { false }; // '-': pad on the right.
    bool zero_pad { false };     // '0': pad numbers with zeros.
    bool plus_sign { false };    // '+': always show a sign on signed numbers.
    bool space_sign { false };   // ' ': a space where a '+' would go.
    bool alternate { false };    // '#': 0x before hex, leading 0 in octal.
    size_t width { 0 };
    bool has_precision { false };
    size_t precision { 0 };
    Length length { Length::Default };
};

// va_list may be an array type, and passing one to a helper function that
// calls va_arg leaves the caller's copy unusable on some ABIs. Wrapping it
// in a struct that is passed by reference keeps a single list everywhere.
struct Arguments {
    va_list list;
};

i64 fetch_signed(Arguments& arguments, Length length)
{
    // Types narrower than int arrive promoted to int; hh and h only ask us
    // to convert back down before printing.
    switch (length) {
    case Length::Default:
        return va_arg(arguments.list, int);
    case Length::Char:
        return static_cast<signed char>(va_arg(arguments.list, int));
    case Length::Short:
        return static_cast<short>(va_arg(arguments.list, int));
    case Length::Long:
        return va_arg(arguments.list, long);
    case Length::LongLong:
        return va_arg(arguments.list, long long);
    case Length::Size:
        return va_arg(arguments.list, std::make_signed_t<size_t>);
    case Length::Max:
        return va_arg(arguments.list, intmax_t);
    case Length::PtrDiff:
        return va_arg(arguments.list, ptrdiff_t);
    }
    ASSERT_NOT_REACHED();
}

u64 fetch_unsigned(Arguments& arguments, Length length)
{
    switch (length) {
    case Length::Default:
        return va_arg(arguments.list, unsigned int);
    case Length::Char:
        return static_cast<unsigned char>(va_arg(arguments.list, unsigned int));
    case Length::Short:
        return static_cast<unsigned short>(va_arg(arguments.list, unsigned int));
    case Length::Long:
        return va_arg(arguments.list, unsigned long);
    case Length::LongLong:
        return va_arg(arguments.list, unsigned long long);
    case Length::Size:
        return va_arg(arguments.list, size_t);
    case Length::Max:
        return va_arg(arguments.list, uintmax_t);
    case Length::PtrDiff:
        return va_arg(arguments.list, std::make_unsigned_t<ptrdiff_t>);
    }
    ASSERT_NOT_REACHED();
}

// Enough for the longest number we print: a u64 in octal has 22 digits.
constexpr size_t max_digits = 24;

// Writes the digits of value into the end of buffer and returns how many.
size_t to_digits(u64 value, u32 base, bool uppercase, char (&buffer)[max_digits])
{
    const char* digit_characters = uppercase ? "0123456789ABCDEF" : "0123456789abcdef";
    size_t count = 0;
    do {
        u32 digit;
        value = divide_u64(value, base, &digit);
        buffer[max_digits - 1 - count] = digit_characters[digit];
        count++;
    } while (value != 0);
    return count;
}

// Prints a string, padded with spaces to the field width.
void format_text(Output& output, const Spec& spec, const char* text, size_t length)
{
    size_t padding = spec.width > length ? spec.width - length : 0;
    if (!spec.left_justify)
        output.pad(' ', padding);
    output.write(text, length);
    if (spec.left_justify)
        output.pad(' ', padding);
}

// Prints a number given as its magnitude and sign character ('\0' for
// none). The result is laid out as
//     [spaces] [sign or 0x prefix] [zeros] digits [spaces]
// where the zeros come from the precision (a minimum digit count) or from
// the '0' flag filling the field width.
void format_integer(Output& output, const Spec& spec, u64 magnitude, char sign, u32 base, bool uppercase)
{
    char buffer[max_digits];
    size_t digit_count = 0;
    // An explicit precision of zero prints no digits at all for zero.
    if (!(spec.has_precision && spec.precision == 0 && magnitude == 0))
        digit_count = to_digits(magnitude, base, uppercase, buffer);
    const char* digits = buffer + max_digits - digit_count;

    size_t zeros = 0;
    if (spec.has_precision && spec.precision > digit_count)
        zeros = spec.precision - digit_count;
    // '#' with octal guarantees the first digit printed is a 0.
    if (spec.alternate && base == 8 && zeros == 0 && (digit_count == 0 || digits[0] != '0'))
        zeros = 1;

    char prefix[3];
    size_t prefix_length = 0;
    if (sign != '\0')
        prefix[prefix_length++] = sign;
    if (spec.alternate && base == 16 && magnitude != 0) {
        prefix[prefix_length++] = '0';
        prefix[prefix_length++] = uppercase ? 'X' : 'x';
    }

    size_t length = prefix_length + zeros + digit_count;
    size_t padding = spec.width > length ? spec.width - length : 0;

    // A precision turns the '0' flag off, as in C.
    if (spec.left_justify) {
        output.write(prefix, prefix_length);
        output.pad('0', zeros);
        output.write(digits, digit_count);
        output.pad(' ', padding);
    } else if (spec.zero_pad && !spec.has_precision) {
        output.write(prefix, prefix_length);
        output.pad('0', padding + zeros);
        output.write(digits, digit_count);
    } else {
        output.pad(' ', padding);
        output.write(prefix, prefix_length);
        output.pad('0', zeros);
        output.write(digits, digit_count);
    }
}

void format_pointer(Output& output, const Spec& spec, const void* pointer)
{
    constexpr size_t hex_digits = 2 * sizeof(void*);
    char text[2 + hex_digits];
    text[0] = '0';
    text[1] = 'x';
    uptr address = reinterpret_cast<uptr>(pointer);
    for (size_t i = 0; i < hex_digits; i++) {
        size_t shift = 4 * (hex_digits - 1 - i);
        text[2 + i] = "0123456789abcdef"[(address >> shift) & 0xf];
    }
    format_text(output, spec, text, sizeof(text));
}

// Reads a decimal field width or precision. Absurd values are capped rather
// than allowed to wrap around.
const char* parse_number(const char* fmt, size_t* out)
{
    constexpr size_t limit = __INT_MAX__;
    size_t value = 0;
    while (*fmt >= '0' && *fmt <= '9') {
        value = min(value * 10 + static_cast<size_t>(*fmt - '0'), limit);
        fmt++;
    }
    *out = value;
    return fmt;
}

// Parses the part of a conversion specification between '%' and the
// conversion character, fetching any '*' arguments, and returns a pointer
// to the conversion character.
const char* parse_spec(const char* fmt, Arguments& arguments, Spec& spec)
{
    for (;; fmt++) {
        if (*fmt == '-')
            spec.left_justify = true;
        else if (*fmt == '0')
            spec.zero_pad = true;
        else if (*fmt == '+')
            spec.plus_sign = true;
        else if (*fmt == ' ')
            spec.space_sign = true;
        else if (*fmt == '#')
            spec.alternate = true;
        else
            break;
    }

    if (*fmt == '*') {
        // A negative width from an argument means "left-justify".
        int width = va_arg(arguments.list, int);
        if (width < 0) {
            spec.left_justify = true;
            spec.width = 0u - static_cast<unsigned>(width);
        } else {
            spec.width = static_cast<size_t>(width);
        }
        fmt++;
    } else {
        fmt = parse_number(fmt, &spec.width);
    }

    if (*fmt == '.') {
        fmt++;
        spec.has_precision = true;
        if (*fmt == '*') {
            // A negative precision from an argument counts as no precision.
            int precision = va_arg(arguments.list, int);
            spec.has_precision = precision >= 0;
            spec.precision = precision >= 0 ? static_cast<size_t>(precision) : 0;
            fmt++;
        } else {
            fmt = parse_number(fmt, &spec.precision);
        }
    }

    if (fmt[0] == 'h' && fmt[1] == 'h') {
        spec.length = Length::Char;
        fmt += 2;
    } else if (fmt[0] == 'l' && fmt[1] == 'l') {
        spec.length = Length::LongLong;
        fmt += 2;
    } else if (*fmt == 'h') {
        spec.length = Length::Short;
        fmt++;
    } else if (*fmt == 'l') {
        spec.length = Length::Long;
        fmt++;
    } else if (*fmt == 'z') {
        spec.length = Length::Size;
        fmt++;
    } else if (*fmt == 'j') {
        spec.length = Length::Max;
        fmt++;
    } else if (*fmt == 't') {
        spec.length = Length::PtrDiff;
        fmt++;
    }
    return fmt;
}

// State of snprintf's sink: the buffer and how much of it is filled.
struct BufferContext {
    char* buffer;
    size_t size;
    size_t used;
};

void buffer_sink(void* context, const char* text, size_t length)
{
    auto* buffer = static_cast<BufferContext*>(context);
    if (buffer->size == 0)
        return;
    // Always keep the last byte for the terminating NUL.
    size_t room = buffer->size - 1 - buffer->used;
    size_t count = min(length, room);
    memcpy(buffer->buffer + buffer->used, text, count);
    buffer->used += count;
}

} // namespace

int vformat(FormatSink sink, void* context, const char* fmt, va_list args)
{
    Output output(sink, context);
    Arguments arguments;
    va_copy(arguments.list, args);

    while (*fmt != '\0') {
        // Plain text up to the next '%' goes out in one piece.
        if (*fmt != '%') {
            const char* start = fmt;
            while (*fmt != '\0' && *fmt != '%')
                fmt++;
            output.write(start, static_cast<size_t>(fmt - start));
            continue;
        }

        const char* spec_start = fmt;
        Spec spec;
        fmt = parse_spec(fmt + 1, arguments, spec);
        char conversion = *fmt;
        if (conversion == '\0') {
            // The format ends in the middle of a specification.
            output.write(spec_start, static_cast<size_t>(fmt - spec_start));
            break;
        }
        fmt++;

        switch (conversion) {
        case 'd':
        case 'i': {
            i64 value = fetch_signed(arguments, spec.length);
            // Negate in unsigned arithmetic so the most negative value,
            // which has no positive counterpart, comes out right.
            u64 magnitude = value < 0 ? 0 - static_cast<u64>(value) : static_cast<u64>(value);
            char sign = value < 0 ? '-' : spec.plus_sign ? '+' : spec.space_sign ? ' ' : '\0';
            format_integer(output, spec, magnitude, sign, 10, false);
            break;
        }
        case 'u':
            format_integer(output, spec, fetch_unsigned(arguments, spec.length), '\0', 10, false);
            break;
        case 'x':
        case 'X':
            format_integer(output, spec, fetch_unsigned(arguments, spec.length), '\0', 16, conversion == 'X');
            break;
        case 'o':
            format_integer(output, spec, fetch_unsigned(arguments, spec.length), '\0', 8, false);
            break;
        case 'c': {
            char character = static_cast<char>(va_arg(arguments.list, int));
            format_text(output, spec, &character, 1);
            break;
        }
        case 's': {
            const char* string = va_arg(arguments.list, const char*);
            if (string == nullptr)
                string = "(null)";
            // With a precision the string need not be terminated, so never
            // look further than the precision allows.
            size_t length = spec.has_precision ? strnlen(string, spec.precision) : strlen(string);
            format_text(output, spec, string, length);
            break;
        }
        case 'p':
            format_pointer(output, spec, va_arg(arguments.list, const void*));
            break;
        case '%':
            output.write("%", 1);
            break;
        default:
            // Not something we understand: show it so the mistake is visible.
            output.write(spec_start, static_cast<size_t>(fmt - spec_start));
            break;
        }
    }

    va_end(arguments.list);
    return static_cast<int>(min(output.count(), static_cast<size_t>(__INT_MAX__)));
}

int format(FormatSink sink, void* context, const char* fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    int result = vformat(sink, context, fmt, args);
    va_end(args);
    return result;
}

int vsnprintf(char* buffer, size_t size, const char* fmt, va_list args)
{
    BufferContext context { buffer, size, 0 };
    int result = vformat(buffer_sink, &context, fmt, args);
    if (size > 0)
        buffer[context.used] = '\0';
    return result;
}

int snprintf(char* buffer, size_t size, const char* fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    int result = vsnprintf(buffer, size, fmt, args);
    va_end(args);
    return result;
}

} // namespace libk
