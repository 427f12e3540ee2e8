// Single ownership of a heap object.
//
// OwnPtr<T> is the only pointer that owns its object and deletes it when it
// goes away. It can be moved (ownership passes on) but not copied, so there
// is never a question of who frees what.
//
//     OwnPtr<PageTable> table = TRY(try_make<PageTable>());

#pragma once

#include <libk/assert.h>
#include <libk/error.h>
#include <libk/types.h>
#include <libk/utility.h>
#include <new>
#include <type_traits>

namespace libk {

template<typename T>
class OwnPtr;

template<typename T>
OwnPtr<T> adopt_own(T* object);

template<typename T>
class OwnPtr {
public:
    OwnPtr() = default;
    OwnPtr(nullptr_t) { }

    OwnPtr(const OwnPtr&) = delete;
    OwnPtr& operator=(const OwnPtr&) = delete;

    OwnPtr(OwnPtr&& other)
        : m_ptr(other.leak_ptr())
    {
    }

    // OwnPtr<Derived> converts to OwnPtr<Base> (Base then needs a virtual
    // destructor, since the object will be deleted through a Base*).
    template<typename U>
        requires std::is_convertible_v<U*, T*>
    OwnPtr(OwnPtr<U>&& other)
        : m_ptr(other.leak_ptr())
    {
    }

    ~OwnPtr() { clear(); }

    OwnPtr& operator=(OwnPtr&& other)
    {
        // Take the new object before deleting the old one; correct even when
        // other is *this.
        OwnPtr replacement(libk::move(other));
        libk::swap(m_ptr, replacement.m_ptr);
        return *this;
    }

    template<typename U>
        requires std::is_convertible_v<U*, T*>
    OwnPtr& operator=(OwnPtr<U>&& other)
    {
        OwnPtr replacement(libk::move(other));
        libk::swap(m_ptr, replacement.m_ptr);
        return *this;
    }

    OwnPtr& operator=(nullptr_t)
    {
        clear();
        return *this;
    }

    // Deletes the object (if any) and leaves this OwnPtr null.
    void clear()
    {
        static_assert(sizeof(T) > 0, "cannot delete an incomplete type");
        delete libk::exchange(m_ptr, nullptr);
    }

    // Gives up ownership: the caller must now delete the object.
    [[nodiscard]] T* leak_ptr() { return libk::exchange(m_ptr, nullptr); }

    T* ptr() const { return m_ptr; }

    T* operator->() const
    {
        ASSERT(m_ptr);
        return m_ptr;
    }

    T& operator*() const
    {
        ASSERT(m_ptr);
        return *m_ptr;
    }

    explicit operator bool() const { return m_ptr != nullptr; }
    bool is_null() const { return m_ptr == nullptr; }

    bool operator==(nullptr_t) const { return m_ptr == nullptr; }

private:
    friend OwnPtr adopt_own<T>(T*);

    enum class AdoptTag { Adopt };
    OwnPtr(AdoptTag, T* object)
        : m_ptr(object)
    {
    }

    T* m_ptr { nullptr };
};

// Takes ownership of an object allocated with new (a null pointer gives a
// null OwnPtr).
template<typename T>
OwnPtr<T> adopt_own(T* object)
{
    return OwnPtr<T>(OwnPtr<T>::AdoptTag::Adopt, object);
}

// Allocates and constructs a T, or returns ENOMEM.
template<typename T, typename... Args>
ErrorOr<OwnPtr<T>> try_make(Args&&... args)
{
    // std::nothrow_t {} rather than std::nothrow: the latter is an object
    // defined in the C++ runtime library, which the kernel does not link.
    // Both select the operator new that returns null instead of throwing.
    T* object = new (std::nothrow_t {}) T(libk::forward<Args>(args)...);
    if (object == nullptr)
        return Error::from_errno(ENOMEM_CODE);
    return adopt_own(object);
}

} // namespace libk

using libk::adopt_own;
using libk::OwnPtr;
using libk::try_make;
