/* tier2.c — running traces from tier 1's back-edges (see tier2.h). */
#include "tier2.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../gc/gc.h"
#include "../jit/jit.h"
#include "../jit/perfmap.h"
#include "../objects/code.h"
#include "../objects/str.h"
#include "../vm/specialize.h"
#include "optimizer.h"
#include "projector.h"
#include "uop_interp.h"

bool tier2_enabled = true;
bool tier2_use_jit;
uint32_t tier2_threshold = TIER2_THRESHOLD_DEFAULT;
uint32_t tier2_last_exit;
TraceLink *tier2_exit_link;
uint64_t tier2_jit_uops;

/* A trace is dropped once this many of its runs ended at a failed guard
 * and they are at least half of its runs: the code it was projected from
 * has changed (tier 1 re-specialised), so project again later. */
#define TIER2_INVALIDATE_EXITS 32

/* Side exits taken this often get a bridge (1 in stress mode); a failed
 * attempt doubles the wait, up to TIER2_BRIDGE_BACKOFF_MAX times. */
#define TIER2_BRIDGE_THRESHOLD 16
#define TIER2_BRIDGE_BACKOFF_MAX 6
/* Bridges hang on bridges' exits at most this deep. */
#define TIER2_MAX_BRIDGE_GENERATION 6

typedef struct Executor {
    Trace *trace;
    JitCode *jit;         /* NULL: run by the micro-op interpreter */
    TraceLink *entry;     /* how bridges continue in this trace */
    uint64_t runs, guard_exits;
    uint8_t backoff;      /* the back-edge counter's back-off when made */
} Executor;

typedef struct Tier2Code {
    Executor **executors;
    uint32_t n, capacity;
} Tier2Code;

/* ---- -X jit-stats ---- */

static bool stats_enabled;
static bool dump_enabled; /* -X jit-dump */
static struct {
    uint64_t traces, not_traced, invalidated, guards_removed, calls;
    uint64_t bridges, bridges_failed;
    uint64_t runs, guard_exits, planned_exits, errors;
    uint64_t interp_uops;
    uint64_t code_bytes, compile_ns, compile_failures, compiled_uops;
    uint64_t stops[OPCODE_COUNT]; /* projections that ended at an untranslated instruction */
} stats;

/* The instructions projections most often stopped at (what to translate next). */
static void report_stops(void) {
    fprintf(stderr, "jit-stats: projections stopped at:");
    bool any = false;
    for (int k = 0; k < 6; k++) {
        int best = -1;
        for (int op = 0; op < OPCODE_COUNT; op++)
            if (stats.stops[op] && (best < 0 || stats.stops[op] > stats.stops[best])) best = op;
        if (best < 0) break;
        fprintf(stderr, " %s %llu", opcode_names[best], (unsigned long long)stats.stops[best]);
        stats.stops[best] = 0;
        any = true;
    }
    fprintf(stderr, any ? "\n" : " nothing\n");
}

static void report(void) {
    fprintf(stderr, "jit-stats: engine: %s\n",
            !tier2_enabled ? "tier 1 only"
            : tier2_use_jit ? "machine code (copy-and-patch JIT)" : "micro-op interpreter");
    fprintf(stderr, "jit-stats: traces made: %llu (not made: %llu, dropped: %llu), guards removed by the optimizer: %llu\n",
            (unsigned long long)stats.traces, (unsigned long long)stats.not_traced,
            (unsigned long long)stats.invalidated, (unsigned long long)stats.guards_removed);
    fprintf(stderr, "jit-stats: calls followed into their callee: %llu (in the traces made)\n",
            (unsigned long long)stats.calls);
    fprintf(stderr, "jit-stats: bridges from hot side exits: %llu made, %llu attempts failed\n",
            (unsigned long long)stats.bridges, (unsigned long long)stats.bridges_failed);
    fprintf(stderr, "jit-stats: micro-ops executed: %llu in the micro-op interpreter, %llu as machine code (full iterations)\n",
            (unsigned long long)stats.interp_uops, (unsigned long long)tier2_jit_uops);
    uint64_t exits = stats.guard_exits + stats.planned_exits;
    fprintf(stderr, "jit-stats: trace runs: %llu; side exits: %llu at failed guards, %llu planned, %llu errors; de-optimisation rate: %.2f%% of runs\n",
            (unsigned long long)stats.runs, (unsigned long long)stats.guard_exits,
            (unsigned long long)stats.planned_exits, (unsigned long long)stats.errors,
            stats.runs ? 100.0 * (double)stats.guard_exits / (double)stats.runs : 0.0);
    (void)exits;
    report_stops();
    fprintf(stderr, "jit-stats: machine code: %llu bytes from %llu micro-ops, compile time %.3f ms (%.0f ns per micro-op; %llu compilations failed)\n",
            (unsigned long long)stats.code_bytes, (unsigned long long)stats.compiled_uops,
            (double)stats.compile_ns / 1e6,
            stats.compiled_uops ? (double)stats.compile_ns / (double)stats.compiled_uops : 0.0,
            (unsigned long long)stats.compile_failures);
}

