/* list.c — lists: a header plus a separately allocated, over-allocated
 * array of Values, so append is amortised O(1). Sorting is in listsort.c. */
#include "list.h"

#include "../vm/error.h"
#include "function.h"
#include "int.h"
#include "iterobject.h"
#include "slice.h"
#include "str.h"
#include "tuple.h"
#include "typeobj.h"

/* ---- storage ---- */

static ListObject *list_alloc(Type *type) {
    size_t size = type->basicsize > sizeof(ListObject) ? type->basicsize : sizeof(ListObject);
    ListObject *l = obj_alloc(type, size);
    if (!l) err_no_memory();
    return l;
}

/* Make room for at least `needed` items; over-allocates like CPython
 * (about 1/8 extra) so a run of appends reallocates O(log n) times. */
static int list_reserve(ListObject *l, size_t needed) {
    if (needed <= l->capacity) return 0;
    if (needed > SIZE_MAX / sizeof(Value) / 2) {
        err_no_memory();
        return -1;
    }
    size_t cap = (needed + (needed >> 3) + 6) & ~(size_t)3;
    if (l->size == 0 && needed <= 4) cap = needed < 4 ? 4 : needed;
    Value *items = l->items ? gc_realloc(l->items, cap * sizeof(Value))
                            : gc_alloc(cap * sizeof(Value));
    if (!items) {
        err_no_memory();
        return -1;
    }
    l->items = items;
    l->capacity = cap;
    return 0;
}

/* Forget items [from, size): clear the slots so the collector does not
 * keep dead objects alive through the spare capacity. */
static void list_truncate(ListObject *l, size_t from) {
    for (size_t i = from; i < l->size; i++) l->items[i] = VAL_NULL;
    l->size = from;
}

Value list_new(size_t capacity) {
    ListObject *l = list_alloc(&List_Type);
    if (!l) return VAL_NULL;
    if (capacity) {
        l->items = gc_alloc(capacity * sizeof(Value));
        if (!l->items) return err_no_memory();
        l->capacity = capacity;
    }
    return val_from_ptr(l);
}

Value list_from_array(const Value *items, size_t n) {
    Value l = list_new(n);
    if (l == VAL_NULL) return VAL_NULL;
    if (n) memcpy(LIST(l)->items, items, n * sizeof(Value));
    LIST(l)->size = n;
    return l;
}

int list_append(Value list, Value v) {
    ListObject *l = LIST(list);
    if (l->size == l->capacity && list_reserve(l, l->size + 1) < 0) return -1;
    l->items[l->size++] = v;
    return 0;
}

/* Append n items from an array that may be this list's own storage. */
static int list_append_array(ListObject *l, const Value *src, size_t n, bool is_self) {
    if (n == 0) return 0; /* an empty list's items may be NULL: no memmove */
    if (list_reserve(l, l->size + n) < 0) return -1;
    if (is_self) src = l->items;
    memmove(l->items + l->size, src, n * sizeof(Value));
    l->size += n;
    return 0;
}

/* CPython's PyObject_LengthHint(v, 0): len(v) if it has one (a TypeError
 * from it means "no idea"), else v.__length_hint__() looked up on the
 * type, else 0. -1 with an exception set on error. */
static int64_t length_hint(Value v) {
    Type *t = val_type(v);
    if (t->sq_length) {
        int64_t n = obj_len(v);
        if (n >= 0 || !err_matches(&Exc_TypeError)) return n;
        err_clear();
    }
    Value hint = type_lookup(t, name___length_hint__);
    if (!hint) return err_occurred() ? -1 : 0;
    Value r = call_unbound(hint, v, NULL, 0, VAL_NULL);
    if (!r) {
        if (!err_matches(&Exc_TypeError)) return -1;
        err_clear();
        return 0;
    }
    if (r == VAL_NOTIMPL) return 0;
    if (!val_is_int(r)) {
        err_format(&Exc_TypeError, "__length_hint__ must be an integer, not %s", val_type_name(r));
        return -1;
    }
    int64_t n;
    if (!int_as_i64(r, &n)) {
        err_format(&Exc_OverflowError, "Python int too large to convert to C ssize_t");
        return -1;
    }
    if (n < 0) {
        err_format(&Exc_ValueError, "__length_hint__() should return >= 0");
        return -1;
    }
    return n;
}

