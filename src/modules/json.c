/* json.c — the json module: dumps/dump/loads/load with CPython's keyword
 * arguments, the JSONDecodeError / JSONEncoder / JSONDecoder classes, and
 * the nesting guard the encoder and decoder share.
 *
 * The common calls (no cls=, no extra keywords) go straight to the C
 * encoder (json_encode.c) and decoder (json_decode.c). The classes are
 * defined by a short Python source compiled when the module is first
 * imported: they are ordinary subclassable classes (JSONDecodeError is a
 * ValueError subclass whose __init__ computes lineno/colno), and their
 * encode/decode methods call back into the same C code. */
#include <string.h>

#include "../objects/bytes.h"
#include "../objects/dict.h"
#include "../objects/function.h"
#include "../objects/int.h"
#include "../objects/module.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../vm/call.h"
#include "../vm/error.h"
#include "../vm/vm.h"
#include "json.h"

/* The classes made by json_class_source, looked up once per import. */
static Value decode_error_class, encoder_class, decoder_class;

static const char json_class_source[] =
    "__version__ = '2.0.9'\n"
    "__all__ = ['dump', 'dumps', 'load', 'loads',\n"
    "           'JSONDecoder', 'JSONDecodeError', 'JSONEncoder']\n"
    "\n"
    "_CONSTANTS = {'-Infinity': float('-inf'), 'Infinity': float('inf'),\n"
    "              'NaN': float('nan')}\n"
    "\n"
    "class JSONDecodeError(ValueError):\n"
    "    \"\"\"ValueError for a malformed JSON document, with msg, doc, pos,\n"
    "    lineno and colno.\"\"\"\n"
    "    __module__ = 'json.decoder'\n"
    "\n"
    "    def __init__(self, msg, doc, pos):\n"
    "        lineno = doc.count('\\n', 0, pos) + 1\n"
    "        colno = pos - doc.rfind('\\n', 0, pos)\n"
    "        ValueError.__init__(self, '%s: line %d column %d (char %d)'\n"
    "                            % (msg, lineno, colno, pos))\n"
    "        self.msg = msg\n"
    "        self.doc = doc\n"
    "        self.pos = pos\n"
    "        self.lineno = lineno\n"
    "        self.colno = colno\n"
    "\n"
    "    def __reduce__(self):\n"
    "        return self.__class__, (self.msg, self.doc, self.pos)\n"
    "\n"
    "class JSONEncoder(object):\n"
    "    \"\"\"Extensible JSON encoder: override default() to serialise more\n"
    "    types.\"\"\"\n"
    "    __module__ = 'json.encoder'\n"
    "    item_separator = ', '\n"
    "    key_separator = ': '\n"
    "\n"
    "    def __init__(self, *, skipkeys=False, ensure_ascii=True,\n"
    "                 check_circular=True, allow_nan=True, sort_keys=False,\n"
    "                 indent=None, separators=None, default=None):\n"
    "        self.skipkeys = skipkeys\n"
    "        self.ensure_ascii = ensure_ascii\n"
    "        self.check_circular = check_circular\n"
    "        self.allow_nan = allow_nan\n"
    "        self.sort_keys = sort_keys\n"
    "        self.indent = indent\n"
    "        if separators is not None:\n"
    "            self.item_separator, self.key_separator = separators\n"
    "        elif indent is not None:\n"
    "            self.item_separator = ','\n"
    "        if default is not None:\n"
    "            self.default = default\n"
    "\n"
    "    def default(self, o):\n"
    "        raise TypeError(f'Object of type {o.__class__.__name__} '\n"
    "                        f'is not JSON serializable')\n"
    "\n"
    "    def encode(self, o):\n"
    "        return _encode(o, self.skipkeys, self.ensure_ascii,\n"
    "                       self.check_circular, self.allow_nan, self.sort_keys,\n"
    "                       self.indent, self.item_separator, self.key_separator,\n"
    "                       self.default)\n"
    "\n"
    "    def iterencode(self, o, _one_shot=False):\n"
    "        return iter((self.encode(o),))\n"
    "\n"
    "class JSONDecoder(object):\n"
    "    \"\"\"JSON decoder; the hooks replace how objects and numbers are\n"
    "    built.\"\"\"\n"
    "    __module__ = 'json.decoder'\n"
    "\n"
    "    def __init__(self, *, object_hook=None, parse_float=None,\n"
    "                 parse_int=None, parse_constant=None, strict=True,\n"
    "                 object_pairs_hook=None):\n"
    "        self.object_hook = object_hook\n"
    "        self.parse_float = parse_float or float\n"
    "        self.parse_int = parse_int or int\n"
    "        self.parse_constant = parse_constant or _CONSTANTS.__getitem__\n"
    "        self.strict = strict\n"
    "        self.object_pairs_hook = object_pairs_hook\n"
    "\n"
    "    def decode(self, s):\n"
    "        return _decode(s, self, False, 0)\n"
    "\n"
    "    def raw_decode(self, s, idx=0):\n"
    "        return _decode(s, self, True, idx)\n";

