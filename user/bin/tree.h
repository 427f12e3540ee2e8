/* tree.h: copying and removing whole trees of files, shared by cp, mv
 * and rm (tree.c). Each function reports its own errors (util.h's
 * messages) and returns 0, or -1 if anything went wrong; it goes on with
 * the rest of the tree after a failure, as the utilities do. */
#pragma once
#include <sys/stat.h>

/* Copies from to to. A regular file is copied byte by byte into a new
 * (or truncated) file with from's permission bits; a symbolic link as a
 * link with the same target; a directory, only if recursive, with all it
 * holds. preserve also keeps the owner and the times (mv across mounts). */
int copy_path(const char *from, const char *to, int recursive, int preserve);

/* Removes path; a directory with everything in it. */
int remove_tree(const char *path);

/* "dir/name" into a new string (malloc); the program ends if memory is
 * short. */
char *join_path(const char *dir, const char *name);

/* The last component of path, without trailing slashes, into a new
 * string (malloc). */
char *last_component(const char *path);
