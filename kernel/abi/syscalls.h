// Linux i386 system call numbers (asm/unistd_32.h) for the calls Cleave
// implements, as one list: CLEAVE_SYSCALLS(X) calls X(name, number) for each.
// kernel/syscall/table.cpp builds the dispatch table from it and
// tests/host/test_abi.cpp checks every number against the Linux header.
#pragma once

#define CLEAVE_SYSCALLS(X) \
    X(restart_syscall, 0) \
    X(exit, 1) \
    X(fork, 2) \
    X(read, 3) \
    X(write, 4) \
    X(open, 5) \
    X(close, 6) \
    X(waitpid, 7) \
    X(execve, 11) \
    X(chdir, 12) \
    X(time, 13) \
    X(lseek, 19) \
    X(getpid, 20) \
    X(setuid, 23) \
    X(getuid, 24) \
    X(alarm, 27) \
    X(pause, 29) \
    X(access, 33) \
    X(kill, 37) \
    X(dup, 41) \
    X(pipe, 42) \
    X(brk, 45) \
    X(setgid, 46) \
    X(getgid, 47) \
    X(geteuid, 49) \
    X(getegid, 50) \
    X(ioctl, 54) \
    X(setpgid, 57) \
    X(umask, 60) \
    X(dup2, 63) \
    X(getppid, 64) \
    X(getpgrp, 65) \
    X(setsid, 66) \
    X(sigaction, 67) \
    X(setreuid, 70) \
    X(setregid, 71) \
    X(setrlimit, 75) \
    X(gettimeofday, 78) \
    X(getgroups, 80) \
    X(setgroups, 81) \
    X(readlink, 85) \
    X(reboot, 88) \
    X(mmap, 90) \
    X(munmap, 91) \
    X(getpriority, 96) \
    X(setpriority, 97) \
    X(setitimer, 104) \
    X(getitimer, 105) \
    X(wait4, 114) \
    X(sysinfo, 116) \
    X(ipc, 117) \
    X(sigreturn, 119) \
    X(clone, 120) \
    X(uname, 122) \
    X(modify_ldt, 123) \
    X(mprotect, 125) \
    X(sigprocmask, 126) \
    X(getpgid, 132) \
    X(setfsuid, 138) \
    X(setfsgid, 139) \
    X(_llseek, 140) \
    X(readv, 145) \
    X(writev, 146) \
    X(getsid, 147) \
    X(sched_yield, 158) \
    X(nanosleep, 162) \
    X(setresuid, 164) \
    X(getresuid, 165) \
    X(setresgid, 170) \
    X(getresgid, 171) \
    X(prctl, 172) \
    X(rt_sigreturn, 173) \
    X(rt_sigaction, 174) \
    X(rt_sigprocmask, 175) \
    X(rt_sigpending, 176) \
    X(rt_sigtimedwait, 177) \
    X(rt_sigsuspend, 179) \
    X(getcwd, 183) \
    X(capget, 184) \
    X(capset, 185) \
    X(sigaltstack, 186) \
    X(vfork, 190) \
    X(ugetrlimit, 191) \
    X(mmap2, 192) \
    X(fstat64, 197) \
    X(getuid32, 199) \
    X(getgid32, 200) \
    X(geteuid32, 201) \
    X(getegid32, 202) \
    X(setreuid32, 203) \
    X(setregid32, 204) \
    X(getgroups32, 205) \
    X(setgroups32, 206) \
    X(setresuid32, 208) \
    X(getresuid32, 209) \
    X(setresgid32, 210) \
    X(getresgid32, 211) \
    X(setuid32, 213) \
    X(setgid32, 214) \
    X(setfsuid32, 215) \
    X(setfsgid32, 216) \
    X(madvise, 219) \
    X(fcntl64, 221) \
    X(gettid, 224) \
    X(tkill, 238) \
    X(futex, 240) \
    X(sched_setaffinity, 241) \
    X(sched_getaffinity, 242) \
    X(set_thread_area, 243) \
    X(exit_group, 252) \
    X(set_tid_address, 258) \
    X(clock_gettime, 265) \
    X(clock_getres, 266) \
    X(clock_nanosleep, 267) \
    X(tgkill, 270) \
    X(waitid, 284) \
    X(openat, 295) \
    X(fstatat64, 300) \
    X(unshare, 310) \
    X(set_robust_list, 311) \
    X(pipe2, 331) \
    X(prlimit64, 340) \
    X(getrandom, 355) \
    X(statx, 383) \
    X(rseq, 386) \
    X(shmget, 395) \
    X(shmctl, 396) \
    X(shmat, 397) \
    X(shmdt, 398) \
    X(clock_gettime64, 403) \
    X(clock_getres_time64, 406) \
    X(clock_nanosleep_time64, 407) \
    X(futex_time64, 422) \
    X(clone3, 435)

namespace abi {

enum Syscall : unsigned {
#define CLEAVE_SYSCALL_ENUM(name, number) SYS_##name = number,
    CLEAVE_SYSCALLS(CLEAVE_SYSCALL_ENUM)
#undef CLEAVE_SYSCALL_ENUM
};

constexpr unsigned SYSCALL_COUNT = 450; // one past the highest Linux i386 number Cleave knows

} // namespace abi