/* ---- the nesting guard ---- */

/* CPython 3.13 guards json nesting with its C recursion counter, whose
 * limit is 10000 and independent of sys.setrecursionlimit; a document
 * 9998 levels deep still decodes there. */
#define JSON_NESTING_LIMIT 9998

static int json_depth;

int json_enter_nesting(const char *where) {
    if (json_depth >= JSON_NESTING_LIMIT || vm_check_c_stack() < 0) {
        err_clear();
        err_format(&Exc_RecursionError, "maximum recursion depth exceeded%s", where);
        return -1;
    }
    json_depth++;
    return 0;
}

void json_leave_nesting(void) { json_depth--; }

/* ---- JSONDecodeError ---- */

Value json_raise_decode_error(const char *msg, Value doc, size_t pos) {
    Value args[3];
    args[0] = str_from_cstr(msg);
    args[1] = doc;
    args[2] = int_from_u64(pos);
    if (!args[0] || !args[2]) return VAL_NULL;
    Value exc = obj_call(decode_error_class, args, 3, VAL_NULL);
    return exc ? err_raise(exc) : VAL_NULL;
}

/* ---- binding f(positional..., *, known keywords..., **extra) ---- */

typedef struct BoundArgs {
    Value pos[2];           /* the positional parameters */
    Value kw[10];           /* by index in the keyword list; VAL_NULL: absent */
    Value *extra_vals;      /* keywords not in the list (for cls(**kw)) */
    Value *extra_names;
    size_t nextra;
} BoundArgs;

static int missing_positional(const char *fname, const char *const *posnames, size_t npos,
                              const BoundArgs *b) {
    const char *missing[2];
    size_t n = 0;
    for (size_t i = 0; i < npos; i++)
        if (!b->pos[i]) missing[n++] = posnames[i];
    if (n == 1)
        return err_format_int(&Exc_TypeError, "%s() missing 1 required positional argument: '%s'",
                              fname, missing[0]);
    return err_format_int(&Exc_TypeError,
                          "%s() missing 2 required positional arguments: '%s' and '%s'", fname,
                          missing[0], missing[1]);
}

static int find_name(const char *const *names, const char *name) {
    for (int i = 0; names[i]; i++)
        if (strcmp(names[i], name) == 0) return i;
    return -1;
}

/* extra_space must hold 2 * (number of keywords) Values. */
static int bind_args(const char *fname, const char *const *posnames, size_t npos,
                     const char *const *kwlist, Value *args, size_t nargs, Value kwnames,
                     Value *extra_space, BoundArgs *b) {
    memset(b, 0, sizeof *b);
    if (nargs > npos)
        return err_format_int(&Exc_TypeError, "%s() takes %zu positional argument%s but %zu %s given",
                              fname, npos, npos == 1 ? "" : "s", nargs, nargs == 1 ? "was" : "were");
    for (size_t i = 0; i < nargs; i++) b->pos[i] = args[i];
    size_t nkw = kwnames ? tuple_size(kwnames) : 0;
    b->extra_names = extra_space;
    b->extra_vals = extra_space + nkw;
    for (size_t k = 0; k < nkw; k++) {
        Value name = tuple_items(kwnames)[k];
        Value value = args[nargs + k];
        const char *text = str_data(name);
        int j = find_name(posnames, text);
        if (j >= 0 && (size_t)j < npos) {
            if (b->pos[j])
                return err_format_int(&Exc_TypeError, "%s() got multiple values for argument '%s'",
                                      fname, text);
            b->pos[j] = value;
        } else if ((j = find_name(kwlist, text)) >= 0) {
            b->kw[j] = value;
        } else {
            b->extra_names[b->nextra] = name;
            b->extra_vals[b->nextra++] = value;
        }
    }
    for (size_t i = 0; i < npos; i++)
        if (!b->pos[i]) return missing_positional(fname, posnames, npos, b);
    return 0;
}

