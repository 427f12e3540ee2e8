/* id [-u | -g | -G] [-n] [user]: prints the user and group ids
 *
 *   uid=1000(alice) gid=1000(alice) groups=1000(alice),100(users)
 *
 * of the process (as the kernel keeps them: credentials), or of a user of
 * /etc/passwd (as login would set them). -u, -g, -G: only the uid, the
 * gid, the groups; with -n as names.
 *
 * System calls: getuid, getgid, geteuid, getegid, getgroups. */
#include "util.h"

#include <stdio.h>
#include <unistd.h>

#define USAGE "[-u | -g | -G] [-n] [user]"
#define MAX_GROUPS 64

static int names_only;

static void show(const char *label, unsigned id, const char *name)
{
    if (label) {
        printf("%s=%u", label, id);
        if (name && name[0])
            printf("(%s)", name);
    } else if (names_only && name && name[0]) {
        printf("%s", name);
    } else {
        printf("%u", id);
    }
}

static const char *user_name(uid_t uid)
{
    static struct user u;
    return user_by_uid(uid, &u) == 0 ? u.name : NULL;
}

static const char *group_text(gid_t gid)
{
    static char name[64];
    return group_name(gid, name, sizeof name) == 0 ? name : NULL;
}

int main(int argc, char **argv)
{
    int which = 0, c;
    while ((c = getopt(argc, argv, "ugGn")) != -1) {
        if (c == 'n')
            names_only = 1;
        else if ((c == 'u' || c == 'g' || c == 'G') && !which)
            which = c;
        else
            usage(USAGE);
    }
    if (argc - optind > 1 || (names_only && !which))
        usage(USAGE);

    uid_t uid, euid;
    gid_t gid, egid, groups[MAX_GROUPS];
    int count;
    if (optind < argc) {
        struct user u;
        if (user_by_name_or_uid(argv[optind], &u) != 0) {
            warn("%s: no such user", argv[optind]);
            return EXIT_FAIL;
        }
        uid = euid = u.uid;
        gid = egid = u.gid;
        count = groups_of(&u, groups, MAX_GROUPS);
    } else {
        uid = getuid();
        euid = geteuid();
        gid = getgid();
        egid = getegid();
        /* The supplementary groups, after the gid (which a process may
         * have without it being one of them). */
        groups[0] = egid;
        count = getgroups(MAX_GROUPS - 1, groups + 1);
        if (count < 0)
            die_errno("getgroups");
        int kept = 1;
        for (int i = 1; i <= count; i++)
            if (groups[i] != egid)
                groups[kept++] = groups[i];
        count = kept;
    }

    if (which == 'u') {
        show(NULL, euid, user_name(euid));
    } else if (which == 'g') {
        show(NULL, egid, group_text(egid));
    } else if (which == 'G') {
        for (int i = 0; i < count; i++) {
            if (i)
                printf(" ");
            show(NULL, groups[i], group_text(groups[i]));
        }
    } else {
        show("uid", uid, user_name(uid));
        show(" gid", gid, group_text(gid));
        if (euid != uid)
            show(" euid", euid, user_name(euid));
        if (egid != gid)
            show(" egid", egid, group_text(egid));
        printf(" groups=");
        for (int i = 0; i < count; i++) {
            if (i)
                printf(",");
            printf("%u", (unsigned)groups[i]);
            const char *name = group_text(groups[i]);
            if (name)
                printf("(%s)", name);
        }
    }
    printf("\n");
    return EXIT_OK;
}
