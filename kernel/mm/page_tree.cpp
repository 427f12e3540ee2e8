#include <kernel/abi/errno.h>
#include <kernel/mm/heap.h>
#include <kernel/mm/page_tree.h>

PageTree::~PageTree()
{
    if (m_root)
        free_node(m_root, m_height);
}

void PageTree::free_node(Node* node, u32 height)
{
    if (height > 1) {
        for (uptr child : node->entries) {
            if (child)
                free_node(reinterpret_cast<Node*>(child), height - 1);
        }
    }
    kfree(node);
}

PhysAddr PageTree::get(u32 index) const
{
    if (!m_root || index >= capacity(m_height))
        return 0;
    const Node* node = m_root;
    for (u32 height = m_height; height > 1; --height) {
        uptr child = node->entries[(index >> (BITS * (height - 1))) & (FANOUT - 1)];
        if (!child)
            return 0;
        node = reinterpret_cast<const Node*>(child);
    }
    return static_cast<PhysAddr>(node->entries[index & (FANOUT - 1)]);
}

ErrorOr<PhysAddr*> PageTree::slot(u32 index)
{
    // Grow upwards until the index fits: the old root becomes child 0.
    while (!m_root || index >= capacity(m_height)) {
        Node* top = static_cast<Node*>(kzalloc(sizeof(Node)));
        if (!top)
            return Error::from_errno(abi::ENOMEM);
        if (m_root)
            top->entries[0] = reinterpret_cast<uptr>(m_root);
        m_root = top;
        ++m_height;
    }
    Node* node = m_root;
    for (u32 height = m_height; height > 1; --height) {
        uptr& child = node->entries[(index >> (BITS * (height - 1))) & (FANOUT - 1)];
        if (!child) {
            Node* made = static_cast<Node*>(kzalloc(sizeof(Node)));
            if (!made)
                return Error::from_errno(abi::ENOMEM);
            child = reinterpret_cast<uptr>(made);
        }
        node = reinterpret_cast<Node*>(child);
    }
    return reinterpret_cast<PhysAddr*>(&node->entries[index & (FANOUT - 1)]);
}

u32 PageTree::remove(Node* node, u32 height, u64 base, u32 first, void (*release)(PhysAddr, void*), void* context)
{
    u32 removed = 0;
    u64 span = capacity(height - 1); // indexes per entry
    for (u32 i = 0; i < FANOUT; ++i) {
        u64 start = base + i * span;
        if (start + span <= first || !node->entries[i])
            continue;
        if (height == 1) {
            release(static_cast<PhysAddr>(node->entries[i]), context);
            node->entries[i] = 0;
            ++removed;
            continue;
        }
        Node* child = reinterpret_cast<Node*>(node->entries[i]);
        removed += remove(child, height - 1, start, first, release, context);
        if (start >= first) { // wholly removed: the node goes too
            free_node(child, height - 1);
            node->entries[i] = 0;
        }
    }
    return removed;
}

u32 PageTree::remove_from(u32 first, void (*release)(PhysAddr, void*), void* context)
{
    if (!m_root)
        return 0;
    u32 removed = remove(m_root, m_height, 0, first, release, context);
    if (first == 0) {
        free_node(m_root, m_height);
        m_root = nullptr;
        m_height = 0;
    }
    return removed;
}
