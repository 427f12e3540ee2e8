/* vars.c: the shell's variables and the environment it gives programs.
 *
 * A variable is a name, a value and an "exported" mark. The shell starts
 * with every variable of its own environment, exported. A program it runs
 * gets the exported variables as its environment, plus the assignments
 * written before the command (`FOO=1 cmd`), which affect that program
 * only. The special parameters ($?, $$, $1, ...) are not variables: they
 * live in the shell's state (struct Shell) and expand.c reads them there.
 *
 * There is one set of variables. `local NAME` in a function does not make
 * a second one: it saves NAME as it is (value, exported mark, or unset)
 * on a stack, and when the function returns, every variable it saved is
 * put back (locals_restore). So a function called from the function sees
 * the local one (dynamic scope, as in other shells).
 */
#include "sh.h"

#include <stdlib.h>
#include <string.h>

typedef struct Var {
    struct Var *next;
    char *name;
    char *value; /* NULL: declared (by export NAME) but not set */
    int exported;
} Var;

static Var *vars; /* in the order they were made */

static Var *find(const char *name, size_t len)
{
    for (Var *v = vars; v; v = v->next)
        if (strlen(v->name) == len && !memcmp(v->name, name, len))
            return v;
    return NULL;
}

static Var *find_or_make(const char *name)
{
    Var *v = find(name, strlen(name));
    if (v)
        return v;
    v = xmalloc(sizeof *v);
    v->name = xstrdup(name);
    v->value = NULL;
    v->exported = 0;
    /* Appended, so that `export` lists in a stable order. */
    Var **end = &vars;
    while (*end)
        end = &(*end)->next;
    v->next = NULL;
    *end = v;
    return v;
}

const char *var_get(const char *name)
{
    Var *v = find(name, strlen(name));
    return v ? v->value : NULL;
}

void var_set(const char *name, const char *value)
{
    Var *v = find_or_make(name);
    char *copy = xstrdup(value);
    free(v->value);
    v->value = copy;
}

void var_set_exported(const char *name, const char *value)
{
    var_set(name, value);
    var_export(name);
}

void var_export(const char *name)
{
    find_or_make(name)->exported = 1;
}

void var_unset(const char *name)
{
    for (Var **p = &vars; *p; p = &(*p)->next) {
        if (!strcmp((*p)->name, name)) {
            Var *v = *p;
            *p = v->next;
            free(v->name);
            free(v->value);
            free(v);
            return;
        }
    }
}

void var_import(char **environ)
{
    for (char **e = environ; e && *e; e++) {
        char *eq = strchr(*e, '=');
        if (!eq || !is_name(*e, (size_t)(eq - *e)))
            continue;
        char *name = xstrndup(*e, (size_t)(eq - *e));
        var_set_exported(name, eq + 1);
        free(name);
    }
}

/* Writes value in single quotes, so that the output can be read back. */
void str_add_quoted(Str *out, const char *value)
{
    str_addc(out, '\'');
    for (const char *c = value; *c; c++) {
        if (*c == '\'')
            str_adds(out, "'\\''");
        else
            str_addc(out, *c);
    }
    str_addc(out, '\'');
}

void var_print_exports(int fd)
{
    Str out = { 0 };
    for (Var *v = vars; v; v = v->next) {
        if (!v->exported)
            continue;
        str_adds(&out, "export ");
        str_adds(&out, v->name);
        if (v->value) {
            str_addc(&out, '=');
            str_add_quoted(&out, v->value);
        }
        str_addc(&out, '\n');
    }
    if (out.len)
        write_all(fd, out.s, out.len);
    str_free(&out);
}

char **var_environ(char **extra)
{
    StrList env = { 0 };
    for (Var *v = vars; v; v = v->next) {
        if (!v->exported || !v->value)
            continue;
        /* An assignment before the command wins over the variable. */
        int overridden = 0;
        size_t len = strlen(v->name);
        for (char **x = extra; x && *x; x++)
            if (!strncmp(*x, v->name, len) && (*x)[len] == '=')
                overridden = 1;
        if (overridden)
            continue;
        char *s = xmalloc(len + strlen(v->value) + 2);
        strcpy(s, v->name);
        s[len] = '=';
        strcpy(s + len + 1, v->value);
        list_add(&env, s);
    }
    for (char **x = extra; x && *x; x++)
        list_add(&env, xstrdup(*x));
    return list_finish(&env);
}

void params_set(int argc, char **argv)
{
    char **copy = xmalloc(((size_t)argc + 1) * sizeof *copy);
    for (int i = 0; i < argc; i++)
        copy[i] = xstrdup(argv[i]);
    copy[argc] = NULL;
    /* argv may point into the old array: free it only now. */
    free_strv(sh.argv);
    sh.argv = copy;
    sh.argc = argc;
}

/* ---- local variables ------------------------------------------------------ */

typedef struct Saved {
    struct Saved *next;
    int depth;   /* the function call (sh.func_depth) that saved it */
    char *name;
    int existed; /* else: unset before */
    char *value; /* may be NULL: declared, not set */
    int exported;
} Saved;

static Saved *saved; /* the latest first */

void var_make_local(const char *name)
{
    for (Saved *s = saved; s && s->depth == sh.func_depth; s = s->next)
        if (!strcmp(s->name, name))
            return; /* already local in this call: the first save counts */
    Saved *s = xmalloc(sizeof *s);
    Var *v = find(name, strlen(name));
    s->depth = sh.func_depth;
    s->name = xstrdup(name);
    s->existed = v != NULL;
    s->value = v && v->value ? xstrdup(v->value) : NULL;
    s->exported = v ? v->exported : 0;
    s->next = saved;
    saved = s;
}

void locals_restore(int depth)
{
    while (saved && saved->depth >= depth) {
        Saved *s = saved;
        saved = s->next;
        if (!s->existed) {
            var_unset(s->name);
        } else {
            Var *v = find_or_make(s->name);
            free(v->value);
            v->value = s->value; /* handed over */
            v->exported = s->exported;
        }
        free(s->name);
        free(s);
    }
}
