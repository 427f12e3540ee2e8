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
    X(creat, 8)                  \
    X(link, 9)                   \
    X(unlink, 10)                \
    X(execve, 11)                \
    X(chdir, 12)                 \
    X(time, 13)                  \
    X(chmod, 15)                 \
    X(lseek, 19)                 \
    X(getpid, 20)                \
    X(mount, 21)                 \
    X(umount, 22)                \
    X(getuid, 24)                \
    X(access, 33)                \
    X(sync, 36)                  \
    X(rename, 38)                \
    X(mkdir, 39)                 \
    X(rmdir, 40)                 \
    X(dup, 41)                   \
    X(pipe, 42)                  \
    X(brk, 45)                   \
    X(getgid, 47)                \
    X(geteuid, 49)               \
    X(getegid, 50)               \
    X(umount2, 52)               \
    X(ioctl, 54)                 \
    X(fcntl, 55)                 \
    X(umask, 60)                 \
    X(chroot, 61)                \
    X(dup2, 63)                  \
    X(getppid, 64)               \
    X(gettimeofday, 78)          \
    X(symlink, 83)               \
    X(readlink, 85)              \
    X(reboot, 88)                \
    X(mmap, 90)                  \
    X(munmap, 91)                \
    X(truncate, 92)              \
    X(ftruncate, 93)             \
    X(fchmod, 94)                \
    X(wait4, 114)                \
    X(sysinfo, 116)              \
    X(fsync, 118)                \
    X(clone, 120)                \
    X(uname, 122)                \
    X(modify_ldt, 123)           \
    X(mprotect, 125)             \
    X(fchdir, 133)               \
    X(_llseek, 140)              \
    X(getdents, 141)             \
    X(msync, 144)                \
    X(readv, 145)                \
    X(writev, 146)               \
    X(fdatasync, 148)            \
    X(sched_yield, 158)          \
    X(nanosleep, 162)            \
    X(pread64, 180)              \
    X(pwrite64, 181)             \
    X(getcwd, 183)               \
    X(sendfile, 187)             \
    X(vfork, 190)                \
    X(ugetrlimit, 191)           \
    X(mmap2, 192)                \
    X(truncate64, 193)           \
    X(ftruncate64, 194)          \
    X(stat64, 195)               \
    X(lstat64, 196)              \
    X(fstat64, 197)              \
    X(lchown32, 198)             \
    X(getuid32, 199)             \
    X(getgid32, 200)             \
    X(geteuid32, 201)            \
    X(getegid32, 202)            \
    X(fchown32, 207)             \
    X(setresuid32, 208)          \
    X(getresuid32, 209)          \
    X(setresgid32, 210)          \
    X(getresgid32, 211)          \
    X(chown32, 212)              \
    X(setuid32, 213)             \
    X(setgid32, 214)             \
    X(madvise, 219)              \
    X(getdents64, 220)           \
    X(fcntl64, 221)              \
    X(gettid, 224)               \
    X(sendfile64, 239)           \
    X(set_thread_area, 243)      \
    X(exit_group, 252)           \
    X(set_tid_address, 258)      \
    X(clock_gettime, 265)        \
    X(clock_getres, 266)         \
    X(clock_nanosleep, 267)      \
    X(statfs64, 268)             \
    X(fstatfs64, 269)            \
    X(openat, 295)               \
    X(mkdirat, 296)              \
    X(fchownat, 298)             \
    X(fstatat64, 300)            \
    X(unlinkat, 301)             \
    X(renameat, 302)             \
    X(linkat, 303)               \
    X(symlinkat, 304)            \
    X(readlinkat, 305)           \
    X(fchmodat, 306)             \
    X(faccessat, 307)            \
    X(set_robust_list, 311)      \
    X(utimensat, 320)            \
    X(fallocate, 324)            \
    X(dup3, 330)                 \
    X(pipe2, 331)                \
    X(prlimit64, 340)            \
    X(syncfs, 344)               \
    X(renameat2, 353)            \
    X(getrandom, 355)            \
    X(statx, 383)                \
    X(rseq, 386)                 \
    X(clock_gettime64, 403)      \
    X(clock_getres_time64, 406)  \
    X(clock_nanosleep_time64, 407)\
    X(utimensat_time64, 412)     \
    X(faccessat2, 439)

namespace abi {

enum Syscall : unsigned {
#define CLEAVE_SYSCALL_ENUM(name, number) SYS_##name = number,
    CLEAVE_SYSCALLS(CLEAVE_SYSCALL_ENUM)
#undef CLEAVE_SYSCALL_ENUM
};

constexpr unsigned SYSCALL_COUNT = 450; // one past the highest Linux i386 number Cleave knows

} // namespace abi