static inline Value or_none(Value v) { return v ? v : VAL_NONE; }

/* Call cls(**named, **extra) where named are (names[i], vals[i]). */
static Value call_with_keywords(Value cls, const char *const *names, const Value *vals, size_t n,
                                const BoundArgs *b) {
    size_t total = n + b->nextra;
    Value values[total ? total : 1], keys[total ? total : 1];
    for (size_t i = 0; i < n; i++) {
        keys[i] = str_intern_cstr(names[i]);
        if (!keys[i]) return VAL_NULL;
        values[i] = vals[i];
    }
    for (size_t i = 0; i < b->nextra; i++) {
        keys[n + i] = b->extra_names[i];
        values[n + i] = b->extra_vals[i];
    }
    Value kwnames = tuple_from_array(keys, total);
    if (!kwnames) return VAL_NULL;
    return obj_call(cls, values, 0, total ? kwnames : VAL_NULL);
}

/* ---- encoding options ---- */

static int truth_option(Value v, bool fallback, bool *out) {
    if (!v) {
        *out = fallback;
        return 0;
    }
    int t = obj_truthy(v);
    if (t < 0) return -1;
    *out = t;
    return 0;
}

/* indent: None, a str used as is, or an int n meaning n spaces (as
 * ' ' * n, so n <= 0 gives newlines with no indentation). */
static int indent_option(Value indent, JsonEncodeOptions *o) {
    o->has_indent = indent && indent != VAL_NONE;
    o->indent = "";
    o->indent_len = 0;
    if (!o->has_indent) return 0;
    if (val_is_str(indent)) {
        o->indent = str_data(indent);
        o->indent_len = str_size(indent);
        return 0;
    }
    if (!val_is_int(indent) && !val_type(indent)->nb_index)
        return err_format_int(&Exc_TypeError, "can't multiply sequence by non-int of type '%s'",
                              val_type_name(indent));
    int64_t n;
    if (obj_index_i64(indent, &n) < 0) return -1;
    if (n <= 0) return 0;
    char *spaces = (char *)gc_alloc_atomic((size_t)n);
    if (!spaces) {
        err_no_memory();
        return -1;
    }
    memset(spaces, ' ', (size_t)n);
    o->indent = spaces;
    o->indent_len = (size_t)n;
    return 0;
}

static int separator_text(Value v, int argno, const char **text, size_t *len) {
    if (!val_is_str(v))
        return err_format_int(&Exc_TypeError, "make_encoder() argument %d must be str, not %s", argno,
                              val_type_name(v));
    *text = str_data(v);
    *len = str_size(v);
    return 0;
}

/* (item_separator, key_separator) unpacked from any 2-item iterable. */
static int unpack_separators(Value seps, Value *item, Value *key) {
    Value t = val_is_tuple(seps) ? seps : VAL_NULL;
    if (!t) {
        Value it = obj_iter(seps);
        if (!it) {
            err_clear();
            return err_format_int(&Exc_TypeError, "cannot unpack non-iterable %s object",
                                  val_type_name(seps));
        }
        t = tuple_from_iterable(seps);
        if (!t) return -1;
    }
    size_t n = tuple_size(t);
    if (n > 2) return err_format_int(&Exc_ValueError, "too many values to unpack (expected 2)");
    if (n < 2)
        return err_format_int(&Exc_ValueError, "not enough values to unpack (expected 2, got %zu)", n);
    *item = tuple_items(t)[0];
    *key = tuple_items(t)[1];
    return 0;
}

/* Options from dumps()-style values (VAL_NULL: the default). item_sep and
 * key_sep are the separators already chosen (JSONEncoder attributes) or
 * VAL_NULL to derive them from `separators` and indent. */
