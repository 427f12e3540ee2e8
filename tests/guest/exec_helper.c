/* exec_helper: the program that exec.c runs with execve. It checks what the
 * kernel gave it and reports through its exit status: 0 when every check
 * passed, otherwise the number of failed checks (each also printed as a
 * "# exec_helper: ..." line, which TAP treats as a comment).
 *
 *   exec_helper argv    argv is exactly ARGV_EXPECTED below
 *   exec_helper envp    the environment is exactly ENV_EXPECTED below
 *   exec_helper auxv PATH
 *                       the auxiliary vector describes this program, and
 *                       AT_EXECFN is PATH (the path given to execve)
 *   exec_helper big N LEN
 *                       N more arguments of LEN bytes each, argument i
 *                       made of the letter 'a' + i % 26
 *
 * Built twice: against musl (exec_helper) and glibc (exec_helper_glibc).
 */
#define _GNU_SOURCE
#include <elf.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;
extern const Elf32_Ehdr __ehdr_start; /* the linker's: our own ELF header */
extern char _start[];                  /* the C library's entry point */

static int failures;

__attribute__((format(printf, 2, 3))) static void check(int cond, const char *fmt, ...)
{
    if (cond)
        return;
    failures++;
    char buf[512];
    int n = snprintf(buf, sizeof buf, "# exec_helper: failed: ");
    va_list ap;
    va_start(ap, fmt);
    int m = vsnprintf(buf + n, sizeof buf - (size_t)n - 1, fmt, ap);
    va_end(ap);
    size_t len = (size_t)n + (m > 0 ? (size_t)m : 0);
    if (len > sizeof buf - 2)
        len = sizeof buf - 2;
    buf[len++] = '\n';
    ssize_t w = write(1, buf, len);
    (void)w;
}

static const char *const ARGV_EXPECTED[] = { "helper-argv0", "argv", "second arg", "", "last" };
static const char *const ENV_EXPECTED[] = { "FOO=bar", "EMPTY=", "SPACES=a b c", "PATH=/nowhere" };
#define COUNT(a) (int)(sizeof(a) / sizeof((a)[0]))

static void check_argv(int argc, char **argv)
{
    check(argc == COUNT(ARGV_EXPECTED), "argc is %d, want %d", argc, COUNT(ARGV_EXPECTED));
    for (int i = 0; i < argc && i < COUNT(ARGV_EXPECTED); i++)
        check(!strcmp(argv[i], ARGV_EXPECTED[i]), "argv[%d] is \"%s\", want \"%s\"", i, argv[i], ARGV_EXPECTED[i]);
    check(argv[argc] == NULL, "argv[argc] is not NULL");
    /* Programs may write to their arguments (strtok does). */
    argv[2][0] = 'S';
    check(argv[2][0] == 'S', "argv[2] is not writable");
}

static void check_envp(int argc, char **argv)
{
    int n = 0;
    while (environ[n])
        n++;
    check(n == COUNT(ENV_EXPECTED), "%d environment strings, want %d", n, COUNT(ENV_EXPECTED));
    for (int i = 0; i < n && i < COUNT(ENV_EXPECTED); i++)
        check(!strcmp(environ[i], ENV_EXPECTED[i]), "environ[%d] is \"%s\", want \"%s\"", i, environ[i],
              ENV_EXPECTED[i]);
    check(environ == argv + argc + 1, "envp does not follow argv's NULL on the stack");
    const char *foo = getenv("FOO");
    check(foo && !strcmp(foo, "bar"), "getenv(\"FOO\") is %s", foo ? foo : "(null)");
}

/* Finds an auxiliary vector entry: it follows the environment's NULL. */
static int aux(unsigned type, unsigned *value)
{
    char **e = environ;
    while (*e)
        e++;
    for (Elf32_auxv_t *a = (Elf32_auxv_t *)(e + 1); a->a_type != AT_NULL; a++) {
        if (a->a_type == type) {
            *value = a->a_un.a_val;
            return 1;
        }
    }
    return 0;
}

static unsigned need_aux(unsigned type, const char *name)
{
    unsigned v = 0;
    check(aux(type, &v), "no %s in the auxiliary vector", name);
    return v;
}

