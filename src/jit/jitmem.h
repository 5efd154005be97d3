/* jitmem.h — executable memory, W^X: pages are mapped read-write, filled,
 * then flipped to read-execute; no page is ever writable and executable at
 * once. Mappings are placed near krait's own code when possible so that
 * 32-bit relative calls from stencils reach its C helpers directly (the
 * emitter routes anything farther through a jump stub). */
#ifndef KRAIT_JIT_JITMEM_H
#define KRAIT_JIT_JITMEM_H

#include <stddef.h>

/* Page-rounded read-write mapping of at least size bytes; *mapped receives
 * its length. NULL when the system refuses. */
void *jitmem_alloc(size_t size, size_t *mapped);
/* Make a jitmem_alloc mapping read-execute (never writable again). 0 / -1. */
int jitmem_seal(void *p, size_t mapped);
void jitmem_free(void *p, size_t mapped);

#endif
