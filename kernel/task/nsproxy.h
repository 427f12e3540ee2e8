// A task's namespaces, in one refcounted object (Linux's nsproxy): tasks
// in the same namespaces share one NsProxy. It never changes once made:
// unshare() and clone() with a CLONE_NEW* flag make a new one that differs
// in the namespaces they replace, and swap the task's pointer.
//
// Only the mount namespace so far; UTS and IPC come with the process
// model and SysV IPC issues.
#pragma once

#include <kernel/fs/mount_namespace.h>

class NsProxy : public RefCounted<NsProxy> {
public:
    static ErrorOr<RefPtr<NsProxy>> create(RefPtr<MountNamespace>);
    // A copy with another mount namespace (the rest shared).
    ErrorOr<RefPtr<NsProxy>> with_mount_namespace(RefPtr<MountNamespace>) const;

    MountNamespace& mount_namespace() const { return *m_mount_namespace; }
    const RefPtr<MountNamespace>& mount_namespace_ref() const { return m_mount_namespace; }

private:
    RefPtr<MountNamespace> m_mount_namespace; // never changes
};
