"""opcode — krait's instruction set, for dis and other bytecode readers.

Built from the `_opcode` built-in module (the X-macro table of
src/vm/opcodes.h), so it always matches the interpreter. Differences from
CPython worth knowing:

- code units are 32 bits (8-bit opcode, 24-bit argument, never
  EXTENDED_ARG); dis shows offsets as unit index * 2 so they read like
  CPython's byte offsets;
- jump arguments are absolute unit indexes, so every jump is in `hasjabs`
  and `hasjrel` is empty;
- inline caches are counted in 32-bit units (`_inline_cache_entries`).
"""
import _opcode

__all__ = ["cmp_op", "stack_effect", "hascompare", "opname", "opmap",
           "HAVE_ARGUMENT", "EXTENDED_ARG", "hasarg", "hasconst", "hasname",
           "hasjump", "hasjrel", "hasjabs", "hasfree", "haslocal", "hasexc"]

cmp_op = ('<', '<=', '==', '!=', '>', '>=')

_count = len(_opcode.opnames)
BASE_COUNT = _opcode.BASE_COUNT

# opname covers every opcode byte (unused ones read '<N>'); opmap only the
# generic instructions, _specialized_opmap the specialised forms.
opname = ['<%d>' % op for op in range(256)]
for _op in range(_count):
    opname[_op] = _opcode.opnames[_op]
opmap = {_opcode.opnames[op]: op for op in range(BASE_COUNT)}
_specialized_opmap = {_opcode.opnames[op]: op for op in range(BASE_COUNT, _count)}

# family name -> its specialised forms, in table order
_specializations = {}
for _op in range(BASE_COUNT, _count):
    _specializations.setdefault(_opcode.opnames[_opcode.family[_op]], []).append(
        _opcode.opnames[_op])

# any opcode -> the generic opcode it belongs to
_deoptop = {op: _opcode.family[op] for op in range(_count)}

_inline_cache_entries = {_opcode.opnames[op]: _opcode.cache_units[op]
                         for op in range(_count) if _opcode.cache_units[op]}

HAVE_ARGUMENT = 0  # every krait instruction has an argument field
EXTENDED_ARG = opmap['EXTENDED_ARG']


def _with_flag(flag):
    return [op for op in range(_count) if _opcode.flags[op] & flag]


hasarg = [op for op in range(_count) if not _opcode.flags[op] & _opcode.OPF_NOARG]
hasconst = _with_flag(_opcode.OPF_CONST)
hasname = _with_flag(_opcode.OPF_NAME)
hasjump = _with_flag(_opcode.OPF_JUMP)
hasjabs = list(hasjump)
hasjrel = []
haslocal = [op for op in _with_flag(_opcode.OPF_LOCAL)
            if opname[op] not in ('LOAD_DEREF', 'STORE_DEREF', 'DELETE_DEREF',
                                  'LOAD_CLOSURE', 'MAKE_CELL', 'LOAD_FROM_DICT_OR_DEREF')]
hasfree = [op for op in _with_flag(_opcode.OPF_LOCAL) if op not in haslocal]
hascompare = [opmap['COMPARE_OP']]
hasexc = []

# BINARY_OP arguments (CPython's NB_* order), in-place forms 13 on.
_nb_ops = [
    ('NB_ADD', '+'), ('NB_AND', '&'), ('NB_FLOOR_DIVIDE', '//'),
    ('NB_LSHIFT', '<<'), ('NB_MATRIX_MULTIPLY', '@'), ('NB_MULTIPLY', '*'),
    ('NB_REMAINDER', '%'), ('NB_OR', '|'), ('NB_POWER', '**'),
    ('NB_RSHIFT', '>>'), ('NB_SUBTRACT', '-'), ('NB_TRUE_DIVIDE', '/'),
    ('NB_XOR', '^'),
    ('NB_INPLACE_ADD', '+='), ('NB_INPLACE_AND', '&='),
    ('NB_INPLACE_FLOOR_DIVIDE', '//='), ('NB_INPLACE_LSHIFT', '<<='),
    ('NB_INPLACE_MATRIX_MULTIPLY', '@='), ('NB_INPLACE_MULTIPLY', '*='),
    ('NB_INPLACE_REMAINDER', '%='), ('NB_INPLACE_OR', '|='),
    ('NB_INPLACE_POWER', '**='), ('NB_INPLACE_RSHIFT', '>>='),
    ('NB_INPLACE_SUBTRACT', '-='), ('NB_INPLACE_TRUE_DIVIDE', '/='),
    ('NB_INPLACE_XOR', '^='),
]

# Names of the cache units of each family (one 32-bit unit each; a 64-bit
# field takes two: its name, then name + '_hi'). See src/vm/specialize.h.
_cache_format = {
    'LOAD_GLOBAL': ('counter', 'index', 'globals_version', 'globals_version_hi'),
    'LOAD_ATTR': ('counter', 'type_version', 'shape', 'shape_hi',
                  'descr_or_index', 'descr_hi'),
    'STORE_ATTR': ('counter', 'type_version', 'shape', 'shape_hi', 'index'),
    'CALL': ('counter', 'func_version', 'callable', 'callable_hi', 'type_version'),
    'BINARY_OP': ('counter',),
    'TO_BOOL': ('counter',),
    'COMPARE_OP': ('counter',),
    'CONTAINS_OP': ('counter',),
    'BINARY_SUBSCR': ('counter',),
    'STORE_SUBSCR': ('counter',),
    'UNPACK_SEQUENCE': ('counter',),
    'FOR_ITER': ('counter',),
}


def stack_effect(opcode, oparg=None, *, jump=None):
    raise ValueError("krait does not provide stack_effect")
