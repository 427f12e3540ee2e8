/* users.c: the user database, /etc/passwd and /etc/group.
 *
 * Both are text files, one entry a line, fields separated by colons:
 *
 *     alice:x:1000:1000:Alice:/home/alice:/bin/sh      (passwd)
 *     users:x:100:alice,bob                            (group)
 *
 * The kernel knows nothing of names: it keeps numbers (uid, gid). Names
 * are a convention of user space, and this is all there is to it. */
#include "util.h"

#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_FIELDS 7

/* Splits line (modified in place) at the colons into at most MAX_FIELDS
 * fields; returns how many. The newline at the end is dropped. */
static int split(char *line, char **field)
{
    line[strcspn(line, "\n")] = 0;
    int n = 0;
    field[n++] = line;
    for (char *p = line; *p && n < MAX_FIELDS; p++) {
        if (*p == ':') {
            *p = 0;
            field[n++] = p + 1;
        }
    }
    return n;
}

static void copy(char *to, size_t size, const char *from)
{
    snprintf(to, size, "%s", from);
}

/* Scans /etc/passwd for the entry whose name is `name` (if not NULL) or
 * whose uid is `uid`. */
static int find_user(const char *name, uid_t uid, struct user *u)
{
    FILE *f = fopen("/etc/passwd", "re");
    if (!f)
        return -1;
    char line[1024], *field[MAX_FIELDS];
    int found = -1;
    while (found < 0 && fgets(line, sizeof line, f)) {
        unsigned long id, gid;
        if (split(line, field) < 7 || parse_number(field[2], &id) || parse_number(field[3], &gid))
            continue;
        if (name ? strcmp(field[0], name) != 0 : id != uid)
            continue;
        copy(u->name, sizeof u->name, field[0]);
        u->uid = (uid_t)id;
        u->gid = (gid_t)gid;
        copy(u->home, sizeof u->home, field[5]);
        copy(u->shell, sizeof u->shell, field[6]);
        found = 0;
    }
    fclose(f);
    return found;
}

int user_by_name(const char *name, struct user *u) { return find_user(name, 0, u); }

int user_by_uid(uid_t uid, struct user *u) { return find_user(NULL, uid, u); }

int user_by_name_or_uid(const char *text, struct user *u)
{
    unsigned long id;
    if (parse_number(text, &id) != 0)
        return user_by_name(text, u);
    if (user_by_uid((uid_t)id, u) == 0)
        return 0;
    /* A number nobody has: a user with no name and no home. */
    u->name[0] = 0;
    u->uid = (uid_t)id;
    u->gid = (gid_t)id;
    copy(u->home, sizeof u->home, "/");
    copy(u->shell, sizeof u->shell, "/bin/sh");
    return 0;
}

/* Calls visit(fields, count, context) for each line of /etc/group until it
 * returns non-zero; returns that value, or 0. */
static int each_group(int (*visit)(char **field, int count, void *context), void *context)
{
    FILE *f = fopen("/etc/group", "re");
    if (!f)
        return 0;
    char line[1024], *field[MAX_FIELDS];
    int result = 0;
    while (!result && fgets(line, sizeof line, f))
        result = visit(field, split(line, field), context);
    fclose(f);
    return result;
}

struct group_query {
    gid_t gid;
    const char *name;
    char *buf;
    size_t size;
};

static int match_gid(char **field, int count, void *context)
{
    struct group_query *q = context;
    unsigned long gid;
    if (count < 3 || parse_number(field[2], &gid) || (gid_t)gid != q->gid)
        return 0;
    copy(q->buf, q->size, field[0]);
    return 1;
}

int group_name(gid_t gid, char *buf, size_t size)
{
    struct group_query q = { .gid = gid, .buf = buf, .size = size };
    return each_group(match_gid, &q) ? 0 : -1;
}

static int match_name(char **field, int count, void *context)
{
    struct group_query *q = context;
    unsigned long gid;
    if (count < 3 || parse_number(field[2], &gid) || strcmp(field[0], q->name) != 0)
        return 0;
    q->gid = (gid_t)gid;
    return 1;
}

int group_by_name_or_gid(const char *text, gid_t *gid)
{
    unsigned long id;
    if (parse_number(text, &id) == 0) {
        *gid = (gid_t)id;
        return 0;
    }
    struct group_query q = { .name = text };
    if (!each_group(match_name, &q))
        return -1;
    *gid = q.gid;
    return 0;
}

struct membership {
    const struct user *user;
    gid_t *list;
    int count, max;
};

/* Adds the group on this line if its member list names the user. */
static int add_if_member(char **field, int count, void *context)
{
    struct membership *m = context;
    unsigned long gid;
    if (count < 4 || parse_number(field[2], &gid) || !m->user->name[0])
        return 0;
    for (char *member = strtok(field[3], ","); member; member = strtok(NULL, ",")) {
        if (strcmp(member, m->user->name) != 0)
            continue;
        for (int i = 0; i < m->count; i++)
            if (m->list[i] == (gid_t)gid)
                return 0;
        if (m->count < m->max)
            m->list[m->count++] = (gid_t)gid;
        return 0;
    }
    return 0;
}

int groups_of(const struct user *u, gid_t *list, int max)
{
    struct membership m = { .user = u, .list = list, .count = 0, .max = max };
    if (max > 0)
        list[m.count++] = u->gid;
    each_group(add_if_member, &m);
    return m.count;
}

int become(const struct user *u)
{
    gid_t groups[32];
    int n = groups_of(u, groups, 32);
    if (setgroups((size_t)n, groups) != 0 || setgid(u->gid) != 0 || setuid(u->uid) != 0)
        return -1;
    return 0;
}
