/* gc.h — the only door to memory. Everything a Python program allocates
 * comes through here, so the collector can change without touching callers.
 *
 * The implementation (gc.c) sits on the Boehm–Demers–Weiser conservative
 * collector: no reference counts anywhere, and raw pointers in Values are
 * found by scanning. Memory from gc_alloc is zeroed.
 */
#ifndef KRAIT_GC_H
#define KRAIT_GC_H

#include <stddef.h>

void gc_init(void);

/* Memory that may hold pointers (scanned). Zero-filled. NULL if the request
 * cannot be satisfied: callers turn that into MemoryError. */
void *gc_alloc(size_t size);

/* Memory that never holds pointers (string bytes, GMP limbs): not scanned,
 * NOT zero-filled. */
void *gc_alloc_atomic(size_t size);

/* Scanned memory that is itself a root (never collected until freed): for
 * the VM's value stack and global tables that live outside the heap. */
void *gc_alloc_root(size_t size);
void gc_free_root(void *p);

/* Grow or shrink a gc_alloc / gc_alloc_atomic block. NULL on failure (the
 * old block is then untouched). */
void *gc_realloc(void *p, size_t size);

/* Run fn(obj, data) once obj becomes unreachable. */
typedef void (*gc_finalizer_fn)(void *obj, void *data);
void gc_register_finalizer(void *obj, gc_finalizer_fn fn, void *data);

/* Force a full collection (gc.collect()). */
void gc_collect(void);

/* Bytes in the heap right now (for tests and -X stats). */
size_t gc_heap_size(void);

#endif
