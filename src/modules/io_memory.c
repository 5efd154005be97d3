/* io_memory.c — io.StringIO and io.BytesIO: streams over a growable buffer.
 *
 * Both keep their contents as bytes (UTF-8 for StringIO) and a byte
 * position. StringIO positions are code points to Python code, so tell(),
 * seek() and read(n) convert by walking the UTF-8; the common uses (write
 * then getvalue, or read/readline/iterate from the start) never need to. */
#include <string.h>

#include "../objects/bytes.h"
#include "../objects/function.h"
#include "../objects/int.h"
#include "../objects/list.h"
#include "../objects/str.h"
#include "../objects/typeobj.h"
#include "../vm/error.h"
#include "io.h"
#include "modules.h"

typedef struct MemIO {
    Object base;
    AttrStore attrs; /* so Python classes may subclass StringIO/BytesIO */
    char *data;
    size_t size, cap, pos; /* pos may exceed size after a seek */
    bool binary, closed;
} MemIO;

#define MEMIO(v) ((MemIO *)val_as_ptr(v))

static bool is_utf8_lead(char c) { return ((unsigned char)c & 0xC0) != 0x80; }

/* Byte offset after advancing n code points from byte offset `from`. */
static size_t utf8_advance(const char *data, size_t size, size_t from, size_t n) {
    size_t i = from;
    while (n && i < size) {
        i++;
        while (i < size && !is_utf8_lead(data[i])) i++;
        n--;
    }
    return i;
}

static size_t utf8_count(const char *data, size_t size) {
    size_t n = 0;
    for (size_t i = 0; i < size; i++) n += is_utf8_lead(data[i]);
    return n;
}

static int memio_reserve(MemIO *m, size_t need) {
    if (need <= m->cap) return 0;
    size_t cap = m->cap ? m->cap : 64;
    while (cap < need) cap *= 2;
    char *grown = gc_alloc_atomic(cap);
    if (!grown) return (err_no_memory(), -1);
    if (m->size) memcpy(grown, m->data, m->size);
    m->data = grown;
    m->cap = cap;
    return 0;
}

static MemIO *memio_open(Value self) {
    MemIO *m = MEMIO(self);
    if (m->closed) {
        err_format(&Exc_ValueError, "I/O operation on closed file.");
        return NULL;
    }
    return m;
}

static Value memio_make(MemIO *m, const char *data, size_t size) {
    return m->binary ? bytes_new(data, size) : str_new(data, size);
}

/* Write raw bytes at the position, padding a gap with NULs; for StringIO
 * `nchars` is how many code points the data holds (what it overwrites). */
static int memio_put(MemIO *m, const char *data, size_t size, size_t nchars) {
    /* CPython writes nothing for an empty write, not even the padding (and
     * a fresh stream's data is NULL, where no offset may be taken). */
    if (size == 0) return 0;
    size_t start = m->pos, end;
    if (start > m->size) {
        if (memio_reserve(m, start) < 0) return -1;
        memset(m->data + m->size, 0, start - m->size);
        m->size = start;
    }
    end = m->binary ? start + size : utf8_advance(m->data, m->size, start, nchars);
    if (end > m->size) end = m->size;
    size_t tail = m->size - end;
    size_t new_size = start + size + tail;
    if (memio_reserve(m, new_size) < 0) return -1;
    memmove(m->data + start + size, m->data + end, tail);
    memcpy(m->data + start, data, size);
    m->size = new_size;
    m->pos = start + size;
    return 0;
}

static int memio_init_data(MemIO *m, Value initial) {
    if (!initial || val_is_none(initial)) return 0;
    const char *data;
    size_t size;
    if (m->binary) {
        if (val_is_ptr(initial) && (TYPE(initial)->flags & TPFLAG_BYTES_SUBCLASS)) {
            data = BYTES(initial)->data;
            size = BYTES(initial)->size;
        } else if (val_is_ptr(initial) && type_is_subtype(TYPE(initial), &ByteArray_Type)) {
            data = BYTEARRAY(initial)->data;
            size = BYTEARRAY(initial)->size;
        } else {
            err_format(&Exc_TypeError, "a bytes-like object is required, not '%s'",
                       val_type_name(initial));
            return -1;
        }
    } else {
        if (!val_is_str(initial)) {
            err_format(&Exc_TypeError, "initial_value must be str or None, not %s",
                       val_type_name(initial));
            return -1;
        }
        data = str_data(initial);
        size = str_size(initial);
    }
    if (memio_reserve(m, size) < 0) return -1;
    memcpy(m->data, data, size);
    m->size = size;
    return 0;
}

