/* test_jit.c — the machine-code layer on its own: the generated stencil
 * table, the emitter's patching (traces run by the micro-op interpreter
 * and as machine code must agree), W^X, the objects compiled code keeps
 * alive, and the JIT-unavailable path. The extractor itself is tested in
 * test_jit_extract.c. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ctest.h"
#include "gc/gc.h"
#include "jit/jit.h"
#include "jit/stencil_table.h"
#include "objects/code.h"
#include "objects/int.h"
#include "opt/trace.h"
#include "opt/uop_interp.h"
#include "vm/runtime.h"

enum { L_I, L_TOTAL, L_N, L_STEP, NLOCALS };
enum { EXIT_GUARD = 10, EXIT_LOOP_DONE = 20, EXIT_OVERFLOW = 30 };

static CodeObject *test_code;

static Frame *new_frame(void) {
    Frame *f = gc_alloc(frame_size_for(test_code));
    f->code = test_code;
    return f;
}

static UopInstr U(int op, uint32_t oparg, uint16_t jump_target, uint32_t target, uint64_t operand) {
    UopInstr u = {(uint16_t)op, jump_target, oparg, target, operand};
    return u;
}

/* while i < n: total = total <op> i; i = i + step   (op: ADD_INT/MUL…)
 * Stubs: 17 guard failure, 18 loop done, 19 action exit. `guard` is the
 * guard micro-op used before the arithmetic (ints or floats). */
static Trace *loop_trace(int guard, int cmp, int action, int step_action) {
    Trace *t = trace_new(20);
    int i = 0;
    t->instrs[i++] = U(UOP_CHECK_SIGNALS, 0, 17, 0, 0);
    t->instrs[i++] = U(UOP_LOAD_FAST, L_I, 0, 1, 0);
    t->instrs[i++] = U(UOP_LOAD_FAST, L_N, 0, 2, 0);
    t->instrs[i++] = U(guard, 0, 17, 3, 0);
    t->instrs[i++] = U(cmp, CMP_LT, 0, 3, 0);
    t->instrs[i++] = U(UOP_GUARD_IS_TRUE_POP, 0, 18, 4, 0);
    t->instrs[i++] = U(UOP_LOAD_FAST, L_TOTAL, 0, 5, 0);
    t->instrs[i++] = U(UOP_LOAD_FAST, L_I, 0, 6, 0);
    t->instrs[i++] = U(guard, 0, 17, 7, 0);
    t->instrs[i++] = U(action, 0, 19, 7, 0);
    t->instrs[i++] = U(UOP_STORE_FAST, L_TOTAL, 0, 8, 0);
    t->instrs[i++] = U(UOP_LOAD_FAST, L_I, 0, 9, 0);
    t->instrs[i++] = U(UOP_LOAD_FAST, L_STEP, 0, 9, 0);
    t->instrs[i++] = U(guard, 0, 17, 10, 0);
    t->instrs[i++] = U(step_action, 0, 19, 10, 0);
    t->instrs[i++] = U(UOP_STORE_FAST, L_I, 0, 11, 0);
    t->instrs[i++] = U(UOP_JUMP_TO_TOP, 0, 0, 12, 0);
    t->instrs[i++] = U(UOP_EXIT_TRACE, 0, 0, EXIT_GUARD, 0);
    t->instrs[i++] = U(UOP_EXIT_TRACE, 0, 0, EXIT_LOOP_DONE, 0);
    t->instrs[i++] = U(UOP_EXIT_TRACE, 0, 0, EXIT_OVERFLOW, 0);
    return t;
}

typedef struct {
    Value locals[NLOCALS];
    ptrdiff_t depth;   /* returned sp - stack base, or -1 for NULL */
    ptrdiff_t resume;  /* next_instr index */
    Value below;       /* the stack item under the trace's entry depth */
} Outcome;

/* Run t from the given locals with one sentinel item on the stack, through
 * the interpreter (code == NULL) or machine code. */
static Outcome run(const Trace *t, JitCode *code, const Value *locals) {
    Frame *f = new_frame();
    memcpy(f->localsplus, locals, NLOCALS * sizeof(Value));
    Value *sp = frame_stack_base(f);
    *sp++ = val_from_smallint(-7); /* entry depth 1: the trace must keep it */
    Value *end = code ? jit_run(code, f, sp) : uop_run(t, f, sp);
    Outcome o;
    memcpy(o.locals, f->localsplus, sizeof o.locals);
    o.depth = end ? end - frame_stack_base(f) : -1;
    o.resume = f->next_instr ? f->next_instr - test_code->code : -1;
    o.below = frame_stack_base(f)[0];
    return o;
}

