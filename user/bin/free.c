/* free: how the memory is used, in KiB, from /proc/meminfo:
 *
 *                total        used        free      shared  buff/cache   available
 *   Mem:        253952        9876      230000         120       14076      230000
 *   Swap:            0           0           0
 *
 * used is what is neither free nor buffers/cache (MemTotal - MemFree -
 * Buffers - Cached); shared is Shmem (on Cleave, the pages of tmpfs
 * files), which Cached includes.
 *
 * System calls: open and read of /proc/meminfo. */
#include "util.h"

#include <stdio.h>
#include <string.h>

static unsigned long long field(const char *name, int *found)
{
    FILE *f = fopen("/proc/meminfo", "re");
    if (!f)
        die_errno("/proc/meminfo");
    char line[256];
    unsigned long long value = 0;
    size_t length = strlen(name);
    *found = 0;
    while (fgets(line, sizeof line, f)) {
        if (!strncmp(line, name, length) && line[length] == ':') {
            sscanf(line + length + 1, "%llu", &value);
            *found = 1;
            break;
        }
    }
    fclose(f);
    return value;
}

int main(int argc, char **argv)
{
    (void)argv;
    if (argc > 1)
        usage("");
    int found;
    unsigned long long total = field("MemTotal", &found);
    if (!found) {
        warn("/proc/meminfo: no MemTotal");
        return EXIT_FAIL;
    }
    unsigned long long free_kib = field("MemFree", &found);
    unsigned long long available = field("MemAvailable", &found);
    if (!found)
        available = free_kib;
    unsigned long long buffers = field("Buffers", &found), cached = field("Cached", &found);
    unsigned long long shared = field("Shmem", &found);
    unsigned long long swap_total = field("SwapTotal", &found), swap_free = field("SwapFree", &found);
    unsigned long long cache = buffers + cached;
    unsigned long long used = total > free_kib + cache ? total - free_kib - cache : 0;
    printf("%-7s%12s%12s%12s%12s%12s%12s\n", "", "total", "used", "free", "shared", "buff/cache", "available");
    printf("%-7s%12llu%12llu%12llu%12llu%12llu%12llu\n", "Mem:", total, used, free_kib, shared, cache, available);
    printf("%-7s%12llu%12llu%12llu\n", "Swap:", swap_total, swap_total - swap_free, swap_free);
    return EXIT_OK;
}
