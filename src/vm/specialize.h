/* specialize.h — tier 1's adaptive half: inline-cache layouts, the adaptive
 * counter, the specialisers that rewrite a generic instruction into one of
 * its specialised forms, and -X specialization-stats.
 *
 * How an instruction adapts (CPython 3.13's scheme):
 *  - a generic instruction with cache units bumps the counter in its first
 *    cache unit each time it runs; when the counter reaches its limit the
 *    family's specialiser looks at the live operands and either rewrites
 *    the opcode byte to a specialised form (filling the cache) or records
 *    a failure and backs off exponentially;
 *  - a specialised form is a guard plus a fast action (spec_ops.h); a
 *    failing guard (DEOPT_IF) runs the generic body instead, which again
 *    counts: after SPEC_COOLDOWN misses the specialiser runs once more and
 *    either picks the form that fits now or turns the instruction back
 *    into the generic one (a de-optimisation) with back-off.
 *
 * Counter word (cache unit 0): low 16 bits = runs (or misses) counted,
 * high 16 bits = back-off exponent b; the specialiser runs when the count
 * reaches (2 << b) - 1. A zero word (what the compiler emits) thus
 * specialises on the second run, like CPython's warm-up.
 *
 * Cache layouts (32-bit units after the instruction; 64-bit fields span two
 * units and are read unaligned):
 *   LOAD_GLOBAL  [1] entry index in the dict holding the name
 *                [2-3] globals version proven not to hold the name (_BUILTIN)
 *   LOAD_ATTR    [1] type version  [2-3] shape, or [2] getter version
 *                [4-5] descriptor / getter, or [4] slot or entry index
 *                _POLY: [2-3] AttrPolyCache (below)
 *   STORE_ATTR   [1] type version  [2-3] shape  [4] slot index
 *   CALL         [1] function version  [2-3] function / callable
 *                [4] type version (_ALLOC_AND_ENTER_INIT)
 * A cached pointer is only followed after a version guard that proves the
 * object unchanged (so still referenced from where it was found), or the
 * object is registered with specialize_keep_alive: code units are
 * pointer-free memory the collector does not scan.
 */
#ifndef KRAIT_SPECIALIZE_H
#define KRAIT_SPECIALIZE_H

#include "frame.h"

/* ---- cache access ---- */

static inline uint64_t cache_read64(const CodeUnit *p) {
    uint64_t v;
    memcpy(&v, p, sizeof v);
    return v;
}
static inline void cache_write64(CodeUnit *p, uint64_t v) { memcpy(p, &v, sizeof v); }
static inline void *cache_read_ptr(const CodeUnit *p) {
    return (void *)(uintptr_t)cache_read64(p);
}
static inline void cache_write_ptr(CodeUnit *p, const void *ptr) {
    cache_write64(p, (uint64_t)(uintptr_t)ptr);
}

/* LOAD_ATTR_POLY: a site that has seen instances of several classes (or
 * shapes), e.g. self.x in a method shared by subclasses. Each entry is
 * what LOAD_ATTR_INSTANCE_VALUE (descr VAL_NULL: slot index) or
 * LOAD_ATTR_METHOD_WITH_VALUES (descr: the method) would have cached for
 * one (type version, shape) pair. The block is collector-visible memory,
 * kept alive with specialize_keep_alive, so it holds its shapes and
 * methods alive itself; the type version proves descr still current. */
#define ATTR_POLY_MAX 4
typedef struct AttrPolyEntry {
    uint32_t type_version;
    uint32_t index;
    const void *shape;
    Value descr;
} AttrPolyEntry;
typedef struct AttrPolyCache {
    uint32_t n, next_evict; /* entries used; the one a new pair replaces when full */
    AttrPolyEntry entries[ATTR_POLY_MAX];
} AttrPolyCache;

/* ---- the adaptive counter ---- */

/* 1 in stress mode (KRAIT_JIT_STRESS=1): specialise on the first run. */
extern int spec_stress;
static inline uint32_t spec_warmup_bias(void) { return (uint32_t)spec_stress; }
/* -X specialization=0: the generic interpreter, kept runnable so that
 * bench/ can measure what specialisation gains within one binary. */
extern bool spec_disabled;

#define SPEC_BACKOFF_MAX 12  /* at most 8191 runs between attempts */
#define SPEC_COOLDOWN_BACKOFF 5 /* a specialised form tolerates 63 misses */

/* Counts one run; true when the specialiser should run now. */
static inline bool spec_counter_fires(CodeUnit *counter) {
    uint32_t c = *counter, count = c & 0xFFFF, limit = (2u << (c >> 16)) - 1;
    if (count + spec_warmup_bias() >= limit) return !spec_disabled;
    *counter = c + 1;
    return false;
}

/* ---- specialisers: each rewrites instr (the instruction's own unit) ----
 * They never raise: a specialiser that cannot decide leaves the generic
 * form with back-off. They are given the operands the instruction is about
 * to consume. */
void specialize_binary_op(CodeUnit *instr, Value lhs, Value rhs);
void specialize_binary_subscr(CodeUnit *instr, Value container, Value key);
void specialize_store_subscr(CodeUnit *instr, Value container, Value key);
void specialize_compare_op(CodeUnit *instr, Value lhs, Value rhs);
void specialize_contains_op(CodeUnit *instr, Value container);
void specialize_to_bool(CodeUnit *instr, Value v);
void specialize_unpack_sequence(CodeUnit *instr, Value seq);
void specialize_for_iter(CodeUnit *instr, Value iter);
void specialize_load_global(Frame *f, CodeUnit *instr, Value name);
void specialize_load_attr(Frame *f, CodeUnit *instr, Value owner, Value name);
void specialize_store_attr(Frame *f, CodeUnit *instr, Value owner, Value name);
/* args: the stack slot of self_or_null (args[0]) then the arguments. */
void specialize_call(Frame *f, CodeUnit *instr, Value callable, Value *args, size_t nargs);

/* The specialiser of the instruction at instr's family, given the operands
 * it is about to consume from the stack ending at sp — the call its ADAPT
 * makes — for tier 2, which runs it before projecting a bridge from a
 * failed guard (the operands the instruction meets now). True when the
 * instruction now holds a specialised form. (Tier 1's ADAPT sites keep
 * their direct calls: routing them through this switch measured 5% more
 * instructions in tier 1, from the generic bodies' code around it.) */
bool specialize_instruction(Frame *f, CodeUnit *instr, Value *sp);

/* Registers obj as referenced by the caches of the instruction at instr
 * (replacing what that instruction kept before). */
void specialize_keep_alive(CodeObject *co, CodeUnit *instr, Value obj);

/* ---- -X specialization-stats ---- */

extern bool spec_stats_enabled;
/* Executions per opcode (counted by the eval loop only when enabled). */
extern uint64_t spec_exec_count[256];
/* A guard of a specialised form failed (counted per family). */
void spec_stats_deopt(int family);
/* Turn counting on; the report is printed to stderr at exit. */
void specialize_stats_enable(void);

#endif
