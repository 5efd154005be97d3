/* assemble.c — turn a unit's instruction list into a CodeObject:
 * resolve labels to absolute unit indexes (choosing JUMP_FORWARD or
 * JUMP_BACKWARD), measure the maximum stack depth by flow analysis,
 * downgrade LOAD_FAST_CHECK to LOAD_FAST where a local is provably bound,
 * and build the exception table and the line table. */
#include "compiler.h"

#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../vm/error.h"

int stack_effect(int op, int oparg, bool jumping) {
    switch (op) {
    case OP_CACHE: case OP_NOP: case OP_RESUME: case OP_EXTENDED_ARG:
    case OP_SWAP: case OP_DELETE_FAST: case OP_DELETE_DEREF: case OP_DELETE_NAME:
    case OP_DELETE_GLOBAL: case OP_MAKE_CELL: case OP_COPY_FREE_VARS:
    case OP_LOAD_FROM_DICT_OR_DEREF: case OP_LOAD_FROM_DICT_OR_GLOBALS:
    case OP_UNARY_NEGATIVE: case OP_UNARY_NOT: case OP_UNARY_INVERT: case OP_TO_BOOL:
    case OP_CALL_INTRINSIC_1: case OP_FORMAT_SIMPLE: case OP_CONVERT_VALUE:
    case OP_GET_ITER: case OP_JUMP_FORWARD: case OP_JUMP_BACKWARD: case OP_RETURN_CONST:
    case OP_MAKE_FUNCTION: case OP_SETUP_ANNOTATIONS: case OP_CHECK_EXC_MATCH:
    case OP_RETURN_GENERATOR: case OP_YIELD_VALUE: case OP_GET_YIELD_FROM_ITER:
    case OP_SEND: case OP_CLEANUP_THROW:
    case PSEUDO_JUMP: case PSEUDO_SETUP:
        return 0;
    case OP_PUSH_NULL: case OP_COPY: case OP_LOAD_CONST: case OP_LOAD_FAST:
    case OP_LOAD_FAST_CHECK: case OP_LOAD_CLOSURE: case OP_LOAD_DEREF: case OP_LOAD_NAME:
    case OP_LOAD_LOCALS: case OP_LOAD_BUILD_CLASS: case OP_LOAD_ASSERTION_ERROR:
    case OP_PUSH_EXC_INFO: case OP_BEFORE_WITH: case OP_WITH_EXCEPT_START: case OP_IMPORT_FROM:
        return 1;
    case OP_POP_TOP: case OP_STORE_FAST: case OP_STORE_DEREF: case OP_STORE_NAME:
    case OP_STORE_GLOBAL: case OP_DELETE_ATTR: case OP_BINARY_OP: case OP_COMPARE_OP:
    case OP_IS_OP: case OP_CONTAINS_OP: case OP_BINARY_SUBSCR: case OP_LIST_APPEND:
    case OP_SET_ADD: case OP_LIST_EXTEND: case OP_SET_UPDATE: case OP_DICT_UPDATE:
    case OP_DICT_MERGE: case OP_FORMAT_WITH_SPEC: case OP_POP_JUMP_IF_FALSE:
    case OP_POP_JUMP_IF_TRUE: case OP_POP_JUMP_IF_NONE: case OP_POP_JUMP_IF_NOT_NONE:
    case OP_RETURN_VALUE: case OP_SET_FUNCTION_ATTRIBUTE: case OP_RERAISE: case OP_POP_EXCEPT:
    case OP_END_SEND: case OP_IMPORT_NAME:
        return -1;
    case OP_STORE_ATTR: case OP_DELETE_SUBSCR: case OP_BINARY_SLICE: case OP_MAP_ADD:
        return -2;
    case OP_STORE_SUBSCR: return -3;
    case OP_STORE_SLICE: return -4;
    case OP_LOAD_GLOBAL: return 1 + (oparg & 1);
    case OP_LOAD_ATTR: return oparg & 1;
    case OP_BUILD_SLICE: case OP_BUILD_TUPLE: case OP_BUILD_LIST: case OP_BUILD_SET:
    case OP_BUILD_STRING:
        return 1 - oparg;
    case OP_BUILD_MAP: return 1 - 2 * oparg;
    case OP_UNPACK_SEQUENCE: return oparg - 1;
    case OP_UNPACK_EX: return (oparg & 0xFF) + (oparg >> 8);
    case OP_FOR_ITER: return jumping ? -1 : 1;
    case OP_CALL: return -oparg - 1;
    case OP_CALL_KW: return -oparg - 2;
    case OP_CALL_FUNCTION_EX: return -2 - (oparg & 1);
    case OP_RAISE_VARARGS: return -oparg;
    }
    return 0;
}

