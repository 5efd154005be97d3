/* opcode_module.c — `_opcode`: the instruction table of vm/opcodes.h as
 * Python data, for lib/opcode.py and lib/dis.py. Everything is a tuple
 * indexed by opcode (generic opcodes first, then the specialised forms):
 *   opnames     names
 *   cache_units inline cache units (32-bit) after the instruction
 *   flags       OPF_* bits (constants below)
 *   family      the generic opcode a specialised form belongs to
 * and BASE_COUNT, the number of generic opcodes. */
#include "../objects/dict.h"
#include "../objects/module.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../vm/opcodes.h"
#include "modules.h"

/* A tuple of OPCODE_COUNT values made by make(op). */
static Value per_opcode(Value (*make)(int op)) {
    Value t = tuple_new(OPCODE_COUNT);
    if (!t) return VAL_NULL;
    for (int op = 0; op < OPCODE_COUNT; op++) {
        Value v = make(op);
        if (!v) return VAL_NULL;
        tuple_items(t)[op] = v;
    }
    return t;
}

static Value op_name(int op) { return str_from_cstr(opcode_names[op]); }
static Value op_cache(int op) { return val_from_smallint(opcode_cache_units[op]); }
static Value op_flags(int op) { return val_from_smallint(opcode_flags[op]); }
static Value op_family(int op) { return val_from_smallint(opcode_family[op]); }

Value opcode_module_init(void) {
    Value m = module_new_cstr("_opcode");
    if (!m) return VAL_NULL;
    Value d = module_dict(m);
    Value names = per_opcode(op_name), caches = per_opcode(op_cache);
    Value flags = per_opcode(op_flags), family = per_opcode(op_family);
    if (!names || !caches || !flags || !family || dict_set_str(d, "opnames", names) < 0 ||
        dict_set_str(d, "cache_units", caches) < 0 || dict_set_str(d, "flags", flags) < 0 ||
        dict_set_str(d, "family", family) < 0 ||
        dict_set_str(d, "BASE_COUNT", val_from_smallint(OPCODE_BASE_COUNT)) < 0 ||
        dict_set_str(d, "OPF_JUMP", val_from_smallint(OPF_JUMP)) < 0 ||
        dict_set_str(d, "OPF_CONST", val_from_smallint(OPF_CONST)) < 0 ||
        dict_set_str(d, "OPF_NAME", val_from_smallint(OPF_NAME)) < 0 ||
        dict_set_str(d, "OPF_LOCAL", val_from_smallint(OPF_LOCAL)) < 0 ||
        dict_set_str(d, "OPF_NOARG", val_from_smallint(OPF_NOARG)) < 0)
        return VAL_NULL;
    return m;
}
