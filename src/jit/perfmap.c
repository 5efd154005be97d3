/* perfmap.c — see perfmap.h. */
#include "perfmap.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../modules/sys.h"
#include "../objects/str.h"

bool perfmap_on;
static FILE *map_file;
static char map_path[64];

static bool asked_for(const char *const *xo, int n) {
    for (int k = 0; k < n; k++)
        if (!strcmp(xo[k], "perf")) return true;
    /* CPython's switch for the same thing; -E/-I ignore it as they do
     * every PYTHON* variable there. */
    const char *env = krait_cmdline.ignore_environment ? NULL : getenv("PYTHONPERFSUPPORT");
    return env && *env && strcmp(env, "0") != 0;
}

void perfmap_configure(const char *const *xo, int n) {
    if (asked_for(xo, n)) perfmap_open();
}

bool perfmap_open(void) {
    if (map_file) return true;
    snprintf(map_path, sizeof map_path, "/tmp/perf-%ld.map", (long)getpid());
    map_file = fopen(map_path, "w");
    if (!map_file) {
        map_path[0] = '\0';
        return false;
    }
    /* perf reads the file after the process is gone, possibly killed:
     * every line must be on disk as soon as it is written. */
    setvbuf(map_file, NULL, _IOLBF, 0);
    perfmap_on = true;
    return true;
}

const char *perfmap_path(void) { return map_path; }

void perfmap_close(void) {
    if (map_file) fclose(map_file);
    map_file = NULL;
    perfmap_on = false;
}

/* perf takes the rest of the line as the name: a newline in a file name
 * would split the entry, so control characters become '?'. */
static void put_name(const char *s) {
    for (; *s; s++) fputc((unsigned char)*s < 0x20 ? '?' : *s, map_file);
}

void perfmap_write(const void *start, size_t size, const char *name) {
    if (!map_file) return;
    fprintf(map_file, "%" PRIxPTR " %zx ", (uintptr_t)start, size);
    put_name(name);
    fputc('\n', map_file);
}

static const char *text_of(Value s, const char *fallback) {
    return !val_is_null(s) && val_is_str(s) ? str_data(s) : fallback;
}

void perfmap_write_trace(const void *start, size_t size, CodeObject *co, uint32_t head) {
    if (!map_file) return;
    fprintf(map_file, "%" PRIxPTR " %zx krait:trace:", (uintptr_t)start, size);
    put_name(text_of(co->qualname, "?"));
    fputc(':', map_file);
    put_name(text_of(co->filename, "?"));
    fprintf(map_file, ":%d\n", code_line_at(co, head));
}
