/* test_perfmap.c — -X perf: the lines krait writes to /tmp/perf-PID.map.
 * The test runner cannot pass -X options to Python tests, so this drives
 * the same code in-process: the line format on its own, a trace compiled
 * and run by hand (one line, named once, control characters replaced), and
 * a hot loop run through the whole VM, whose trace must be named after its
 * function and the loop's line. The map is this process's own; it is
 * removed at the end. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ctest.h"
#include "gc/gc.h"
#include "jit/jit.h"
#include "jit/perfmap.h"
#include "objects/code.h"
#include "objects/str.h"
#include "opt/tier2.h"
#include "opt/trace.h"
#include "vm/runtime.h"
#include "vm/vm.h"

/* The whole map as written so far (a static buffer; small maps only). */
static const char *map_text(void) {
    static char text[16384];
    FILE *f = fopen(perfmap_path(), "r");
    size_t n = f ? fread(text, 1, sizeof text - 1, f) : 0;
    if (f) fclose(f);
    text[n] = '\0';
    return text;
}

static int count(const char *text, const char *what) {
    int n = 0;
    for (const char *p = text; (p = strstr(p, what)); p += strlen(what)) n++;
    return n;
}

/* perf's format: hex start, hex size, no 0x, then the name. */
static void test_format(void) {
    perfmap_write((void *)(uintptr_t)0x7f001000, 0x2a0, "krait:test region");
    CHECK(strstr(map_text(), "7f001000 2a0 krait:test region\n") != NULL);
}

static CodeObject *loop_code(void) {
    CodeObject *co = code_new();
    co->nlocalsplus = 1;
    co->stacksize = 4;
    co->ncode = 8;
    co->code = gc_alloc(co->ncode * sizeof(CodeUnit));
    co->linetable = gc_alloc_atomic(co->ncode * sizeof(int32_t));
    for (uint32_t i = 0; i < co->ncode; i++) co->linetable[i] = 10 + (int32_t)i;
    co->qualname = str_from_cstr("outer.<locals>.loop");
    co->filename = str_from_cstr("dir/a\nb.py");
    return co;
}

/* A compiled trace's line: its whole mapping, named after the code object
 * and the line of the instruction it starts at (control characters in the
 * file name become '?'). */
static void test_trace_line(void) {
    Trace *t = trace_new(2);
    t->instrs[0] = (UopInstr){.opcode = UOP_NOP, .target = 3};
    t->instrs[1] = (UopInstr){.opcode = UOP_EXIT_TRACE, .target = 5};
    const char *why = "";
    JitCode *code = jit_compile(t, &why);
    CHECK(code != NULL);
    if (!code) {
        printf("  jit_compile: %s\n", why);
        return;
    }
    CodeObject *co = loop_code();
    perfmap_write_trace(code->memory, code->mapped, co, 3);
    char want[256];
    snprintf(want, sizeof want, "%" PRIxPTR " %zx krait:trace:outer.<locals>.loop:dir/a?b.py:13\n",
             (uintptr_t)code->memory, code->mapped);
    const char *text = map_text();
    CHECK(strstr(text, want) != NULL);
    CHECK(count(text, "krait:trace:outer.<locals>.loop") == 1);
    CHECK(count(text, " krait:jit_enter\n") == 1);
    if (!strstr(text, want)) printf("  wanted %s  map:\n%s", want, text);
}

/* The real path: tier 2 traces the hot loop and the JIT compiles it. */
static void test_hot_loop(void) {
    const char *xo[] = {"jit=1", "jit-threshold=8"};
    tier2_configure(xo, 2);
    int status = vm_run_main_string("def hot(n):\n"
                                    "    t = 0\n"
                                    "    for i in range(n):\n"
                                    "        t += i\n"
                                    "    return t\n"
                                    "assert hot(5000) == 12497500\n");
    CHECK(status == 0);
    const char *text = map_text();
    CHECK(count(text, " krait:trace:hot:<string>:3\n") == 1);
    if (count(text, " krait:trace:hot:<string>:3\n") != 1) printf("  map:\n%s", text);
}

int main(void) {
    if (runtime_init() != 0) {
        printf("runtime_init failed\n0 passed, 1 failed\n");
        return 1;
    }
    CHECK(perfmap_open());
    CHECK(perfmap_on);
    test_format();
    if (jit_available()) {
        test_trace_line();
        test_hot_loop();
    }
    char path[64];
    snprintf(path, sizeof path, "%s", perfmap_path());
    perfmap_close();
    CHECK(!perfmap_on && unlink(path) == 0);
    CTEST_END();
}