int list_extend(Value list, Value iterable) {
    ListObject *l = LIST(list);
    if (val_is_list(iterable))
        return list_append_array(l, list_items(iterable), list_size(iterable), iterable == list);
    if (val_is_tuple(iterable))
        return list_append_array(l, tuple_items(iterable), tuple_size(iterable), false);
    /* Reserve what the iterable announces, as CPython does: list(range(10**12))
     * is then a MemoryError at once instead of growing until memory runs out. */
    int64_t hint = length_hint(iterable);
    if (hint < 0 || (hint > 0 && list_reserve(l, l->size + (uint64_t)hint) < 0)) return -1;
    Value it = obj_iter(iterable);
    if (it == VAL_NULL) return -1;
    UnaryFn next = val_type(it)->tp_iternext;
    for (;;) {
        Value item = next ? next(it) : obj_next(it);
        if (item == VAL_NULL) return err_occurred() ? -1 : 0;
        if (list_append(list, item) < 0) return -1;
    }
}

Value list_from_iterable(Value it) {
    Value l = list_new(0);
    if (l == VAL_NULL || list_extend(l, it) < 0) return VAL_NULL;
    return l;
}

/* ---- construction ---- */

static Value list_tp_new(Type *type, Value *args, size_t nargs, Value kwnames) {
    ListObject *l = list_alloc(type);
    return l ? val_from_ptr(l) : VAL_NULL;
}

static int list_tp_init(Value self, Value *args, size_t nargs, Value kwnames) {
    if (val_is_type_exact(self, &List_Type) && check_no_kwargs("list", kwnames) < 0) return -1;
    if (check_positional("list", nargs, 0, 1) < 0) return -1;
    list_truncate(LIST(self), 0);
    if (nargs == 0) return 0;
    return list_extend(self, args[0]);
}

/* ---- object protocol ---- */

static Value list_repr(Value self) {
    if (list_size(self) == 0) return str_from_cstr("[]");
    int rec = repr_enter(self);
    if (rec < 0) return VAL_NULL;
    if (rec > 0) return str_from_cstr("[...]");
    Value parts = list_new(list_size(self));
    Value result = VAL_NULL;
    if (parts == VAL_NULL) goto done;
    /* The list may change size while items' __repr__ runs: index afresh. */
    for (size_t i = 0; i < list_size(self); i++) {
        Value r = obj_repr(list_items(self)[i]);
        if (r == VAL_NULL || list_append(parts, r) < 0) goto done;
    }
    Value body = str_join(str_from_cstr(", "), parts);
    if (body != VAL_NULL) result = str_format_c("[%U]", body);
done:
    repr_leave(self);
    return result;
}

static Value list_richcompare(Value a, Value b, int op) {
    if (!val_is_list(a) || !val_is_list(b)) return VAL_NOTIMPL;
    /* Items are compared by index each time, since __eq__ may mutate. */
    if (list_size(a) != list_size(b) && (op == CMP_EQ || op == CMP_NE))
        return val_bool(op == CMP_NE);
    size_t i;
    for (i = 0; i < list_size(a) && i < list_size(b); i++) {
        int eq = obj_eq(list_items(a)[i], list_items(b)[i]);
        if (eq < 0) return VAL_NULL;
        if (!eq) break;
    }
    if (i >= list_size(a) || i >= list_size(b))
        return compare_lengths(list_size(a), list_size(b), op);
    if (op == CMP_EQ) return VAL_FALSE;
    if (op == CMP_NE) return VAL_TRUE;
    return obj_richcompare(list_items(a)[i], list_items(b)[i], op);
}

static int64_t list_len(Value self) { return (int64_t)list_size(self); }

static int list_contains(Value self, Value item) {
    for (size_t i = 0; i < list_size(self); i++) {
        int eq = obj_eq(list_items(self)[i], item);
        if (eq != 0) return eq;
    }
    return 0;
}

/* ---- indexing ---- */