static int encode_options(Value skipkeys, Value ensure_ascii, Value check_circular,
                          Value allow_nan, Value sort_keys, Value indent, Value separators,
                          Value item_sep, Value key_sep, Value default_fn, JsonEncodeOptions *o) {
    memset(o, 0, sizeof *o);
    if (truth_option(skipkeys, false, &o->skipkeys) < 0 ||
        truth_option(ensure_ascii, true, &o->ensure_ascii) < 0 ||
        truth_option(check_circular, true, &o->check_circular) < 0 ||
        truth_option(allow_nan, true, &o->allow_nan) < 0 ||
        truth_option(sort_keys, false, &o->sort_keys) < 0 || indent_option(indent, o) < 0)
        return -1;
    if (!item_sep) {
        if (separators && separators != VAL_NONE) {
            if (unpack_separators(separators, &item_sep, &key_sep) < 0) return -1;
        } else {
            o->item_sep = o->has_indent ? "," : ", ";
            o->item_sep_len = strlen(o->item_sep);
            o->key_sep = ": ";
            o->key_sep_len = 2;
        }
    }
    if (item_sep && (separator_text(key_sep, 5, &o->key_sep, &o->key_sep_len) < 0 ||
                     separator_text(item_sep, 6, &o->item_sep, &o->item_sep_len) < 0))
        return -1;
    o->default_fn = default_fn && default_fn != VAL_NONE ? default_fn : VAL_NULL;
    return 0;
}

/* ---- dumps / dump ---- */

static const char *const dump_keywords[] = {"skipkeys", "ensure_ascii", "check_circular",
                                            "allow_nan", "cls", "indent", "separators",
                                            "default", "sort_keys", NULL};
enum { KW_SKIPKEYS, KW_ENSURE_ASCII, KW_CHECK_CIRCULAR, KW_ALLOW_NAN, KW_CLS, KW_INDENT,
       KW_SEPARATORS, KW_DEFAULT, KW_SORT_KEYS };

/* The JSON text for bound dumps()/dump() arguments. */
static Value dumps_bound(Value obj, const BoundArgs *b) {
    const Value *kw = b->kw;
    Value cls = kw[KW_CLS];
    if ((cls && cls != VAL_NONE) || b->nextra) {
        /* cls(skipkeys=..., ..., **kw).encode(obj), as CPython does */
        static const char *const names[] = {"skipkeys", "ensure_ascii", "check_circular",
                                            "allow_nan", "indent", "separators",
                                            "default", "sort_keys"};
        Value vals[8] = {kw[KW_SKIPKEYS] ? kw[KW_SKIPKEYS] : VAL_FALSE,
                         kw[KW_ENSURE_ASCII] ? kw[KW_ENSURE_ASCII] : VAL_TRUE,
                         kw[KW_CHECK_CIRCULAR] ? kw[KW_CHECK_CIRCULAR] : VAL_TRUE,
                         kw[KW_ALLOW_NAN] ? kw[KW_ALLOW_NAN] : VAL_TRUE,
                         or_none(kw[KW_INDENT]),
                         or_none(kw[KW_SEPARATORS]),
                         or_none(kw[KW_DEFAULT]),
                         kw[KW_SORT_KEYS] ? kw[KW_SORT_KEYS] : VAL_FALSE};
        Value encoder = call_with_keywords(cls && cls != VAL_NONE ? cls : encoder_class, names,
                                           vals, 8, b);
        if (!encoder) return VAL_NULL;
        return obj_call_method(encoder, "encode", &obj, 1);
    }
    JsonEncodeOptions o;
    if (encode_options(kw[KW_SKIPKEYS], kw[KW_ENSURE_ASCII], kw[KW_CHECK_CIRCULAR],
                       kw[KW_ALLOW_NAN], kw[KW_SORT_KEYS], kw[KW_INDENT], kw[KW_SEPARATORS],
                       VAL_NULL, VAL_NULL, kw[KW_DEFAULT], &o) < 0)
        return VAL_NULL;
    return json_encode(obj, &o);
}

