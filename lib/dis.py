"""dis — disassembler of krait bytecode, in CPython 3.13's output format.

Offsets: krait's code units are 32 bits where CPython's are 16; offsets
are shown as unit index * 2 so that numbers read like CPython's (an
instruction without caches advances the offset by 2). Jump arguments are
absolute unit indexes (shown raw; "(to Ln)" names the target).
adaptive=True shows the specialised instructions currently in place;
show_caches=True shows each inline cache unit as a CACHE line.
"""
import sys
import opcode as _op
from opcode import (opname, opmap, cmp_op, hasconst, hasname, hasjrel, hasjabs,
                    haslocal, hasfree, hascompare, hasjump, hasarg, HAVE_ARGUMENT,
                    EXTENDED_ARG, stack_effect, _specializations, _specialized_opmap,
                    _inline_cache_entries, _nb_ops, _cache_format)

__all__ = ["code_info", "dis", "disassemble", "distb", "disco", "findlinestarts",
           "findlabels", "show_code", "get_instructions", "Instruction", "Bytecode",
           "Positions", "opname", "opmap", "cmp_op", "hasconst", "hasname", "hasjrel",
           "hasjabs", "haslocal", "hasfree", "hascompare", "hasjump", "hasarg",
           "HAVE_ARGUMENT", "EXTENDED_ARG", "stack_effect"]

_UNIT = 4          # bytes per code unit in co_code
_OPNAME_WIDTH = 20
_OPARG_WIDTH = 5
_LABEL_WIDTH = 5

_INTRINSICS_1 = {1: 'INTRINSIC_PRINT', 2: 'INTRINSIC_IMPORT_STAR',
                 3: 'INTRINSIC_STOPITERATION_ERROR', 5: 'INTRINSIC_UNARY_POSITIVE',
                 6: 'INTRINSIC_LIST_TO_TUPLE'}
_FUNCTION_ATTRS = ('defaults', 'kwdefaults', 'annotations', 'closure')
_CONVERSIONS = {1: 'str', 2: 'repr', 3: 'ascii'}

_LOAD_GLOBAL = opmap['LOAD_GLOBAL']
_LOAD_ATTR = opmap['LOAD_ATTR']
_BINARY_OP = opmap['BINARY_OP']
_COMPARE_OP = opmap['COMPARE_OP']
_CACHE = opmap['CACHE']


class _Record:
    """A small immutable record with namedtuple-like behaviour."""
    _fields = ()

    def __init__(self, *args, **kwargs):
        values = list(args) + [kwargs[f] for f in self._fields[len(args):]]
        for name, value in zip(self._fields, values):
            object.__setattr__(self, name, value)

    def __iter__(self):
        return iter([getattr(self, f) for f in self._fields])

    def __getitem__(self, i):
        return getattr(self, self._fields[i])

    def __len__(self):
        return len(self._fields)

    def __eq__(self, other):
        return type(self) is type(other) and list(self) == list(other)

    def __hash__(self):
        return hash(tuple(self))

    def _replace(self, **changes):
        values = {f: changes.get(f, getattr(self, f)) for f in self._fields}
        return type(self)(**values)

    def __repr__(self):
        parts = ', '.join('%s=%r' % (f, getattr(self, f)) for f in self._fields)
        return '%s(%s)' % (type(self).__name__, parts)


class Positions(_Record):
    _fields = ('lineno', 'end_lineno', 'col_offset', 'end_col_offset')


class Instruction(_Record):
    """One instruction: opname, opcode, arg, argval, argrepr, offset,
    start_offset, starts_line, line_number, label, positions, cache_info."""
    _fields = ('opname', 'opcode', 'arg', 'argval', 'argrepr', 'offset',
               'start_offset', 'starts_line', 'line_number', 'label',
               'positions', 'cache_info')

    @property
    def baseopcode(self):
        return _op._deoptop.get(self.opcode, self.opcode)

    @property
    def baseopname(self):
        return opname[self.baseopcode]

    @property
    def cache_offset(self):
        return self.offset + 2

    @property
    def end_offset(self):
        return self.cache_offset + 2 * len(self.cache_info or ())

    @property
    def jump_target(self):
        return self.argval if self.baseopcode in hasjump else None

    @property
    def is_jump_target(self):
        return self.label is not None

    def _disassemble(self, lineno_width=3, mark_as_current=False, offset_width=0):
        return _format_instruction(self, lineno_width, mark_as_current)