static Value list_slice(Value self, Value slice) {
    int64_t start, stop, step;
    if (slice_unpack(slice, &start, &stop, &step) < 0) return VAL_NULL;
    int64_t n = slice_adjust((int64_t)list_size(self), &start, &stop, step);
    Value result = list_new((size_t)n);
    if (result == VAL_NULL) return VAL_NULL;
    Value *src = list_items(self), *dst = list_items(result);
    if (step == 1) {
        if (n) memcpy(dst, src + start, (size_t)n * sizeof(Value));
    } else {
        for (int64_t i = 0, j = start; i < n; i++, j += step) dst[i] = src[j];
    }
    LIST(result)->size = (size_t)n;
    return result;
}

static Value list_subscript(Value self, Value key) {
    int64_t i;
    int r = seq_index_of(key, &i);
    if (r < 0) return VAL_NULL;
    if (r == 0) {
        int64_t n = (int64_t)list_size(self);
        if (i < 0) i += n;
        if (i < 0 || i >= n) return err_format(&Exc_IndexError, "list index out of range");
        return list_items(self)[i];
    }
    if (val_is_type_exact(key, &Slice_Type)) return list_slice(self, key);
    return err_format(&Exc_TypeError, "list indices must be integers or slices, not %s",
                      val_type_name(key));
}

/* The items of an assigned value as an array that cannot change under us. */
static int assigned_items(Value self, Value v, Value **items, size_t *n) {
    if (val_is_list(v) && v != self) {
        *items = list_items(v);
        *n = list_size(v);
        return 0;
    }
    if (val_is_tuple(v)) {
        *items = tuple_items(v);
        *n = tuple_size(v);
        return 0;
    }
    Type *t = val_type(v);
    if (!t->tp_iter && !t->mp_subscript)
        return err_format_int(&Exc_TypeError, "must assign iterable to extended slice");
    Value copy = list_from_iterable(v);
    if (copy == VAL_NULL) return -1;
    *items = list_items(copy);
    *n = list_size(copy);
    return 0;
}

/* a[start:stop] = items (or delete when n == 0): the contiguous case. */
static int list_replace_range(ListObject *l, int64_t start, int64_t stop, const Value *items,
                              size_t n) {
    if (stop < start) stop = start;
    size_t old = (size_t)(stop - start), tail = l->size - (size_t)stop;
    if (n > old) {
        /* items never aliases l->items here (assigned_items copies self) */
        if (list_reserve(l, l->size + (n - old)) < 0) return -1;
    }
    memmove(l->items + start + n, l->items + stop, tail * sizeof(Value));
    if (n) memcpy(l->items + start, items, n * sizeof(Value));
    size_t new_size = (size_t)start + n + tail;
    if (new_size < l->size) list_truncate(l, new_size);
    l->size = new_size;
    return 0;
}

static int list_delete_extended(ListObject *l, int64_t start, int64_t step, int64_t count) {
    if (step < 0) {
        /* delete the same items walking upwards */
        start = start + step * (count - 1);
        step = -step;
    }
    size_t dst = (size_t)start, src = (size_t)start;
    for (int64_t k = 0; k < count; k++) {
        size_t victim = (size_t)(start + k * step);
        while (src < victim) l->items[dst++] = l->items[src++];
        src++; /* skip the deleted item */
    }
    while (src < l->size) l->items[dst++] = l->items[src++];
    list_truncate(l, dst);
    return 0;
}

static int list_ass_slice(Value self, Value slice, Value v) {
    ListObject *l = LIST(self);
    int64_t start, stop, step;
    if (slice_unpack(slice, &start, &stop, &step) < 0) return -1;
    int64_t count = slice_adjust((int64_t)l->size, &start, &stop, step);
    Value *items = NULL;
    size_t n = 0;
    if (v != VAL_NULL && assigned_items(self, v, &items, &n) < 0) return -1;
    if (step == 1) return list_replace_range(l, start, stop, items, n);
    if (v == VAL_NULL) return count > 0 ? list_delete_extended(l, start, step, count) : 0;
    if ((int64_t)n != count)
        return err_format_int(&Exc_ValueError,
                              "attempt to assign sequence of size %zu to extended slice of size %lld",
                              n, (long long)count);
    for (int64_t i = 0, j = start; i < count; i++, j += step) l->items[j] = items[i];
    return 0;
}