static bool same_value(Value a, Value b) {
    if (a == b) return true;
    return val_is_ptr(a) && val_is_ptr(b) && obj_richcompare(a, b, CMP_EQ) == VAL_TRUE;
}

static bool same_outcome(const Outcome *a, const Outcome *b) {
    for (int i = 0; i < NLOCALS; i++)
        if (!same_value(a->locals[i], b->locals[i])) return false;
    return a->depth == b->depth && a->resume == b->resume && a->below == b->below;
}

/* Interpreter and machine code from the same start; returns the JIT run. */
static Outcome check_agree(const Trace *t, const Value *locals, const char *what) {
    const char *why = "";
    CHECK(trace_validate(t, 1, &why) == 0);
    Outcome ref = run(t, NULL, locals);
    JitCode *code = jit_compile(t, &why);
    CHECK(code != NULL);
    if (!code) {
        printf("  %s: jit_compile: %s\n", what, why);
        return ref;
    }
    Outcome got = run(t, code, locals);
    CHECK(same_outcome(&ref, &got));
    if (!same_outcome(&ref, &got))
        printf("  %s: interpreter resume=%td depth=%td, JIT resume=%td depth=%td\n", what,
               ref.resume, ref.depth, got.resume, got.depth);
    jit_free(code);
    return got;
}

static void test_stencil_table(void) {
    /* Unavailable only when the build said why (no suitable clang). */
    CHECK(jit_available() || jit_stencils_missing_reason[0] != '\0');
    if (!jit_available()) {
        const char *why = NULL;
        Trace *t = trace_new(1);
        t->instrs[0] = U(UOP_EXIT_TRACE, 0, 0, 3, 0);
        CHECK(jit_compile(t, &why) == NULL && why != NULL);
        printf("info: JIT unavailable: %s\n", jit_unavailable_reason());
        return;
    }
    for (int op = 0; op < UOP_COUNT; op++) {
        const JitStencil *s = jit_stencils[op];
        CHECK(s != NULL && s->code_size > 0);
        CHECK(s && !strcmp(s->name, uop_names[op]));
    }
    int kinds[JIT_RELOC_COUNT] = {0};
    size_t total = 0;
    for (int k = 0; k < jit_all_stencil_count; k++) {
        const JitStencil *s = jit_all_stencils[k];
        total += s->code_size;
        for (uint32_t h = 0; h < s->nholes; h++) {
            const JitHole *hole = &s->holes[h];
            CHECK(hole->reloc < JIT_RELOC_COUNT && hole->value < JIT_HOLE_COUNT);
            CHECK(hole->offset + (hole->reloc == JIT_RELOC_ABS64 ? 8u : 4u) <= s->code_size);
            CHECK((hole->value == JIT_HOLE_SYMBOL) == (hole->symbol != NULL));
            if (hole->reloc < JIT_RELOC_COUNT) kinds[hole->reloc]++;
        }
        if (s->ends_in_jump_to_continue) {
            const JitHole *last = NULL;
            for (uint32_t h = 0; h < s->nholes; h++)
                if (s->holes[h].offset == s->code_size - 4) last = &s->holes[h];
            CHECK(s->code[s->code_size - 5] == 0xE9);
            CHECK(last && last->value == JIT_HOLE_CONTINUE && last->reloc == JIT_RELOC_BRANCH32);
        }
    }
    const JitStencil *tramp = jit_trampoline_stencil;
    CHECK(tramp && tramp->nholes == 0 && tramp->data_size == 0);
    /* Guards must end with their fall-through (the extractor inverts the
     * final branch), so their trailing jump can be dropped. */
    CHECK(jit_stencils[UOP_GUARD_BOTH_INT]->ends_in_jump_to_continue);
    CHECK(jit_stencils[UOP_LOAD_FAST]->ends_in_jump_to_continue);
    printf("info: %d stencils, %zu code bytes (%.1f per micro-op); holes by kind: "
           "abs64=%d abs32=%d abs32s=%d rel32=%d branch32=%d\n",
           jit_all_stencil_count, total, (double)total / jit_all_stencil_count,
           kinds[JIT_RELOC_ABS64], kinds[JIT_RELOC_ABS32], kinds[JIT_RELOC_ABS32S],
           kinds[JIT_RELOC_REL32], kinds[JIT_RELOC_BRANCH32]);
}

