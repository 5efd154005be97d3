/* frame.c — the frame arena and Frame_Type (the Python view of a frame).
 *
 * Arena frames are bump-allocated in chunks from gc_alloc_root, so the
 * collector scans their Values without them ever being garbage. Frames
 * are strictly LIFO, so popping one rewinds the arena top to it; only a
 * frame that had to open the next chunk remembers the chunk before it
 * (frame.h: frame_arena_push/pop are the inline fast paths). Chunks are
 * kept for reuse. */
#include "frame.h"

#include "../objects/dict.h"
#include "../objects/function.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "error.h"
#include "vm.h"

typedef struct ArenaChunk {
    struct ArenaChunk *prev, *next;
    char *top;   /* saved arena top while another chunk is current */
    char *limit;
    char data[];
} ArenaChunk;

#define ARENA_CHUNK_BYTES ((size_t)1 << 20)

static ArenaChunk *arena_current;
char *frame_arena_top, *frame_arena_limit;

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

/* The current chunk is full (or there is none yet): carve the frame at the
 * start of the next one. The very first frame records no previous chunk:
 * popping it rewinds the first chunk to its start, which is right. */
Frame *frame_arena_push_slow(size_t size) {
    ArenaChunk *prev = arena_current;
    if (prev) prev->top = frame_arena_top;
    ArenaChunk *next = arena_advance(size);
    if (!next) {
        err_no_memory();
        return NULL;
    }
    arena_current = next;
    frame_arena_top = next->data + size;
    frame_arena_limit = next->limit;
    Frame *f = (Frame *)next->data;
    f->arena_prev_chunk = prev;
    f->on_heap = 0;
    return f;
}

/* Popping the first frame of a chunk: the previous chunk is current again. */
void frame_arena_pop_slow(Frame *f) {
    ArenaChunk *c = f->arena_prev_chunk;
    arena_current = c;
    frame_arena_top = c->top;
    frame_arena_limit = c->limit;
}

Frame *frame_heap_new(CodeObject *co) {
    Frame *f = gc_alloc(frame_size_for(co));
    if (!f) err_no_memory();
    else f->on_heap = 1;
    return f;
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
