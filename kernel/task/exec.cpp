// execve: replace the current program with a new one, loaded from an ELF
// file. Everything is built in a new address space first; only when the
// new program is complete does the task switch to it (the point of no
// return), so a failed execve leaves the caller exactly as it was.
#include <arch/i386/fpu.h>
#include <arch/i386/gdt.h>
#include <arch/i386/paging.h>
#include <kernel/abi/errno.h>
#include <kernel/fs/file_table.h>
#include <kernel/fs/fs_context.h>
#include <kernel/fs/initrd.h>
#include <kernel/fs/permission.h>
#include <kernel/fs/vfs.h>
#include <kernel/lib/random.h>
#include <kernel/mm/heap.h>
#include <kernel/mm/mm.h>
#include <kernel/mm/user_copy.h>
#include <kernel/signal/sighand.h>
#include <kernel/signal/signal.h>
#include <kernel/task/credentials.h>
#include <kernel/task/dup.h>
#include <kernel/task/elf.h>
#include <kernel/task/process.h>
#include <kernel/task/scheduler.h>
#include <kernel/task/script.h>
#include <kernel/task/nsproxy.h>
#include <kernel/task/tasks.h>
#include <kernel/task/wait_queue.h>
#include <libk/ownptr.h>
#include <libk/string.h>
#include <new>

namespace {

constexpr u32 MAX_ARGUMENT_BYTES = Mm::STACK_SIZE / 4; // Linux: a quarter of RLIMIT_STACK
constexpr u32 MAX_STRING_BYTES = 32 * PAGE_SIZE;     // Linux's MAX_ARG_STRLEN
constexpr u32 DYN_LOAD_BIAS = 0x00400000;            // where a static-PIE program goes

// Auxiliary vector keys (Linux's AT_*).
enum : u32 {
    AT_NULL = 0, AT_PHDR = 3, AT_PHENT = 4, AT_PHNUM = 5, AT_PAGESZ = 6, AT_BASE = 7, AT_FLAGS = 8,
    AT_ENTRY = 9, AT_UID = 11, AT_EUID = 12, AT_GID = 13, AT_EGID = 14, AT_PLATFORM = 15, AT_HWCAP = 16,
    AT_CLKTCK = 17, AT_SECURE = 23, AT_RANDOM = 25, AT_EXECFN = 31,
};

Error error(int code) { return Error::from_errno(code); }
uptr page_down(uptr a) { return a & ~static_cast<uptr>(PAGE_SIZE - 1); }
uptr page_up(uptr a) { return (a + PAGE_SIZE - 1) & ~static_cast<uptr>(PAGE_SIZE - 1); }

// argv or envp: a NULL-terminated array of string pointers, in the old
// program's memory (from_user) or in the kernel (for init). When execve
// meets scripts, argv gets kernel strings in front (`front`), which
// replace the array's first string (`dropped`).
struct StringList {
    uptr array;
    bool from_user;
    u32 count = 0; // the array's strings
    u32 bytes = 0; // all the strings' bytes with the NULs
    const char* const* front = nullptr;
    u32 front_count = 0;
    u32 dropped = 0;

    u32 size() const { return front_count + count - dropped; }

    ErrorOr<uptr> pointer(u32 index) const
    {
        if (!from_user)
            return reinterpret_cast<const uptr*>(array)[index];
        return read_user<uptr>(array + index * sizeof(uptr));
    }

    // Counts the strings and their bytes; E2BIG past Linux's limits.
    ErrorOr<void> measure(u32 budget)
    {
        if (!array)
            return {};
        for (;; ++count) {
            uptr string = TRY(pointer(count));
            if (!string)
                return {};
            u32 length = TRY(string_length(string)) + 1;
            if (length > MAX_STRING_BYTES || bytes + length > budget)
                return error(abi::E2BIG);
            bytes += length;
        }
    }

    // After the scripts: the front strings replace the array's dropped
    // first string in the byte count; E2BIG past `budget`.
    ErrorOr<void> account_for_front(u32 budget)
    {
        if (dropped)
            bytes -= TRY(string_length(TRY(pointer(0)))) + 1;
        for (u32 i = 0; i < front_count; ++i) {
            u32 length = static_cast<u32>(libk::strlen(front[i])) + 1;
            if (bytes + length > budget)
                return error(abi::E2BIG);
            bytes += length;
        }
        return {};
    }

