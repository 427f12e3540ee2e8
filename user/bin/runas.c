/* runas and su: run a command as another user (root only: there is no
 * password to ask for).
 *
 *   runas USER|UID [-g GROUP|GID] command [arg...]
 *        the command with the user's ids and nothing else changed
 *   su [-s SHELL] [USER] [-c COMMAND]
 *        the user's shell (or SHELL), given "-c COMMAND" if asked, with
 *        HOME, SHELL, USER and LOGNAME set for the user; USER is root
 *        unless named
 *
 * One program, two names: what it does depends on argv[0].
 *
 * The order of the calls matters: setgroups and setgid first, while the
 * process is still root, then setuid, after which it may change none of
 * them any more (users.c, become()). A uid not in /etc/passwd may be
 * given as a number.
 *
 * Exit status: the command's; 1 if the user is unknown or the ids could
 * not be changed, 127 if the command was not found, 126 if it could not
 * be run. System calls: setgroups, setgid, setuid, execve. */
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define RUNAS_USAGE "USER|UID [-g GROUP|GID] command [arg...]"
#define SU_USAGE "[-s shell] [user] [-c command]"

static void switch_to(const struct user *u, const char *who)
{
    if (become(u) != 0) {
        warn("cannot become %s: %s", who, strerror(errno));
        exit(EXIT_FAIL);
    }
}

static int run(char **argv)
{
    execvp(argv[0], argv);
    int e = errno;
    warn_errno(argv[0]);
    return e == ENOENT ? 127 : 126;
}

static int runas(int argc, char **argv)
{
    const char *who = NULL, *group = NULL;
    int i = 1;
    for (; i < argc; i++) {
        if (!strcmp(argv[i], "-g") && i + 1 < argc && !group)
            group = argv[++i];
        else if (argv[i][0] == '-' || who)
            break;
        else
            who = argv[i];
    }
    if (!who || i >= argc || argv[i][0] == '-')
        usage(RUNAS_USAGE);
    struct user u;
    if (user_by_name_or_uid(who, &u) != 0) {
        warn("%s: no such user", who);
        return EXIT_FAIL;
    }
    if (group && group_by_name_or_gid(group, &u.gid) != 0) {
        warn("%s: no such group", group);
        return EXIT_FAIL;
    }
    switch_to(&u, who);
    return run(argv + i);
}

static int su(int argc, char **argv)
{
    const char *shell = NULL, *command = NULL;
    int c;
    while ((c = getopt(argc, argv, "s:c:")) != -1) {
        if (c == 's')
            shell = optarg;
        else if (c == 'c')
            command = optarg;
        else
            usage(SU_USAGE);
    }
    const char *who = "root";
    if (optind < argc)
        who = argv[optind++];
    /* "su alice -c cmd": the options may follow the user too. */
    while ((c = getopt(argc, argv, "s:c:")) != -1) {
        if (c == 's')
            shell = optarg;
        else if (c == 'c')
            command = optarg;
        else
            usage(SU_USAGE);
    }
    if (optind < argc)
        usage(SU_USAGE);
    struct user u;
    if (user_by_name(who, &u) != 0) {
        warn("%s: no such user", who);
        return EXIT_FAIL;
    }
    if (!shell)
        shell = u.shell[0] ? u.shell : "/bin/sh";
    switch_to(&u, who);
    setenv("HOME", u.home, 1);
    setenv("SHELL", shell, 1);
    setenv("USER", u.name, 1);
    setenv("LOGNAME", u.name, 1);
    char *args[] = { (char *)shell, command ? "-c" : NULL, (char *)command, NULL };
    return run(args);
}

int main(int argc, char **argv)
{
    return strcmp(program_invocation_short_name, "su") == 0 ? su(argc, argv) : runas(argc, argv);
}
