/* perfmap.h — -X perf: tell Linux perf what the JIT's machine code is.
 *
 * perf cannot symbolise anonymous executable mappings on its own; it reads
 * /tmp/perf-PID.map, one "START SIZE name" line per code region (START and
 * SIZE in hex, no 0x), the convention CPython's -X perf and other JITs use.
 * With -X perf (or PYTHONPERFSUPPORT=1, unless -E) krait writes one line per
 * trace (or bridge) when it is compiled, and one for the entry
 * trampoline, so `perf report` shows "krait:trace:QUALNAME:FILE:LINE"
 * instead of an unknown address.
 */
#ifndef KRAIT_JIT_PERFMAP_H
#define KRAIT_JIT_PERFMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "../vm/frame.h"

/* Writing the map was asked for and the file is open. */
extern bool perfmap_on;

/* Read -X perf and PYTHONPERFSUPPORT; open the map when either asks. */
void perfmap_configure(const char *const *xoptions, int nxoptions);
/* Open /tmp/perf-PID.map (truncating a stale one from a recycled pid).
 * False when it cannot be created; the JIT then runs unnamed. */
bool perfmap_open(void);
/* One region: "START SIZE name". */
void perfmap_write(const void *start, size_t size, const char *name);
/* The region of a trace whose loop head is instruction `head` of co. */
void perfmap_write_trace(const void *start, size_t size, CodeObject *co, uint32_t head);
/* The path of this process's map ("" before perfmap_open succeeded). */
const char *perfmap_path(void);
/* Close the map (tests; the exit closes it otherwise). */
void perfmap_close(void);

#endif
