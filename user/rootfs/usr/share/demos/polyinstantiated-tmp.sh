#!/bin/sh
# Polyinstantiated /tmp: every user sees a /tmp of their own.
#
# Run it as root:   sh /usr/share/demos/polyinstantiated-tmp.sh
#
# This is the use case that unshare(2) was made for. A login program,
# before it runs the user's shell:
#   1. unshare(CLONE_NEWNS): the session gets its own copy of the mount
#      namespace, so mounts made now are seen by this session only;
#   2. makes / private, so the next mount does not propagate back;
#   3. bind-mounts /tmp-inst/<uid> (made for the user, mode 0700) over /tmp;
#   4. drops root: setgroups, setgid, setuid;
#   5. runs the user's shell (or a command).
# Every program the user runs then finds "/tmp" and writes into
# /tmp-inst/<uid> without knowing it. See user/bin/login.c.

echo "== alice writes /tmp/x in her session"
login alice /bin/sh -c 'echo "this is alice" > /tmp/x; id; ls -l /tmp'

echo
echo "== bob writes /tmp/x in his session"
login bob /bin/sh -c 'echo "this is bob" > /tmp/x; id; ls -l /tmp'

echo
echo "== alice reads /tmp/x again: her own, not bob's"
login alice /bin/cat /tmp/x

echo
echo "== bob reads /tmp/x: his own"
login bob /bin/cat /tmp/x

echo
echo "== root's /tmp has no x: the bind mounts lived in the users' namespaces"
ls /tmp

echo
echo "== behind the scenes, seen from root's namespace: /tmp-inst"
ls -l /tmp-inst
ls -l /tmp-inst/1000 /tmp-inst/1001