static int list_ass_subscript(Value self, Value key, Value v) {
    int64_t i;
    int r = seq_index_of(key, &i);
    if (r < 0) return -1;
    if (r == 0) {
        ListObject *l = LIST(self);
        int64_t n = (int64_t)l->size;
        if (i < 0) i += n;
        if (i < 0 || i >= n)
            return err_format_int(&Exc_IndexError, "list assignment index out of range");
        if (v != VAL_NULL) {
            l->items[i] = v;
            return 0;
        }
        return list_replace_range(l, i, i + 1, NULL, 0);
    }
    if (val_is_type_exact(key, &Slice_Type)) return list_ass_slice(self, key, v);
    return err_format_int(&Exc_TypeError, "list indices must be integers or slices, not %s",
                          val_type_name(key));
}

/* ---- operators ---- */

static Value list_concat(Value a, Value b) {
    if (!val_is_list(a)) return VAL_NOTIMPL;
    if (!val_is_list(b))
        return err_format(&Exc_TypeError, "can only concatenate list (not \"%s\") to list",
                          val_type_name(b));
    size_t na = list_size(a), nb = list_size(b);
    Value l = list_new(na + nb);
    if (l == VAL_NULL) return VAL_NULL;
    if (na) memcpy(list_items(l), list_items(a), na * sizeof(Value));
    if (nb) memcpy(list_items(l) + na, list_items(b), nb * sizeof(Value));
    LIST(l)->size = na + nb;
    return l;
}

/* Fill dst with n copies of the size items at src. */
static void repeat_into(Value *dst, const Value *src, size_t size, int64_t n) {
    if (size == 1) {
        for (int64_t i = 0; i < n; i++) dst[i] = src[0];
        return;
    }
    for (int64_t i = 0; i < n; i++, dst += size) memcpy(dst, src, size * sizeof(Value));
}

static Value list_repeat(Value a, Value b) {
    Value seq = val_is_list(a) ? a : b;
    Value count = seq == a ? b : a;
    int64_t n;
    int r = seq_repeat_count(count, &n);
    if (r < 0) return VAL_NULL;
    if (r > 0) return VAL_NOTIMPL;
    size_t size = list_size(seq);
    if (n <= 0 || size == 0) return list_new(0);
    if ((uint64_t)n > SIZE_MAX / sizeof(Value) / 2 / size) return err_no_memory();
    Value l = list_new(size * (size_t)n);
    if (l == VAL_NULL) return VAL_NULL;
    repeat_into(list_items(l), list_items(seq), size, n);
    LIST(l)->size = size * (size_t)n;
    return l;
}

static Value list_inplace_concat(Value a, Value b) {
    if (!val_is_list(a)) return VAL_NOTIMPL;
    if (list_extend(a, b) < 0) return VAL_NULL;
    return a;
}

static Value list_inplace_repeat(Value a, Value b) {
    if (!val_is_list(a)) return VAL_NOTIMPL;
    int64_t n;
    int r = seq_repeat_count(b, &n);
    if (r < 0) return VAL_NULL;
    if (r > 0) return VAL_NOTIMPL;
    ListObject *l = LIST(a);
    size_t size = l->size;
    if (n <= 0 || size == 0) {
        list_truncate(l, 0);
        return a;
    }
    if ((uint64_t)n > SIZE_MAX / sizeof(Value) / 2 / size) return err_no_memory();
    if (list_reserve(l, size * (size_t)n) < 0) return VAL_NULL;
    repeat_into(l->items + size, l->items, size, n - 1);
    l->size = size * (size_t)n;
    return a;
}

/* ---- methods ---- */

static Value list_m_append(Value *args, size_t nargs, Value kwnames) {
    if (check_no_kwargs("list.append", kwnames) < 0) return VAL_NULL;
    if (check_one_arg("list.append", nargs - 1) < 0) return VAL_NULL;
    if (list_append(args[0], args[1]) < 0) return VAL_NULL;
    return VAL_NONE;
}