/* ---- options ---- */

static const char *xoption_value(const char *const *xo, int n, const char *key) {
    size_t len = strlen(key);
    const char *value = NULL;
    for (int k = 0; k < n; k++) {
        if (!strncmp(xo[k], key, len) && (xo[k][len] == '=' || xo[k][len] == 0))
            value = xo[k][len] ? xo[k] + len + 1 : "";
    }
    return value;
}

void tier2_configure(const char *const *xo, int n) {
    const char *jit = xoption_value(xo, n, "jit");
    if (jit) tier2_use_jit = strcmp(jit, "0") != 0 && jit_available();
    else tier2_use_jit = jit_enabled_by_default();
    const char *stress = getenv("KRAIT_JIT_STRESS");
    if (stress && !strcmp(stress, "1")) tier2_threshold = 1;
    const char *threshold = xoption_value(xo, n, "jit-threshold");
    if (threshold && atol(threshold) > 0) tier2_threshold = (uint32_t)atol(threshold);
    const char *t2 = xoption_value(xo, n, "tier2");
    if (t2 && !strcmp(t2, "0")) tier2_enabled = false;
    if (xoption_value(xo, n, "jit-dump")) dump_enabled = true;
    if (xoption_value(xo, n, "jit-stats") && !stats_enabled) {
        stats_enabled = true;
        atexit(report);
    }
}

/* ---- executors ---- */

static Executor *executor_at(CodeObject *co, uint32_t index) {
    Tier2Code *tc = co->tier2_data;
    return tc && index < tc->n ? tc->executors[index] : NULL;
}

/* Slot for a new executor in co's table (reusing a dropped one's). */
static int64_t install(CodeObject *co, Executor *ex) {
    Tier2Code *tc = co->tier2_data;
    if (!tc) {
        tc = gc_alloc(sizeof *tc);
        if (!tc) return -1;
        co->tier2_data = tc;
    }
    for (uint32_t i = 0; i < tc->n; i++) {
        if (!tc->executors[i]) {
            tc->executors[i] = ex;
            return i;
        }
    }
    if (tc->n == tc->capacity) {
        uint32_t cap = tc->capacity ? tc->capacity * 2 : 4;
        Executor **grown = gc_alloc(sizeof(Executor *) * cap);
        if (!grown) return -1;
        if (tc->n) memcpy(grown, tc->executors, sizeof(Executor *) * tc->n);
        tc->executors = grown;
        tc->capacity = cap;
    }
    tc->executors[tc->n] = ex;
    return tc->n++;
}

static uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void dump(CodeObject *co, CodeUnit *jump, const Trace *t) {
    char title[200];
    snprintf(title, sizeof title, "for the loop of %s at line %d",
             str_data(co->qualname), code_line_at(co, (uint32_t)(jump - co->code)));
    trace_dump(t, title);
}

/* Optimise, assemble, check and (JIT on) compile what the builder holds,
 * for a frame whose stack holds `depth` values where the trace starts. */
static Executor *make_executor(TraceBuilder *b, CodeObject *co, uint32_t start_pc, int depth,
                               uint8_t generation) {
    uint32_t removed = tier2_optimize(b, co, depth);
    Trace *t = tier2_assemble(b, stats_enabled && tier2_use_jit, generation);
    const char *why = NULL;
    if (!t || trace_validate(t, depth, &why) < 0) return NULL;
    Executor *ex = gc_alloc(sizeof *ex);
    TraceLink *entry = gc_alloc(sizeof *entry);
    if (!ex || !entry) return NULL;
    ex->trace = t;
    ex->entry = entry;
    stats.guards_removed += removed;
    stats.calls += b->calls;
    if (tier2_use_jit) {
        uint64_t start = now_ns();
        ex->jit = jit_compile(t, &why);
        stats.compile_ns += now_ns() - start;
        if (ex->jit) stats.code_bytes += ex->jit->code_size, stats.compiled_uops += t->length;
        else stats.compile_failures++; /* stays interpreted */
        if (ex->jit && perfmap_on) perfmap_write_trace(ex->jit->memory, ex->jit->mapped, co, start_pc);
    }
    entry->trace = t;
    entry->code = ex->jit ? ex->jit->entry : NULL;
    entry->owner = ex;
    return ex;
}

static TraceBuilder builder; /* large; tier 2 never projects re-entrantly */

/* The trace of the loop closed by the back-edge at jump. */
static Executor *make_loop_executor(Frame *f, CodeUnit *jump, Value *sp) {
    bool made = tier2_project(f, jump, &builder);
    if (builder.stop_opcode >= 0 && builder.stop_opcode < OPCODE_COUNT)
        stats.stops[builder.stop_opcode]++;
    if (!made) return NULL;
    Executor *ex = make_executor(&builder, f->code, CU_ARG(*jump), (int)(sp - frame_stack_base(f)), 0);
    if (ex && dump_enabled) dump(f->code, jump, ex->trace);
    return ex;
}

