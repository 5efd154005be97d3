/* jit.h — the copy-and-patch JIT's interface: turn a tier-2 trace into
 * machine code and run it. The contract of running code is the trace
 * contract of opt/trace.h, identical to uop_run's.
 */
#ifndef KRAIT_JIT_JIT_H
#define KRAIT_JIT_JIT_H

#include <stdbool.h>
#include <stddef.h>

#include "../opt/trace.h"
#include "../vm/frame.h"

typedef struct JitCode {
    unsigned char *memory;  /* the read-execute mapping (code, data, stubs) */
    size_t mapped;          /* its length */
    unsigned char *entry;   /* code of instrs[0] */
    size_t code_size;       /* bytes of machine code (stencils only) */
    size_t data_size;       /* bytes of stencil data */
    uint32_t nstubs;        /* far calls routed through jump stubs */
    uint32_t ndropped_jumps;/* trailing jumps removed */
    /* The objects the machine code embeds (LOAD_CONST operands). JitCode
     * lives on the GC heap and this array is scanned, so they stay alive as
     * long as the code; nothing else need hold them. */
    Value *objects;
    uint32_t nobjects;
} JitCode;

/* Stencils were built (a clang with preserve_none + musttail was found). */
bool jit_available(void);
/* Why not, when jit_available() is false. */
const char *jit_unavailable_reason(void);
/* PYTHON_JIT=0/1 decides, else on by default where stencils exist (x86-64
 * Linux). sys._jit.is_enabled() lets -X jit override this. */
bool jit_enabled_by_default(void);
/* The current Python frame runs machine code (sys._jit.is_active()). */
bool jit_active(void);

/* Compile a trace that passed trace_validate. NULL when unavailable or on
 * failure, with a reason in *why (no Python exception is set: the caller
 * just keeps interpreting). The mapping is released when the JitCode is
 * collected, or by jit_free. */
JitCode *jit_compile(const Trace *t, const char **why);
void jit_free(JitCode *code);

/* Map the C → machine-code trampoline once; jit_compile calls it, so any
 * JitCode can be run. False when the memory cannot be had. */
bool jit_entry_ready(void);

/* Run compiled code on frame f with stack pointer sp (see opt/trace.h). */
Value *jit_run(JitCode *code, Frame *f, Value *sp);

#endif