static Value list_m_extend(Value *args, size_t nargs, Value kwnames) {
    if (check_no_kwargs("list.extend", kwnames) < 0) return VAL_NULL;
    if (check_one_arg("list.extend", nargs - 1) < 0) return VAL_NULL;
    if (list_extend(args[0], args[1]) < 0) return VAL_NULL;
    return VAL_NONE;
}

static Value list_m_insert(Value *args, size_t nargs, Value kwnames) {
    if (check_no_kwargs("list.insert", kwnames) < 0) return VAL_NULL;
    if (check_positional("insert", nargs - 1, 2, 2) < 0) return VAL_NULL;
    ListObject *l = LIST(args[0]);
    int64_t i;
    if (obj_index_i64(args[1], &i) < 0) return VAL_NULL;
    int64_t n = (int64_t)l->size;
    if (i < 0) {
        i += n;
        if (i < 0) i = 0;
    }
    if (i > n) i = n;
    if (list_reserve(l, l->size + 1) < 0) return VAL_NULL;
    memmove(l->items + i + 1, l->items + i, (size_t)(n - i) * sizeof(Value));
    l->items[i] = args[2];
    l->size++;
    return VAL_NONE;
}

/* Index of the first item equal to v in [start, stop), -1 when absent,
 * -2 on error. */
static int64_t list_find(Value self, Value v, int64_t start, int64_t stop) {
    for (int64_t i = start; i < stop && i < (int64_t)list_size(self); i++) {
        int eq = obj_eq(list_items(self)[i], v);
        if (eq < 0) return -2;
        if (eq) return i;
    }
    return -1;
}

static Value list_m_remove(Value *args, size_t nargs, Value kwnames) {
    if (check_no_kwargs("list.remove", kwnames) < 0) return VAL_NULL;
    if (check_one_arg("list.remove", nargs - 1) < 0) return VAL_NULL;
    int64_t i = list_find(args[0], args[1], 0, INT64_MAX);
    if (i == -2) return VAL_NULL;
    if (i < 0) return err_format(&Exc_ValueError, "list.remove(x): x not in list");
    if (list_replace_range(LIST(args[0]), i, i + 1, NULL, 0) < 0) return VAL_NULL;
    return VAL_NONE;
}

static Value list_m_pop(Value *args, size_t nargs, Value kwnames) {
    if (check_no_kwargs("list.pop", kwnames) < 0) return VAL_NULL;
    if (check_positional("pop", nargs - 1, 0, 1) < 0) return VAL_NULL;
    ListObject *l = LIST(args[0]);
    int64_t i = -1;
    if (nargs > 1 && obj_index_i64(args[1], &i) < 0) return VAL_NULL;
    if (l->size == 0) return err_format(&Exc_IndexError, "pop from empty list");
    int64_t n = (int64_t)l->size;
    if (i < 0) i += n;
    if (i < 0 || i >= n) return err_format(&Exc_IndexError, "pop index out of range");
    Value v = l->items[i];
    if (i == n - 1) {
        l->items[i] = VAL_NULL;
        l->size--;
    } else if (list_replace_range(l, i, i + 1, NULL, 0) < 0) {
        return VAL_NULL;
    }
    return v;
}

static Value list_m_clear(Value *args, size_t nargs, Value kwnames) {
    if (check_no_kwargs("list.clear", kwnames) < 0) return VAL_NULL;
    if (check_no_args("list.clear", nargs - 1) < 0) return VAL_NULL;
    ListObject *l = LIST(args[0]);
    l->items = NULL;
    l->size = l->capacity = 0;
    return VAL_NONE;
}

static Value list_m_index(Value *args, size_t nargs, Value kwnames) {
    if (check_no_kwargs("list.index", kwnames) < 0) return VAL_NULL;
    if (check_positional("index", nargs - 1, 1, 3) < 0) return VAL_NULL;
    int64_t start, stop;
    if (seq_index_bounds(args + 2, nargs - 2, (int64_t)list_size(args[0]), &start, &stop) < 0)
        return VAL_NULL;
    int64_t i = list_find(args[0], args[1], start, stop);
    if (i == -2) return VAL_NULL;
    if (i < 0) {
        Value msg = str_format_c("%R is not in list", args[1]);
        return msg ? err_set_object(&Exc_ValueError, msg) : VAL_NULL;
    }
    return int_from_i64(i);
}