static Value memio_new(Type *type, Value *args, size_t nargs, Value kwnames) {
    bool binary = type_is_subtype(type, &BytesIO_Type);
    static const char *const str_names[] = {"initial_value", "newline", NULL};
    static const char *const bytes_names[] = {"initial_bytes", NULL};
    Value vals[2] = {0, 0};
    if (args_parse(binary ? "BytesIO" : "StringIO", args, nargs, kwnames,
                   binary ? bytes_names : str_names, 0, 0, vals) < 0)
        return VAL_NULL;
    MemIO *m = obj_alloc(type, type->basicsize > sizeof(MemIO) ? type->basicsize : sizeof(MemIO));
    if (!m) return err_no_memory();
    m->binary = binary;
    if (memio_init_data(m, vals[0]) < 0) return VAL_NULL;
    return val_from_ptr(m);
}

/* __init__ accepts the same arguments __new__ already consumed. */
static int memio_init(Value self, Value *args, size_t nargs, Value kwnames) { return 0; }

Value stringio_new(Value initial) {
    MemIO *m = obj_alloc(&StringIO_Type, sizeof(MemIO));
    if (!m) return err_no_memory();
    if (memio_init_data(m, initial) < 0) return VAL_NULL;
    return val_from_ptr(m);
}

static Value memio_write(Value *args, size_t nargs, Value kwnames) {
    if (args_no_kwargs("write", kwnames) < 0 || args_check_count("write", nargs - 1, 1, 1) < 0)
        return VAL_NULL;
    MemIO *m = memio_open(args[0]);
    if (!m) return VAL_NULL;
    Value data = args[1];
    if (!m->binary) {
        if (!val_is_str(data))
            return err_format(&Exc_TypeError, "string argument expected, got '%s'",
                              val_type_name(data));
        if (memio_put(m, str_data(data), str_size(data), str_length(data)) < 0) return VAL_NULL;
        return int_from_i64((int64_t)str_length(data));
    }
    const char *bytes;
    size_t size;
    if (val_is_ptr(data) && (TYPE(data)->flags & TPFLAG_BYTES_SUBCLASS)) {
        bytes = BYTES(data)->data;
        size = BYTES(data)->size;
    } else if (val_is_ptr(data) && type_is_subtype(TYPE(data), &ByteArray_Type)) {
        bytes = BYTEARRAY(data)->data;
        size = BYTEARRAY(data)->size;
    } else {
        return err_format(&Exc_TypeError, "a bytes-like object is required, not '%s'",
                          val_type_name(data));
    }
    if (memio_put(m, bytes, size, size) < 0) return VAL_NULL;
    return int_from_i64((int64_t)size);
}

static Value memio_writelines(Value *args, size_t nargs, Value kwnames) {
    if (args_check_count("writelines", nargs - 1, 1, 1) < 0) return VAL_NULL;
    Value it = obj_iter(args[1]);
    if (!it) return VAL_NULL;
    for (Value line; (line = obj_next(it));) {
        Value call[2] = {args[0], line};
        if (!memio_write(call, 2, VAL_NULL)) return VAL_NULL;
    }
    return err_occurred() ? VAL_NULL : VAL_NONE;
}

static int memio_size_arg(Value v, int64_t *out) {
    *out = -1;
    if (!v || val_is_none(v)) return 0;
    return obj_index_i64(v, out);
}

/* Read up to n units (code points or bytes; -1 all), or one line. */
static Value memio_take(MemIO *m, int64_t n, bool one_line) {
    if (m->pos >= m->size) return memio_make(m, "", 0);
    size_t start = m->pos, end;
    if (n < 0) end = m->size;
    else if (m->binary) end = start + (size_t)n < m->size ? start + (size_t)n : m->size;
    else end = utf8_advance(m->data, m->size, start, (size_t)n);
    if (one_line) {
        char *nl = memchr(m->data + start, '\n', end - start);
        if (nl) end = (size_t)(nl - m->data) + 1;
    }
    m->pos = end;
    return memio_make(m, m->data + start, end - start);
}

