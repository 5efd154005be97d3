/* test_str.c — C-level checks of the str area: UTF-8 lengths, indexing of
 * non-ASCII text, interning, repr quoting, the format mini-language,
 * str.format, % formatting, and bytes repr/codecs. */
#include <string.h>

#include "ctest.h"
#include "objects/bytes.h"
#include "objects/format.h"
#include "objects/slice.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "vm/error.h"
#include "vm/runtime.h"

static Value S(const char *s) { return str_from_cstr(s); }

/* Does v hold exactly the UTF-8 text `want`? */
static int is(Value v, const char *want) {
    if (!v) {
        err_clear();
        return 0;
    }
    return val_is_str(v) && str_size(v) == strlen(want) && memcmp(str_data(v), want, str_size(v)) == 0;
}

static int fails(Value v, Type *exc) {
    if (v) return 0;
    int ok = err_matches(exc);
    err_clear();
    return ok;
}

static void test_lengths_and_indexing(void) {
    Value s = S("h\xc3\xa9llo \xe2\x82\xac\xf0\x9f\x98\x80!"); /* "héllo €😀!" */
    CHECK(str_length(s) == 9);
    CHECK(!STR(s)->ascii);
    CHECK(str_codepoint_at(s, 1) == 0xE9);
    CHECK(str_codepoint_at(s, 6) == 0x20AC);
    CHECK(str_codepoint_at(s, 7) == 0x1F600);
    CHECK(str_codepoint_at(s, 8) == '!');
    CHECK(str_codepoint_at(s, 0) == 'h');
    CHECK(is(str_substr(s, 6, 8), "\xe2\x82\xac\xf0\x9f\x98\x80"));
    CHECK(is(str_from_codepoint(0x20AC), "\xe2\x82\xac"));
    Value a = S("abc");
    CHECK(STR(a)->ascii && str_length(a) == 3);
    CHECK(str_length(S("")) == 0);
    CHECK(is(str_concat(a, s), "abch\xc3\xa9llo \xe2\x82\xac\xf0\x9f\x98\x80!"));
    CHECK(str_length(str_concat(a, s)) == 12);
}

static void test_interning(void) {
    Value a = str_intern(S("some_identifier"));
    Value b = str_intern_cstr("some_identifier");
    CHECK(a == b);
    CHECK(STR(a)->interned);
    CHECK(str_intern_cstr("__init__") == name___init__);
    CHECK(str_eq(S("xyz"), S("xyz")));
    CHECK(!str_eq(S("xyz"), S("xyw")));
    CHECK(str_hash(S("xyz")) == str_hash(S("xyz")));
    CHECK(str_hash(S("xyz")) != -1);
}

static void test_repr(void) {
    CHECK(is(str_repr(S("abc")), "'abc'"));
    CHECK(is(str_repr(S("it's")), "\"it's\""));
    CHECK(is(str_repr(S("both ' and \"")), "'both \\' and \"'"));
    CHECK(is(str_repr(S("a\nb\tc\\")), "'a\\nb\\tc\\\\'"));
    CHECK(is(str_repr(S("\x01\x7f")), "'\\x01\\x7f'"));
    CHECK(is(str_repr(S("caf\xc3\xa9")), "'caf\xc3\xa9'"));          /* printable: kept */
    CHECK(is(str_repr(S("\xc2\xa0")), "'\\xa0'"));                  /* NBSP escaped */
    CHECK(is(str_repr(S("\xe2\x80\xa8")), "'\\u2028'"));
    CHECK(is(bytes_repr(bytes_new("a'\x00\xff", 4)), "b\"a'\\x00\\xff\""));
}