static Value list_m_count(Value *args, size_t nargs, Value kwnames) {
    if (check_no_kwargs("list.count", kwnames) < 0) return VAL_NULL;
    if (check_one_arg("list.count", nargs - 1) < 0) return VAL_NULL;
    int64_t count = 0;
    for (size_t i = 0; i < list_size(args[0]); i++) {
        int eq = obj_eq(list_items(args[0])[i], args[1]);
        if (eq < 0) return VAL_NULL;
        count += eq;
    }
    return int_from_i64(count);
}

static Value list_m_sort(Value *args, size_t nargs, Value kwnames) {
    if (nargs > 1) return err_format(&Exc_TypeError, "sort() takes no positional arguments");
    Value key = VAL_NULL;
    bool reverse = false;
    size_t nkw = kwnames ? tuple_size(kwnames) : 0;
    for (size_t i = 0; i < nkw; i++) {
        const char *name = str_data(tuple_items(kwnames)[i]);
        Value v = args[nargs + i];
        if (strcmp(name, "key") == 0) {
            key = v == VAL_NONE ? VAL_NULL : v;
        } else if (strcmp(name, "reverse") == 0) {
            int t = obj_truthy(v);
            if (t < 0) return VAL_NULL;
            reverse = t;
        } else {
            return err_format(&Exc_TypeError, "sort() got an unexpected keyword argument '%s'",
                              name);
        }
    }
    if (list_sort(args[0], key, reverse) < 0) return VAL_NULL;
    return VAL_NONE;
}

static void reverse_items(Value *items, size_t n) {
    for (size_t i = 0, j = n; i + 1 < j; i++, j--) {
        Value t = items[i];
        items[i] = items[j - 1];
        items[j - 1] = t;
    }
}

static Value list_m_reverse(Value *args, size_t nargs, Value kwnames) {
    if (check_no_kwargs("list.reverse", kwnames) < 0) return VAL_NULL;
    if (check_no_args("list.reverse", nargs - 1) < 0) return VAL_NULL;
    reverse_items(list_items(args[0]), list_size(args[0]));
    return VAL_NONE;
}

static Value list_m_copy(Value *args, size_t nargs, Value kwnames) {
    if (check_no_kwargs("list.copy", kwnames) < 0) return VAL_NULL;
    if (check_no_args("list.copy", nargs - 1) < 0) return VAL_NULL;
    return list_from_array(list_items(args[0]), list_size(args[0]));
}

static Value list_m_reversed(Value *args, size_t nargs, Value kwnames) {
    if (check_no_args("list.__reversed__", nargs - 1) < 0) return VAL_NULL;
    return list_reviter_new(args[0]);
}

/* ---- iterators ---- */

Value list_iter_new(Value list) {
    SeqIndexIterObject *it = obj_alloc(&ListIter_Type, sizeof(SeqIndexIterObject));
    if (!it) return err_no_memory();
    it->seq = list;
    return val_from_ptr(it);
}

static Value listiter_next(Value self) {
    SeqIndexIterObject *it = val_as_ptr(self);
    if (it->seq == VAL_NULL) return VAL_NULL;
    if (it->index < list_size(it->seq)) return list_items(it->seq)[it->index++];
    it->seq = VAL_NULL;
    return VAL_NULL;
}

static Value listiter_length_hint(Value *args, size_t nargs, Value kwnames) {
    SeqIndexIterObject *it = val_as_ptr(args[0]);
    if (it->seq == VAL_NULL || it->index >= list_size(it->seq)) return val_from_smallint(0);
    return int_from_i64((int64_t)(list_size(it->seq) - it->index));
}

Value list_reviter_new(Value list) {
    SeqIndexIterObject *it = obj_alloc(&ListRevIter_Type, sizeof(SeqIndexIterObject));
    if (!it) return err_no_memory();
    it->seq = list;
    it->index = list_size(list);
    return val_from_ptr(it);
}

