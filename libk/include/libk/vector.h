// A growable array whose growth can fail.
//
// Every operation that may need memory returns ErrorOr and, on failure,
// leaves the vector exactly as it was. That is why there is no copy
// constructor (copying allocates; use try_clone()) and no constructor from
// a list of values.
//
// Storage is raw memory from operator new; elements are constructed in it
// with placement new and destroyed explicitly, so capacity() can exceed
// size() without constructing unused elements.

#pragma once

#include <libk/assert.h>
#include <libk/error.h>
#include <libk/types.h>
#include <libk/utility.h>
#include <new>
#include <type_traits>

namespace libk {

template<typename T>
class Vector {
public:
    Vector() = default;

    Vector(const Vector&) = delete;
    Vector& operator=(const Vector&) = delete;

    Vector(Vector&& other)
        : m_data(libk::exchange(other.m_data, nullptr))
        , m_size(libk::exchange(other.m_size, size_t(0)))
        , m_capacity(libk::exchange(other.m_capacity, size_t(0)))
    {
    }

    Vector& operator=(Vector&& other)
    {
        if (this != &other) {
            clear();
            m_data = libk::exchange(other.m_data, nullptr);
            m_size = libk::exchange(other.m_size, size_t(0));
            m_capacity = libk::exchange(other.m_capacity, size_t(0));
        }
        return *this;
    }

    ~Vector() { clear(); }

    size_t size() const { return m_size; }
    size_t capacity() const { return m_capacity; }
    bool is_empty() const { return m_size == 0; }

    T* data() { return m_data; }
    const T* data() const { return m_data; }

    T* begin() { return m_data; }
    T* end() { return m_data + m_size; }
    const T* begin() const { return m_data; }
    const T* end() const { return m_data + m_size; }

    T& operator[](size_t index)
    {
        ASSERT(index < m_size);
        return m_data[index];
    }

    const T& operator[](size_t index) const
    {
        ASSERT(index < m_size);
        return m_data[index];
    }

    T& first() { return (*this)[0]; }
    const T& first() const { return (*this)[0]; }
    T& last() { return (*this)[m_size - 1]; }
    const T& last() const { return (*this)[m_size - 1]; }

    ErrorOr<void> try_append(T&& value) { return append_impl(libk::move(value)); }
    ErrorOr<void> try_append(const T& value) { return append_impl(value); }

    // Makes room for at least `capacity` elements without changing size().
    ErrorOr<void> try_reserve(size_t capacity)
    {
        if (capacity <= m_capacity)
            return {};
        T* new_data = TRY(allocate(capacity));
        move_into(new_data);
        m_capacity = capacity;
        return {};
    }

    // Grows with value-initialized elements (so numbers become 0) or
    // shrinks by destroying elements from the end.
    ErrorOr<void> try_resize(size_t new_size)
    {
        if (new_size > m_size) {
            TRY(try_reserve(new_size));
            for (; m_size < new_size; m_size++)
                new (&m_data[m_size]) T();
        } else {
            while (m_size > new_size)
                m_data[--m_size].~T();
        }
        return {};
    }

    // Removes the last element and returns it.
    T take_last()
    {
        T value = libk::move(last());
        m_data[--m_size].~T();
        return value;
    }

    // Removes one element, moving the ones after it down by one place.
    void remove(size_t index)
    {
        ASSERT(index < m_size);
        for (size_t i = index; i + 1 < m_size; i++)
            m_data[i] = libk::move(m_data[i + 1]);
        m_data[--m_size].~T();
    }

    // Destroys all elements and frees the storage.
    void clear()
    {
        while (m_size > 0)
            m_data[--m_size].~T();
        ::operator delete(m_data);
        m_data = nullptr;
        m_capacity = 0;
    }

    ErrorOr<Vector> try_clone() const
        requires std::is_copy_constructible_v<T>
    {
        Vector copy;
        if (m_size == 0)
            return copy;
        copy.m_data = TRY(allocate(m_size));
        copy.m_capacity = m_size;
        for (; copy.m_size < m_size; copy.m_size++)
            new (&copy.m_data[copy.m_size]) T(m_data[copy.m_size]);
        return copy;
    }

private:
    static ErrorOr<T*> allocate(size_t capacity)
    {
        // capacity * sizeof(T) would wrap around for huge requests.
        if (capacity > SIZE_MAX / sizeof(T))
            return Error::from_errno(ENOMEM_CODE);
        // std::nothrow_t {}, not std::nothrow, which would need the C++
        // runtime library that the kernel does not link.
        void* memory = ::operator new(capacity * sizeof(T), std::nothrow_t {});
        if (memory == nullptr)
            return Error::from_errno(ENOMEM_CODE);
        return static_cast<T*>(memory);
    }

    // Moves every element into new_data (which the caller allocated) and
    // frees the old storage.
    void move_into(T* new_data)
    {
        for (size_t i = 0; i < m_size; i++) {
            new (&new_data[i]) T(libk::move(m_data[i]));
            m_data[i].~T();
        }
        ::operator delete(m_data);
        m_data = new_data;
    }

    // Capacity doubles so that n appends cost O(n) copies in total.
    size_t grown_capacity() const
    {
        if (m_capacity < 4)
            return 4;
        if (m_capacity > SIZE_MAX / 2)
            return SIZE_MAX;
        return m_capacity * 2;
    }

    // `value` may refer to an element of this very vector (v.try_append(v[0])),
    // so when growing, the new element is built before the old storage,
    // where value lives, is released.
    template<typename U>
    ErrorOr<void> append_impl(U&& value)
    {
        if (m_size < m_capacity) {
            new (&m_data[m_size]) T(libk::forward<U>(value));
            m_size++;
            return {};
        }
        size_t new_capacity = grown_capacity();
        T* new_data = TRY(allocate(new_capacity));
        new (&new_data[m_size]) T(libk::forward<U>(value));
        move_into(new_data);
        m_capacity = new_capacity;
        m_size++;
        return {};
    }

    T* m_data { nullptr };
    size_t m_size { 0 };
    size_t m_capacity { 0 };
};

} // namespace libk

using libk::Vector;
