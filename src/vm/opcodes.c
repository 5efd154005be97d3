/* opcodes.c — the opcode metadata tables, generated from the OPCODES
 * X-macro so names, cache sizes and flags never drift from the enum. */
#include "opcodes.h"

#define OPCODE_NAME(name, cache, flags) [OP_##name] = #name,
const char *const opcode_names[OPCODE_COUNT] = { OPCODES(OPCODE_NAME) };
#undef OPCODE_NAME

#define OPCODE_CACHE(name, cache, flags) [OP_##name] = (cache),
const uint8_t opcode_cache_units[OPCODE_COUNT] = { OPCODES(OPCODE_CACHE) };
#undef OPCODE_CACHE

#define OPCODE_FLAGS(name, cache, flags) [OP_##name] = (flags),
const uint8_t opcode_flags[OPCODE_COUNT] = { OPCODES(OPCODE_FLAGS) };
#undef OPCODE_FLAGS