    ErrorOr<u32> string_length(uptr string) const
    {
        if (!from_user)
            return static_cast<u32>(libk::strlen(reinterpret_cast<const char*>(string)));
        char chunk[128];
        u32 length = 0;
        for (;;) {
            usize n = libk::min<usize>(sizeof(chunk), PAGE_SIZE - (string + length) % PAGE_SIZE);
            TRY(copy_from_user(chunk, string + length, n));
            for (usize i = 0; i < n; ++i) {
                if (!chunk[i])
                    return length + static_cast<u32>(i);
            }
            length += static_cast<u32>(n);
            if (length > MAX_STRING_BYTES)
                return error(abi::E2BIG);
        }
    }

    // Copies string `index` (of size()) to `to` in the new address space;
    // returns its length with the NUL.
    ErrorOr<u32> copy_into(Mm& mm, u32 index, uptr to) const
    {
        if (index < front_count) {
            u32 length = static_cast<u32>(libk::strlen(front[index])) + 1;
            TRY(mm.write(to, front[index], length));
            return length;
        }
        return copy_array_string(mm, index - front_count + dropped, to);
    }

    ErrorOr<u32> copy_array_string(Mm& mm, u32 index, uptr to) const
    {
        uptr string = TRY(pointer(index));
        u32 length = TRY(string_length(string)) + 1;
        if (!from_user) {
            TRY(mm.write(to, reinterpret_cast<const char*>(string), length));
            return length;
        }
        char chunk[256];
        for (u32 done = 0; done < length;) {
            u32 n = libk::min<u32>(sizeof(chunk), length - done);
            TRY(copy_from_user(chunk, string + done, n));
            TRY(mm.write(to + done, chunk, n));
            done += n;
        }
        return length;
    }
};

struct Program {
    elf::FileHeader header;
    elf::ProgramHeader segments[elf::MAX_PROGRAM_HEADERS];
    u32 bias = 0;
    uptr phdr_address = 0;
    uptr brk = 0;
};

ErrorOr<void> read_exactly(Inode& file, u64 offset, void* buffer, usize length)
{
    usize n = TRY(file.read(offset, IoBuffer::kernel(buffer), length));
    if (n != length)
        return error(abi::ENOEXEC);
    return {};
}

// Maps and fills one PT_LOAD segment.
ErrorOr<void> load_segment(Mm& mm, Inode& file, const elf::ProgramHeader& segment, u32 bias)
{
    uptr start = page_down(segment.vaddr + bias);
    uptr end = page_up(segment.vaddr + bias + segment.memsz);
    u32 protection = (segment.flags & elf::PF_R ? prot::READ : 0) | (segment.flags & elf::PF_W ? prot::WRITE : 0)
        | (segment.flags & elf::PF_X ? prot::EXEC : 0);
    // Two segments may share a page at their boundary: that page gets both
    // permissions, and is mapped once.
    if (const Vma* previous = mm.find(start); previous && start < end) {
        TRY(mm.protect(start, PAGE_SIZE, previous->prot | protection));
        start += PAGE_SIZE;
    }
    if (start < end) {
        if (!mm.is_free(start, end - start))
            return error(abi::ENOEXEC); // overlapping segments
        TRY(mm.map(start, end - start, protection, 0));
    }
    // The file's bytes, page by page straight into the new pages. The rest
    // (bss) is demand-zero.
    for (u32 done = 0; done < segment.filesz;) {
        uptr address = segment.vaddr + bias + done;
        u32 chunk = libk::min<u32>(segment.filesz - done, PAGE_SIZE - address % PAGE_SIZE);
        u8 buffer[256];
        for (u32 part = 0; part < chunk; part += sizeof(buffer)) {
            u32 n = libk::min<u32>(sizeof(buffer), chunk - part);
            TRY(read_exactly(file, segment.offset + done + part, buffer, n));
            TRY(mm.write(address + part, buffer, n));
        }
        done += chunk;
    }
    return {};
}

ErrorOr<void> load_program(Mm& mm, Inode& file, Program& program)
{
    u64 size = file.size();
    if (size < sizeof(elf::FileHeader))
        return error(abi::ENOEXEC);
    TRY(read_exactly(file, 0, &program.header, sizeof(program.header)));
    if (elf::check_header(program.header, size))
        return error(abi::ENOEXEC);
    TRY(read_exactly(file, program.header.phoff, program.segments, program.header.phnum * sizeof(elf::ProgramHeader)));
    program.bias = program.header.type == elf::TYPE_DYN ? DYN_LOAD_BIAS : 0;
    for (u32 i = 0; i < program.header.phnum; ++i) {
        const elf::ProgramHeader& segment = program.segments[i];
        if (segment.type == elf::PT_INTERP)
            return error(abi::ENOEXEC); // dynamically linked: Cleave runs static programs
        if (segment.type == elf::PT_PHDR)
            program.phdr_address = segment.vaddr + program.bias;
        if (segment.type != elf::PT_LOAD || segment.memsz == 0)
            continue;
        if (elf::check_load_segment(segment, size, program.bias, Mm::STACK_TOP - Mm::STACK_SIZE))
            return error(abi::ENOEXEC);
        TRY(load_segment(mm, file, segment, program.bias));
        if (!program.phdr_address && segment.offset <= program.header.phoff
            && program.header.phoff < segment.offset + segment.filesz)
            program.phdr_address = segment.vaddr + program.bias + (program.header.phoff - segment.offset);
        program.brk = libk::max<uptr>(program.brk, page_up(segment.vaddr + program.bias + segment.memsz));
    }
    if (!program.brk)
        return error(abi::ENOEXEC);
    return {};
}

u32 cpu_features()
{
    u32 eax = 1, ebx, ecx, edx;
    asm volatile("cpuid" : "+a"(eax), "=b"(ebx), "=c"(ecx), "=d"(edx));
    return edx;
}

// Lays out the new stack as Linux does (from the top down): the file
// name, the argument and environment strings, 16 random bytes, the
// platform string; then, 16-byte aligned, argc, argv[], NULL, envp[],
// NULL and the auxiliary vector. Returns the initial stack pointer.
ErrorOr<uptr> build_stack(Mm& mm, const Program& program, const char* path, const StringList& argv,
    const StringList& envp, const Credentials& c, bool secure)
{
    TRY(mm.map(Mm::STACK_TOP - Mm::STACK_SIZE, Mm::STACK_SIZE, prot::READ | prot::WRITE, Vma::STACK));
    uptr p = Mm::STACK_TOP - sizeof(u32); // a NULL word at the very top
    u32 path_length = static_cast<u32>(libk::strlen(path)) + 1;
    p -= path_length;
    uptr execfn = p;
    TRY(mm.write(execfn, path, path_length));
    p -= envp.bytes + argv.bytes;
    uptr strings = p;
    p -= 16;
    uptr random_bytes = p;
    u8 random[16];
    random::fill(random, sizeof(random));
    TRY(mm.write(random_bytes, random, sizeof(random)));
    p -= 8;
    uptr platform = p;
    TRY(mm.write(platform, "i686", 5));

    u32 auxv[][2] = {
        { AT_PHDR, program.phdr_address }, { AT_PHENT, sizeof(elf::ProgramHeader) },
        { AT_PHNUM, program.header.phnum }, { AT_PAGESZ, PAGE_SIZE }, { AT_BASE, 0 }, { AT_FLAGS, 0 },
        { AT_ENTRY, program.header.entry + program.bias }, { AT_UID, c.uid }, { AT_EUID, c.euid },
        { AT_GID, c.gid }, { AT_EGID, c.egid }, { AT_SECURE, secure }, { AT_HWCAP, cpu_features() },
        { AT_CLKTCK, 100 }, { AT_PLATFORM, platform }, { AT_RANDOM, random_bytes }, { AT_EXECFN, execfn },
        { AT_NULL, 0 },
    };
    u32 words = 1 + (argv.size() + 1) + (envp.size() + 1) + sizeof(auxv) / sizeof(u32);
    uptr sp = (p - words * sizeof(u32)) & ~static_cast<uptr>(15);

    uptr vector = sp;
    auto push_word = [&](u32 value) -> ErrorOr<void> {
        TRY(mm.write(vector, &value, sizeof(value)));
        vector += sizeof(value);
        return {};
    };
    TRY(push_word(argv.size()));
    uptr string = strings;
    mm.arg_start = string;
    for (u32 i = 0; i < argv.size(); ++i) {
        TRY(push_word(string));
        string += TRY(argv.copy_into(mm, i, string));
    }
    mm.arg_end = mm.env_start = string;
    TRY(push_word(0));
    for (u32 i = 0; i < envp.size(); ++i) {
        TRY(push_word(string));
        string += TRY(envp.copy_into(mm, i, string));
    }
    mm.env_end = string;
    TRY(push_word(0));
    TRY(mm.write(vector, auxv, sizeof(auxv)));
    return sp;
}

// execve in a thread: the others exit, and if the caller was not the
// group leader it takes the leader's place (and pid), as on Linux.
void become_only_thread(Task& task)
{
    signal::end_other_threads(task);
    ThreadGroup& group = *task.group;
    Task* leader = group.leader;
    if (leader == &task)
        return;
    // The old leader is a zombie nobody will wait for: we replace it.
    u32 state = libk::irq_save();
    task.tid = leader->tid;
    task.parent = leader->parent;
    task.exit_signal = leader->exit_signal;
    if (leader->parent) {
        leader->parent->children.remove(*leader);
        leader->parent->children.append(task);
    }
    while (Task* child = leader->children.take_first()) {
        child->parent = &task;
        task.children.append(*child);
    }
    group.leader = &task;
    leader->group = nullptr;
    tasks::free(leader);
    libk::irq_restore(state);
}

// The "#!" lines met on the way from the file execve names to the
// program that runs it (kernel/task/script.h), and the strings they put
// in front of argv.
struct Scripts {
    char heads[script::MAX_DEPTH + 1][script::HEAD_SIZE];
    const char* front[3 * (script::MAX_DEPTH + 1)];
    u32 front_count = 0;
    u32 dropped = 0; // 1 once the caller's argv[0] is replaced
};

// One script, named `name`: its interpreter takes argv[0]'s place,
// followed by the line's argument (if any) and the script's name.
void splice(Scripts& scripts, StringList& argv, const char* name, const script::Line& line)
{
    if (scripts.front_count > 0) {
        for (u32 i = 1; i < scripts.front_count; ++i)
            scripts.front[i - 1] = scripts.front[i];
        --scripts.front_count;
    } else if (argv.count > 0) {
        scripts.dropped = 1;
    }
    const char* added[3] = { line.interpreter, line.argument, name };
    u32 adding = line.argument ? 3 : 2;
    if (!line.argument)
        added[1] = name;
    for (u32 i = scripts.front_count; i-- > 0;)
        scripts.front[i + adding] = scripts.front[i];
    for (u32 i = 0; i < adding; ++i)
        scripts.front[i] = added[i];
    scripts.front_count += adding;
    argv.front = scripts.front;
    argv.front_count = scripts.front_count;
    argv.dropped = scripts.dropped;
}

// The credentials the new program runs with: a set-user-ID file makes
// its owner the effective user, a set-group-ID file (group-executable)
// its group the effective group, unless its mount says nosuid; the saved
// and file-system ids follow the effective ones; then the capabilities
// (credentials_on_exec). As Linux's bprm_fill_uid and what follows it.
//
// The exec is "secure" (AT_SECURE, for the C library's caution), as
// Linux decides: the new effective user or group is not the caller's
// real one, or a task whose real user is not root has root's powers.
struct NewCredentials {
    Credentials credentials;
    bool secure;
};

//
// An exec by a process that shares its filesystem context with another
// process (clone(CLONE_FS)) is "unsafe": the other could change the cwd,
// root or umask under the set-ID program. Then, unless the caller may set
// ids anyway (CAP_SETUID), the effective ids fall back to the real ones,
// as on Linux; the exec still counts as secure.
NewCredentials credentials_for(const Credentials& now, const Inode& file, const Mount* mount, bool unsafe)
{
    Credentials c = now;
    bool honoured;
    {
        SpinLockGuard guard(mounts_lock());
        honoured = !mount || !(mount->flags & mount_flags::NO_SUID);
    }
    if (honoured && (file.mode & mode::SET_UID))
        c.euid = file.uid;
    constexpr u32 GROUP_EXECUTE = 0010;
    if (honoured && (file.mode & mode::SET_GID) && (file.mode & GROUP_EXECUTE))
        c.egid = file.gid;
    bool set_id = c.euid != now.uid || c.egid != now.gid;
    if (set_id && unsafe && !now.has(capability::SETUID)) {
        c.euid = c.uid;
        c.egid = c.gid;
    }
    c.suid = c.fsuid = c.euid;
    c.sgid = c.fsgid = c.egid;
    credentials_on_exec(c);
    set_id = set_id || c.euid != now.uid || c.egid != now.gid;
    return NewCredentials { c, set_id || (c.uid != 0 && (c.euid == 0 || c.cap_permitted != 0)) };
}

// True if another process shares the task's filesystem context: more
// references to it than threads of the task's own group holding it.
bool fs_shared_with_another_process(const Task& task)
{
    u32 in_group = 0;
    for (const Task& thread : task.group->threads)
        in_group += thread.fs == task.fs;
    return task.fs->ref_count() > in_group;
}

// The file execve runs must be a regular file the task may execute, on a
// mount that allows it.
ErrorOr<Path> executable(Task& task, const char* path)
{
    Path found = TRY(vfs::resolve(vfs::Context::of(task), {}, path));
    if (!found.inode->is_regular())
        return error(abi::EACCES);
    TRY(check_access(*found.inode, access::EXECUTE, task.credentials));
    SpinLockGuard guard(mounts_lock());
    if (found.mount && (found.mount->flags & mount_flags::NO_EXEC))
        return error(abi::EACCES);
    return found;
}

// Follows "#!" lines from the file at `found` to the program that runs it
// (found becomes that), splicing each into argv. `scripts` is made when
// the first script is met.
ErrorOr<void> follow_scripts(Task& task, const char* path, Path& found, StringList& argv, OwnPtr<Scripts>& scripts)
{
    for (u32 depth = 0;; ++depth) {
        char head[script::HEAD_SIZE];
        usize n = TRY(found.inode->read(0, IoBuffer::kernel(head), sizeof(head)));
        if (!script::is_script(head, n))
            return {};
        if (!scripts) {
            auto* made = new (std::nothrow) Scripts;
            if (!made)
                return error(abi::ENOMEM);
            scripts = adopt_own(made);
        }
        char* line_text = scripts->heads[depth];
        libk::memcpy(line_text, head, n);
        script::Line line = TRY(script::parse(line_text, n));
        // The name this file was run by: the path execve was given, or the
        // interpreter named by the script before.
        const char* name = depth == 0 ? path : scripts->front[0];
        splice(*scripts, argv, name, line);
        found = TRY(executable(task, line.interpreter));
        if (depth + 1 > script::MAX_DEPTH)
            return error(abi::ELOOP);
    }
}

const char* base_name(const char* path)
{
    const char* slash = libk::strrchr(path, '/');
    return slash ? slash + 1 : path;
}

} // namespace