static Value listreviter_next(Value self) {
    SeqIndexIterObject *it = val_as_ptr(self);
    if (it->seq == VAL_NULL) return VAL_NULL;
    if (it->index > 0 && it->index <= list_size(it->seq)) return list_items(it->seq)[--it->index];
    it->seq = VAL_NULL;
    return VAL_NULL;
}

static Value listreviter_length_hint(Value *args, size_t nargs, Value kwnames) {
    SeqIndexIterObject *it = val_as_ptr(args[0]);
    if (it->seq == VAL_NULL || it->index > list_size(it->seq)) return val_from_smallint(0);
    return int_from_i64((int64_t)it->index);
}

static const MethodDef listiter_methods[] = {
    {"__length_hint__", listiter_length_hint, METH_DEFAULT, NULL},
    {NULL},
};

static const MethodDef listreviter_methods[] = {
    {"__length_hint__", listreviter_length_hint, METH_DEFAULT, NULL},
    {NULL},
};

Type ListIter_Type = {
    .base = {&Type_Type},
    .name = "list_iterator",
    .basicsize = sizeof(SeqIndexIterObject),
    .tp_iter = iter_self,
    .tp_iternext = listiter_next,
    .methods = listiter_methods,
};

Type ListRevIter_Type = {
    .base = {&Type_Type},
    .name = "list_reverseiterator",
    .basicsize = sizeof(SeqIndexIterObject),
    .tp_iter = iter_self,
    .tp_iternext = listreviter_next,
    .methods = listreviter_methods,
};

static const MethodDef list_methods[] = {
    {"append", list_m_append, METH_DEFAULT, "Append object to the end of the list."},
    {"extend", list_m_extend, METH_DEFAULT, "Extend list by appending elements from the iterable."},
    {"insert", list_m_insert, METH_DEFAULT, "Insert object before index."},
    {"remove", list_m_remove, METH_DEFAULT,
     "Remove first occurrence of value.\n\nRaises ValueError if the value is not present."},
    {"pop", list_m_pop, METH_DEFAULT,
     "Remove and return item at index (default last).\n\nRaises IndexError if list is empty or index is out of range."},
    {"clear", list_m_clear, METH_DEFAULT, "Remove all items from list."},
    {"index", list_m_index, METH_DEFAULT,
     "Return first index of value.\n\nRaises ValueError if the value is not present."},
    {"count", list_m_count, METH_DEFAULT, "Return number of occurrences of value."},
    {"sort", list_m_sort, METH_DEFAULT,
     "Sort the list in ascending order and return None.\n\nThe sort is in-place (i.e. the list itself is modified) and stable (i.e. the\norder of two equal elements is maintained)."},
    {"reverse", list_m_reverse, METH_DEFAULT, "Reverse *IN PLACE*."},
    {"copy", list_m_copy, METH_DEFAULT, "Return a shallow copy of the list."},
    {"__reversed__", list_m_reversed, METH_DEFAULT, "Return a reverse iterator over the list."},
    {NULL},
};

Type List_Type = {
    .base = {&Type_Type},
    .name = "list",
    .basicsize = sizeof(ListObject),
    .flags = TPFLAG_LIST_SUBCLASS | TPFLAG_BASETYPE,
    .doc = "Built-in mutable sequence.\n\nIf no argument is given, the constructor creates a new empty list.\nThe argument must be an iterable if specified.",
    .tp_new = list_tp_new,
    .tp_init = list_tp_init,
    .tp_repr = list_repr,
    .tp_hash = hash_unhashable,
    .tp_richcompare = list_richcompare,
    .tp_iter = list_iter_new,
    .nb_binary = {[NB_ADD] = list_concat, [NB_MULTIPLY] = list_repeat},
    .nb_inplace = {[NB_ADD] = list_inplace_concat, [NB_MULTIPLY] = list_inplace_repeat},
    .sq_length = list_len,
    .mp_subscript = list_subscript,
    .mp_ass_subscript = list_ass_subscript,
    .sq_contains = list_contains,
    .methods = list_methods,
};
