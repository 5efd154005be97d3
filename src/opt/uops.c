/* uops.c — the micro-op tables, generated from the X-macro in uops.h. */
#include "uops.h"

const char *const uop_names[UOP_COUNT] = {
#define UOP_NAME(name, pops, pushes, flags) "_" #name,
    UOPS(UOP_NAME)
#undef UOP_NAME
};

const uint8_t uop_pops[UOP_COUNT] = {
#define UOP_POPS(name, pops, pushes, flags) pops,
    UOPS(UOP_POPS)
#undef UOP_POPS
};

const uint8_t uop_pushes[UOP_COUNT] = {
#define UOP_PUSHES(name, pops, pushes, flags) pushes,
    UOPS(UOP_PUSHES)
#undef UOP_PUSHES
};

const uint32_t uop_flags[UOP_COUNT] = {
#define UOP_FLAGS(name, pops, pushes, flags) flags,
    UOPS(UOP_FLAGS)
#undef UOP_FLAGS
};
