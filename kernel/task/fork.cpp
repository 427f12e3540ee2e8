// clone, fork and vfork: copy_process and the context objects it shares or
// copies. The names follow the seed (../shared/seed/unshare.rst): each
// dup_* function allocates and fills a copy of one context object and
// touches no task; each copy_* function decides, from clone's flags,
// whether the child shares the parent's object or gets a dup_* copy.
// unshare() (a later issue) reuses the same dup_* functions.
#include <arch/i386/fpu.h>
#include <kernel/abi/errno.h>
#include <kernel/fs/file_table.h>
#include <kernel/fs/fs_context.h>
#include <kernel/mm/mm.h>
#include <kernel/mm/user_copy.h>
#include <kernel/signal/sighand.h>
#include <kernel/signal/thread_group.h>
#include <kernel/task/dup.h>
#include <kernel/task/process.h>
#include <kernel/task/scheduler.h>
#include <kernel/task/tasks.h>
#include <kernel/task/tls.h>
#include <kernel/task/nsproxy.h>
#include <kernel/task/wait_queue.h>

ErrorOr<RefPtr<Mm>> dup_mm(Mm& mm) { return mm.clone(); }
ErrorOr<RefPtr<FsContext>> dup_fs(FsContext& fs) { return fs.clone(); }
ErrorOr<RefPtr<FileTable>> dup_files(FileTable& files) { return files.clone(); }

namespace {

ErrorOr<void> copy_mm(u32 flags, Task& parent, Task& child)
{
    if (flags & clone_flags::VM)
        child.mm = parent.mm;
    else
        child.mm = TRY(dup_mm(*parent.mm));
    return {};
}

ErrorOr<void> copy_fs(u32 flags, Task& parent, Task& child)
{
    if (flags & clone_flags::FS)
        child.fs = parent.fs;
    else
        child.fs = TRY(dup_fs(*parent.fs));
    return {};
}

// The child shares its parent's namespaces, or with CLONE_NEWNS gets a
// copy of the mount namespace (dup_namespace); its filesystem context,
// private since CLONE_NEWNS excludes CLONE_FS, moves into the copy.
ErrorOr<void> copy_namespaces(u32 flags, Task& parent, Task& child)
{
    if (!(flags & clone_flags::NEWNS)) {
        child.nsproxy = parent.nsproxy;
        return {};
    }
    MountNamespace& original = parent.nsproxy->mount_namespace();
    RefPtr<MountNamespace> copy = TRY(dup_namespace(original));
    child.nsproxy = TRY(parent.nsproxy->with_mount_namespace(copy));
    move_to_namespace(*child.fs, original, *copy);
    return {};
}

ErrorOr<void> copy_files(u32 flags, Task& parent, Task& child)
{
    if (flags & clone_flags::FILES)
        child.files = parent.files;
    else
        child.files = TRY(dup_files(*parent.files));
    return {};
}

ErrorOr<void> copy_sighand(u32 flags, Task& parent, Task& child)
{
    if (flags & clone_flags::SIGHAND)
        child.sighand = parent.sighand;
    else
        child.sighand = TRY(dup_sighand(*parent.sighand));
    return {};
}

// A thread joins its parent's group; anything else starts a process of its own.
ErrorOr<void> copy_thread_group(u32 flags, Task& parent, Task& child)
{
    if (flags & clone_flags::THREAD) {
        child.group = parent.group;
        child.tgid = parent.tgid;
        return {};
    }
    child.group = TRY(ThreadGroup::create(child.tid));
    child.group->leader = &child;
    child.group->pgid = parent.group->pgid;
    child.group->sid = parent.group->sid;
    child.group->tty = parent.group->tty;
    for (u32 i = 0; i < ThreadGroup::RLIMITS; ++i)
        child.group->limits[i] = parent.group->limits[i];
    return {};
}

// Undoes a copy_process that failed before the child was published:
// freeing the task drops whatever context objects it had been given.
void discard_child(Task* child) { tasks::free(child); }

// RLIMIT_NPROC: a user may not have more tasks than the caller's limit
// says (threads and unreaped zombies count, as on Linux). Root's tasks,
// and callers with CAP_SYS_RESOURCE or CAP_SYS_ADMIN, are not held to it.
ErrorOr<void> check_task_limit(const Task& parent)
{
    u64 limit = parent.group->limits[ThreadGroup::RLIMIT_NPROC].current;
    u32 uid = parent.credentials.uid;
    if (limit == ~0ull || uid == 0 || capable(capability::SYS_RESOURCE) || capable(capability::SYS_ADMIN))
        return {};
    u64 count = 0;
    for (Task& task : tasks::all())
        count += task.tid != 0 && task.credentials.uid == uid && task.state != TaskState::Dead;
    if (count >= limit)
        return Error::from_errno(abi::EAGAIN);
    return {};
}

} // namespace