static void test_int_loop(void) {
    Trace *t = loop_trace(UOP_GUARD_BOTH_INT, UOP_COMPARE_OP_INT, UOP_BINARY_OP_ADD_INT,
                          UOP_BINARY_OP_ADD_INT);
    Value locals[NLOCALS] = {val_from_smallint(0), val_from_smallint(0),
                             val_from_smallint(1000), val_from_smallint(1)};
    Outcome o = check_agree(t, locals, "int loop");
    CHECK(o.locals[L_TOTAL] == val_from_smallint(499500));
    CHECK(o.locals[L_I] == val_from_smallint(1000));
    CHECK(o.resume == EXIT_LOOP_DONE && o.depth == 1 && o.below == val_from_smallint(-7));

    /* A float bound fails the int guard on the first iteration; the exit
     * leaves i and n pushed, as tier 1 expects at that instruction. */
    locals[L_N] = val_from_double(10.0);
    o = check_agree(t, locals, "guard exit");
    CHECK(o.resume == EXIT_GUARD && o.depth == 3 && o.locals[L_TOTAL] == val_from_smallint(0));

    /* Sums beyond 2^47 leave the small-int range: the add calls
     * int_from_i64 (a C helper reached through a rel32 call). */
    locals[L_N] = val_from_smallint(1000);
    locals[L_TOTAL] = val_from_smallint(SMALLINT_MAX - 100);
    o = check_agree(t, locals, "big-int result");
    CHECK(o.resume == EXIT_GUARD); /* total is a heap int now: the guard exits */
    CHECK(val_is_ptr(o.locals[L_TOTAL]));
}

static void test_multiply(void) {
    Trace *t = loop_trace(UOP_GUARD_BOTH_INT, UOP_COMPARE_OP_INT, UOP_BINARY_OP_MULTIPLY_INT,
                          UOP_BINARY_OP_ADD_INT);
    /* total = k! : 17! leaves the small-int range, so the product becomes a
     * heap int and the next iteration's guard exits. */
    Value locals[NLOCALS] = {val_from_smallint(1), val_from_smallint(1),
                             val_from_smallint(40), val_from_smallint(1)};
    Outcome o = check_agree(t, locals, "factorial");
    CHECK(o.resume == EXIT_GUARD && o.depth == 3);
    CHECK(same_value(o.locals[L_TOTAL], int_from_i64(INT64_C(355687428096000))));
    /* 2^46 * 2^20 overflows int64: the action makes the big int itself
     * (tier 1's action_multiply_int), and the next guard exits. */
    locals[L_I] = val_from_smallint(INT64_C(1) << 20);
    locals[L_N] = val_from_smallint(INT64_C(1) << 21);
    locals[L_TOTAL] = val_from_smallint(INT64_C(1) << 46);
    o = check_agree(t, locals, "int64 overflow");
    CHECK(o.resume == EXIT_GUARD && o.depth == 3);
    CHECK(same_value(o.locals[L_TOTAL], obj_binary_op(val_from_smallint(INT64_C(1) << 46),
                                                      val_from_smallint(INT64_C(1) << 20),
                                                      NB_MULTIPLY)));
}

static void test_float_loop(void) {
    Trace *t = loop_trace(UOP_GUARD_BOTH_FLOAT, UOP_COMPARE_OP_FLOAT,
                          UOP_BINARY_OP_ADD_FLOAT, UOP_BINARY_OP_ADD_FLOAT);
    Value locals[NLOCALS] = {val_from_double(0.0), val_from_double(0.5),
                             val_from_double(100.0), val_from_double(0.25)};
    Outcome o = check_agree(t, locals, "float loop");
    CHECK(o.resume == EXIT_LOOP_DONE && val_is_double(o.locals[L_TOTAL]));
}

/* LOAD_CONST of a heap object, POP_TOP, NOP, STORE_FAST, ERROR_EXIT. */
static void test_constants_and_errors(void) {
    Value big = int_from_i64(INT64_C(1) << 60);
    Trace *t = trace_new(5);
    t->instrs[0] = U(UOP_LOAD_CONST, 0, 0, 0, big);
    t->instrs[1] = U(UOP_LOAD_CONST, 0, 0, 1, val_from_smallint(5));
    t->instrs[2] = U(UOP_POP_TOP, 0, 0, 2, 0);
    t->instrs[3] = U(UOP_NOP, 0, 0, 3, 0);
    t->instrs[4] = U(UOP_EXIT_TRACE, 0, 0, 42, 0);
    Value locals[NLOCALS] = {0};
    Outcome o = check_agree(t, locals, "constants");
    CHECK(o.resume == 42 && o.depth == 2);

    const char *why;
    JitCode *code = jit_compile(t, &why);
    CHECK(code && code->nobjects == 1 && code->objects[0] == big);
    /* The trace's own operand gone, the code's list still holds the int. */
    t->instrs[0].operand = 0;
    big = 0;
    gc_collect();
    if (code) {
        Frame *f = new_frame();
        Value *sp = jit_run(code, f, frame_stack_base(f) + 1);
        CHECK(sp == frame_stack_base(f) + 2);
        Value kept = frame_stack_base(f)[1];
        CHECK(val_is_ptr(kept) && same_value(kept, int_from_i64(INT64_C(1) << 60)));
    }

    Trace *e = trace_new(1);
    e->instrs[0] = U(UOP_ERROR_EXIT, 0, 0, 7, 0);
    Frame *f = new_frame();
    JitCode *ecode = jit_compile(e, &why);
    CHECK(ecode && jit_run(ecode, f, frame_stack_base(f) + 1) == NULL);
    CHECK(f->instr_ptr == test_code->code + 7 && f->stack_top == frame_stack_base(f) + 1);
}