static Value memio_read(Value *args, size_t nargs, Value kwnames) {
    if (args_check_count("read", nargs - 1, 0, 1) < 0) return VAL_NULL;
    MemIO *m = memio_open(args[0]);
    int64_t n;
    if (!m || memio_size_arg(nargs > 1 ? args[1] : VAL_NULL, &n) < 0) return VAL_NULL;
    return memio_take(m, n, false);
}

static Value memio_readline(Value *args, size_t nargs, Value kwnames) {
    if (args_check_count("readline", nargs - 1, 0, 1) < 0) return VAL_NULL;
    MemIO *m = memio_open(args[0]);
    int64_t n;
    if (!m || memio_size_arg(nargs > 1 ? args[1] : VAL_NULL, &n) < 0) return VAL_NULL;
    return memio_take(m, n, true);
}

static Value memio_iternext(Value self) {
    MemIO *m = memio_open(self);
    if (!m) return VAL_NULL;
    if (m->pos >= m->size) return VAL_NULL;
    return memio_take(m, -1, true);
}

static Value memio_iter(Value self) { return memio_open(self) ? self : VAL_NULL; }

static Value memio_readlines(Value *args, size_t nargs, Value kwnames) {
    MemIO *m = memio_open(args[0]);
    if (!m) return VAL_NULL;
    Value lines = list_new(0);
    while (m->pos < m->size) {
        Value line = memio_take(m, -1, true);
        if (!line || list_append(lines, line) < 0) return VAL_NULL;
    }
    return lines;
}

static Value memio_getvalue(Value *args, size_t nargs, Value kwnames) {
    MemIO *m = memio_open(args[0]);
    if (!m) return VAL_NULL;
    return memio_make(m, m->size ? m->data : "", m->size);
}

static Value memio_tell(Value *args, size_t nargs, Value kwnames) {
    MemIO *m = memio_open(args[0]);
    if (!m) return VAL_NULL;
    if (m->binary) return int_from_u64(m->pos);
    size_t inside = m->pos < m->size ? m->pos : m->size;
    return int_from_u64(utf8_count(m->data, inside) + (m->pos - inside));
}

/* Convert a code-point position to a byte position (beyond the end stays
 * beyond by the same amount). */
static size_t memio_byte_pos(MemIO *m, size_t units) {
    if (m->binary) return units;
    size_t chars = utf8_count(m->data, m->size);
    if (units >= chars) return m->size + (units - chars);
    return utf8_advance(m->data, m->size, 0, units);
}

static Value memio_seek(Value *args, size_t nargs, Value kwnames) {
    if (args_check_count("seek", nargs - 1, 1, 2) < 0) return VAL_NULL;
    MemIO *m = memio_open(args[0]);
    int64_t pos, whence = 0;
    if (!m || obj_index_i64(args[1], &pos) < 0) return VAL_NULL;
    if (nargs > 2 && obj_index_i64(args[2], &whence) < 0) return VAL_NULL;
    if (whence < 0 || whence > 2)
        return err_format(&Exc_ValueError, "invalid whence (%lld, should be 0, 1 or 2)",
                          (long long)whence);
    if (whence == 0 && pos < 0)
        return err_format(&Exc_ValueError, "negative seek value %lld", (long long)pos);
    if (!m->binary && whence != 0 && pos != 0)
        return err_format(&Exc_OSError, whence == 1 ? "Can't do nonzero cur-relative seeks"
                                                    : "Can't do nonzero end-relative seeks");
    if (whence == 1) {
        int64_t target = (int64_t)m->pos + pos;
        m->pos = target < 0 ? 0 : (size_t)target;
    } else if (whence == 2) {
        int64_t target = (int64_t)m->size + pos;
        m->pos = target < 0 ? 0 : (size_t)target;
    } else {
        m->pos = memio_byte_pos(m, (size_t)pos);
    }
    return memio_tell(args, 1, VAL_NULL);
}

