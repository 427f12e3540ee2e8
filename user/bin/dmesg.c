/* dmesg [-c]: prints the kernel's log (its boot messages and what it
 * reported since), without the level each line may begin with ("<6>").
 * -c: clears the log after printing it.
 *
 * System calls: syslog (klogctl in the C library), twice: first
 * SYSLOG_ACTION_SIZE_BUFFER to learn how big the log can be, then
 * SYSLOG_ACTION_READ_ALL (or READ_CLEAR) into a buffer of that size. */
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <unistd.h>

/* The actions of syslog(2), from the Linux man page's list. */
enum { SYSLOG_ACTION_READ_ALL = 3, SYSLOG_ACTION_READ_CLEAR = 4, SYSLOG_ACTION_SIZE_BUFFER = 10 };

int main(int argc, char **argv)
{
    int clear = 0, c;
    while ((c = getopt(argc, argv, "c")) != -1) {
        if (c != 'c')
            usage("[-c]");
        clear = 1;
    }
    if (optind < argc)
        usage("[-c]");
    int size = klogctl(SYSLOG_ACTION_SIZE_BUFFER, NULL, 0);
    if (size < 0)
        die_errno("syslog");
    char *buf = malloc((size_t)size + 1);
    if (!buf)
        die_errno("malloc");
    int n = klogctl(clear ? SYSLOG_ACTION_READ_CLEAR : SYSLOG_ACTION_READ_ALL, buf, size);
    if (n < 0)
        die_errno("syslog");
    /* End with a newline, whatever the last message did. */
    if (n > 0 && buf[n - 1] != '\n')
        buf[n++] = '\n';
    /* Each line may begin with its level, "<6>" (KERN_INFO): that is for
     * programs that sort the messages, not for the reader; leave it out. */
    int kept = 0;
    for (int i = 0; i < n;) {
        int start = i;
        if (buf[i] == '<') {
            int j = i + 1;
            while (j < n && buf[j] >= '0' && buf[j] <= '9')
                j++;
            if (j > i + 1 && j < n && buf[j] == '>')
                start = j + 1;
        }
        i = start;
        while (i < n && buf[i++] != '\n') {
        }
        memmove(buf + kept, buf + start, (size_t)(i - start));
        kept += i - start;
    }
    if (write_all(1, buf, (size_t)kept) != 0)
        die_errno("write error");
    return EXIT_OK;
}