static bool is_jump(int op) {
    return op == PSEUDO_JUMP || (op < OPCODE_COUNT && (opcode_flags[op] & OPF_JUMP));
}

static bool is_terminator(int op) {
    switch (op) {
    case OP_RETURN_VALUE: case OP_RETURN_CONST: case OP_RAISE_VARARGS: case OP_RERAISE:
    case OP_JUMP_FORWARD: case OP_JUMP_BACKWARD: case PSEUDO_JUMP:
        return true;
    }
    return false;
}

static int instr_size(const Instr *in) {
    if (in->op == PSEUDO_SETUP) return 0;
    return 1 + opcode_cache_units[in->op];
}

/* ---- flow analysis ---- */

typedef struct Flow {
    Unit *u;
    int *depth;    /* stack depth at each instruction's start, -1 unknown */
    int *work;
    int nwork;
    int maxdepth;
    bool mismatch;
} Flow;

static int label_index(Unit *u, int label) { return u->labels[label]; }

static void flow_visit(Flow *f, int i, int d) {
    if (d > f->maxdepth) f->maxdepth = d;
    if (f->depth[i] < 0) {
        f->depth[i] = d;
        f->work[f->nwork++] = i;
    } else if (f->depth[i] != d) {
        f->mismatch = true;
    }
}

static int compute_depths(Unit *u, int **depth_out) {
    int n = u->ninstrs;
    Flow f = {u, gc_alloc_atomic(sizeof(int) * (size_t)(n + 1)), gc_alloc_atomic(sizeof(int) * (size_t)(n + 1)), 0, 0, false};
    if (!f.depth || !f.work) {
        err_no_memory();
        return -1;
    }
    for (int i = 0; i <= n; i++) f.depth[i] = -1;
    flow_visit(&f, 0, 0);
    while (f.nwork > 0) {
        int i = f.work[--f.nwork];
        int d = f.depth[i];
        for (; i < n; i++) {
            Instr *in = &u->instrs[i];
            if (in->op == PSEUDO_SETUP) {
                Handler *h = &u->handlers[in->arg];
                flow_visit(&f, label_index(u, h->label), d - h->adjust + 1);
            } else if (is_jump(in->op)) {
                flow_visit(&f, label_index(u, in->arg), d + stack_effect(in->op, in->arg, true));
            }
            if (is_terminator(in->op)) break;
            d += stack_effect(in->op, in->arg, false);
            if (d > f.maxdepth) f.maxdepth = d;
            if (f.depth[i + 1] >= 0) {
                if (f.depth[i + 1] != d) f.mismatch = true;
                break;
            }
            f.depth[i + 1] = d;
        }
    }
    if (f.mismatch) {
        err_format(&Exc_SystemError, "compiler: inconsistent stack depth in '%s'", str_data(u->name));
        return -1;
    }
    *depth_out = f.depth;
    return f.maxdepth;
}

/* ---- definite assignment of locals (LOAD_FAST_CHECK -> LOAD_FAST) ----
 * Forward dataflow over "may be unbound" bit masks of the first 64 local
 * slots; an instruction covered by a handler also flows its entry state
 * into the handler. */

typedef struct Unbound {
    uint64_t *state; /* may-be-unbound mask at each instruction's start */
    bool *seen;
    bool *queued;
    int *work;
    int nwork;
} Unbound;

