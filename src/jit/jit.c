/* jit.c — the JIT's switches and the way into machine code.
 *
 * C cannot call preserve_none code directly (gcc does not know the
 * convention), so the entry goes through the _JIT_ENTER stencil: a plain
 * C-ABI function compiled by clang, copied once into its own read-execute
 * page, that loads the pinned registers and calls the trace. */
#include "jit.h"

#include <stdlib.h>
#include <string.h>

#include "jitmem.h"
#include "perfmap.h"
#include "stencil_table.h"

typedef Value *(*jit_enter_fn)(void *code, Frame *f, Value *sp);

static jit_enter_fn enter_trampoline;
/* The frame the innermost machine-code activation runs for. */
static Frame *running_frame;

bool jit_available(void) {
#if defined(__x86_64__) && defined(__linux__)
    return jit_trampoline_stencil != NULL;
#else
    return false;
#endif
}

const char *jit_unavailable_reason(void) {
    if (jit_available()) return "";
    if (jit_trampoline_stencil == NULL) return jit_stencils_missing_reason;
    return "stencils are for x86-64 Linux";
}

bool jit_enabled_by_default(void) {
    const char *env = getenv("PYTHON_JIT");
    if (env && *env) return strcmp(env, "0") != 0 && jit_available();
    return jit_available();
}

/* CPython's meaning, approximated: the current Python frame is running
 * machine code. A built-in called from a trace sees its caller's frame as
 * current, so it answers True; Python code a trace called answers False. */
/* The current frame runs machine code: it is the frame the trace was
 * entered in, or a callee the trace pushed itself (linked to it without an
 * entry frame between; Python code a trace calls through C runs in an
 * entry frame, in tier 1). */
bool jit_active(void) {
    for (const Frame *f = vm_frame; f && running_frame; f = f->previous) {
        if (f == running_frame) return true;
        if (f->is_entry) return false;
    }
    return false;
}

/* The trampoline has no holes, so one copy serves every trace. */
static jit_enter_fn make_trampoline(void) {
    const JitStencil *s = jit_trampoline_stencil;
    if (!s || s->nholes || s->data_size) return NULL;
    size_t mapped;
    unsigned char *p = jitmem_alloc(s->code_size, &mapped);
    if (!p) return NULL;
    memset(p, 0xCC, mapped);
    memcpy(p, s->code, s->code_size);
    if (jitmem_seal(p, mapped) < 0) {
        jitmem_free(p, mapped);
        return NULL;
    }
    perfmap_write(p, mapped, "krait:jit_enter");
    jit_enter_fn fn;
    memcpy(&fn, &p, sizeof fn); /* object pointer → function pointer */
    return fn;
}

bool jit_entry_ready(void) {
    if (!enter_trampoline) enter_trampoline = make_trampoline();
    return enter_trampoline != NULL;
}

Value *jit_run(JitCode *code, Frame *f, Value *sp) {
    Frame *outer = running_frame;
    running_frame = f;
    Value *result = enter_trampoline(code->entry, f, sp);
    running_frame = outer;
    return result;
}