namespace {

// Replaces `task`'s program (the running task, or init before it first runs).
ErrorOr<void> exec_into(Task* task, const char* path, uptr argv_array, uptr envp_array, bool from_user)
{
    bool running = task == current();
    Path found = TRY(executable(*task, path));

    StringList argv { argv_array, from_user };
    StringList envp { envp_array, from_user };
    TRY(argv.measure(MAX_ARGUMENT_BYTES));
    // A script: run its interpreter instead, with the "#!" line's strings
    // in front of argv (they count towards the limit too).
    OwnPtr<Scripts> scripts;
    TRY(follow_scripts(*task, path, found, argv, scripts));
    if (scripts) {
        TRY(argv.account_for_front(MAX_ARGUMENT_BYTES));
    }
    RefPtr<Inode> file = found.inode;
    TRY(envp.measure(MAX_ARGUMENT_BYTES - argv.bytes));

    RefPtr<Mm> mm = TRY(Mm::create());
    auto* program = static_cast<Program*>(kzalloc(sizeof(Program)));
    if (!program)
        return error(abi::ENOMEM);
    NewCredentials next = credentials_for(task->credentials, *file, found.mount.ptr(), fs_shared_with_another_process(*task));
    auto loaded = load_program(*mm, *file, *program);
    ErrorOr<uptr> stack = loaded.is_error()
        ? ErrorOr<uptr>(loaded.release_error())
        : build_stack(*mm, *program, path, argv, envp, next.credentials, next.secure);
    uptr entry = program->header.entry + program->bias;
    mm->heap_start = mm->heap_end = program->brk;
    mm->exe_mount = found.mount;
    mm->exe_inode = file;
    kfree(program);
    if (stack.is_error())
        return stack.release_error(); // the old program is untouched

    // A table shared with another task (CLONE_FILES) must not lose its
    // close-on-exec fds under that task: take a private copy first, as
    // Linux does. This can still fail, so it comes before the point of no return.
    RefPtr<FileTable> own_files;
    if (task->files && task->files->ref_count() > 1) {
        auto copy = dup_files(*task->files);
        if (copy.is_error())
            return copy.release_error();
        own_files = copy.release_value();
    }

    // The point of no return.
    if (own_files) {
        SpinLockGuard guard(task->task_lock);
        libk::swap(task->files, own_files);
    }
    if (running && task->group->live_threads > 1)
        become_only_thread(*task);
    if (task->sighand->ref_count() > 1) {
        // Handlers are reset below: a table shared with another process must
        // not change under it. Without memory for a copy, the program dies.
        auto own = dup_sighand(*task->sighand);
        if (own.is_error())
            exit_current(abi::SIGKILL);
        task->sighand = own.release_value();
    }
    task->sighand->reset_for_exec();
    task->credentials = next.credentials;
    task->group->did_exec = true;
    task->altstack_sp = task->altstack_size = 0;
    task->altstack_flags = abi::SS_DISABLE;
    if (task->files)
        task->files->close_all_marked_close_on_exec();
    RefPtr<Mm> old_mm;
    {
        SpinLockGuard guard(task->task_lock);
        old_mm = libk::move(task->mm);
        task->mm = mm;
    }
    for (u64& descriptor : task->tls)
        descriptor = 0;
    fpu::reset(*task->fpu);
    if (running) {
        paging::switch_to(mm->page_directory());
        gdt::load_tls(task->tls);
        fpu::restore(*task->fpu);
    }
    old_mm = nullptr;
    tasks::set_name(*task, base_name(path));

    TrapFrame& frame = *task->trap_frame();
    frame = TrapFrame {};
    frame.eip = entry;
    frame.user_esp = stack.value();
    frame.cs = gdt::USER_CS;
    frame.ds = frame.es = frame.fs = frame.user_ss = gdt::USER_DS;
    frame.gs = 0;
    frame.eflags = 0x202; // interrupts on

    if (Task* parent = task->vfork_parent) {
        task->vfork_parent = nullptr;
        parent->child_exit_queue->wake_all();
    }
    return {};
}

} // namespace

