/* gc.c — gc.h on top of libgc (Boehm–Demers–Weiser). */
#define GC_THREADS
#include <gc/gc.h>
#include <gc/gc_inline.h>

#include "gc.h"

/* Small programs should never collect: start with a heap big enough that a
 * script like hello-world finishes before the first GC, but small enough
 * that start-up RSS stays low (pages are touched lazily). */
#define GC_INITIAL_HEAP (8u << 20)

/* libgc prints "GC Warning: Out of Memory!" and similar on stderr; krait
 * reports those conditions itself, as MemoryError, so the noise goes. */
static void ignore_warning(char *msg, GC_word arg) {
    (void)msg;
    (void)arg;
}

void gc_init(void) {
    GC_set_warn_proc(ignore_warning);
    GC_set_all_interior_pointers(1); /* slices of arrays keep them alive */
    GC_INIT();
    GC_expand_hp(GC_INITIAL_HEAP);
    GC_set_free_space_divisor(2); /* grow rather than collect often */
}

/* ---- small blocks: krait's own free lists ----
 * Most objects are small. libgc's allocator takes a lock and, in the
 * threaded build Debian ships, finds its thread-local free lists through a
 * TLS lookup (__tls_get_addr, from a shared library) on every call. krait
 * runs Python on one thread, so it keeps one free list per size class
 * itself, refilled a whole block at a time by GC_generic_malloc_many: the
 * common case is a pop. The lists are static, hence roots: a block waiting
 * in one is never reclaimed, which costs at most a block per class in use.
 * Scanned (NORMAL) blocks are linked through their first words. Pointer-
 * free blocks cannot be: the collector does not read them, so it would
 * reclaim all but the head and hand them out twice; their refills are
 * moved into a static (scanned) array of pointers instead.
 *
 * Sizes are counted in libgc's 16-byte granules and include the extra byte
 * that GC_all_interior_pointers asks for (a pointer one past the end of a
 * block must keep it alive), exactly as GC_MALLOC rounds. Blocks of kind
 * NORMAL arrive zeroed apart from the link word. */
#define GRANULE 16
#define SMALL_GRANULES 32 /* up to 511 bytes requested */

static void *free_lists[SMALL_GRANULES + 1]; /* by granules */

static inline size_t granules_for(size_t size) { return (size + 1 + GRANULE - 1) / GRANULE; }

static void *alloc_small(size_t granules) {
    void **list = &free_lists[granules];
    if (__builtin_expect(*list == NULL, 0)) {
        GC_generic_malloc_many(granules * GRANULE, GC_I_NORMAL, list);
        if (*list == NULL) return NULL;
    }
    void *block = *list;
    *list = *(void **)block;
    *(void **)block = NULL;
    return block;
}

void *gc_alloc(size_t size) {
    size_t granules = granules_for(size);
    if (granules <= SMALL_GRANULES) return alloc_small(granules);
    return GC_MALLOC(size);
}

#define ATOMIC_POOL 256

static void *atomic_pool[SMALL_GRANULES + 1][ATOMIC_POOL];
static unsigned atomic_count[SMALL_GRANULES + 1];

/* Blocks of a refill beyond the pool's room are simply dropped: nothing
 * refers to them, so the next collection takes them back. */
static void refill_atomic(size_t granules) {
    void *chain = NULL;
    GC_generic_malloc_many(granules * GRANULE, GC_I_PTRFREE, &chain);
    unsigned n = 0;
    while (chain && n < ATOMIC_POOL) {
        atomic_pool[granules][n++] = chain;
        chain = *(void **)chain;
    }
    atomic_count[granules] = n;
}

void *gc_alloc_atomic(size_t size) {
    size_t granules = granules_for(size);
    if (granules > SMALL_GRANULES) return GC_MALLOC_ATOMIC(size);
    if (__builtin_expect(atomic_count[granules] == 0, 0)) {
        refill_atomic(granules);
        if (atomic_count[granules] == 0) return NULL;
    }
    unsigned n = --atomic_count[granules];
    void *block = atomic_pool[granules][n];
    atomic_pool[granules][n] = NULL; /* the pool must not keep it alive */
    return block;
}

void *gc_alloc_root(size_t size) { return GC_MALLOC_UNCOLLECTABLE(size); }

void gc_free_root(void *p) { GC_FREE(p); }

void *gc_realloc(void *p, size_t size) { return GC_REALLOC(p, size); }

void gc_register_finalizer(void *obj, gc_finalizer_fn fn, void *data) {
    GC_REGISTER_FINALIZER_NO_ORDER(obj, fn, data, 0, 0);
}

void gc_collect(void) { GC_gcollect(); }

size_t gc_heap_size(void) { return GC_get_heap_size(); }
