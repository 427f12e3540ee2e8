// Shared ownership by reference counting.
//
// An object that many parts of the kernel hold on to (an address space, an
// open file) derives from RefCounted<T> and is passed around in RefPtr<T>.
// Each RefPtr owns one reference; the object deletes itself when the last
// one goes away.
//
// A new object starts with a count of 1, owned by whoever called new.
// adopt_ref() hands that first reference to a RefPtr without adding
// another, which is why objects are created like this:
//
//     RefPtr<Mm> mm = TRY(try_make_ref_counted<Mm>());
//
// If RefPtr<Base> may hold a Derived, Base needs a virtual destructor, as
// with any delete through a base class pointer.

#pragma once

#include <libk/assert.h>
#include <libk/error.h>
#include <libk/types.h>
#include <libk/utility.h>
#include <new>
#include <type_traits>

namespace libk {

template<typename T>
class RefCounted {
public:
    RefCounted(const RefCounted&) = delete;
    RefCounted& operator=(const RefCounted&) = delete;

    // ref() needs no ordering: whoever calls it already holds a reference,
    // so the object cannot go away meanwhile.
    void ref() const
    {
        u32 old_count = __atomic_fetch_add(&m_ref_count, 1, __ATOMIC_RELAXED);
        ASSERT(old_count > 0);
    }

    // unref() must order all earlier uses of the object (on any CPU) before
    // the delete done by whoever drops the last reference: hence acq_rel.
    void unref() const
    {
        u32 old_count = __atomic_fetch_sub(&m_ref_count, 1, __ATOMIC_ACQ_REL);
        ASSERT(old_count > 0);
        if (old_count == 1)
            delete static_cast<const T*>(this);
    }

    u32 ref_count() const { return __atomic_load_n(&m_ref_count, __ATOMIC_RELAXED); }

protected:
    RefCounted() = default;
    ~RefCounted() = default;

private:
    // mutable: taking or dropping a reference does not change the object's
    // value, so it is allowed through a pointer to const.
    mutable u32 m_ref_count { 1 };
};

template<typename T>
class RefPtr;

template<typename T>
RefPtr<T> adopt_ref(T& object);

template<typename T>
class RefPtr {
public:
    RefPtr() = default;
    RefPtr(nullptr_t) { }

    // Takes an additional reference to an object that is already owned
    // elsewhere (for example `RefPtr<Mm>(this)`). Never use these on the
    // result of new: that object already carries its first reference, which
    // must be adopted with adopt_ref().
    explicit RefPtr(T* object)
        : m_ptr(object)
    {
        if (m_ptr)
            m_ptr->ref();
    }

    explicit RefPtr(T& object)
        : m_ptr(&object)
    {
        m_ptr->ref();
    }

    RefPtr(const RefPtr& other)
        : RefPtr(other.m_ptr)
    {
    }

    RefPtr(RefPtr&& other)
        : m_ptr(other.leak_ref())
    {
    }

    // RefPtr<Derived> converts to RefPtr<Base> the way Derived* converts to
    // Base*.
    template<typename U>
        requires std::is_convertible_v<U*, T*>
    RefPtr(const RefPtr<U>& other)
        : RefPtr(static_cast<T*>(other.ptr()))
    {
    }

    template<typename U>
        requires std::is_convertible_v<U*, T*>
    RefPtr(RefPtr<U>&& other)
        : m_ptr(other.leak_ref())
    {
    }

    ~RefPtr() { clear(); }

    // Assignment builds the new value first and lets the old one die
    // afterwards in `replacement`. That makes self-assignment harmless and
    // keeps *this valid even if dropping the old reference destroys an
    // object that indirectly owns the new one.
    RefPtr& operator=(const RefPtr& other)
    {
        RefPtr replacement(other);
        swap(replacement);
        return *this;
    }

    RefPtr& operator=(RefPtr&& other)
    {
        RefPtr replacement(libk::move(other));
        swap(replacement);
        return *this;
    }

    template<typename U>
        requires std::is_convertible_v<U*, T*>
    RefPtr& operator=(const RefPtr<U>& other)
    {
        RefPtr replacement(other);
        swap(replacement);
        return *this;
    }

    template<typename U>
        requires std::is_convertible_v<U*, T*>
    RefPtr& operator=(RefPtr<U>&& other)
    {
        RefPtr replacement(libk::move(other));
        swap(replacement);
        return *this;
    }

    RefPtr& operator=(nullptr_t)
    {
        clear();
        return *this;
    }

    void clear()
    {
        // Null the pointer before dropping the reference, so that code run
        // by the object's destructor never sees a dangling pointer here.
        if (T* old = libk::exchange(m_ptr, nullptr))
            old->unref();
    }

    void swap(RefPtr& other) { libk::swap(m_ptr, other.m_ptr); }

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

    // Gives up ownership without dropping the reference: the caller now owns
    // it and must eventually unref() (or adopt it again).
    [[nodiscard]] T* leak_ref() { return libk::exchange(m_ptr, nullptr); }

    bool operator==(const RefPtr& other) const { return m_ptr == other.m_ptr; }
    bool operator==(const T* other) const { return m_ptr == other; }
    bool operator==(nullptr_t) const { return m_ptr == nullptr; }

private:
    friend RefPtr adopt_ref<T>(T&);

    enum class AdoptTag { Adopt };
    RefPtr(AdoptTag, T& object)
        : m_ptr(&object)
    {
    }

    T* m_ptr { nullptr };
};

template<typename T>
RefPtr<T> adopt_ref(T& object)
{
    return RefPtr<T>(RefPtr<T>::AdoptTag::Adopt, object);
}

// Allocates and constructs a T and wraps it in a RefPtr, or returns ENOMEM.
template<typename T, typename... Args>
ErrorOr<RefPtr<T>> try_make_ref_counted(Args&&... args)
{
    // std::nothrow_t {} rather than std::nothrow: the latter is an object
    // defined in the C++ runtime library, which the kernel does not link.
    // Both select the operator new that returns null instead of throwing.
    T* object = new (std::nothrow_t {}) T(libk::forward<Args>(args)...);
    if (object == nullptr)
        return Error::from_errno(ENOMEM_CODE);
    return adopt_ref(*object);
}

} // namespace libk

using libk::adopt_ref;
using libk::RefCounted;
using libk::RefPtr;
using libk::try_make_ref_counted;
