/* emit.c — compiling a trace: lay the stencils out one after another, copy
 * them into fresh read-write memory, patch every hole, then make the pages
 * read-execute (jitmem.h).
 *
 * Layout of one mapping:
 *   [code of instrs[0]] [code of instrs[1]] ... [data blocks] [jump stubs]
 * A stencil whose code ends in `jmp _JIT_CONTINUE` loses those 5 bytes: its
 * continuation is the stencil laid out right after it.
 */
#include <string.h>

#include "../gc/gc.h"
#include "jit.h"
#include "jitmem.h"
#include "stencil_table.h"

/* A jump stub: `jmp *0(%rip)` then the 64-bit target, padded to 16. */
#define STUB_SIZE 16
#define DATA_ALIGN 16

typedef struct {
    unsigned char *base;
    size_t *code_offset;  /* per instruction, plus one past the end */
    size_t *data_offset;
    unsigned char *stubs;
    const void **stub_targets;
    uint32_t nstubs, max_stubs;
    const char *why;
} Emit;

static size_t align_up(size_t n, size_t a) { return (n + a - 1) / a * a; }

static bool drops_tail(const Trace *t, uint32_t i) {
    return jit_stencils[t->instrs[i].opcode]->ends_in_jump_to_continue && i + 1 < t->length;
}

/* The jump stub for a far target, made on first use. */
static unsigned char *stub_for(Emit *e, const void *target) {
    for (uint32_t i = 0; i < e->nstubs; i++)
        if (e->stub_targets[i] == target) return e->stubs + (size_t)i * STUB_SIZE;
    if (e->nstubs == e->max_stubs) return NULL;
    unsigned char *s = e->stubs + (size_t)e->nstubs * STUB_SIZE;
    static const unsigned char jmp_rip[6] = {0xFF, 0x25, 0, 0, 0, 0};
    memcpy(s, jmp_rip, sizeof jmp_rip);
    uint64_t addr = (uint64_t)(uintptr_t)target;
    memcpy(s + 6, &addr, 8);
    memset(s + 14, 0xCC, STUB_SIZE - 14); /* int3: never reached */
    e->stub_targets[e->nstubs++] = target;
    return s;
}

/* The value hole h of instruction i stands for. */
static uint64_t hole_value(const Emit *e, const Trace *t, uint32_t i, const JitHole *h) {
    const UopInstr *u = &t->instrs[i];
    switch ((JitHoleValue)h->value) {
    case JIT_HOLE_OPARG: return u->oparg;
    case JIT_HOLE_OPERAND: return u->operand;
    case JIT_HOLE_TARGET: return u->target;
    case JIT_HOLE_CONTINUE: return (uintptr_t)(e->base + e->code_offset[i + 1]);
    case JIT_HOLE_JUMP_TARGET:
    case JIT_HOLE_SIDE_EXIT: return (uintptr_t)(e->base + e->code_offset[u->jump_target]);
    case JIT_HOLE_CODE: return (uintptr_t)(e->base + e->code_offset[i]);
    case JIT_HOLE_DATA: return (uintptr_t)(e->base + e->data_offset[i]);
    case JIT_HOLE_SYMBOL: return (uintptr_t)h->symbol;
    case JIT_HOLE_COUNT: break;
    }
    return 0;
}

/* Write one hole at `at`. False (with e->why) when the value cannot be
 * encoded there. */
static bool patch(Emit *e, unsigned char *at, const JitHole *h, uint64_t value) {
    uint64_t v = value + (uint64_t)h->addend;
    int64_t rel = (int64_t)(v - (uint64_t)(uintptr_t)at);
    switch ((JitRelocKind)h->reloc) {
    case JIT_RELOC_ABS64:
        memcpy(at, &v, 8);
        return true;
    case JIT_RELOC_ABS32:
        if (v > UINT32_MAX) break;
        memcpy(at, &(uint32_t){(uint32_t)v}, 4);
        return true;
    case JIT_RELOC_ABS32S:
        if ((int64_t)v != (int32_t)v) break;
        memcpy(at, &(int32_t){(int32_t)v}, 4);
        return true;
    case JIT_RELOC_BRANCH32:
        if (rel != (int32_t)rel && h->value == JIT_HOLE_SYMBOL) {
            unsigned char *stub = stub_for(e, h->symbol);
            if (!stub) break;
            rel = (int64_t)((uint64_t)(uintptr_t)stub + (uint64_t)h->addend - (uint64_t)(uintptr_t)at);
        }
        /* fall through */
    case JIT_RELOC_REL32:
        if (rel != (int32_t)rel) break;
        memcpy(at, &(int32_t){(int32_t)rel}, 4);
        return true;
    case JIT_RELOC_COUNT:
        break;
    }
    e->why = "a hole's value does not fit its relocation";
    return false;
}

