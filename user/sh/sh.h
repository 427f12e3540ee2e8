/* sh.h: what the parts of Cleave's shell share.
 *
 * The shell is one loop (main.c): read one complete command, run it, forget
 * it, repeat. Reading is three steps: input.c hands out characters (from a
 * string, a file, or the line editor of lineedit.c), lex.c cuts them into
 * tokens, parse.c builds a tree of Nodes. Running walks the tree (exec.c):
 * expand.c turns each word into argument strings, redir.c opens files onto
 * file descriptors, jobs.c forks, puts processes in process groups and waits
 * for them, builtins.c holds the commands the shell runs itself (test.c
 * and printf.c two larger ones), trap.c the signals the shell catches.
 * vars.c keeps the variables, util.c the small helpers everything uses.
 *
 * Memory: the tree of one command lives in an arena (util.c) that is
 * emptied after the command ran (a function's tree is copied into an arena
 * of its own); everything else is malloc'd and freed explicitly. Output
 * goes through write(2) only, never through a stdio buffer, so that a fork
 * can never print something twice.
 */
#pragma once
#define _GNU_SOURCE
#include <setjmp.h>
#include <stddef.h>
#include <sys/types.h>

/* ---- util.c: errors, output, strings, the arena ------------------------- */

void *xmalloc(size_t size);
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* "sh: <message>\n" on standard error, in one write. */
void sh_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Formats and writes to fd, in one write for short text. */
void out_printf(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void write_all(int fd, const char *s, size_t n);

/* A growable NUL-terminated string. */
typedef struct Str {
    char *s;
    size_t len, cap;
} Str;
void str_addc(Str *b, char c);
void str_addn(Str *b, const char *s, size_t n);
void str_adds(Str *b, const char *s);
void str_free(Str *b);

/* A growable NULL-terminated array of malloc'd strings. */
typedef struct StrList {
    char **v;
    int n, cap;
} StrList;
void list_add(StrList *l, char *s); /* takes ownership of s */
char **list_finish(StrList *l);     /* the array, NULL-terminated (never NULL) */
void free_strv(char **v);

/* The arena: allocations that live until the arena is released back to a
 * mark. The parse tree of a command is allocated here. A function's tree
 * must outlive the command that defined it: it is copied into an arena of
 * its own (arena_new, arena_switch), freed whole when the function goes. */
typedef struct ArenaMark {
    void *block;
    size_t used;
} ArenaMark;
typedef struct Arena Arena;
void *arena_alloc(size_t size); /* in the current arena */
char *arena_strndup(const char *s, size_t n);
ArenaMark arena_mark(void);
void arena_release(ArenaMark mark);
Arena *arena_new(void);
Arena *arena_switch(Arena *to); /* allocate in `to` (NULL: the command's); returns the previous */
void arena_free(Arena *a);

/* True if s[0..n) is a NAME: a letter or '_', then letters, digits, '_'. */
int is_name(const char *s, size_t n);
/* Parses a whole decimal number >= 0 into *value; 0 on success. */
int parse_number(const char *s, long *value);

/* ---- the shell's state (main.c) ----------------------------------------- */

struct Shell {
    int interactive; /* prompts, job reports, line editing */
    int jobctl;      /* job control: process groups and the terminal */
    int errexit;     /* set -e: exit when a command fails */
    int xtrace;      /* set -x: print commands before running them */
    int last_status; /* $? */
    int subst_status; /* status of the last $(...) of the current command */
    pid_t pid;        /* $$: the shell's pid (a subshell keeps its parent's) */
    pid_t last_bg;    /* $!: the pid of the last background job */
    char *arg0;       /* $0 */
    int argc;         /* $#, and $1.. in argv[0..argc) */
    char **argv;
    int in_condition; /* > 0 inside if/while conditions, left of && ||, ! */
    int loop_depth;   /* how many for/while loops we are in */
    int breaking;     /* break N: loops still to leave */
    int continuing;   /* continue N: loops still to leave before continuing */
    int func_depth;   /* how many function calls we are in (for local) */
    int return_depth; /* function calls and . files: where return may go */
    int returning;    /* return N: leaving the function or . file */
    int return_status;
};
extern struct Shell sh;

/* Exits the shell: runs the EXIT trap, restores the terminal. */
_Noreturn void shell_exit(int status);
/* True while break, continue or return is leaving commands unfinished:
 * the rest of a list is skipped. */
int unwinding(void);

/* ---- vars.c: variables and the environment ------------------------------ */

const char *var_get(const char *name);
void var_set(const char *name, const char *value);
void var_set_exported(const char *name, const char *value);
void var_export(const char *name);
void var_unset(const char *name);
void var_import(char **environ);
void var_print_exports(int fd);
/* The environment for a new program: exported variables, overridden by
 * the "NAME=value" strings of extra (may be NULL). malloc'd. */
char **var_environ(char **extra);
/* Sets the positional parameters $1.. (copies the strings). */
void params_set(int argc, char **argv);
/* local NAME: remembers NAME as it is, to be put back by locals_restore
 * when the function call at sh.func_depth returns. */
void var_make_local(const char *name);
void locals_restore(int depth);
/* value in single quotes, so that the shell can read it back. */
void str_add_quoted(Str *out, const char *value);

/* ---- input.c: where characters come from -------------------------------- */

enum { INPUT_EOF = -1, INPUT_INTR = -2, NO_CHAR = -3 };

typedef struct Input {
    int fd;             /* file or stdin; -1 for a string */
    const char *string; /* the -c string, or a $(...) text */
    char *buf;          /* characters read but not handed out yet */
    size_t len, pos, cap;
    int editor;   /* interactive: lines come from the line editor, with prompts */
    int one_byte; /* read(2) one byte at a time: stdin is shared with commands */
    int want_ps1; /* the next prompt is the primary one */
    const char *name; /* for messages: the script's name, or NULL */
} Input;

void input_from_string(Input *in, const char *s);
int input_from_file(Input *in, const char *path); /* -1 and errno on failure */
void input_from_stdin(Input *in);
void input_close(Input *in);
int input_getc(Input *in); /* a character, INPUT_EOF, or INPUT_INTR (Ctrl-C) */
void input_discard_line(Input *in);
char *prompt_text(void); /* "cleave:<cwd># " (malloc'd) */

/* ---- lex.c and parse.c: from characters to a tree ----------------------- */

enum TokenKind {
    T_EOF, T_NEWLINE, T_WORD, T_SEMI, T_AMP, T_PIPE, T_ANDAND, T_OROR,
    T_LPAREN, T_RPAREN, T_REDIR, T_DSEMI, /* ;; */
};

enum RedirKind {
    R_IN,     /* <  */
    R_OUT,    /* >  (and >|) */
    R_APPEND, /* >> */
    R_RDWR,   /* <> */
    R_DUPIN,  /* <& */
    R_DUPOUT, /* >& */
    R_HERE,   /* << here-document */
    R_HERE_TABS, /* <<- here-document, leading tabs removed */
};

typedef struct Token {
    int kind;
    char *text;   /* T_WORD: the word as written, quotes and all */
    int redir;    /* T_REDIR: the RedirKind */
    int fd;       /* T_REDIR: the fd redirected (-1: the default) */
    size_t start; /* where the token is in Parser.src */
    size_t end;
    int line;     /* the line it starts on */
} Token;

/* The state of reading one input: the lexer's and the parser's. */
typedef struct Parser {
    Input *in;
    int peeked;     /* a character looked at but not taken, or NO_CHAR */
    int lineno;     /* the line being read: 1 + the newlines taken */
    Str src;        /* the text of the command being read (for job lists) */
    Token tok;      /* the next token, if have_tok */
    int have_tok;
    struct Redir *here_first, *here_last; /* here-documents whose text is
                                           * still to be read */
    jmp_buf fail;   /* where a syntax error or Ctrl-C jumps to */
} Parser;

_Noreturn void syntax_error(Parser *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
_Noreturn void parse_interrupted(Parser *p);
Token lex_next(Parser *p);

typedef struct Redir {
    struct Redir *next;
    int kind; /* RedirKind */
    int fd;
    char *target; /* a word: the file, or the fd number (or "-") for dups;
                   * for a here-document, its text, once read */
    /* here-documents only: */
    char *here_end;  /* the delimiter line, quotes removed */
    int here_quoted; /* the delimiter was quoted: the text is not expanded */
    struct Redir *here_next; /* in Parser's list of texts to read */
} Redir;

enum NodeKind {
    N_SIMPLE,   /* assigns, words, redirs */
    N_PIPE,     /* cmds[0] | cmds[1] | ... */
    N_AND,      /* left && right */
    N_OR,       /* left || right */
    N_SEQ,      /* left ; right */
    N_BG,       /* left & */
    N_NOT,      /* ! left */
    N_IF,       /* if left then right else alt fi */
    N_WHILE,    /* while left do right done */
    N_UNTIL,    /* until left do right done */
    N_FOR,      /* for var in words do right done (words NULL: "$@") */
    N_GROUP,    /* { left } */
    N_SUBSHELL, /* ( left ) */
    N_CASE,     /* case var in items esac */
    N_FUNCDEF,  /* var() left */
};

/* One `pattern|pattern) body ;;` of a case. */
typedef struct CaseItem {
    struct CaseItem *next;
    char **patterns;
    struct Node *body; /* NULL: an empty list */
} CaseItem;

typedef struct Node {
    int kind;
    char *text;     /* the source text, shown by `jobs` */
    Redir *redirs;  /* simple and compound commands */
    char **assigns; /* N_SIMPLE: NAME=value words before the command */
    char **words;   /* N_SIMPLE: the command and its arguments; N_FOR: the list */
    struct Node *left, *right, *alt;
    struct Node **cmds; /* N_PIPE */
    int ncmds;
    char *var; /* N_FOR: the variable; N_CASE: the word; N_FUNCDEF: the name */
    CaseItem *items; /* N_CASE */
} Node;

enum { PARSE_OK, PARSE_EOF, PARSE_SYNTAX, PARSE_INTR };

void parser_init(Parser *p, Input *in);
void parser_free(Parser *p);
/* Reads one complete command (up to a newline at the top level) into
 * *out (NULL for an empty line). Returns a PARSE_ value. */
int parse_command(Parser *p, Node **out);
/* A copy of the tree n in the current arena (for a function's body). */
Node *tree_copy(const Node *n);

/* ---- expand.c and arith.c: from words to strings ------------------------ */

/* The fields of the words (after parameter expansion, command
 * substitution, field splitting, pathname expansion and quote removal),
 * as a NULL-terminated malloc'd array; NULL if an expansion failed (the
 * message is printed). */
char **expand_words(char **words, int *count);
/* One word to one string, without field splitting or pathname
 * expansion (assignments, redirection targets); NULL on failure. */
char *expand_string(const char *word);
/* A word as a pattern for fnmatch(3) (case, ${x#...}): expanded like
 * expand_string, with its quoted characters escaped so that they match
 * only themselves. NULL on failure. */
char *expand_pattern(const char *word);
/* The text of a here-document whose delimiter was not quoted: $
 * expansions, $(...), `...` and $((...)); a backslash quotes only $ ` \
 * and newline. NULL on failure. */
char *expand_here(const char *text);
/* $((...)): evaluates expr (already expanded); 0 on success. */
int arith_eval(const char *expr, long *result);

/* ---- exec.c and redir.c: running the tree ------------------------------- */

enum { EV_EXIT = 1 }; /* this process ends after the node: exec in place */

int run_node(Node *n, int flags);
/* execs argv[0] (searching PATH) with the environment plus assigns;
 * never returns (exits 126 or 127 with a message on failure). */
_Noreturn void exec_program(char **argv, char **assigns);
/* Runs every command of in; returns the last status. */
int run_input(Input *in);
int run_string(const char *text);
/* The function called name, for a command; define_function keeps a
 * copy of body. */
typedef struct Function Function;
Function *find_function(const char *name);
void define_function(const char *name, Node *body);
int unset_function(const char *name); /* 0 if there was one */
/* The exit status a shell reports for a wait status: the exit code, or
 * 128 + the signal number. */
int status_of(int wstatus);

typedef struct RedirUndo {
    int n, cap;
    struct { int fd, saved; } *items; /* saved: a copy of the old fd, or -1 */
} RedirUndo;
/* Applies the redirections; with undo, remembers how to take them back.
 * 0 on success; -1 after printing why. */
int redirect(Redir *list, RedirUndo *undo);
void redirect_undo(RedirUndo *undo);

/* ---- jobs.c: processes, process groups, the terminal -------------------- */

typedef struct Job Job;
void jobs_init(void);             /* an interactive shell takes the terminal */
Job *job_new(const char *text);
pid_t job_fork(Job *job, int foreground); /* like fork(): 0 in the child */
int job_wait(Job *job);           /* waits for a foreground job; its status */
void job_background(Job *job);    /* a started background job: report it */
void job_discard(Job *job);       /* a job whose processes could not start */
void jobs_notify(void);           /* reports finished jobs (before a prompt) */
void jobs_reap(void);             /* collects finished children, no waiting */
void enter_subshell(void);        /* in a forked child: the jobs are not ours */
void terminal_restore(void);

/* ---- trap.c: signals and traps ------------------------------------------- */

void signals_init(void);        /* at start: notes the signals ignored on entry */
void signals_interactive(void); /* the interactive shell's own dispositions */
void signals_subshell(void);    /* in a forked child: traps do not carry over */
void traps_run(void);           /* runs the traps of signals that came */
extern volatile int traps_pending; /* a trapped signal came: traps_run */
/* A signal that must end a `wait` now (a trapped one, or Ctrl-C in an
 * interactive shell); 0 if none. Taken: reported once. */
int signal_interrupting_wait(void);
void interrupt_forget(void);    /* before a prompt: an old Ctrl-C is stale */
void trap_exit(int status);     /* runs the EXIT trap, once */
int trap_exit_set(void);
int signal_number(const char *name); /* "TERM", "SIGTERM", "15"; -1 if unknown */
int builtin_trap(int argc, char **argv);

/* ---- builtins.c --------------------------------------------------------- */

typedef int (*BuiltinFn)(int argc, char **argv);
BuiltinFn find_builtin(const char *name);
/* The special builtins (POSIX): a function cannot take their names' place. */
int is_special_builtin(const char *name);
int builtin_exec(int argc, char **argv);
/* The NAME=value words before the builtin now running (for exec). */
extern char **builtin_assigns;
/* jobs.c's builtins */
int builtin_jobs(int argc, char **argv);
int builtin_fg(int argc, char **argv);
int builtin_bg(int argc, char **argv);
int builtin_wait(int argc, char **argv);
int builtin_kill(int argc, char **argv);
/* test.c */
int builtin_test(int argc, char **argv);
/* printf.c */
int builtin_printf(int argc, char **argv);
/* The backslash escapes of echo -e and printf's %b added to out: \n, \t,
 * \0NNN, ... Returns 1 if a \c said to stop all output. */
int add_escaped(Str *out, const char *s);

/* ---- lineedit.h --------------------------------------------------------- */
#include "lineedit.h"
