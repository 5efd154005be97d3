/* frame.c — the frame arena and Frame_Type (the Python view of a frame).
 *
 * Arena frames are bump-allocated in chunks from gc_alloc_root, so the
 * collector scans their Values without them ever being garbage. A frame
 * records the arena position before it was carved, and popping restores
 * it: frames are strictly LIFO. Chunks are kept for reuse. */
#include "frame.h"

#include "../objects/dict.h"
#include "../objects/function.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "error.h"
#include "vm.h"

typedef struct ArenaChunk {
    struct ArenaChunk *prev, *next;
    char *top;
    char *limit;
    char data[];
} ArenaChunk;

#define ARENA_CHUNK_BYTES ((size_t)1 << 20)

static ArenaChunk *arena_current;

Frame *vm_frame;
int vm_depth;

static ArenaChunk *arena_chunk_new(size_t need, ArenaChunk *prev) {
    size_t bytes = need + sizeof(ArenaChunk) > ARENA_CHUNK_BYTES ? need + sizeof(ArenaChunk)
                                                                 : ARENA_CHUNK_BYTES;
    ArenaChunk *c = gc_alloc_root(bytes);
    if (!c) return NULL;
    c->prev = prev;
    c->next = NULL;
    c->top = c->data;
    c->limit = (char *)c + bytes;
    return c;
}

/* Move to the next chunk (reusing it when big enough) for `size` bytes. */
static ArenaChunk *arena_advance(size_t size) {
    ArenaChunk *cur = arena_current, *next = cur ? cur->next : NULL;
    if (next && (size_t)(next->limit - next->data) < size) {
        if (next->next) next->next->prev = NULL; /* drop the tail: rarely used */
        gc_free_root(next);
        next = NULL;
    }
    if (!next) {
        next = arena_chunk_new(size, cur);
        if (!next) return NULL;
        if (cur) cur->next = next;
    }
    next->top = next->data;
    return next;
}

Frame *frame_arena_push(CodeObject *co) {
    size_t size = (frame_size_for(co) + 15) & ~(size_t)15;
    ArenaChunk *chunk = arena_current;
    char *mark = chunk ? chunk->top : NULL;
    if (!chunk || (size_t)(chunk->limit - chunk->top) < size) {
        ArenaChunk *next = arena_advance(size);
        if (!next) {
            err_no_memory();
            return NULL;
        }
        arena_current = next;
    }
    Frame *f = (Frame *)arena_current->top;
    arena_current->top += size;
    /* header and locals must start NULL; stack slots are written before read */
    memset(f, 0, sizeof(Frame) + (size_t)co->nlocalsplus * sizeof(Value));
    f->arena_chunk = chunk;
    f->arena_mark = mark;
    return f;
}

void frame_arena_pop(Frame *f) {
    ArenaChunk *chunk = f->arena_chunk;
    if (chunk) {
        chunk->top = f->arena_mark;
        arena_current = chunk;
    } else if (arena_current) {
        /* the very first frame: rewind the first chunk */
        while (arena_current->prev) arena_current = arena_current->prev;
        arena_current->top = arena_current->data;
    }
}

Frame *frame_heap_new(CodeObject *co) {
    Frame *f = gc_alloc(frame_size_for(co));
    if (!f) err_no_memory();
    else f->on_heap = 1;
    return f;
}

void frame_setup(Frame *f, CodeObject *co, Value func, Value globals, Value builtins,
                 Value locals) {
    f->code = co;
    f->func = func;
    f->globals = globals;
    f->builtins = builtins;
    f->locals = locals;
    f->instr_ptr = NULL;
    f->next_instr = co->code;
    f->stack_top = frame_stack_base(f);
    f->state = FRAME_CREATED;
}

/* ------------------------------------------------------------------ */
/* Frame_Type                                                          */

#define FRAMEOBJ(v) ((FrameObject *)val_as_ptr(v))