static bool patch_stencil(Emit *e, const Trace *t, uint32_t i) {
    const JitStencil *s = jit_stencils[t->instrs[i].opcode];
    size_t kept = e->code_offset[i + 1] - e->code_offset[i];
    unsigned char *code = e->base + e->code_offset[i];
    memcpy(code, s->code, kept);
    for (uint32_t k = 0; k < s->nholes; k++) {
        const JitHole *h = &s->holes[k];
        if (h->offset + 4 > kept) continue; /* in the dropped jump */
        if (!patch(e, code + h->offset, h, hole_value(e, t, i, h))) return false;
    }
    if (s->data_size) {
        unsigned char *data = e->base + e->data_offset[i];
        memcpy(data, s->data, s->data_size);
        for (uint32_t k = 0; k < s->ndata_holes; k++) {
            const JitHole *h = &s->data_holes[k];
            if (!patch(e, data + h->offset, h, hole_value(e, t, i, h))) return false;
        }
    }
    return true;
}

/* Count the stubs a trace may need: one per far-callable hole at most. */
static uint32_t stub_bound(const Trace *t) {
    uint32_t n = 0;
    for (uint32_t i = 0; i < t->length; i++) {
        const JitStencil *s = jit_stencils[t->instrs[i].opcode];
        for (uint32_t k = 0; k < s->nholes; k++)
            n += s->holes[k].reloc == JIT_RELOC_BRANCH32 && s->holes[k].value == JIT_HOLE_SYMBOL;
    }
    return n;
}

static bool collect_objects(JitCode *code, const Trace *t) {
    uint32_t n = 0;
    for (uint32_t i = 0; i < t->length; i++)
        n += (uop_flags[t->instrs[i].opcode] & UOPF_OBJECT) && val_is_ptr(t->instrs[i].operand);
    if (!n) return true;
    code->objects = gc_alloc(n * sizeof(Value));
    if (!code->objects) return false;
    for (uint32_t i = 0; i < t->length; i++)
        if ((uop_flags[t->instrs[i].opcode] & UOPF_OBJECT) && val_is_ptr(t->instrs[i].operand))
            code->objects[code->nobjects++] = t->instrs[i].operand;
    return true;
}

static void release_mapping(void *obj, void *data) {
    JitCode *code = obj;
    if (code->memory) jitmem_free(code->memory, code->mapped);
    code->memory = NULL;
}

void jit_free(JitCode *code) {
    release_mapping(code, NULL);
}

JitCode *jit_compile(const Trace *t, const char **why) {
    if (!jit_available()) {
        *why = "JIT unavailable";
        return NULL;
    }
    if (!jit_entry_ready()) {
        *why = "cannot map the entry trampoline";
        return NULL;
    }
    uint32_t n = t->length;
    for (uint32_t i = 0; i < n; i++) {
        if (t->instrs[i].opcode >= UOP_COUNT || !jit_stencils[t->instrs[i].opcode]) {
            *why = "micro-op without a stencil";
            return NULL;
        }
        if ((uop_flags[t->instrs[i].opcode] & UOPF_TERMINAL) == 0 && i + 1 == n) {
            *why = "trace falls off its end";
            return NULL;
        }
    }
    Emit e = {0};
    e.code_offset = gc_alloc_atomic((size_t)(n + 1) * sizeof(size_t));
    e.data_offset = gc_alloc_atomic((size_t)n * sizeof(size_t));
    e.max_stubs = stub_bound(t);
    e.stub_targets = gc_alloc((size_t)e.max_stubs * sizeof(void *) + 1);
    JitCode *code = gc_alloc(sizeof(JitCode));
    if (!e.code_offset || !e.data_offset || !e.stub_targets || !code) {
        *why = "out of memory";
        return NULL;
    }
    size_t at = 0;
    for (uint32_t i = 0; i < n; i++) {
        e.code_offset[i] = at;
        at += jit_stencils[t->instrs[i].opcode]->code_size - (drops_tail(t, i) ? 5 : 0);
        code->ndropped_jumps += drops_tail(t, i);
    }
    e.code_offset[n] = at;
    code->code_size = at;
    at = align_up(at, DATA_ALIGN);
    size_t data_start = at;
    for (uint32_t i = 0; i < n; i++) {
        e.data_offset[i] = at;
        at = align_up(at + jit_stencils[t->instrs[i].opcode]->data_size, DATA_ALIGN);
    }
    code->data_size = at - data_start;
    size_t stubs_at = at;
    at += (size_t)e.max_stubs * STUB_SIZE;
    if (!collect_objects(code, t)) {
        *why = "out of memory";
        return NULL;
    }
    e.base = jitmem_alloc(at, &code->mapped);
    if (!e.base) {
        *why = "cannot map memory";
        return NULL;
    }
    e.stubs = e.base + stubs_at;
    /* Padding and unused stub space trap if ever executed. */
    memset(e.base, 0xCC, code->mapped);
    for (uint32_t i = 0; i < n; i++) {
        if (!patch_stencil(&e, t, i)) {
            jitmem_free(e.base, code->mapped);
            *why = e.why;
            return NULL;
        }
    }
    if (jitmem_seal(e.base, code->mapped) < 0) {
        jitmem_free(e.base, code->mapped);
        *why = "cannot make the code executable";
        return NULL;
    }
    code->memory = e.base;
    code->entry = e.base;
    code->nstubs = e.nstubs;
    gc_register_finalizer(code, release_mapping, NULL);
    return code;
}
