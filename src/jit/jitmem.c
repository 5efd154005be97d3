/* jitmem.c — see jitmem.h. */
#include "jitmem.h"

#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

/* Mappings are tried at increasing addresses starting this far below
 * krait's text: PIE binaries load with free address space under them, and
 * ±2 GiB is what a rel32 reaches. */
#define NEAR_START_BELOW ((uintptr_t)1 << 30)
#define NEAR_TRIES 64

static uintptr_t near_cursor;

static size_t page_size(void) {
    static size_t size;
    if (!size) size = (size_t)sysconf(_SC_PAGESIZE);
    return size;
}

/* Try the address hint exactly; never replace an existing mapping. */
static void *map_at(uintptr_t hint, size_t len) {
#ifdef MAP_FIXED_NOREPLACE
    int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE;
#else
    int flags = MAP_PRIVATE | MAP_ANONYMOUS;
#endif
    void *p = mmap((void *)hint, len, PROT_READ | PROT_WRITE, flags, -1, 0);
    if (p == MAP_FAILED) return NULL;
    if ((uintptr_t)p != hint) { /* an old kernel took the flag as a hint */
        munmap(p, len);
        return NULL;
    }
    return p;
}

void *jitmem_alloc(size_t size, size_t *mapped) {
    size_t page = page_size();
    size_t len = (size + page - 1) / page * page;
    if (!near_cursor) {
        uintptr_t text = (uintptr_t)&jitmem_alloc;
        near_cursor = text > NEAR_START_BELOW ? (text - NEAR_START_BELOW) / page * page : page * 16;
    }
    for (int i = 0; i < NEAR_TRIES; i++) {
        void *p = map_at(near_cursor, len);
        near_cursor += len;
        if (p) {
            *mapped = len;
            return p;
        }
    }
    void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return NULL;
    *mapped = len;
    return p;
}

int jitmem_seal(void *p, size_t mapped) {
    return mprotect(p, mapped, PROT_READ | PROT_EXEC);
}

void jitmem_free(void *p, size_t mapped) {
    munmap(p, mapped);
}