Value frame_object_new(Frame *f, int live) {
    FrameObject *fo = obj_alloc(&Frame_Type, sizeof(FrameObject));
    if (!fo) return err_no_memory();
    fo->frame = f;
    fo->code = val_from_ptr(f->code);
    fo->globals = f->globals;
    fo->lineno = frame_lineno(f);
    fo->back = VAL_NULL; /* made on demand while the frame is live */
    (void)live;
    return val_from_ptr(fo);
}

/* The frame behind a FrameObject if it still runs (or is a suspended
 * generator frame). Arena frames are looked for in the running chain: a
 * popped frame's memory may hold another frame by now. */
static Frame *frameobj_live(FrameObject *fo) {
    Frame *f = fo->frame;
    if (!f || f->code != CODE(fo->code)) return NULL;
    if (f->on_heap) return f->state != FRAME_COMPLETED ? f : NULL;
    for (Frame *r = vm_frame; r; r = r->previous)
        if (r == f) return f;
    fo->frame = NULL;
    return NULL;
}

Value vm_get_frame_object(int depth) {
    Frame *f = vm_frame;
    for (int i = 0; i < depth && f; i++) f = f->previous;
    if (!f || depth < 0) return err_format(&Exc_ValueError, "call stack is not deep enough");
    return frame_object_new(f, 1);
}

static Value frameobj_code(Value self) { return FRAMEOBJ(self)->code; }
static Value frameobj_globals(Value self) { return FRAMEOBJ(self)->globals; }
static Value frameobj_back(Value self) {
    FrameObject *fo = FRAMEOBJ(self);
    if (!fo->back) {
        Frame *f = frameobj_live(fo);
        if (!f || !f->previous) return VAL_NONE;
        fo->back = frame_object_new(f->previous, 1);
    }
    return fo->back;
}
static Value frameobj_lineno(Value self) {
    FrameObject *fo = FRAMEOBJ(self);
    Frame *f = frameobj_live(fo);
    if (f) fo->lineno = frame_lineno(f);
    return val_from_smallint(fo->lineno);
}
static Value frameobj_builtins(Value self) {
    Frame *f = frameobj_live(FRAMEOBJ(self));
    return f ? f->builtins : vm_builtins_dict;
}
/* Locals of a live frame as a fresh dict (names with a value only). */
Value frame_locals_dict(Frame *f) {
    if (f->locals) return f->locals;
    Value d = dict_new();
    if (!d) return VAL_NULL;
    CodeObject *co = f->code;
    for (uint32_t i = 0; i < co->nlocalsplus; i++) {
        Value v = f->localsplus[i];
        uint8_t kind = co->localspluskinds ? co->localspluskinds[i] : CO_FAST_LOCAL;
        if (v && (kind & (CO_FAST_CELL | CO_FAST_FREE)) && val_is_type_exact(v, &Cell_Type))
            v = CELL(v)->contents;
        if (!v) continue;
        if (dict_set(d, tuple_items(co->localsplusnames)[i], v) < 0) return VAL_NULL;
    }
    return d;
}
static Value frameobj_locals(Value self) {
    Frame *f = frameobj_live(FRAMEOBJ(self));
    return f ? frame_locals_dict(f) : dict_new();
}

static Value frameobj_repr(Value self) {
    FrameObject *fo = FRAMEOBJ(self);
    CodeObject *co = CODE(fo->code);
    return str_format_c("<frame at %p, file '%U', line %d, code %U>", val_as_ptr(self),
                        co->filename, fo->lineno, co->name);
}

static const GetSetDef frameobj_getset[] = {
    {"f_code", frameobj_code, NULL},
    {"f_globals", frameobj_globals, NULL},
    {"f_builtins", frameobj_builtins, NULL},
    {"f_locals", frameobj_locals, NULL},
    {"f_back", frameobj_back, NULL},
    {"f_lineno", frameobj_lineno, NULL},
    {NULL},
};

Type Frame_Type = {
    .base = {&Type_Type},
    .name = "frame",
    .basicsize = sizeof(FrameObject),
    .tp_repr = frameobj_repr,
    .getset = frameobj_getset,
};