static void test_format_spec(void) {
    CHECK(is(format_int(val_from_smallint(42), S("")), "42"));
    CHECK(is(format_int(val_from_smallint(42), S(">6")), "    42"));
    CHECK(is(format_int(val_from_smallint(-42), S("06")), "-00042"));
    CHECK(is(format_int(val_from_smallint(255), S("#x")), "0xff"));
    CHECK(is(format_int(val_from_smallint(255), S("#010_b")), "0b1111_1111"));
    CHECK(is(format_int(val_from_smallint(1234567), S(",")), "1,234,567"));
    CHECK(is(format_int(val_from_smallint(1234), S("09,")), "0,001,234"));
    CHECK(is(format_int(val_from_smallint(5), S("^+7")), "  +5   "));
    CHECK(is(format_int(val_from_smallint(65), S("c")), "A"));
    CHECK(is(format_int(val_from_smallint(3), S("*<4")), "3***"));
    CHECK(fails(format_int(val_from_smallint(1), S(".2")), &Exc_ValueError));
    CHECK(fails(format_int(val_from_smallint(1), S("abc")), &Exc_ValueError));
    CHECK(is(format_float(1.0, S("")), "1.0"));
    CHECK(is(format_float(1e16, S("")), "1e+16"));
    CHECK(is(format_float(0.1, S(".3")), "0.1"));
    CHECK(is(format_float(1.0, S(".3")), "1.0"));
    CHECK(is(format_float(1234.5, S(".2")), "1.2e+03"));
    CHECK(is(format_float(1.0, S("g")), "1"));
    CHECK(is(format_float(1.5, S("#g")), "1.50000"));
    CHECK(is(format_float(3.14159, S(".2f")), "3.14"));
    CHECK(is(format_float(3.14159, S("10.3e")), " 3.142e+00"));
    CHECK(is(format_float(0.5, S("%")), "50.000000%"));
    CHECK(is(format_float(123456789.0, S(",")), "123,456,789.0"));
    CHECK(is(format_float(-0.0, S("z.1f")), "0.0"));
    CHECK(is(format_float(1.5, S("010,")), "0,000,001.5"));
    CHECK(fails(format_float(1.0, S("d")), &Exc_ValueError));
    CHECK(fails(format_float(1.0, S(".")), &Exc_ValueError));
    CHECK(is(format_str(S("abc"), S("*^8.2")), "***ab***"));
    CHECK(is(format_str(S("\xc3\xa9"), S(">3")), "  \xc3\xa9"));
    CHECK(fails(format_str(S("a"), S("+")), &Exc_ValueError));
    CHECK(fails(format_str(S("a"), S(",")), &Exc_ValueError));
}

static void test_str_format_and_percent(void) {
    Value args[3] = {val_from_smallint(1), S("two"), val_from_double(3.5)};
    CHECK(is(strformat_vformat(S("{} {} {}"), args, 3, VAL_NULL), "1 two 3.5"));
    CHECK(is(strformat_vformat(S("{2}-{0}"), args, 3, VAL_NULL), "3.5-1"));
    CHECK(is(strformat_vformat(S("{1!r:>7}|{{}}"), args, 3, VAL_NULL), "  'two'|{}"));
    CHECK(is(strformat_vformat(S("{0:{1}}"), (Value[]){val_from_smallint(7), S("03")}, 2, VAL_NULL),
             "007"));
    CHECK(fails(strformat_vformat(S("{}{0}"), args, 3, VAL_NULL), &Exc_ValueError));
    CHECK(fails(strformat_vformat(S("{5}"), args, 3, VAL_NULL), &Exc_IndexError));
    CHECK(fails(strformat_vformat(S("}"), args, 3, VAL_NULL), &Exc_ValueError));
    Value t = tuple_pack(3, val_from_smallint(42), S("x"), val_from_double(2.5));
    CHECK(is(str_percent_format(S("%5d|%-3s|%.2f|%%"), t), "   42|x  |2.50|%"));
    CHECK(is(str_percent_format(S("%x %o %r"), tuple_pack(3, val_from_smallint(255),
                                                          val_from_smallint(8), S("q"))),
             "ff 10 'q'"));
    CHECK(fails(str_percent_format(S("%d %d"), tuple_pack(1, val_from_smallint(1))),
                &Exc_TypeError));
    CHECK(fails(str_percent_format(S("x"), val_from_smallint(1)), &Exc_TypeError));
}

static void test_bytes_and_codecs(void) {
    Value e = codec_encode(S("caf\xc3\xa9"), "latin-1", "strict");
    CHECK(e && BYTES(e)->size == 4 && (unsigned char)BYTES(e)->data[3] == 0xE9);
    CHECK(is(codec_decode("caf\xe9", 4, "latin-1", "strict"), "caf\xc3\xa9"));
    CHECK(fails(codec_decode("\xff", 1, "utf-8", "strict"), &Exc_UnicodeDecodeError));
    CHECK(is(codec_decode("a\xff", 2, "utf-8", "replace"), "a\xef\xbf\xbd"));
    CHECK(fails(codec_encode(S("\xe2\x82\xac"), "ascii", "strict"), &Exc_UnicodeEncodeError));
    CHECK(fails(codec_encode(S("a"), "nope", "strict"), &Exc_LookupError));
    CHECK(is(bytes_repr(bytes_new("\t\n\\", 3)), "b'\\t\\n\\\\'"));
}

