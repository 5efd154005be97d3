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
#include "stencil_table.h"

typedef Value *(*jit_enter_fn)(void *code, Frame *f, Value *sp);

static jit_enter_fn enter_trampoline;
static int running; /* machine-code activations on the C stack */

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

bool jit_active(void) { return running > 0; }

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
    jit_enter_fn fn;
    memcpy(&fn, &p, sizeof fn); /* object pointer → function pointer */
    return fn;
}

bool jit_entry_ready(void) {
    if (!enter_trampoline) enter_trampoline = make_trampoline();
    return enter_trampoline != NULL;
}

Value *jit_run(JitCode *code, Frame *f, Value *sp) {
    running++;
    Value *result = enter_trampoline(code->entry, f, sp);
    running--;
    return result;
}
