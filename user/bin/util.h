/* util.h: the little that Cleave's utilities share.
 *
 * - Messages in one format, on stderr, named after the program as it was
 *   run (argv[0]'s last component): "ls: /nothing: No such file or
 *   directory".
 * - The exit statuses: 0 success, 1 failure, 2 a usage error.
 * - The user database: /etc/passwd and /etc/group are text files of
 *   colon-separated fields, read here line by line (users.c).
 */
#pragma once
#define _GNU_SOURCE
#include <stddef.h>
#include <sys/types.h>

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

/* "NAME: what: strerror(errno)". */
void warn_errno(const char *what);
/* "NAME: message". */
void warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* warn_errno, then exit(1). */
void die_errno(const char *what) __attribute__((noreturn));
/* "usage: NAME text", then exit(2). */
void usage(const char *text) __attribute__((noreturn));

/* Parses a whole decimal number (no sign, no trailing text) into *out;
 * returns 0, or -1 if s is not one. */
int parse_number(const char *s, unsigned long *out);

/* Writes all of buf to fd, resuming after short writes; 0 or -1. */
int write_all(int fd, const void *buf, size_t size);

/* /etc/passwd: name:password:uid:gid:gecos:home:shell */
struct user {
    char name[64];
    uid_t uid;
    gid_t gid;
    char home[256];
    char shell[256];
};

/* Fill *u with the user called name (or, for user_by_uid, with that
 * uid); 0 if found, -1 if not. */
int user_by_name(const char *name, struct user *u);
int user_by_uid(uid_t uid, struct user *u);
/* A user given as a name or a number: the number need not be in
 * /etc/passwd (then the user gets that uid as gid, home / and no
 * name). */
int user_by_name_or_uid(const char *text, struct user *u);

/* /etc/group: name:password:gid:member,member,... */
/* The name of group gid into buf; 0, or -1 if there is none. */
int group_name(gid_t gid, char *buf, size_t size);
/* The gid of a group given by name or number; 0, or -1 if unknown. */
int group_by_name_or_gid(const char *text, gid_t *gid);
/* A user's groups, as login sets them: gid first, then every group that
 * lists the user as a member. Returns how many were stored (at most max). */
int groups_of(const struct user *u, gid_t *list, int max);

/* Switches the process to user u: supplementary groups (groups_of), then
 * gid, then uid, in that order (after setuid the process could no longer
 * change its groups). 0, or -1 with errno set. */
int become(const struct user *u);