static void check_auxv(const char *path)
{
    const Elf32_Ehdr *eh = &__ehdr_start;
    unsigned pagesz = need_aux(AT_PAGESZ, "AT_PAGESZ");
    check(pagesz == 4096, "AT_PAGESZ is %u", pagesz);

    unsigned phdr = need_aux(AT_PHDR, "AT_PHDR");
    unsigned phent = need_aux(AT_PHENT, "AT_PHENT");
    unsigned phnum = need_aux(AT_PHNUM, "AT_PHNUM");
    check(phdr == (uintptr_t)eh + eh->e_phoff, "AT_PHDR is %#x, want %#x", phdr, (unsigned)((uintptr_t)eh + eh->e_phoff));
    check(phent == sizeof(Elf32_Phdr), "AT_PHENT is %u", phent);
    check(phnum == eh->e_phnum, "AT_PHNUM is %u, the ELF header says %u", phnum, eh->e_phnum);
    /* The program headers are mapped, and the segments they describe are
     * where they say: one PT_LOAD holds the headers, an executable one
     * holds the entry point. */
    int covers_phdr = 0, covers_entry = 0;
    if (phdr == (uintptr_t)eh + eh->e_phoff && phnum == eh->e_phnum) {
        const Elf32_Phdr *ph = (const Elf32_Phdr *)(uintptr_t)phdr;
        for (unsigned i = 0; i < phnum; i++) {
            if (ph[i].p_type != PT_LOAD)
                continue;
            if (ph[i].p_vaddr <= phdr && phdr < ph[i].p_vaddr + ph[i].p_memsz)
                covers_phdr = 1;
            if ((ph[i].p_flags & PF_X) && ph[i].p_vaddr <= eh->e_entry && eh->e_entry < ph[i].p_vaddr + ph[i].p_memsz)
                covers_entry = 1;
        }
    }
    check(covers_phdr, "no PT_LOAD segment holds the program headers");
    check(covers_entry, "no executable PT_LOAD segment holds the entry point");

    unsigned entry = need_aux(AT_ENTRY, "AT_ENTRY");
    check(entry == eh->e_entry && entry == (uintptr_t)_start, "AT_ENTRY is %#x; e_entry %#x, _start %p", entry,
          eh->e_entry, (void *)_start);

    unsigned random = need_aux(AT_RANDOM, "AT_RANDOM");
    check(random != 0 && random < 0xC0000000u, "AT_RANDOM is %#x", random);
    if (random != 0 && random < 0xC0000000u) {
        const unsigned char *r = (const unsigned char *)(uintptr_t)random;
        int nonzero = 0;
        for (int i = 0; i < 16; i++)
            nonzero |= r[i];
        check(nonzero, "the 16 AT_RANDOM bytes are all zero");
    }

    static const struct {
        unsigned type;
        const char *name;
    } zero[] = { { AT_UID, "AT_UID" },   { AT_EUID, "AT_EUID" },    { AT_GID, "AT_GID" },
                 { AT_EGID, "AT_EGID" }, { AT_SECURE, "AT_SECURE" } };
    for (int i = 0; i < COUNT(zero); i++) {
        unsigned v = need_aux(zero[i].type, zero[i].name);
        check(v == 0, "%s is %u, want 0", zero[i].name, v);
    }

    unsigned execfn = need_aux(AT_EXECFN, "AT_EXECFN");
    check(execfn != 0 && execfn < 0xC0000000u && !strcmp((const char *)(uintptr_t)execfn, path),
          "AT_EXECFN is \"%s\", want \"%s\"", execfn && execfn < 0xC0000000u ? (const char *)(uintptr_t)execfn : "?",
          path);
}

static void check_big(int argc, char **argv)
{
    int n = argc > 2 ? atoi(argv[2]) : -1;
    int len = argc > 3 ? atoi(argv[3]) : -1;
    check(argc == 4 + n, "argc is %d, want %d", argc, 4 + n);
    for (int i = 0; i < n && 4 + i < argc; i++) {
        const char *a = argv[4 + i];
        int bad = (int)strlen(a) != len;
        for (int j = 0; !bad && j < len; j++)
            bad = a[j] != 'a' + i % 26;
        check(!bad, "big argument %d is wrong (length %d, want %d)", i, (int)strlen(a), len);
    }
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "";
    if (!strcmp(mode, "argv"))
        check_argv(argc, argv);
    else if (!strcmp(mode, "envp"))
        check_envp(argc, argv);
    else if (!strcmp(mode, "auxv"))
        check_auxv(argc > 2 ? argv[2] : "");
    else if (!strcmp(mode, "big"))
        check_big(argc, argv);
    else
        check(0, "unknown mode \"%s\"", mode);
    return failures > 100 ? 100 : failures;
}
