// unshare(): give the calling task private copies of context objects it
// shares, in the order of the seed's design (seed/unshare.rst, section 7):
//
//   1. check_unshare_flags: reject unknown bits, force the implied ones;
//   2. the unshare_* helpers build every new object with the same dup_*
//      functions copy_process uses, copying only what is really shared;
//   3. only when every allocation succeeded: task_lock(current), swap the
//      pointers, unlock;
//   4. release the old objects (dropping our reference to them).
//
// A failure in step 2 frees what was built and leaves the task exactly as
// it was: there is never a half-unshared task to back out of.
#include <arch/i386/paging.h>
#include <kernel/abi/errno.h>
#include <kernel/fs/file_table.h>
#include <kernel/fs/fs_context.h>
#include <kernel/mm/mm.h>
#include <kernel/signal/sighand.h>
#include <kernel/signal/thread_group.h>
#include <kernel/task/dup.h>
#include <kernel/task/nsproxy.h>
#include <kernel/task/process.h>
#include <kernel/task/unshare.h>

namespace {

using namespace clone_flags;

// Step 2's results: a new object for each context being unshared, or null
// where nothing needs copying.
struct NewContexts {
    RefPtr<FsContext> fs;
    RefPtr<FileTable> files;
    RefPtr<Mm> mm;
    RefPtr<SigHand> sighand;
    RefPtr<NsProxy> nsproxy; // with a copy of the mount namespace
};

bool shared(const auto& object) { return object && object->ref_count() > 1; }

ErrorOr<void> unshare_fs(u32 flags, Task& task, NewContexts& built)
{
    if ((flags & FS) && shared(task.fs))
        built.fs = TRY(dup_fs(*task.fs));
    return {};
}

ErrorOr<void> unshare_files(u32 flags, Task& task, NewContexts& built)
{
    if ((flags & FILES) && shared(task.files))
        built.files = TRY(dup_files(*task.files));
    return {};
}

// The seed: unsharing memory that is shared with another process (clone
// with CLONE_VM but not CLONE_THREAD) gives the caller a private copy.
ErrorOr<void> unshare_vm(u32 flags, Task& task, NewContexts& built)
{
    if ((flags & VM) && shared(task.mm))
        built.mm = TRY(dup_mm(*task.mm));
    return {};
}

// The seed's future work, where it is well defined: handlers shared with
// another process (not a thread of ours) become a private copy.
ErrorOr<void> unshare_sighand(u32 flags, Task& task, NewContexts& built)
{
    if ((flags & SIGHAND) && shared(task.sighand))
        built.sighand = TRY(dup_sighand(*task.sighand));
    return {};
}

// A new mount namespace is made even if nobody else shares ours: every
// task starts in the one namespace of the system, so "not shared" never
// happens in practice, and the caller asked for a namespace of its own.
ErrorOr<void> unshare_namespace(u32 flags, Task& task, NewContexts& built)
{
    if (!(flags & NEWNS))
        return {};
    RefPtr<MountNamespace> copy = TRY(dup_namespace(task.nsproxy->mount_namespace()));
    built.nsproxy = TRY(task.nsproxy->with_mount_namespace(copy));
    return {};
}

} // namespace

ErrorOr<void> unshare(u32 requested)
{
    Task* task = current();
    // Only CLONE_NEWNS needs CAP_SYS_ADMIN, and no other flag implies it:
    // the capability is not looked up for the other calls.
    bool may_admin = (requested & NEWNS) && capable(capability::SYS_ADMIN);
    UnshareState state { task->group->live_threads > 1, may_admin, true };
    u32 flags = TRY(check_unshare_flags(requested, state));

    // Step 2: build everything first. On error the RefPtrs in `built` free
    // whatever was made, and the task has not been touched.
    NewContexts built;
    TRY(unshare_fs(flags, *task, built));
    TRY(unshare_files(flags, *task, built));
    TRY(unshare_vm(flags, *task, built));
    TRY(unshare_sighand(flags, *task, built));
    TRY(unshare_namespace(flags, *task, built));

    // Nothing was shared, so nothing was built: the task keeps what it has
    // (as on Linux, unshare succeeds) and there is nothing to commit.
    if (!built.fs && !built.files && !built.mm && !built.sighand && !built.nsproxy)
        return {};

    // Step 3: commit under task_lock. Swapping leaves the old objects in
    // `built`, released in step 4 when it goes out of scope.
    {
        SpinLockGuard guard(task->task_lock);
        if (built.fs)
            libk::swap(task->fs, built.fs);
        if (built.files)
            libk::swap(task->files, built.files);
        if (built.mm)
            libk::swap(task->mm, built.mm);
        if (built.sighand)
            libk::swap(task->sighand, built.sighand);
        if (built.nsproxy) {
            // The filesystem context (a private copy, or ours if nobody
            // shares it: CLONE_NEWNS implies CLONE_FS) moves into the new
            // namespace's copies of its root and cwd mounts; this cannot fail.
            MountNamespace& original = task->nsproxy->mount_namespace();
            libk::swap(task->nsproxy, built.nsproxy);
            move_to_namespace(*task->fs, original, task->nsproxy->mount_namespace());
        }
    }
    if (built.mm)
        paging::switch_to(task->mm->page_directory());
    return {};
}
