// The ABI constants test_abi.cpp compares, as tables of (Linux name, value).
//
// The same constant is looked up twice, in two translation units that must
// not see each other's headers:
//   - linux_abi_tables.cpp includes only the Linux UAPI headers of the cross
//     toolchain (whose errno values are macros named like abi::Errno's
//     enumerators), and nothing of the host's C library;
//   - cleave_abi_tables.cpp includes only Cleave's kernel headers.
// Each builds its tables from the lists below, so both have the same rows in
// the same order, keyed by the Linux name. This header includes nothing, so
// that both may include it.
#pragma once

namespace abi_test {

struct Constant {
    const char* name;        // Linux's: "EPERM", "O_CREAT", "exit" (for __NR_exit)
    const char* cleave_name; // Cleave's, without its namespace: "EPERM", "CREATE", "exit"
    unsigned long long value;
};

struct Table {
    const Constant* rows;
    unsigned count;
};

// Every area, each with the same row order on both sides.
enum class Area { Syscalls, Errno, OpenFlags, CloneFlags, Prot, Mode, InputFlags, OutputFlags, ControlFlags, LocalFlags,
    ControlChars, TtyIoctls, PollEvents };

Table linux_table(Area);
Table cleave_table(Area);

} // namespace abi_test

// The lists. Each X(...) row names Cleave's constant (without its
// namespace) and, where the names differ, Linux's.

// abi::Errno, same names as Linux's errno macros.
#define ABI_TEST_ERRNO(X)                                                                          \
    X(EPERM) X(ENOENT) X(ESRCH) X(EINTR) X(EIO) X(ENXIO) X(E2BIG) X(ENOEXEC) X(EBADF) X(ECHILD)   \
    X(EAGAIN) X(ENOMEM) X(EACCES) X(EFAULT) X(EBUSY) X(EEXIST) X(EXDEV) X(ENODEV) X(ENOTDIR)     \
    X(EISDIR) X(EINVAL) X(ENFILE) X(EMFILE) X(ENOTTY) X(EFBIG) X(ENOSPC) X(ESPIPE) X(EROFS)      \
    X(EMLINK) X(EPIPE) X(EDOM) X(ERANGE) X(EDEADLK) X(ENAMETOOLONG) X(ENOSYS) X(ENOTEMPTY)       \
    X(ELOOP) X(ENODATA) X(EOVERFLOW) X(ENOTSUP) X(ETIMEDOUT)

// open_flags (kernel/fs/open_file.h) against O_* of asm/fcntl.h.
#define ABI_TEST_OPEN_FLAGS(X)                                                                     \
    X(ACCESS_MODE, O_ACCMODE) X(READ_ONLY, O_RDONLY) X(WRITE_ONLY, O_WRONLY)                       \
    X(READ_WRITE, O_RDWR) X(CREATE, O_CREAT) X(EXCLUSIVE, O_EXCL) X(NO_CTTY, O_NOCTTY)             \
    X(TRUNCATE, O_TRUNC) X(APPEND, O_APPEND) X(NONBLOCK, O_NONBLOCK) X(DIRECTORY, O_DIRECTORY)     \
    X(NO_FOLLOW, O_NOFOLLOW) X(CLOSE_ON_EXEC, O_CLOEXEC) X(PATH, O_PATH) X(LARGEFILE, O_LARGEFILE) \
    X(DSYNC, O_DSYNC) X(ASYNC, FASYNC) X(DIRECT, O_DIRECT) X(NO_ATIME, O_NOATIME) X(SYNC, O_SYNC)   \
    X(TMPFILE, O_TMPFILE)

// clone_flags (kernel/task/process.h) against linux/sched.h.
#define ABI_TEST_CLONE_FLAGS(X)                                                                    \
    X(EXIT_SIGNAL_MASK, CSIGNAL) X(VM, CLONE_VM) X(FS, CLONE_FS) X(FILES, CLONE_FILES)             \
    X(SIGHAND, CLONE_SIGHAND) X(VFORK, CLONE_VFORK) X(PARENT, CLONE_PARENT)                        \
    X(THREAD, CLONE_THREAD) X(NEWNS, CLONE_NEWNS) X(SYSVSEM, CLONE_SYSVSEM)                        \
    X(SETTLS, CLONE_SETTLS) X(PARENT_SETTID, CLONE_PARENT_SETTID)                                  \
    X(CHILD_CLEARTID, CLONE_CHILD_CLEARTID) X(CHILD_SETTID, CLONE_CHILD_SETTID)

