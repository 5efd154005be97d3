/* opt_abstract.h — the optimizer's abstract interpretation of one micro-op
 * at a time (opt_abstract.c), shared by the passes of optimizer.c.
 *
 * Every stack slot and local of each frame the trace is in has a kind: a
 * fact that holds whenever the trace gets there. A step interprets one
 * projected micro-op and writes what it becomes — itself, nothing (a guard
 * already proven), or a typed form of a generic operation whose operand
 * kinds are known — to an output list; with no output list it only
 * interprets (the loop-head fixpoint of optimizer.c).
 */
#ifndef KRAIT_OPT_ABSTRACT_H
#define KRAIT_OPT_ABSTRACT_H

#include "projector.h"

enum {
    K_UNKNOWN,    /* nothing known (may even be unbound / NULL) */
    K_INT,        /* a small int */
    K_INTISH,     /* an int, maybe a big one (the sum of two small ints, …) */
    K_FLOAT,      /* an inline float */
    K_BOOL,       /* True or False */
    K_RANGE_ITER, /* a range iterator whose values left are all small ints */
    K_LIST_ITER,  /* exactly a list iterator */
    K_TUPLE_ITER, /* exactly a tuple iterator */
};

typedef struct {
    uint8_t kind;
    int32_t local; /* the local this value was loaded from and still is (-1: none) */
    Value konst;   /* the constant it is (VAL_NULL: not known) */
} Slot;

/* A list or tuple in a local, indexed by a constant, passed _GUARD_LIST_INT
 * or _GUARD_TUPLE_INT: until the local is stored or code that may resize a
 * list runs, the same guard passes again. */
typedef struct {
    int32_t local;
    Value index;
    uint16_t guard;
} IndexFact;

#define OPT_MAX_INDEX_FACTS 8

typedef struct {
    uint8_t *locals;
    uint32_t nlocals;
    Slot *stack;
    int depth, capacity;
    IndexFact index_facts[OPT_MAX_INDEX_FACTS];
    int nindex_facts;
} State;

/* The optimised micro-ops. */
typedef struct {
    ProtoUop *body;
    uint32_t n, cap;
    uint32_t start;          /* where this pass began writing (peepholes look no further back) */
    bool overflow;           /* did not fit in cap: the result is unusable */
    uint32_t guards_removed; /* guards proven and dropped */
} Out;

typedef struct {
    State frames[TIER2_MAX_CALL_DEPTH + 1]; /* the loop's frame, then callees entered */
    int nframes;
    bool blind; /* out of memory or too deep: the rest is copied as is */
    /* A peeled preamble: guard iterators for the whole loop (a stronger,
     * dearer guard, paid back only by the loop copy it lets go unguarded). */
    bool preamble;
    Out *out;   /* NULL: interpret only */
} Interp;

/* Nothing known of a frame of co (false: no memory). */
bool state_init(State *s, const CodeObject *co);
/* dst (made by state_init for the same code) becomes a copy of src. */
void state_copy(State *dst, const State *src);
/* into = what holds in both into and other; true when into changed. */
bool state_meet(State *into, const State *other);
/* Interpret pu in it (and write its optimised form to it->out). */
void interp_step(Interp *it, const ProtoUop *pu);

#endif