static void unbound_merge(Unbound *ub, int i, uint64_t s) {
    if (ub->seen[i] && (ub->state[i] | s) == ub->state[i]) return;
    ub->state[i] |= s;
    ub->seen[i] = true;
    if (!ub->queued[i]) {
        ub->queued[i] = true;
        ub->work[ub->nwork++] = i;
    }
}

static int optimize_load_fast(Unit *u) {
    int n = u->ninstrs;
    if (n == 0 || u->nlocals == 0) return 0;
    Unbound ub;
    ub.state = gc_alloc_atomic(sizeof(uint64_t) * (size_t)(n + 1));
    ub.seen = gc_alloc_atomic((size_t)(n + 1));
    ub.queued = gc_alloc_atomic((size_t)(n + 1));
    ub.work = gc_alloc_atomic(sizeof(int) * (size_t)(n + 1));
    ub.nwork = 0;
    if (!ub.state || !ub.seen || !ub.queued || !ub.work) {
        err_no_memory();
        return -1;
    }
    memset(ub.state, 0, sizeof(uint64_t) * (size_t)(n + 1));
    memset(ub.seen, 0, (size_t)(n + 1));
    memset(ub.queued, 0, (size_t)(n + 1));
    uint64_t entry = 0;
    for (int slot = u->nparams; slot < u->nlocals && slot < 64; slot++) entry |= (uint64_t)1 << slot;
    unbound_merge(&ub, 0, entry);
    while (ub.nwork > 0) {
        int i = ub.work[--ub.nwork];
        ub.queued[i] = false;
        uint64_t s = ub.state[i];
        for (; i < n; i++) {
            Instr *in = &u->instrs[i];
            if (in->handler >= 0) unbound_merge(&ub, label_index(u, u->handlers[in->handler].label), s);
            if (in->op == PSEUDO_SETUP)
                unbound_merge(&ub, label_index(u, u->handlers[in->arg].label), s);
            else if (is_jump(in->op))
                unbound_merge(&ub, label_index(u, in->arg), s);
            if (is_terminator(in->op)) break;
            if (in->arg < 64) {
                if (in->op == OP_STORE_FAST) s &= ~((uint64_t)1 << in->arg);
                else if (in->op == OP_DELETE_FAST) s |= (uint64_t)1 << in->arg;
            }
            if (ub.seen[i + 1] && (ub.state[i + 1] | s) == ub.state[i + 1]) break;
            ub.seen[i + 1] = true;
            ub.state[i + 1] |= s;
            s = ub.state[i + 1];
        }
    }
    for (int i = 0; i < n; i++) {
        Instr *in = &u->instrs[i];
        if (in->op == OP_LOAD_FAST_CHECK && in->arg < 64 && ub.seen[i] && !(ub.state[i] & ((uint64_t)1 << in->arg)))
            in->op = OP_LOAD_FAST;
    }
    return 0;
}

/* ---- tables ---- */

static ExceptionEntry *build_exctable(Unit *u, const int *offsets, const int *depth, uint32_t *count) {
    int n = u->ninstrs;
    ExceptionEntry *table = gc_alloc_atomic(sizeof(ExceptionEntry) * (size_t)(n + 1));
    if (!table) {
        err_no_memory();
        return NULL;
    }
    uint32_t m = 0;
    int cur = -1;
    for (int i = 0; i < n; i++) {
        Instr *in = &u->instrs[i];
        if (in->op == PSEUDO_SETUP) continue;
        if (in->handler != cur) {
            cur = in->handler;
            if (cur >= 0) {
                Handler *h = &u->handlers[cur];
                int d = depth[h->setup] >= 0 ? depth[h->setup] - h->adjust : 0;
                table[m].start = (uint32_t)offsets[i];
                table[m].target = (uint32_t)offsets[label_index(u, h->label)];
                table[m].depth = (uint32_t)(d < 0 ? 0 : d);
                m++;
            }
        }
        if (cur >= 0) table[m - 1].end = (uint32_t)(offsets[i] + instr_size(in));
    }
    *count = m;
    return table;
}