TraceLink *tier2_trace_link_at(CodeObject *co, const CodeUnit *jump) {
    uint32_t counter = jump[1];
    if (!(counter & TIER2_HAS_TRACE)) return NULL;
    Executor *ex = executor_at(co, counter & ~TIER2_HAS_TRACE);
    return ex ? ex->entry : NULL;
}

/* The side exit `link` is hot and tier 1 stands at its instruction in the
 * current frame with the stack ending at sp: hang a bridge on it. */
static void make_bridge(TraceLink *link, Value *sp) {
    Frame *f = vm_frame;
    Executor *ex = NULL;
    bool in_place = f->code == link->co && f->next_instr == f->code->code + link->exit_pc;
    /* a failed guard: specialise the instruction for what it meets now */
    bool generic_first = link->from_guard &&
                         !(in_place && specialize_instruction(f, f->next_instr, sp));
    if (link->generation < TIER2_MAX_BRIDGE_GENERATION && in_place &&
        tier2_project_bridge(f, link->exit_pc, generic_first, &builder))
        ex = make_executor(&builder, f->code, link->exit_pc, (int)(sp - frame_stack_base(f)),
                           (uint8_t)(link->generation + 1));
    if (!ex) {
        stats.bridges_failed++;
        link->hits = 0;
        if (link->backoff < TIER2_BRIDGE_BACKOFF_MAX) link->backoff++;
        else link->backoff = 0xFF; /* never again */
        return;
    }
    stats.bridges++;
    if (dump_enabled) {
        char title[200];
        snprintf(title, sizeof title, "bridge from %s at line %d",
                 str_data(f->code->qualname), code_line_at(f->code, link->exit_pc));
        trace_dump(ex->trace, title);
    }
    link->owner = ex;
    link->trace = ex->trace;
    link->code = ex->jit ? ex->jit->entry : NULL;
}

static bool exit_is_hot(const TraceLink *link) {
    if (link->backoff == 0xFF) return false;
    uint32_t threshold = tier2_threshold == 1 ? 1 : TIER2_BRIDGE_THRESHOLD;
    return link->hits >= (threshold << link->backoff);
}

static void drop(CodeObject *co, CodeUnit *counter, Executor *ex) {
    Tier2Code *tc = co->tier2_data;
    uint32_t index = *counter & ~TIER2_HAS_TRACE;
    if (tc && index < tc->n && tc->executors[index] == ex) tc->executors[index] = NULL;
    ex->entry->trace = NULL; /* bridges that end here go back to tier 1 instead */
    ex->entry->code = NULL;
    uint32_t backoff = ex->backoff < TIER2_BACKOFF_MAX ? ex->backoff + 1u : TIER2_BACKOFF_MAX;
    *counter = backoff << 16;
    stats.invalidated++;
    /* The machine code is unmapped by the collector once unreachable: an
     * activation further up the C stack may still be running it. */
}

static Value *run(Executor *ex, CodeObject *co, CodeUnit *counter, Frame *f, Value *sp) {
    ex->runs++;
    stats.runs++;
    tier2_last_exit = TIER2_EXIT_PLANNED;
    tier2_exit_link = NULL;
    Value *result;
    if (ex->jit) result = jit_run(ex->jit, f, sp);
    else if (stats_enabled) result = uop_run_counted(ex->trace, f, sp, &stats.interp_uops);
    else result = uop_run(ex->trace, f, sp);
    if (!result) {
        stats.errors++;
        return NULL;
    }
    TraceLink *link = tier2_exit_link; /* a guard's exit or a loop's end */
    if (link && exit_is_hot(link)) make_bridge(link, result);
    if (tier2_last_exit != TIER2_EXIT_GUARD) {
        stats.planned_exits++;
        return result;
    }
    stats.guard_exits++;
    /* Exits that can still get a bridge are not held against the trace. */
    bool hopeless = !link || link->backoff > 0;
    if (hopeless && ++ex->guard_exits >= TIER2_INVALIDATE_EXITS &&
        ex->guard_exits * 2 >= ex->runs && (*counter & TIER2_HAS_TRACE))
        drop(co, counter, ex);
    return result;
}

Value *tier2_backedge(Frame *f, CodeUnit *jump, Value *sp) {
    CodeObject *co = f->code;
    CodeUnit *counter = jump + 1;
    if (*counter & TIER2_HAS_TRACE) {
        Executor *ex = executor_at(co, *counter & ~TIER2_HAS_TRACE);
        if (ex) return run(ex, co, counter, f, sp);
        *counter = 0;
        return sp;
    }
    uint32_t backoff = (*counter >> 16) & 0xFF;
    Executor *ex = make_loop_executor(f, jump, sp);
    int64_t index = ex ? install(co, ex) : -1;
    if (index < 0) {
        stats.not_traced++;
        *counter = (backoff < TIER2_BACKOFF_MAX ? backoff + 1 : TIER2_BACKOFF_MAX) << 16;
        return sp;
    }
    stats.traces++;
    ex->backoff = (uint8_t)backoff;
    *counter = TIER2_HAS_TRACE | (uint32_t)index;
    return run(ex, co, counter, f, sp);
}
