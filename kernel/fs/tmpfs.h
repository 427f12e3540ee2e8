// tmpfs: files that live in memory. The root file system is a tmpfs
// filled from the initrd at boot.
//
// A regular file's data is a list of page frames (so a file of hundreds of
// MiB needs no contiguous memory); a directory is a list of named entries.
#pragma once

#include <kernel/fs/inode.h>
#include <libk/vector.h>

namespace tmpfs {

class Directory;

// A new, empty root directory.
ErrorOr<RefPtr<Directory>> create_root();

class File final : public Inode {
public:
    ~File() override;
    u64 size() const override { return m_size; }
    ErrorOr<usize> read(u64 offset, const IoBuffer&, usize length) override;
    ErrorOr<usize> write(u64 offset, const IoBuffer&, usize length) override;
    ErrorOr<void> truncate(u64 size) override;

private:
    Vector<PhysAddr> m_pages; // 0 = a hole that reads as zeros
    u64 m_size = 0;
};

class Symlink final : public Inode {
public:
    ~Symlink() override;
    u64 size() const override { return m_length; }
    ErrorOr<usize> read_link(char* buffer, usize size) override;
    ErrorOr<void> set_target(const char* target, usize length);

private:
    char* m_target = nullptr;
    usize m_length = 0;
};

class Directory final : public Inode {
public:
    ~Directory() override;
    ErrorOr<RefPtr<Inode>> lookup(const char* name, usize length) override;
    RefPtr<Inode> parent() override;
    ErrorOr<void> for_each_entry(bool (*callback)(const DirectoryEntry&, void*), void* context) override;
    ErrorOr<usize> name_in_parent(char* buffer, usize size) override;
    ErrorOr<RefPtr<Inode>> create(const char* name, usize length, u32 mode) override;

    // Creating entries; EEXIST if the name is taken.
    ErrorOr<RefPtr<Directory>> create_directory(const char* name, usize length, u32 permissions);
    ErrorOr<RefPtr<File>> create_file(const char* name, usize length, u32 permissions);
    ErrorOr<RefPtr<Symlink>> create_symlink(const char* name, usize length, const char* target, usize target_length);
    // Adds an existing inode (a device) under `name`.
    ErrorOr<void> add(const char* name, usize length, RefPtr<Inode>);

private:
    struct Entry {
        char* name;
        usize length;
        RefPtr<Inode> inode;
    };
    ErrorOr<void> add_entry(const char* name, usize length, RefPtr<Inode>);

    Vector<Entry> m_entries;
    Directory* m_parent = nullptr; // borrowed: a directory's entry keeps its child alive, not the reverse
    friend ErrorOr<RefPtr<Directory>> create_root();
};

// A fresh inode number for any file system.
u32 next_ino();

} // namespace tmpfs
