// Intrusive doubly-linked lists.
//
// "Intrusive" means the links live inside the elements: a struct that can
// be on a list has a ListNode member, and the list only threads those
// members together. Adding and removing therefore never allocates (and so
// never fails), which matters for things like the scheduler's run queue.
//
//     struct Thread {
//         ListNode run_queue_node;
//         ...
//     };
//     IntrusiveList<Thread, &Thread::run_queue_node> run_queue;
//
// Each list is a circle through a "head" node that lives in the list object
// and holds no element. Because every node has real neighbours, unlinking
// needs no special cases and does not even need to know which list the node
// is on. A node that is on no list has null links.
//
// A node can be on at most one list at a time; a struct that must be on two
// lists at once has two ListNode members.

#pragma once

#include <libk/assert.h>
#include <libk/types.h>

namespace libk {

struct ListNode {
    ListNode* prev { nullptr };
    ListNode* next { nullptr };

    // constexpr and trivially destructible so that objects containing a
    // node can be globals without needing a constructor or destructor call.
    constexpr ListNode() = default;

    // A copy would share its original's neighbours without the neighbours
    // pointing back at it; forbidding it catches that at compile time.
    ListNode(const ListNode&) = delete;
    ListNode& operator=(const ListNode&) = delete;

    bool is_linked() const { return next != nullptr; }
};

template<typename T, ListNode T::*member>
class IntrusiveList {
public:
    constexpr IntrusiveList()
    {
        m_head.prev = &m_head;
        m_head.next = &m_head;
    }

    // The elements point at m_head, so the list object must stay put.
    IntrusiveList(const IntrusiveList&) = delete;
    IntrusiveList& operator=(const IntrusiveList&) = delete;

    // Destroying a list leaves its elements alone; they still think they
    // are linked. Empty the list first (take_first() until null, or clear())
    // if the elements outlive it.

    bool is_empty() const { return m_head.next == &m_head; }

    void append(T& element) { insert_between(node_of(element), m_head.prev, &m_head); }
    void prepend(T& element) { insert_between(node_of(element), &m_head, m_head.next); }

    // Unlinks element from whatever list it is on.
    static void remove(T& element)
    {
        ListNode* node = node_of(element);
        ASSERT(node->is_linked());
        node->prev->next = node->next;
        node->next->prev = node->prev;
        node->prev = nullptr;
        node->next = nullptr;
    }

    T* first() const { return is_empty() ? nullptr : element_of(m_head.next); }
    T* last() const { return is_empty() ? nullptr : element_of(m_head.prev); }

    T* take_first()
    {
        T* element = first();
        if (element)
            remove(*element);
        return element;
    }

    // Unlinks every element (without destroying any).
    void clear()
    {
        while (take_first()) { }
    }

    size_t size_in_linear_time() const
    {
        size_t size = 0;
        for (const ListNode* node = m_head.next; node != &m_head; node = node->next)
            size++;
        return size;
    }

    bool contains(const T& element) const
    {
        const ListNode* wanted = &(element.*member);
        for (const ListNode* node = m_head.next; node != &m_head; node = node->next) {
            if (node == wanted)
                return true;
        }
        return false;
    }

    // The iterator reads the next node before handing out the current
    // element, so the loop body may remove the current element (and only
    // that one) from the list:
    //
    //     for (auto& thread : run_queue)
    //         if (thread.is_dead())
    //             run_queue.remove(thread);
    //
    // An element removed and appended again to the same list during the
    // loop will be visited a second time.
    template<typename ElementType>
    class Iterator {
    public:
        explicit Iterator(ListNode* node)
            : m_node(node)
            , m_next(node->next)
        {
        }

        ElementType& operator*() const { return *element_of(m_node); }
        ElementType* operator->() const { return element_of(m_node); }

        Iterator& operator++()
        {
            m_node = m_next;
            m_next = m_node->next;
            return *this;
        }

        bool operator==(const Iterator& other) const { return m_node == other.m_node; }

    private:
        ListNode* m_node;
        ListNode* m_next;
    };

    Iterator<T> begin() { return Iterator<T>(m_head.next); }
    Iterator<T> end() { return Iterator<T>(&m_head); }
    Iterator<const T> begin() const { return Iterator<const T>(m_head.next); }
    Iterator<const T> end() const { return Iterator<const T>(const_cast<ListNode*>(&m_head)); }

private:
    static ListNode* node_of(T& element) { return &(element.*member); }

    // The inverse of node_of(): from a node back to the element containing
    // it, by subtracting the node's offset within T. The offset is measured
    // on a made-up, suitably aligned address; nothing is read or written
    // there, only addresses are computed.
    static T* element_of(const ListNode* node)
    {
        T* sample = reinterpret_cast<T*>(alignof(T) * 4096);
        uptr offset = reinterpret_cast<uptr>(&(sample->*member)) - reinterpret_cast<uptr>(sample);
        return reinterpret_cast<T*>(reinterpret_cast<uptr>(node) - offset);
    }

    static void insert_between(ListNode* node, ListNode* prev, ListNode* next)
    {
        ASSERT(!node->is_linked());
        node->prev = prev;
        node->next = next;
        prev->next = node;
        next->prev = node;
    }

    ListNode m_head;
};

} // namespace libk

using libk::IntrusiveList;
using libk::ListNode;
