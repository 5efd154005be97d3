/* gc.c — gc.h on top of libgc (Boehm–Demers–Weiser). */
#define GC_THREADS
#include <gc/gc.h>

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

void *gc_alloc(size_t size) { return GC_MALLOC(size); }

void *gc_alloc_atomic(size_t size) { return GC_MALLOC_ATOMIC(size); }

void *gc_alloc_root(size_t size) { return GC_MALLOC_UNCOLLECTABLE(size); }

void gc_free_root(void *p) { GC_FREE(p); }

void *gc_realloc(void *p, size_t size) { return GC_REALLOC(p, size); }

void gc_register_finalizer(void *obj, gc_finalizer_fn fn, void *data) {
    GC_REGISTER_FINALIZER_NO_ORDER(obj, fn, data, 0, 0);
}

void gc_collect(void) { GC_gcollect(); }

size_t gc_heap_size(void) { return GC_get_heap_size(); }
