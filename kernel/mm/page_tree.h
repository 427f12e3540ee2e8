// A sparse array of page frames, indexed by page number: the pages of a
// file or of shared memory, where most indexes are holes. A radix tree of
// 64-entry nodes, only as tall as the largest index needs: a one-page
// file costs one 256-byte node; a page at 1 TiB costs five.
#pragma once

#include <kernel/mm/layout.h>
#include <libk/error.h>

class PageTree {
public:
    PageTree() = default;
    PageTree(const PageTree&) = delete;
    PageTree& operator=(const PageTree&) = delete;
    // Frees the nodes; the frames are the owner's (remove_from(0) first).
    ~PageTree();

    // The frame at `index`, or 0 for a hole.
    PhysAddr get(u32 index) const;
    // Where the frame at `index` is kept (0 if none yet), making the
    // nodes on the way; ENOMEM if one cannot be made.
    ErrorOr<PhysAddr*> slot(u32 index);
    // Calls release(frame, context) for every frame at `first` or after,
    // and forgets them. Returns how many there were.
    u32 remove_from(u32 first, void (*release)(PhysAddr, void*), void* context);

private:
    static constexpr u32 BITS = 6;
    static constexpr u32 FANOUT = 1u << BITS;
    struct Node {
        uptr entries[FANOUT]; // child Node* above the leaves, PhysAddr in them
    };

    static u64 capacity(u32 height) { return 1ull << (BITS * height); }
    static void free_node(Node*, u32 height);
    static u32 remove(Node*, u32 height, u64 base, u32 first, void (*release)(PhysAddr, void*), void* context);

    Node* m_root = nullptr;
    u32 m_height = 0; // the tree holds indexes below 64^height
};
