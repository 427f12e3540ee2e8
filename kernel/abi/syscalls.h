// Linux i386 system call numbers (asm/unistd_32.h) for the calls Cleave
// implements, as one list: CLEAVE_SYSCALLS(X) calls X(name, number) for each.
// kernel/syscall/table.cpp builds the dispatch table from it and
// tests/host/test_abi.cpp checks every number against the Linux header.
#pragma once

#define CLEAVE_SYSCALLS(X)       \
    X(restart_syscall, 0)        \
    X(exit, 1)                   \
    X(fork, 2)                   \
    X(read, 3)                   \
    X(write, 4)                  \
    X(open, 5)                   \
    X(close, 6)                  \
    X(waitpid, 7)                \
    X(execve, 11)                \
    X(chdir, 12)                 \
    X(time, 13)                  \
    X(lseek, 19)                 \
    X(getpid, 20)                \
    X(getuid, 24)                \
    X(access, 33)                \
    X(dup, 41)                   \
    X(pipe, 42)                  \
    X(brk, 45)                   \
    X(getgid, 47)                \
    X(geteuid, 49)               \
    X(getegid, 50)               \
    X(ioctl, 54)                 \
    X(dup2, 63)                  \
    X(getppid, 64)               \
    X(gettimeofday, 78)          \
    X(readlink, 85)              \
    X(reboot, 88)                \
    X(mmap, 90)                  \
    X(munmap, 91)                \
    X(wait4, 114)                \
    X(sysinfo, 116)              \
    X(clone, 120)                \
    X(uname, 122)                \
    X(modify_ldt, 123)           \
    X(mprotect, 125)             \
    X(_llseek, 140)              \
    X(readv, 145)                \
    X(writev, 146)               \
    X(sched_yield, 158)          \
    X(nanosleep, 162)            \
    X(getcwd, 183)               \
    X(vfork, 190)                \
    X(ugetrlimit, 191)           \
    X(mmap2, 192)                \
    X(fstat64, 197)              \
    X(getuid32, 199)             \
    X(getgid32, 200)             \
    X(geteuid32, 201)            \
    X(getegid32, 202)            \
    X(madvise, 219)              \
    X(fcntl64, 221)              \
    X(gettid, 224)               \
    X(set_thread_area, 243)      \
    X(exit_group, 252)           \
    X(set_tid_address, 258)      \
    X(clock_gettime, 265)        \
    X(clock_getres, 266)         \
    X(clock_nanosleep, 267)      \
    X(openat, 295)               \
    X(fstatat64, 300)            \
    X(set_robust_list, 311)      \
    X(pipe2, 331)                \
    X(prlimit64, 340)            \
    X(getrandom, 355)            \
    X(statx, 383)                \
    X(rseq, 386)                 \
    X(clock_gettime64, 403)      \
    X(clock_getres_time64, 406)  \
    X(clock_nanosleep_time64, 407)

namespace abi {

enum Syscall : unsigned {
#define CLEAVE_SYSCALL_ENUM(name, number) SYS_##name = number,
    CLEAVE_SYSCALLS(CLEAVE_SYSCALL_ENUM)
#undef CLEAVE_SYSCALL_ENUM
};

constexpr unsigned SYSCALL_COUNT = 450; // one past the highest Linux i386 number Cleave knows

} // namespace abi