static void test_slots(void) {
    Value a = S("abc"), b = S("abd");
    CHECK(Str_Type.tp_richcompare(a, b, CMP_LT) == VAL_TRUE);
    CHECK(Str_Type.tp_richcompare(S("\xc3\xa9"), S("z"), CMP_GT) == VAL_TRUE); /* code-point order */
    CHECK(Str_Type.tp_richcompare(a, val_from_smallint(1), CMP_EQ) == VAL_NOTIMPL);
    CHECK(Str_Type.sq_contains(S("h\xc3\xa9llo"), S("\xc3\xa9l")) == 1);
    CHECK(Str_Type.sq_contains(a, S("")) == 1);
    CHECK(is(Str_Type.nb_binary[NB_ADD](a, b), "abcabd"));
    CHECK(fails(Str_Type.nb_binary[NB_ADD](a, val_from_smallint(1)), &Exc_TypeError));
    CHECK(is(Str_Type.nb_binary[NB_MULTIPLY](val_from_smallint(3), S("\xc3\xa9")),
             "\xc3\xa9\xc3\xa9\xc3\xa9"));
    CHECK(fails(Str_Type.nb_binary[NB_MULTIPLY](S("x"), val_from_smallint(100000000000LL)),
                &Exc_MemoryError));
    CHECK(Str_Type.sq_length(S("\xe2\x82\xac\xe2\x82\xac")) == 2);
    CHECK(is(Str_Type.mp_subscript(S("h\xc3\xa9llo"), val_from_smallint(-4)), "\xc3\xa9"));
    CHECK(fails(Str_Type.mp_subscript(a, val_from_smallint(3)), &Exc_IndexError));
    Value it = Str_Type.tp_iter(S("a\xc3\xa9"));
    Value c1 = TYPE(it)->tp_iternext(it), c2 = TYPE(it)->tp_iternext(it);
    CHECK(is(c1, "a") && is(c2, "\xc3\xa9") && TYPE(it)->tp_iternext(it) == VAL_NULL);
    CHECK(is(str_format_c("%s=%d %R %zu%c%%", "x", -5, S("q"), (size_t)7, '!'), "x=-5 'q' 7!%"));
    CHECK(is(str_join(S(", "), tuple_pack(2, S("a"), S("b"))), "a, b"));
}

static void test_bytearray(void) {
    Value ba = bytearray_new("abc", 3);
    CHECK(ByteArray_Type.mp_ass_subscript(ba, val_from_smallint(0), val_from_smallint('X')) == 0);
    CHECK(BYTEARRAY(ba)->size == 3 && BYTEARRAY(ba)->data[0] == 'X');
    CHECK(ByteArray_Type.mp_ass_subscript(ba, val_from_smallint(0), val_from_smallint(300)) < 0);
    err_clear();
    CHECK(ByteArray_Type.nb_inplace[NB_ADD](ba, bytes_new("de", 2)) == ba);
    CHECK(BYTEARRAY(ba)->size == 5 && memcmp(BYTEARRAY(ba)->data, "Xbcde", 5) == 0);
    Value sl = slice_new(val_from_smallint(1), val_from_smallint(3), VAL_NONE);
    CHECK(ByteArray_Type.mp_ass_subscript(ba, sl, bytes_new("1234", 4)) == 0);
    CHECK(BYTEARRAY(ba)->size == 7 && memcmp(BYTEARRAY(ba)->data, "X1234de", 7) == 0);
    CHECK(ByteArray_Type.mp_ass_subscript(ba, sl, VAL_NULL) == 0);
    CHECK(BYTEARRAY(ba)->size == 5 && memcmp(BYTEARRAY(ba)->data, "X34de", 5) == 0);
    Value step2 = slice_new(VAL_NONE, VAL_NONE, val_from_smallint(2));
    CHECK(ByteArray_Type.mp_ass_subscript(ba, step2, VAL_NULL) == 0);
    CHECK(BYTEARRAY(ba)->size == 2 && memcmp(BYTEARRAY(ba)->data, "3d", 2) == 0);
    CHECK(is(ByteArray_Type.tp_repr(ba), "bytearray(b'3d')"));
    CHECK(bytes_common_compare(ba, bytes_new("3d", 2), CMP_EQ) == VAL_TRUE);
}

int main(void) {
    if (runtime_init() != 0) {
        printf("runtime_init failed\n");
        return 1;
    }
    test_lengths_and_indexing();
    test_interning();
    test_repr();
    test_format_spec();
    test_str_format_and_percent();
    test_bytes_and_codecs();
    test_slots();
    test_bytearray();
    CTEST_END();
}