static Value tuple_of(Value *items, int n) {
    return tuple_from_array(items, (size_t)n);
}

CodeObject *assemble_unit(Compiler *c, Unit *u) {
    int n = u->ninstrs;
    for (int l = 0; l < u->nlabels; l++) {
        if (u->labels[l] < 0) {
            err_format(&Exc_SystemError, "compiler: unplaced label in '%s'", str_data(u->name));
            return NULL;
        }
    }
    /* Jump direction is known from instruction order alone. */
    for (int i = 0; i < n; i++) {
        Instr *in = &u->instrs[i];
        if (in->op == PSEUDO_JUMP) in->op = label_index(u, in->arg) <= i ? OP_JUMP_BACKWARD : OP_JUMP_FORWARD;
    }
    int *depth;
    int maxdepth = compute_depths(u, &depth);
    if (maxdepth < 0) return NULL;
    if (optimize_load_fast(u) < 0) return NULL;

    int *offsets = gc_alloc_atomic(sizeof(int) * (size_t)(n + 1));
    if (!offsets) {
        err_no_memory();
        return NULL;
    }
    int total = 0;
    for (int i = 0; i < n; i++) {
        offsets[i] = total;
        total += instr_size(&u->instrs[i]);
    }
    offsets[n] = total;

    CodeUnit *code = gc_alloc_atomic(sizeof(CodeUnit) * (size_t)(total + 1));
    int32_t *lines = gc_alloc_atomic(sizeof(int32_t) * (size_t)(total + 1));
    if (!code || !lines) {
        err_no_memory();
        return NULL;
    }
    int pos = 0;
    for (int i = 0; i < n; i++) {
        Instr *in = &u->instrs[i];
        if (in->op == PSEUDO_SETUP) continue;
        int arg = is_jump(in->op) ? offsets[label_index(u, in->arg)] : in->arg;
        code[pos] = CU_MAKE(in->op, (uint32_t)arg);
        lines[pos++] = in->line;
        for (int k = 0; k < opcode_cache_units[in->op]; k++) {
            code[pos] = CU_MAKE(OP_CACHE, 0);
            lines[pos++] = in->line;
        }
    }

    CodeObject *co = code_new();
    if (!co) return NULL;
    co->code = code;
    co->ncode = (uint32_t)total;
    co->exctable = build_exctable(u, offsets, depth, &co->nexc);
    if (!co->exctable) return NULL;
    co->linetable = lines;
    uint32_t flags = u->flags & ~(uint32_t)CO_NOFREE;
    bool nofree = true;
    for (int i = 0; i < u->nfast; i++)
        if (u->fast_kinds[i] & (CO_FAST_CELL | CO_FAST_FREE)) nofree = false;
    if (nofree) flags |= CO_NOFREE;
    co->flags = flags;
    co->argcount = (uint32_t)u->argcount;
    co->posonlyargcount = (uint32_t)u->posonlyargcount;
    co->kwonlyargcount = (uint32_t)u->kwonlyargcount;
    co->nlocalsplus = (uint32_t)u->nfast;
    co->nlocals = (uint32_t)u->nlocals;
    co->ncells = (uint32_t)u->ncells_extra;
    co->nfree = (uint32_t)u->nfree;
    co->stacksize = (uint32_t)maxdepth;
    co->firstlineno = (uint32_t)u->firstlineno;
    co->consts = tuple_of(u->consts, u->nconsts);
    co->names = tuple_of(u->names, u->nnames);
    co->localsplusnames = tuple_of(u->fast_names, u->nfast);
    if (!co->consts || !co->names || !co->localsplusnames) return NULL;
    co->localspluskinds = gc_alloc_atomic((size_t)u->nfast + 1);
    if (!co->localspluskinds) {
        err_no_memory();
        return NULL;
    }
    if (u->nfast) memcpy(co->localspluskinds, u->fast_kinds, (size_t)u->nfast);
    co->filename = c->filename;
    co->name = u->name;
    co->qualname = u->qualname;
    return co;
}
