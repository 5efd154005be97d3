/* opcodes.c — the opcode metadata tables, generated from the OPCODES and
 * SPECIALIZED_OPCODES X-macros so names, cache sizes, flags and families
 * never drift from the enum. A specialised form takes its cache size and
 * flags from its family: it is the same instruction, only faster. */
#include "opcodes.h"

#define OPCODE_NAME(name, cache, flags) [OP_##name] = #name,
#define SPEC_NAME(name, family) [OP_##name] = #name,
const char *const opcode_names[OPCODE_COUNT] = {OPCODES(OPCODE_NAME)
                                                    SPECIALIZED_OPCODES(SPEC_NAME)};
#undef OPCODE_NAME
#undef SPEC_NAME

#define OPCODE_CACHE(name, cache, flags) [OP_##name] = OPCACHE_##name,
#define SPEC_CACHE(name, family) [OP_##name] = OPCACHE_##name,
const uint8_t opcode_cache_units[OPCODE_COUNT] = {OPCODES(OPCODE_CACHE)
                                                      SPECIALIZED_OPCODES(SPEC_CACHE)};
#undef OPCODE_CACHE
#undef SPEC_CACHE

#define OPCODE_FLAGS(name, cache, flags) [OP_##name] = OPFLAGS_##name,
#define SPEC_FLAGS(name, family) [OP_##name] = OPFLAGS_##name,
const uint8_t opcode_flags[OPCODE_COUNT] = {OPCODES(OPCODE_FLAGS) SPECIALIZED_OPCODES(SPEC_FLAGS)};
#undef OPCODE_FLAGS
#undef SPEC_FLAGS

#define OPCODE_FAMILY(name, cache, flags) [OP_##name] = OP_##name,
#define SPEC_FAMILY(name, family) [OP_##name] = OP_##family,
const uint8_t opcode_family[OPCODE_COUNT] = {OPCODES(OPCODE_FAMILY)
                                                 SPECIALIZED_OPCODES(SPEC_FAMILY)};
#undef OPCODE_FAMILY
#undef SPEC_FAMILY

_Static_assert(OPCODE_COUNT <= 256, "opcodes must fit the 8-bit opcode field");
