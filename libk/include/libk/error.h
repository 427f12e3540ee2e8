// Error handling without exceptions.
//
// A function that can fail returns ErrorOr<T>: either the T it computed or
// an Error saying why not. The caller must look (ErrorOr is [[nodiscard]]),
// and TRY() makes the common case "give up and pass the error on" a single
// word:
//
//     ErrorOr<RefPtr<File>> open_config()
//     {
//         auto inode = TRY(lookup("/etc/config"));
//         return TRY(File::create(inode));
//     }
//
// Errors are Linux errno numbers, so system calls can return them to user
// space unchanged (negated, by convention).

#pragma once

#include <libk/assert.h>
#include <libk/utility.h>
#include <new>
#include <type_traits>

namespace libk {

// libk has no errno header (the host's would clash with the kernel's), so
// it names the one code it produces itself: allocation failure.
inline constexpr int ENOMEM_CODE = 12;

class Error {
public:
    static Error from_errno(int code)
    {
        ASSERT(code > 0);
        return Error(code);
    }

    int code() const { return m_code; }

    bool operator==(const Error&) const = default;

private:
    explicit Error(int code)
        : m_code(code)
    {
    }

    int m_code;
};

// Holds either a T or an Error. The two share storage (a union); m_is_error
// says which one is alive, and every access checks it.
template<typename T>
class [[nodiscard]] ErrorOr {
public:
    // Implicit so that `return value;` and `return Error::from_errno(...)`
    // both work in a function returning ErrorOr<T>.
    template<typename U>
        requires(std::is_convertible_v<U &&, T>
            && !std::is_same_v<std::remove_cvref_t<U>, ErrorOr>
            && !std::is_same_v<std::remove_cvref_t<U>, Error>)
    ErrorOr(U&& value)
        : m_value(libk::forward<U>(value))
        , m_is_error(false)
    {
    }

    ErrorOr(Error error)
        : m_error(error)
        , m_is_error(true)
    {
    }

    // Lets ErrorOr<OwnPtr<Derived>> become ErrorOr<OwnPtr<Base>>, so a
    // factory's result can be returned directly.
    template<typename U>
        requires(!std::is_same_v<U, T> && std::is_constructible_v<T, U &&>)
    ErrorOr(ErrorOr<U>&& other)
        : m_is_error(other.is_error())
    {
        if (m_is_error)
            new (&m_error) Error(other.release_error());
        else
            new (&m_value) T(other.release_value());
    }

    ErrorOr(ErrorOr&& other)
        : m_is_error(other.m_is_error)
    {
        if (m_is_error)
            new (&m_error) Error(other.m_error);
        else
            new (&m_value) T(libk::move(other.m_value));
    }

    ErrorOr(const ErrorOr& other)
        requires std::is_copy_constructible_v<T>
        : m_is_error(other.m_is_error)
    {
        if (m_is_error)
            new (&m_error) Error(other.m_error);
        else
            new (&m_value) T(other.m_value);
    }

    ErrorOr& operator=(ErrorOr&& other)
    {
        if (this != &other) {
            destroy();
            m_is_error = other.m_is_error;
            if (m_is_error)
                new (&m_error) Error(other.m_error);
            else
                new (&m_value) T(libk::move(other.m_value));
        }
        return *this;
    }

    ErrorOr& operator=(const ErrorOr& other)
        requires std::is_copy_constructible_v<T>
    {
        if (this != &other) {
            destroy();
            m_is_error = other.m_is_error;
            if (m_is_error)
                new (&m_error) Error(other.m_error);
            else
                new (&m_value) T(other.m_value);
        }
        return *this;
    }

    ~ErrorOr() { destroy(); }

    bool is_error() const { return m_is_error; }

    Error error() const
    {
        ASSERT(m_is_error);
        return m_error;
    }

    // Error is a plain number, so "releasing" it is the same as reading it;
    // both names exist so call sites can say what they mean.
    Error release_error() { return error(); }

    T& value()
    {
        ASSERT(!m_is_error);
        return m_value;
    }

    const T& value() const
    {
        ASSERT(!m_is_error);
        return m_value;
    }

    // Moves the value out; what is left behind is a moved-from T.
    T release_value()
    {
        ASSERT(!m_is_error);
        return libk::move(m_value);
    }

private:
    void destroy()
    {
        if (m_is_error)
            m_error.~Error();
        else
            m_value.~T();
    }

    union {
        T m_value;
        Error m_error;
    };
    bool m_is_error;
};

// For functions that produce nothing but can fail. A default-constructed
// ErrorOr<void> means success, so such functions end with `return {};`.
template<>
class [[nodiscard]] ErrorOr<void> {
public:
    ErrorOr() = default;

    ErrorOr(Error error)
        : m_error_code(error.code())
    {
    }

    bool is_error() const { return m_error_code != 0; }

    Error error() const
    {
        ASSERT(is_error());
        return Error::from_errno(m_error_code);
    }

    Error release_error() { return error(); }

    // Nothing to hand out; these only check that there was no error, so
    // that TRY() can treat every ErrorOr alike.
    void value() const { ASSERT(!is_error()); }
    void release_value() const { ASSERT(!is_error()); }

private:
    int m_error_code { 0 }; // Error codes are never 0, so 0 means success.
};

} // namespace libk

using libk::Error;
using libk::ErrorOr;

// TRY(expression): if the ErrorOr that expression yields holds an error,
// return that error from the current function; otherwise the whole TRY(...)
// is the value it holds.
//
// It is a GCC statement expression, ({ ... }), whose result is its last
// statement (__extension__ tells -Wpedantic that this is intended). Each use gets its own variable name from __COUNTER__ so that
// TRY(f(TRY(g()))) does not declare the same name twice.
#define LIBK_TRY_CONCAT_INNER(a, b) a##b
#define LIBK_TRY_CONCAT(a, b) LIBK_TRY_CONCAT_INNER(a, b)
#define LIBK_TRY_WITH_NAME(expression, name)    \
    __extension__({                             \
        auto&& name = (expression);             \
        if (name.is_error()) [[unlikely]]       \
            return name.release_error();        \
        name.release_value();                   \
    })
#define TRY(expression) LIBK_TRY_WITH_NAME(expression, LIBK_TRY_CONCAT(libk_try_result_, __COUNTER__))
