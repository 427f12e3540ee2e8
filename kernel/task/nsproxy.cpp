#include <kernel/task/nsproxy.h>

ErrorOr<RefPtr<NsProxy>> NsProxy::create(RefPtr<MountNamespace> mount_namespace)
{
    auto proxy = TRY(try_make_ref_counted<NsProxy>());
    proxy->m_mount_namespace = libk::move(mount_namespace);
    return proxy;
}

ErrorOr<RefPtr<NsProxy>> NsProxy::with_mount_namespace(RefPtr<MountNamespace> mount_namespace) const
{
    return create(libk::move(mount_namespace));
}