static Value json_dumps(Value *args, size_t nargs, Value kwnames) {
    static const char *const posnames[] = {"obj", NULL};
    size_t nkw = kwnames ? tuple_size(kwnames) : 0;
    Value extra[2 * nkw + 1];
    BoundArgs b;
    if (bind_args("dumps", posnames, 1, dump_keywords, args, nargs, kwnames, extra, &b) < 0)
        return VAL_NULL;
    return dumps_bound(b.pos[0], &b);
}

/* CPython streams chunks to fp.write; krait writes the whole text once. */
static Value json_dump(Value *args, size_t nargs, Value kwnames) {
    static const char *const posnames[] = {"obj", "fp", NULL};
    size_t nkw = kwnames ? tuple_size(kwnames) : 0;
    Value extra[2 * nkw + 1];
    BoundArgs b;
    if (bind_args("dump", posnames, 2, dump_keywords, args, nargs, kwnames, extra, &b) < 0)
        return VAL_NULL;
    Value text = dumps_bound(b.pos[0], &b);
    if (!text) return VAL_NULL;
    Value written = obj_call_method(b.pos[1], "write", &text, 1);
    return written ? VAL_NONE : VAL_NULL;
}

/* JSONEncoder.encode: _encode(o, skipkeys, ensure_ascii, check_circular,
 * allow_nan, sort_keys, indent, item_separator, key_separator, default) */
static Value json__encode(Value *args, size_t nargs, Value kwnames) {
    if (args_no_kwargs("_encode", kwnames) < 0 || args_check_count("_encode", nargs, 10, 10) < 0)
        return VAL_NULL;
    JsonEncodeOptions o;
    if (encode_options(args[1], args[2], args[3], args[4], args[5], args[6], VAL_NULL, args[7],
                       args[8], args[9], &o) < 0)
        return VAL_NULL;
    return json_encode(args[0], &o);
}

/* ---- loads / load ---- */

/* json.detect_encoding: BOMs first, then the pattern of zero bytes that
 * ASCII text makes in UTF-16/32. */
static const char *detect_encoding(const unsigned char *b, size_t n) {
    if (n >= 4 && ((b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF) ||
                   (b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0)))
        return "utf-32";
    if (n >= 2 && ((b[0] == 0xFE && b[1] == 0xFF) || (b[0] == 0xFF && b[1] == 0xFE))) return "utf-16";
    if (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) return "utf-8-sig";
    if (n >= 4) {
        if (!b[0]) return b[1] ? "utf-16-be" : "utf-32-be";
        if (!b[1]) return b[2] || b[3] ? "utf-16-le" : "utf-32-le";
    } else if (n == 2) {
        if (!b[0]) return "utf-16-be";
        if (!b[1]) return "utf-16-le";
    }
    return "utf-8";
}

/* bytes.decode(encoding, 'surrogatepass') for the encodings detect_encoding
 * names, written here because krait's codecs lack UTF-16/32, utf-8-sig
 * and the surrogatepass handler. */

static Value raise_decode_error(const char *encoding, Value obj, size_t start, size_t end,
                                const char *reason) {
    Value args[5] = {str_from_cstr(encoding), obj, int_from_u64(start), int_from_u64(end),
                     str_from_cstr(reason)};
    for (int i = 0; i < 5; i++)
        if (!args[i]) return VAL_NULL;
    Value exc = exc_new(&Exc_UnicodeDecodeError, args, 5);
    return exc ? err_raise(exc) : VAL_NULL;
}

/* Length of the UTF-8 sequence at p (valid, or a surrogate as 3 bytes, as
 * surrogatepass accepts), or 0 if it is malformed. */
static size_t utf8_seq_len(const unsigned char *p, size_t avail) {
    unsigned char c = p[0];
    if (c < 0x80) return 1;
    size_t n;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) n = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0) lo = 0xA0;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
    } else return 0;
    if (avail < n || p[1] < lo || p[1] > hi) return 0;
    for (size_t i = 2; i < n; i++)
        if (p[i] < 0x80 || p[i] > 0xBF) return 0;
    return n;
}

static Value decode_utf8_surrogatepass(const char *data, size_t size) {
    const unsigned char *p = (const unsigned char *)data;
    for (size_t i = 0; i < size;) {
        size_t n = utf8_seq_len(p + i, size - i);
        if (!n) return str_decode_utf8(data, size); /* raises the codec's error */
        i += n;
    }
    return str_new(data, size);
}

