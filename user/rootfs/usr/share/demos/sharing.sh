#!/bin/sh
# Sharing and unsharing: what clone(2) shares, unshare(2) can split again.
#
# Run it:   sh /usr/share/demos/sharing.sh
#
# Every task points at context objects: its address space (mm), its
# filesystem context (fs: root, cwd, umask), its file table (files), its
# signal handlers (sighand). clone(2) decides, flag by flag, whether a new
# task gets the same object as its parent or a copy. unshare(2) lets a
# task that shares an object take a private copy later. Both go through
# the same dup_* functions in the kernel (kernel/task/fork.cpp,
# kernel/task/unshare.cpp).

echo "== 1. clonetasks makes three children that share with it:"
echo "      one shares the file table, one the fs context,"
echo "      one the address space and the signal handlers"
clonetasks files fs vm,sighand &
tasks=$!
sleep 1

echo
echo "== 2. ps: the SHARES column names what each task shares with another"
ps

echo
echo "== 3. the parent's contexts (/proc/$tasks/contexts): the same address"
echo "      means the same object; refs counts the tasks that point at it"
cat /proc/$tasks/contexts

echo
echo "== 4. ask every child to unshare(2) what it shares (SIGUSR1)"
kill -USR1 $tasks
sleep 1

echo
echo "== 5. ps again: the children have private copies now"
ps
echo
echo "   and the parent's contexts: every refs is back to 1"
cat /proc/$tasks/contexts

kill $tasks
wait
echo
echo "== done. Try it yourself: clonetasks files &  then  ps  and  kill -USR1 <pid>"