ErrorOr<void> execve(const char* path, uptr argv, uptr envp, bool from_user)
{
    return exec_into(current(), path, argv, envp, from_user);
}

ErrorOr<void> start_init(const char* path)
{
    Task* init = TRY(tasks::allocate("init"));
    init->sighand = TRY(SigHand::create());
    init->group = TRY(ThreadGroup::create(init->tid));
    init->group->leader = init;
    init->group->pgid = init->group->sid = init->tid;
    init->group->threads.append(*init);
    init->group->live_threads = 1;
    init->files = TRY(FileTable::create());
    init->nsproxy = initial_namespaces();
    init->fs = TRY(FsContext::create(init->nsproxy->mount_namespace().root_path()));
    Path console = TRY(vfs::resolve(vfs::Context::of(*init), {}, "/dev/console"));
    for (int fd = 0; fd < 3; ++fd) {
        auto file = TRY(OpenFile::create(console, open_flags::READ_WRITE));
        TRY(file->inode().open(*file, open_flags::READ_WRITE | open_flags::NO_CTTY)); // as open(2) does
        TRY(init->files->install(file, false, FileTable::DEFAULT_LIMIT));
    }

    const char* argv[] = { path, nullptr };
    const char* envp[] = { "HOME=/", "PATH=/bin:/sbin", "TERM=linux", nullptr };
    auto started = exec_into(init, path, reinterpret_cast<uptr>(argv), reinterpret_cast<uptr>(envp), false);
    if (started.is_error()) {
        tasks::free(init); // never ran: nothing else refers to it
        return started.release_error();
    }
    tasks::prepare_user_return(*init);
    scheduler::make_runnable(*init);
    return {};
}