ErrorOr<pid_t> copy_process(const CloneArguments& arguments)
{
    u32 flags = arguments.flags;
    // The sharing flags Cleave supports (CLONE_SYSVSEM is accepted: there
    // are no SysV semaphores whose undo lists it would share).
    constexpr u32 supported = clone_flags::EXIT_SIGNAL_MASK | clone_flags::VM | clone_flags::FS | clone_flags::FILES
        | clone_flags::NEWNS
        | clone_flags::SIGHAND | clone_flags::THREAD | clone_flags::PARENT | clone_flags::SYSVSEM
        | clone_flags::VFORK | clone_flags::SETTLS | clone_flags::PARENT_SETTID | clone_flags::CHILD_CLEARTID
        | clone_flags::CHILD_SETTID | 0x00400000 /* CLONE_DETACHED: ignored, as Linux does */;
    if (flags & ~supported)
        return Error::from_errno(abi::EINVAL);
    // Linux's rules: shared handlers need shared memory, a thread needs shared handlers.
    if ((flags & clone_flags::SIGHAND) && !(flags & clone_flags::VM))
        return Error::from_errno(abi::EINVAL);
    if ((flags & clone_flags::THREAD) && !(flags & clone_flags::SIGHAND))
        return Error::from_errno(abi::EINVAL);
    if ((flags & clone_flags::NEWNS) && (flags & clone_flags::FS))
        return Error::from_errno(abi::EINVAL);
    if ((flags & clone_flags::NEWNS) && !capable(capability::SYS_ADMIN))
        return Error::from_errno(abi::EPERM);

    Task* parent = current();
    TRY(check_task_limit(*parent));
    Task* child = TRY(tasks::allocate(parent->name));
    auto copied = [&]() -> ErrorOr<void> {
        TRY(copy_mm(flags, *parent, *child));
        TRY(copy_fs(flags, *parent, *child));
        TRY(copy_files(flags, *parent, *child));
        TRY(copy_sighand(flags, *parent, *child));
        TRY(copy_thread_group(flags, *parent, *child));
        TRY(copy_namespaces(flags, *parent, *child));
        if (flags & clone_flags::SETTLS)
            TRY(install_tls_from_user(*child, arguments.tls));
        return {};
    }();
    if (copied.is_error()) {
        discard_child(child);
        return copied.release_error();
    }

    // The child resumes where the parent made the call, with 0 as its result.
    child->credentials = parent->credentials;
    child->nice = parent->nice;
    child->ioprio = parent->ioprio;
    child->personality = parent->personality;
    if (!(flags & clone_flags::SETTLS)) {
        for (u32 i = 0; i < 3; ++i)
            child->tls[i] = parent->tls[i];
    }
    fpu::save(*parent->fpu); // the live registers are the parent's
    *child->fpu = *parent->fpu;
    *child->trap_frame() = *parent->trap_frame();
    child->trap_frame()->eax = 0;
    if (arguments.stack)
        child->trap_frame()->user_esp = arguments.stack;
    child->exit_signal = (flags & clone_flags::THREAD) ? 0 : static_cast<u8>(flags & clone_flags::EXIT_SIGNAL_MASK);
    child->blocked = parent->blocked;
    if (!(flags & clone_flags::VM)) {
        // A new process keeps the alternate signal stack (it has the same memory).
        child->altstack_sp = parent->altstack_sp;
        child->altstack_size = parent->altstack_size;
        child->altstack_flags = parent->altstack_flags;
    }

    // The tid stores of CLONE_*_SETTID. A bad pointer here is the caller's
    // problem, as on Linux: the child is made anyway.
    if (flags & clone_flags::CHILD_SETTID)
        (void)child->mm->write(arguments.child_tid, &child->tid, sizeof(child->tid));
    if (flags & clone_flags::PARENT_SETTID)
        (void)write_user(arguments.parent_tid, child->tid);
    if (flags & clone_flags::CHILD_CLEARTID)
        child->clear_child_tid = arguments.child_tid;

    pid_t tid = child->tid;
    u32 state = libk::irq_save();
    child->group->threads.append(*child);
    ++child->group->live_threads;
    if (flags & clone_flags::THREAD) {
        child->parent = nullptr; // a thread's parent is its group leader's (getppid)
    } else {
        Task* real_parent = (flags & clone_flags::PARENT) ? parent->group->leader->parent : parent->group->leader;
        if (!real_parent)
            real_parent = parent->group->leader;
        child->parent = real_parent;
        real_parent->children.append(*child);
    }
    libk::irq_restore(state);
    tasks::prepare_user_return(*child);
    if (flags & clone_flags::VFORK)
        child->vfork_parent = parent;
    scheduler::make_runnable(*child);

    // vfork: the parent waits until the child has exec'd or exited, since
    // until then they share one address space and one stack.
    if (flags & clone_flags::VFORK)
        parent->child_exit_queue->wait_until([&] { return !tasks::find(tid) || tasks::find(tid)->vfork_parent != parent; });
    return tid;
}