// prot (kernel/mm/mm.h) against asm/mman.h.
#define ABI_TEST_PROT(X) X(READ, PROT_READ) X(WRITE, PROT_WRITE) X(EXEC, PROT_EXEC)

// mode (kernel/fs/inode.h), st_mode's file types, against linux/stat.h.
#define ABI_TEST_MODE(X)                                                                           \
    X(TYPE_MASK, S_IFMT) X(SOCKET, S_IFSOCK) X(SYMLINK, S_IFLNK) X(REGULAR, S_IFREG)               \
    X(BLOCK, S_IFBLK) X(DIRECTORY, S_IFDIR) X(CHARACTER, S_IFCHR) X(FIFO, S_IFIFO)                 \
    X(SET_UID, S_ISUID) X(SET_GID, S_ISGID) X(STICKY, S_ISVTX)                                     \
    X(PERMISSIONS, (S_ISUID | S_ISGID | S_ISVTX | S_IRWXU | S_IRWXG | S_IRWXO))

// The terminal (kernel/abi/termios.h) against asm-generic/termbits.h and
// asm-generic/ioctls.h: the same names as Linux's.
#define ABI_TEST_INPUT_FLAGS(X)                                                                    \
    X(IGNBRK) X(BRKINT) X(IGNPAR) X(PARMRK) X(INPCK) X(ISTRIP) X(INLCR) X(IGNCR) X(ICRNL) X(IUCLC)  \
    X(IXON) X(IXANY) X(IXOFF) X(IMAXBEL) X(IUTF8)
#define ABI_TEST_OUTPUT_FLAGS(X)                                                                   \
    X(OPOST) X(OLCUC) X(ONLCR) X(OCRNL) X(ONOCR) X(ONLRET) X(OFILL) X(OFDEL) X(TABDLY) X(XTABS)
#define ABI_TEST_CONTROL_FLAGS(X)                                                                  \
    X(CBAUD) X(B9600) X(B38400) X(CSIZE) X(CS8) X(CSTOPB) X(CREAD) X(PARENB) X(PARODD) X(HUPCL)    \
    X(CLOCAL)
#define ABI_TEST_LOCAL_FLAGS(X)                                                                    \
    X(ISIG) X(ICANON) X(XCASE) X(ECHO) X(ECHOE) X(ECHOK) X(ECHONL) X(NOFLSH) X(TOSTOP) X(ECHOCTL)   \
    X(ECHOPRT) X(ECHOKE) X(FLUSHO) X(PENDIN) X(IEXTEN) X(EXTPROC)
#define ABI_TEST_CONTROL_CHARS(X)                                                                  \
    X(VINTR) X(VQUIT) X(VERASE) X(VKILL) X(VEOF) X(VTIME) X(VMIN) X(VSWTC) X(VSTART) X(VSTOP)      \
    X(VSUSP) X(VEOL) X(VREPRINT) X(VDISCARD) X(VWERASE) X(VLNEXT) X(VEOL2) X(NCCS)
#define ABI_TEST_TTY_IOCTLS(X)                                                                     \
    X(TCGETS) X(TCSETS) X(TCSETSW) X(TCSETSF) X(TCSBRK) X(TCXONC) X(TCFLSH) X(TIOCSCTTY)           \
    X(TIOCGPGRP) X(TIOCSPGRP) X(TIOCOUTQ) X(TIOCSTI) X(TIOCGWINSZ) X(TIOCSWINSZ) X(FIONREAD)       \
    X(TIOCNOTTY) X(TIOCSETD) X(TIOCGETD) X(TCSBRKP) X(TIOCGSID) X(TCOOFF) X(TCOON) X(TCIOFF)      \
    X(TCION) X(TCIFLUSH) X(TCOFLUSH) X(TCIOFLUSH) X(TIOCGPTN) X(TIOCSPTLCK) X(TIOCGPTLCK)           \
    X(TIOCGPTPEER) X(TIOCSIG)

// poll's events (kernel/abi/poll.h) against asm-generic/poll.h.
#define ABI_TEST_POLL_EVENTS(X)                                                                    \
    X(POLLIN) X(POLLPRI) X(POLLOUT) X(POLLERR) X(POLLHUP) X(POLLNVAL) X(POLLRDNORM) X(POLLRDBAND)  \
    X(POLLWRNORM) X(POLLWRBAND) X(POLLMSG) X(POLLRDHUP)