static Value memio_truncate(Value *args, size_t nargs, Value kwnames) {
    if (args_check_count("truncate", nargs - 1, 0, 1) < 0) return VAL_NULL;
    MemIO *m = memio_open(args[0]);
    if (!m) return VAL_NULL;
    size_t cut = m->pos;
    if (nargs > 1 && !val_is_none(args[1])) {
        int64_t units;
        if (obj_index_i64(args[1], &units) < 0) return VAL_NULL;
        if (units < 0)
            return err_format(&Exc_ValueError, "negative size value %lld", (long long)units);
        cut = memio_byte_pos(m, (size_t)units);
    }
    if (cut < m->size) m->size = cut;
    return m->binary ? int_from_u64(cut) : int_from_u64(utf8_count(m->data, cut));
}

static Value memio_close(Value *args, size_t nargs, Value kwnames) {
    MEMIO(args[0])->closed = true;
    return VAL_NONE;
}

static Value memio_true(Value *args, size_t nargs, Value kwnames) {
    return memio_open(args[0]) ? VAL_TRUE : VAL_NULL;
}

static Value memio_false(Value *args, size_t nargs, Value kwnames) {
    return memio_open(args[0]) ? VAL_FALSE : VAL_NULL;
}

static Value memio_flush(Value *args, size_t nargs, Value kwnames) {
    return memio_open(args[0]) ? VAL_NONE : VAL_NULL;
}

static Value memio_enter(Value *args, size_t nargs, Value kwnames) {
    return memio_open(args[0]) ? args[0] : VAL_NULL;
}

static Value memio_exit(Value *args, size_t nargs, Value kwnames) {
    MEMIO(args[0])->closed = true;
    return VAL_NONE;
}

static Value memio_get_closed(Value self) { return val_bool(MEMIO(self)->closed); }
static Value memio_get_none(Value self) { return VAL_NONE; }

static const MethodDef memio_methods[] = {
    {"write", memio_write, METH_DEFAULT, NULL},
    {"writelines", memio_writelines, METH_DEFAULT, NULL},
    {"read", memio_read, METH_DEFAULT, NULL},
    {"readline", memio_readline, METH_DEFAULT, NULL},
    {"readlines", memio_readlines, METH_DEFAULT, NULL},
    {"getvalue", memio_getvalue, METH_DEFAULT, NULL},
    {"tell", memio_tell, METH_DEFAULT, NULL},
    {"seek", memio_seek, METH_DEFAULT, NULL},
    {"truncate", memio_truncate, METH_DEFAULT, NULL},
    {"close", memio_close, METH_DEFAULT, NULL},
    {"flush", memio_flush, METH_DEFAULT, NULL},
    {"readable", memio_true, METH_DEFAULT, NULL},
    {"writable", memio_true, METH_DEFAULT, NULL},
    {"seekable", memio_true, METH_DEFAULT, NULL},
    {"isatty", memio_false, METH_DEFAULT, NULL},
    {"__enter__", memio_enter, METH_DEFAULT, NULL},
    {"__exit__", memio_exit, METH_DEFAULT, NULL},
    {NULL},
};

static const GetSetDef memio_getset[] = {
    {"closed", memio_get_closed, NULL},
    {"newlines", memio_get_none, NULL},
    {NULL},
};

#define MEMIO_TYPE(cname, pyname)                                                     \
    Type cname = {                                                                    \
        .base = {&Type_Type}, .name = pyname, .basicsize = sizeof(MemIO),             \
        .flags = TPFLAG_BASETYPE, .attrs_offset = offsetof(MemIO, attrs),             \
        .tp_new = memio_new, .tp_init = memio_init, .tp_iter = memio_iter,            \
        .tp_iternext = memio_iternext, .methods = memio_methods, .getset = memio_getset, \
    };
MEMIO_TYPE(StringIO_Type, "StringIO")
MEMIO_TYPE(BytesIO_Type, "BytesIO")
#undef MEMIO_TYPE

int io_memory_init(void) {
    TP_BASE(&StringIO_Type) = &TextIOBase_Type;
    TP_BASE(&BytesIO_Type) = &BufferedIOBase_Type;
    Value io_name = str_intern_cstr("_io");
    StringIO_Type.module = io_name;
    BytesIO_Type.module = io_name;
    if (type_ready(&StringIO_Type) < 0 || type_ready(&BytesIO_Type) < 0) return -1;
    return 0;
}