static void put_utf8(char *out, size_t *len, uint32_t cp) {
    char *p = out + *len;
    if (cp < 0x80) {
        p[0] = (char)cp;
        *len += 1;
    } else if (cp < 0x800) {
        p[0] = (char)(0xC0 | (cp >> 6));
        p[1] = (char)(0x80 | (cp & 0x3F));
        *len += 2;
    } else if (cp < 0x10000) {
        p[0] = (char)(0xE0 | (cp >> 12));
        p[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        p[2] = (char)(0x80 | (cp & 0x3F));
        *len += 3;
    } else {
        p[0] = (char)(0xF0 | (cp >> 18));
        p[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        p[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        p[3] = (char)(0x80 | (cp & 0x3F));
        *len += 4;
    }
}

/* UTF-16 / UTF-32 with a known byte order (width 2 or 4). */
static Value decode_utf16_32(Value obj, const unsigned char *b, size_t size, size_t start,
                             int width, bool big_endian, const char *encoding) {
    /* each unit becomes at most 3 bytes per 2 input bytes, 4 per 4 */
    char *out = (char *)gc_alloc_atomic(size * 2 + 1);
    if (!out) return err_no_memory();
    size_t len = 0, i = start;
    while (i + width <= size) {
        uint32_t unit = 0;
        for (int k = 0; k < width; k++) {
            int shift = big_endian ? 8 * (width - 1 - k) : 8 * k;
            unit |= (uint32_t)b[i + k] << shift;
        }
        size_t unit_start = i;
        i += width;
        if (width == 4 && unit > 0x10FFFF)
            return raise_decode_error(encoding, obj, unit_start, i,
                                      "code point not in range(0x110000)");
        if (width == 2 && unit >= 0xD800 && unit <= 0xDBFF && i + 2 <= size) {
            uint32_t low = big_endian ? ((uint32_t)b[i] << 8 | b[i + 1]) : ((uint32_t)b[i + 1] << 8 | b[i]);
            if (low >= 0xDC00 && low <= 0xDFFF) {
                unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                i += 2;
            }
        }
        put_utf8(out, &len, unit);
    }
    if (i < size) return raise_decode_error(encoding, obj, i, size, "truncated data");
    return str_new(out, len);
}

static Value decode_bytes(Value obj, const char *data, size_t size) {
    const unsigned char *b = (const unsigned char *)data;
    const char *encoding = detect_encoding(b, size);
    if (strcmp(encoding, "utf-8") == 0) return decode_utf8_surrogatepass(data, size);
    if (strcmp(encoding, "utf-8-sig") == 0) return decode_utf8_surrogatepass(data + 3, size - 3);
    /* With a BOM, the codec skips it and names the byte order it found
     * in its errors, whose positions still count the BOM. */
    if (strcmp(encoding, "utf-16") == 0)
        return b[0] == 0xFE ? decode_utf16_32(obj, b, size, 2, 2, true, "utf-16-be")
                            : decode_utf16_32(obj, b, size, 2, 2, false, "utf-16-le");
    if (strcmp(encoding, "utf-32") == 0)
        return b[0] == 0 ? decode_utf16_32(obj, b, size, 4, 4, true, "utf-32-be")
                         : decode_utf16_32(obj, b, size, 4, 4, false, "utf-32-le");
    int width = strncmp(encoding, "utf-16", 6) == 0 ? 2 : 4;
    bool big = strcmp(encoding + 6, "-be") == 0;
    return decode_utf16_32(obj, b, size, 0, width, big, encoding);
}

/* The document as a str: str as is (a UTF-8 BOM is an error), bytes and
 * bytearray decoded after detecting their encoding. */
static Value loads_document(Value s) {
    if (val_is_str(s)) {
        const char *p = str_data(s);
        if (str_size(s) >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
            return json_raise_decode_error("Unexpected UTF-8 BOM (decode using utf-8-sig)", s, 0);
        return s;
    }
    if (val_has_flag(s, TPFLAG_BYTES_SUBCLASS)) return decode_bytes(s, BYTES(s)->data, BYTES(s)->size);
    if (val_is_ptr(s) && type_is_subtype(TYPE(s), &ByteArray_Type))
        return decode_bytes(s, BYTEARRAY(s)->data, BYTEARRAY(s)->size);
    return err_format(&Exc_TypeError, "the JSON object must be str, bytes or bytearray, not %s",
                      val_type_name(s));
}

static const char *const load_keywords[] = {"cls", "object_hook", "parse_float", "parse_int",
                                            "parse_constant", "object_pairs_hook", NULL};
enum { KW_LCLS, KW_OBJECT_HOOK, KW_PARSE_FLOAT, KW_PARSE_INT, KW_PARSE_CONSTANT,
       KW_OBJECT_PAIRS_HOOK };

/* A hook argument: VAL_NULL when absent or None, or when it names the
 * default conversion (float / int) the C code does anyway. */
static Value hook_option(Value v, Type *builtin_default) {
    if (!v || v == VAL_NONE) return VAL_NULL;
    if (builtin_default && v == val_from_ptr(builtin_default)) return VAL_NULL;
    return v;
}

static Value loads_bound(Value s, const BoundArgs *b) {
    Value doc = loads_document(s);
    if (!doc) return VAL_NULL;
    const Value *kw = b->kw;
    Value cls = kw[KW_LCLS];
    if ((cls && cls != VAL_NONE) || b->nextra) {
        /* cls(**kw).decode(doc), with each hook passed only when given */
        static const char *const hook_names[] = {"object_hook", "parse_float", "parse_int",
                                                 "parse_constant", "object_pairs_hook"};
        const char *names[5];
        Value vals[5];
        size_t n = 0;
        for (int i = 0; i < 5; i++) {
            Value v = kw[KW_OBJECT_HOOK + i];
            if (v && v != VAL_NONE) {
                names[n] = hook_names[i];
                vals[n++] = v;
            }
        }
        Value decoder = call_with_keywords(cls && cls != VAL_NONE ? cls : decoder_class, names,
                                           vals, n, b);
        if (!decoder) return VAL_NULL;
        return obj_call_method(decoder, "decode", &doc, 1);
    }
    JsonDecodeOptions o = {
        .strict = true,
        .object_hook = hook_option(kw[KW_OBJECT_HOOK], NULL),
        .object_pairs_hook = hook_option(kw[KW_OBJECT_PAIRS_HOOK], NULL),
        .parse_float = hook_option(kw[KW_PARSE_FLOAT], &Float_Type),
        .parse_int = hook_option(kw[KW_PARSE_INT], &Int_Type),
        .parse_constant = hook_option(kw[KW_PARSE_CONSTANT], NULL),
    };
    return json_decode_document(doc, &o);
}

static Value json_loads(Value *args, size_t nargs, Value kwnames) {
    static const char *const posnames[] = {"s", NULL};
    size_t nkw = kwnames ? tuple_size(kwnames) : 0;
    Value extra[2 * nkw + 1];
    BoundArgs b;
    if (bind_args("loads", posnames, 1, load_keywords, args, nargs, kwnames, extra, &b) < 0)
        return VAL_NULL;
    return loads_bound(b.pos[0], &b);
}

static Value json_load(Value *args, size_t nargs, Value kwnames) {
    static const char *const posnames[] = {"fp", NULL};
    size_t nkw = kwnames ? tuple_size(kwnames) : 0;
    Value extra[2 * nkw + 1];
    BoundArgs b;
    if (bind_args("load", posnames, 1, load_keywords, args, nargs, kwnames, extra, &b) < 0)
        return VAL_NULL;
    Value text = obj_call_method(b.pos[0], "read", NULL, 0);
    if (!text) return VAL_NULL;
    return loads_bound(text, &b);
}

/* JSONDecoder.decode / raw_decode: _decode(s, decoder, raw, idx). The
 * decoder's attributes are read on every call, as make_scanner reads them
 * when CPython's decoder is built. */
static Value json__decode(Value *args, size_t nargs, Value kwnames) {
    if (args_no_kwargs("_decode", kwnames) < 0 || args_check_count("_decode", nargs, 4, 4) < 0)
        return VAL_NULL;
    Value s = args[0], decoder = args[1];
    if (!val_is_str(s))
        return err_format(&Exc_TypeError, "first argument must be a string, not %s",
                          val_type_name(s));
    static const char *const attrs[] = {"object_hook", "object_pairs_hook", "parse_float",
                                        "parse_int", "parse_constant", "strict"};
    Value v[6];
    for (int i = 0; i < 6; i++)
        if (!(v[i] = obj_getattr_cstr(decoder, attrs[i]))) return VAL_NULL;
    JsonDecodeOptions o = {
        .object_hook = hook_option(v[0], NULL),
        .object_pairs_hook = hook_option(v[1], NULL),
        .parse_float = hook_option(v[2], &Float_Type),
        .parse_int = hook_option(v[3], &Int_Type),
        .parse_constant = hook_option(v[4], NULL),
    };
    int strict = obj_truthy(v[5]);
    if (strict < 0) return VAL_NULL;
    o.strict = strict;
    int raw = obj_truthy(args[2]);
    if (raw < 0) return VAL_NULL;
    if (!raw) return json_decode_document(s, &o);
    int64_t idx;
    if (obj_index_i64(args[3], &idx) < 0) return VAL_NULL;
    if (idx < 0) return err_format(&Exc_ValueError, "idx cannot be negative");
    size_t end;
    Value result = json_decode_raw(s, (size_t)idx, &o, &end);
    if (!result) return VAL_NULL;
    Value end_val = int_from_u64(end);
    return end_val ? tuple_pack(2, result, end_val) : VAL_NULL;
}

/* ---- the module ---- */

static const MethodDef json_functions[] = {
    {"dumps", json_dumps, METH_DEFAULT, "Serialize obj to a JSON formatted str."},
    {"dump", json_dump, METH_DEFAULT, "Serialize obj as a JSON formatted stream to fp."},
    {"loads", json_loads, METH_DEFAULT, "Deserialize s (a str, bytes or bytearray) to a Python object."},
    {"load", json_load, METH_DEFAULT, "Deserialize fp.read() to a Python object."},
    {"_encode", json__encode, METH_DEFAULT, NULL},
    {"_decode", json__decode, METH_DEFAULT, NULL},
    {NULL, NULL, 0, NULL},
};

static Value class_from(Value module, const char *name) {
    Value cls = dict_get_str(module_dict(module), name);
    if (!cls && !err_occurred()) err_format(&Exc_ImportError, "json: %s was not defined", name);
    return cls;
}

/* CPython's `import json` also imports json.decoder and json.encoder, so
 * `import json.decoder` and `json.decoder.JSONDecodeError` work after it:
 * make those two submodules, holding the classes defined there. */
static int add_submodule(Value module, const char *shortname, const char *fullname,
                         const char *const *class_names) {
    Value sub = module_new_cstr(fullname);
    if (!sub) return -1;
    for (int i = 0; class_names[i]; i++) {
        Value cls = dict_get_str(module_dict(module), class_names[i]);
        if (!cls || dict_set_str(module_dict(sub), class_names[i], cls) < 0) return -1;
    }
    if (dict_set_str(module_dict(module), shortname, sub) < 0) return -1;
    return vm_sys_modules ? dict_set_str(vm_sys_modules, fullname, sub) : 0;
}

Value json_module_init(void) {
    Value module = module_new_cstr("json");
    if (!module || module_add_functions(module, json_functions) < 0) return VAL_NULL;
    Value code = vm_compile(json_class_source, sizeof json_class_source - 1, "<frozen json>",
                            PARSE_FILE);
    if (!code) return VAL_NULL;
    Value ns = module_dict(module);
    if (!vm_eval_code(code, ns, ns)) return VAL_NULL;
    if (!(decode_error_class = class_from(module, "JSONDecodeError")) ||
        !(encoder_class = class_from(module, "JSONEncoder")) ||
        !(decoder_class = class_from(module, "JSONDecoder")))
        return VAL_NULL;
    static const char *const decoder_names[] = {"JSONDecoder", "JSONDecodeError", NULL};
    static const char *const encoder_names[] = {"JSONEncoder", NULL};
    if (add_submodule(module, "decoder", "json.decoder", decoder_names) < 0 ||
        add_submodule(module, "encoder", "json.encoder", encoder_names) < 0)
        return VAL_NULL;
    return module;
}