# ---- reading code objects ----

def _get_code_object(x):
    """The code object behind a function, method, generator, code or source."""
    if hasattr(x, '__func__'):
        x = x.__func__
    if hasattr(x, '__code__'):
        x = x.__code__
    elif hasattr(x, 'gi_code'):
        x = x.gi_code
    if isinstance(x, str):
        x = _try_compile(x, '<disassembly>')
    if hasattr(x, 'co_code'):
        return x
    raise TypeError("don't know how to disassemble %s objects" % type(x).__name__)


def _try_compile(source, name):
    try:
        return compile(source, name, 'eval')
    except SyntaxError:
        return compile(source, name, 'exec')


def _units(co, adaptive):
    """[(unit_index, opcode, arg)] for every unit of the code."""
    raw = co._co_code_adaptive if adaptive else co.co_code
    out = []
    for i in range(0, len(raw), _UNIT):
        word = int.from_bytes(raw[i:i + _UNIT], 'little')
        out.append((i // _UNIT, word & 0xFF, word >> 8))
    return out


def findlinestarts(code):
    """(offset, line) for each offset where a new source line starts."""
    last = None
    for start, end, line in code.co_lines():
        if line is not None and line != last:
            yield start, line
        last = line


def _line_of_offset(code):
    lines = {}
    for start, end, line in code.co_lines():
        for off in range(start, end, 2):
            lines[off] = line
    return lines


def findlabels(code):
    """Offsets that are jump targets."""
    labels = set()
    units = _units(code, False)
    i = 0
    while i < len(units):
        _, op, arg = units[i]
        if op in hasjump:
            labels.add(arg * 2)
        i += 1 + _op._opcode.cache_units[op]
    return sorted(labels)


def _label_map(code):
    targets = set(findlabels(code))
    for start, end, target, depth in code._co_exception_entries():
        targets.update((start, end, target))
    return {off: n + 1 for n, off in enumerate(sorted(targets))}


def _argval_argrepr(code, op, arg, labels):
    base = _op._deoptop.get(op, op)
    name = opname[base]
    if base in hasconst:
        value = code.co_consts[arg]
        return value, repr(value)
    if base in hasname:
        if base == _LOAD_GLOBAL:
            value = code.co_names[arg >> 1]
            return value, value + (' + NULL' if arg & 1 else '')
        if base == _LOAD_ATTR:
            value = code.co_names[arg >> 1]
            return value, value + (' + NULL|self' if arg & 1 else '')
        value = code.co_names[arg]
        return value, value
    if base in hasjump:
        target = arg * 2
        return target, 'to L%d' % labels[target] if target in labels else 'to %d' % target
    if base in haslocal or base in hasfree:
        value = code._varname_from_oparg(arg)
        return value, value
    if base == _BINARY_OP:
        return arg, _nb_ops[arg][1] if arg < len(_nb_ops) else ''
    if base == _COMPARE_OP:
        return cmp_op[arg], cmp_op[arg] if arg < len(cmp_op) else ''
    if name == 'CALL_INTRINSIC_1':
        return arg, _INTRINSICS_1.get(arg, '')
    if name == 'SET_FUNCTION_ATTRIBUTE':
        parts = [n for bit, n in enumerate(_FUNCTION_ATTRS) if arg & (1 << bit)]
        return arg, ', '.join(parts)
    if name == 'CONVERT_VALUE':
        return arg, _CONVERSIONS.get(arg, '')
    if name in ('IS_OP', 'CONTAINS_OP'):
        return arg, ''
    return arg, ''


def _cache_info(op, caches):
    fmt = _cache_format.get(opname[_op._deoptop.get(op, op)], ())
    return [(fmt[k] if k < len(fmt) else '', 1, value) for k, value in enumerate(caches)]


def _instructions(code, adaptive=False, show_caches=False):
    units = _units(code, adaptive)
    labels = _label_map(code)
    lines = _line_of_offset(code)
    i = 0
    last_line = -1
    while i < len(units):
        index, op, arg = units[i]
        offset = index * 2
        ncache = _op._opcode.cache_units[op] if op < len(_op._opcode.cache_units) else 0
        caches = [units[i + 1 + k][2] * 256 + units[i + 1 + k][1]
                  for k in range(ncache) if i + 1 + k < len(units)]
        line = lines.get(offset)
        starts = line != last_line
        last_line = line
        flags = _op._opcode.flags[op] if op < len(_op._opcode.flags) else 0
        if flags & _op._opcode.OPF_NOARG:
            argval, argrepr, shown_arg = None, '', None
        else:
            argval, argrepr = _argval_argrepr(code, op, arg, labels)
            shown_arg = arg
        yield Instruction(opname[op], op, shown_arg, argval, argrepr, offset, offset,
                          starts, line, labels.get(offset), Positions(line, line, None, None),
                          _cache_info(op, caches) if ncache else None)
        i += 1 + ncache


def get_instructions(x, *, first_line=None, show_caches=False, adaptive=False):
    """An iterator over the Instructions of x's code."""
    return iter(Bytecode(x, first_line=first_line, show_caches=show_caches,
                         adaptive=adaptive))


# ---- formatting ----

def _lineno_width(code):
    lines = [line for _, _, line in code.co_lines() if line is not None]
    return len(str(max(lines))) + 2 if lines else 0


def _format_instruction(instr, lineno_width, mark_as_current=False):
    fields = []
    if lineno_width:
        if instr.starts_line:
            text = '--' if instr.line_number is None else str(instr.line_number)
            fields.append(text.rjust(lineno_width))
        else:
            fields.append(' ' * lineno_width)
    label = 'L%d:' % instr.label if instr.label is not None else ''
    fields.append(' ' + label.rjust(_LABEL_WIDTH) + ' ')
    fields.append('-->' if mark_as_current else '   ')
    fields.append(' ' + instr.opname.ljust(_OPNAME_WIDTH))
    if instr.arg is not None:
        fields.append(' ' + repr(instr.arg).rjust(_OPARG_WIDTH))
        if instr.argrepr:
            fields.append(' (' + instr.argrepr + ')')
    return ''.join(fields).rstrip()


def _format_cache(name, value, lineno_width):
    pad = ' ' * (lineno_width + _LABEL_WIDTH + 6)
    text = pad + 'CACHE'.ljust(_OPNAME_WIDTH) + ' ' + repr(0).rjust(_OPARG_WIDTH)
    if name:
        text += ' (%s: %d)' % (name, value)
    return text


def _disassemble_code(code, file, show_caches, adaptive, lasti=-1):
    width = _lineno_width(code)
    first = True
    for instr in _instructions(code, adaptive, show_caches):
        if instr.starts_line and not first:
            print(file=file)
        first = False
        print(_format_instruction(instr, width, instr.offset == lasti), file=file)
        if show_caches and instr.cache_info:
            for name, size, value in instr.cache_info:
                print(_format_cache(name, value if adaptive else 0, width), file=file)
    entries = code._co_exception_entries()
    if entries:
        labels = _label_map(code)
        print('ExceptionTable:', file=file)
        for start, end, target, depth in entries:
            print('  L%d to L%d -> L%d [%d]' % (labels[start], labels[end], labels[target],
                                               depth), file=file)


def _disassemble_recursive(code, file, depth, show_caches, adaptive):
    _disassemble_code(code, file, show_caches, adaptive)
    if depth is None or depth > 0:
        if depth is not None:
            depth = depth - 1
        for const in code.co_consts:
            if hasattr(const, 'co_code'):
                print(file=file)
                print('Disassembly of %r:' % (const,), file=file)
                _disassemble_recursive(const, file, depth, show_caches, adaptive)


def disassemble(co, lasti=-1, *, file=None, show_caches=False, adaptive=False,
                show_offsets=False):
    """Disassemble one code object."""
    _disassemble_code(co, file or sys.stdout, show_caches, adaptive, lasti)


disco = disassemble


def dis(x=None, *, file=None, depth=None, show_caches=False, adaptive=False,
        show_offsets=False):
    """Disassemble a function, method, class, module, code object or source string."""
    file = file or sys.stdout
    if x is None:
        return distb(file=file, show_caches=show_caches, adaptive=adaptive)
    if hasattr(x, '__func__'):
        x = x.__func__
    if hasattr(x, '__code__'):
        x = x.__code__
    elif hasattr(x, 'gi_code'):
        x = x.gi_code
    if hasattr(x, '__dict__') and not hasattr(x, 'co_code'):
        _dis_namespace(x, file, depth, show_caches, adaptive)
    elif hasattr(x, 'co_code'):
        _disassemble_recursive(x, file, depth, show_caches, adaptive)
    elif isinstance(x, (bytes, bytearray)):
        raise TypeError("krait cannot disassemble raw bytes")
    elif isinstance(x, str):
        _disassemble_recursive(_try_compile(x, '<dis>'), file, depth, show_caches, adaptive)
    else:
        raise TypeError("don't know how to disassemble %s objects" % type(x).__name__)


def _dis_namespace(x, file, depth, show_caches, adaptive):
    """A class or module: each function-like member, sorted by name."""
    items = sorted(x.__dict__.items(), key=lambda kv: kv[0])
    for name, value in items:
        if isinstance(value, (staticmethod, classmethod)):
            value = value.__func__
        if hasattr(value, '__code__') or hasattr(value, 'co_code') or isinstance(value, type):
            print('Disassembly of %s:' % name, file=file)
            try:
                dis(value, file=file, depth=depth, show_caches=show_caches, adaptive=adaptive)
            except TypeError as msg:
                print('Sorry:', msg, file=file)
            print(file=file)


def distb(tb=None, *, file=None, show_caches=False, adaptive=False, show_offsets=False):
    """Disassemble the code of a traceback's innermost frame."""
    if tb is None:
        tb = getattr(sys, 'last_exc', None)
        tb = tb.__traceback__ if tb is not None else getattr(sys, 'last_traceback', None)
        if tb is None:
            raise RuntimeError("no last traceback to disassemble")
    while tb.tb_next:
        tb = tb.tb_next
    disassemble(tb.tb_frame.f_code, file=file, show_caches=show_caches, adaptive=adaptive)


def code_info(x):
    """Details of a code object, as a string."""
    co = _get_code_object(x)
    lines = ['Name:              %s' % co.co_name,
             'Filename:          %s' % co.co_filename,
             'Argument count:    %s' % co.co_argcount,
             'Positional-only arguments: %s' % co.co_posonlyargcount,
             'Kw-only arguments: %s' % co.co_kwonlyargcount,
             'Number of locals:  %s' % co.co_nlocals,
             'Stack size:        %s' % co.co_stacksize,
             'Flags:             %s' % hex(co.co_flags)]
    for title, seq in (('Constants', co.co_consts), ('Names', co.co_names),
                       ('Variable names', co.co_varnames), ('Free variables', co.co_freevars),
                       ('Cell variables', co.co_cellvars)):
        if seq:
            lines.append('%s:' % title)
            for i, v in enumerate(seq):
                lines.append('%4d: %s' % (i, v if isinstance(v, str) else repr(v)))
    return '\n'.join(lines)


def show_code(co, *, file=None):
    print(code_info(co), file=file or sys.stdout)


class Bytecode:
    """The instructions of a piece of code, iterable, with dis()."""

    def __init__(self, x, *, first_line=None, current_offset=None, show_caches=False,
                 adaptive=False, show_offsets=False):
        self.codeobj = co = _get_code_object(x)
        self.first_line = co.co_firstlineno if first_line is None else first_line
        self.current_offset = current_offset
        self.show_caches = show_caches
        self.adaptive = adaptive
        self._original_object = x

    def __iter__(self):
        return _instructions(self.codeobj, self.adaptive, self.show_caches)

    def __repr__(self):
        return '%s(%r)' % (type(self).__name__, self._original_object)

    def info(self):
        return code_info(self.codeobj)

    def dis(self):
        import io
        out = io.StringIO()
        lasti = self.current_offset if self.current_offset is not None else -1
        _disassemble_code(self.codeobj, out, self.show_caches, self.adaptive, lasti)
        return out.getvalue()


def _main(argv):
    show_caches = adaptive = False
    files = []
    for arg in argv:
        if arg in ('-C', '--show-caches'):
            show_caches = True
        elif arg in ('-A', '--adaptive'):
            adaptive = True
        else:
            files.append(arg)
    if files and files[0] != '-':
        with open(files[0], 'rb') as f:
            source = f.read()
        name = files[0]
    else:
        source = sys.stdin.read()
        name = '<stdin>'
    code = compile(source, name, 'exec')
    dis(code, show_caches=show_caches, adaptive=adaptive)


if __name__ == '__main__':
    _main(sys.argv[1:])