/* After emission the code pages are read-execute, never writable. */
static void test_w_xor_x(void) {
    Trace *t = loop_trace(UOP_GUARD_BOTH_INT, UOP_COMPARE_OP_INT, UOP_BINARY_OP_ADD_INT,
                          UOP_BINARY_OP_ADD_INT);
    const char *why;
    JitCode *code = jit_compile(t, &why);
    CHECK(code != NULL);
    if (!code) return;
    FILE *maps = fopen("/proc/self/maps", "r");
    CHECK(maps != NULL);
    if (!maps) return;
    char line[512], perms[8] = "";
    int found = 0, any_wx = 0;
    uintptr_t at = (uintptr_t)code->entry;
    while (fgets(line, sizeof line, maps)) {
        unsigned long lo, hi;
        char p[8];
        if (sscanf(line, "%lx-%lx %7s", &lo, &hi, p) != 3) continue;
        if (strchr(p, 'w') && strchr(p, 'x')) any_wx = 1;
        if (at >= lo && at < hi) {
            found = 1;
            memcpy(perms, p, sizeof perms);
        }
    }
    fclose(maps);
    CHECK(found && !strncmp(perms, "r-x", 3));
    CHECK(!any_wx);
    /* Near placement: direct calls, no stubs needed for krait's helpers. */
    intptr_t distance = (intptr_t)(at - (uintptr_t)&int_from_i64);
    CHECK(distance < ((intptr_t)1 << 31) && -distance < ((intptr_t)1 << 31));
    CHECK(code->nstubs == 0);
    printf("info: loop trace of %u micro-ops: %zu code bytes, %u trailing jumps dropped, "
           "mapping %zu bytes\n", t->length, code->code_size, code->ndropped_jumps, code->mapped);
    jit_free(code);
}

static double seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Not asserted (speed targets live in bench/): printed for the record. */
static void report_timings(void) {
    Trace *t = loop_trace(UOP_GUARD_BOTH_INT, UOP_COMPARE_OP_INT, UOP_BINARY_OP_ADD_INT,
                          UOP_BINARY_OP_ADD_INT);
    const char *why;
    int reps = 200;
    double t0 = seconds();
    for (int i = 0; i < reps; i++) {
        JitCode *c = jit_compile(t, &why);
        if (c) jit_free(c);
    }
    double compile = (seconds() - t0) / reps;
    Value locals[NLOCALS] = {val_from_smallint(0), val_from_smallint(0),
                             val_from_smallint(1000000), val_from_smallint(1)};
    t0 = seconds();
    run(t, NULL, locals);
    double interp = seconds() - t0;
    JitCode *code = jit_compile(t, &why);
    if (!code) return;
    t0 = seconds();
    run(t, code, locals);
    double jit = seconds() - t0;
    printf("info: compile %.2f us per trace (%.0f ns per micro-op); 1M iterations: "
           "interpreter %.1f ms, machine code %.1f ms\n",
           compile * 1e6, compile * 1e9 / t->length, interp * 1e3, jit * 1e3);
}

int main(void) {
    if (runtime_init() != 0) {
        printf("runtime_init failed\n0 passed, 1 failed\n");
        return 1;
    }
    test_code = code_new();
    test_code->nlocalsplus = NLOCALS;
    test_code->stacksize = 8;
    test_code->code = gc_alloc(64 * sizeof(CodeUnit));
    test_stencil_table();
    if (jit_available()) {
        test_int_loop();
        test_multiply();
        test_float_loop();
        test_constants_and_errors();
        test_w_xor_x();
        report_timings();
    }
    CTEST_END();
}
