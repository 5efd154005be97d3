/* listsort.c — list.sort(): a stable, adaptive natural merge sort in the
 * spirit of Tim Peters' timsort. Runs already in order (or strictly
 * descending, reversed in place) are found and extended to a minimum
 * length by binary insertion; runs are merged under timsort's stack
 * invariants, and each merge first skips, by binary search, the prefix of
 * the left run and the suffix of the right run that are already in place.
 *
 * Items are sorted as (key, value) pairs; without key= the key is the
 * value itself. Comparisons use a specialised "<" when every key is a
 * small int, a float or an exact str, the full protocol otherwise.
 */
#include "list.h"

#include "../vm/error.h"
#include "str.h"

typedef struct SortItem {
    Value key;
    Value value;
} SortItem;

/* "a < b": 1, 0, or -1 with an exception set. */
typedef int (*LessFn)(Value a, Value b);

typedef struct SortState {
    LessFn less;
    SortItem *tmp;        /* merge buffer */
    size_t tmp_size;
    size_t run_base[96];  /* pending runs (timsort needs < 85 for 2^64 items) */
    size_t run_len[96];
    int nruns;
} SortState;

static int less_smallint(Value a, Value b) { return val_as_smallint(a) < val_as_smallint(b); }
static int less_double(Value a, Value b) { return val_as_double(a) < val_as_double(b); }

/* UTF-8 byte order is code point order, so memcmp decides. */
static int less_str(Value a, Value b) {
    size_t na = str_size(a), nb = str_size(b);
    int c = memcmp(str_data(a), str_data(b), na < nb ? na : nb);
    return c < 0 || (c == 0 && na < nb);
}

static int less_generic(Value a, Value b) { return obj_richcompare_bool(a, b, CMP_LT); }

static LessFn choose_less(const SortItem *items, size_t n) {
    bool all_int = true, all_double = true, all_str = true;
    for (size_t i = 0; i < n && (all_int || all_double || all_str); i++) {
        Value k = items[i].key;
        all_int = all_int && val_is_smallint(k);
        all_double = all_double && val_is_double(k);
        all_str = all_str && val_is_str_exact(k);
    }
    if (all_int) return less_smallint;
    if (all_double) return less_double;
    if (all_str) return less_str;
    return less_generic;
}

static void reverse_items(SortItem *a, size_t n) {
    for (size_t i = 0, j = n; i + 1 < j; i++, j--) {
        SortItem t = a[i];
        a[i] = a[j - 1];
        a[j - 1] = t;
    }
}

/* Length of the run starting at a; a strictly descending run is reversed
 * (strictness keeps the sort stable). -1 on error. */
static int64_t count_run(SortState *st, SortItem *a, size_t n) {
    if (n == 1) return 1;
    int lt = st->less(a[1].key, a[0].key);
    if (lt < 0) return -1;
    size_t i = 2;
    if (lt) {
        for (; i < n; i++) {
            lt = st->less(a[i].key, a[i - 1].key);
            if (lt < 0) return -1;
            if (!lt) break;
        }
        reverse_items(a, i);
    } else {
        for (; i < n; i++) {
            lt = st->less(a[i].key, a[i - 1].key);
            if (lt < 0) return -1;
            if (lt) break;
        }
    }
    return (int64_t)i;
}

/* a[0:sorted] is sorted; insert a[sorted:n] one by one. */
static int binary_insertion(SortState *st, SortItem *a, size_t n, size_t sorted) {
    for (size_t i = sorted; i < n; i++) {
        SortItem pivot = a[i];
        size_t lo = 0, hi = i;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            int lt = st->less(pivot.key, a[mid].key);
            if (lt < 0) return -1;
            if (lt) hi = mid;
            else lo = mid + 1;
        }
        memmove(a + lo + 1, a + lo, (i - lo) * sizeof(SortItem));
        a[lo] = pivot;
    }
    return 0;
}

/* First index in a[0:n] whose key is > key (key goes after equals). */
static int64_t search_right(SortState *st, Value key, const SortItem *a, size_t n) {
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int lt = st->less(key, a[mid].key);
        if (lt < 0) return -1;
        if (lt) hi = mid;
        else lo = mid + 1;
    }
    return (int64_t)lo;
}

/* First index in a[0:n] whose key is >= key (key goes before equals). */
static int64_t search_left(SortState *st, Value key, const SortItem *a, size_t n) {
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int lt = st->less(a[mid].key, key);
        if (lt < 0) return -1;
        if (lt) lo = mid + 1;
        else hi = mid;
    }
    return (int64_t)lo;
}

static int ensure_tmp(SortState *st, size_t n) {
    if (st->tmp_size >= n) return 0;
    st->tmp = gc_alloc(n * sizeof(SortItem));
    if (!st->tmp) {
        err_no_memory();
        return -1;
    }
    st->tmp_size = n;
    return 0;
}

/* Merge adjacent runs a[0:na] and b[0:nb] (b == a + na), na <= nb:
 * copy a out and merge forwards. On a comparison error the leftovers are
 * still copied back, so the array stays a permutation. */
static int merge_lo(SortState *st, SortItem *a, size_t na, SortItem *b, size_t nb) {
    if (ensure_tmp(st, na) < 0) return -1;
    memcpy(st->tmp, a, na * sizeof(SortItem));
    SortItem *t = st->tmp, *dest = a;
    size_t i = 0, j = 0;
    int rc = 0;
    while (i < na && j < nb) {
        int lt = st->less(b[j].key, t[i].key);
        if (lt < 0) {
            rc = -1;
            break;
        }
        *dest++ = lt ? b[j++] : t[i++];
    }
    memcpy(dest, t + i, (na - i) * sizeof(SortItem));
    return rc;
}

/* Same, na > nb: copy b out and merge backwards. */
static int merge_hi(SortState *st, SortItem *a, size_t na, SortItem *b, size_t nb) {
    if (ensure_tmp(st, nb) < 0) return -1;
    memcpy(st->tmp, b, nb * sizeof(SortItem));
    SortItem *t = st->tmp, *dest = b + nb;
    size_t i = na, j = nb; /* items left in a and in t */
    int rc = 0;
    while (i > 0 && j > 0) {
        int lt = st->less(t[j - 1].key, a[i - 1].key);
        if (lt < 0) {
            rc = -1;
            break;
        }
        *--dest = lt ? a[--i] : t[--j];
    }
    memcpy(dest - j, t, j * sizeof(SortItem));
    return rc;
}

/* Merge runs k and k+1 of the stack. */
static int merge_at(SortState *st, SortItem *base, int k) {
    SortItem *a = base + st->run_base[k];
    size_t na = st->run_len[k];
    SortItem *b = base + st->run_base[k + 1];
    size_t nb = st->run_len[k + 1];
    st->run_len[k] = na + nb;
    if (k == st->nruns - 3) {
        st->run_base[k + 1] = st->run_base[k + 2];
        st->run_len[k + 1] = st->run_len[k + 2];
    }
    st->nruns--;
    /* Items of a that are <= b[0] are already in place. */
    int64_t skip = search_right(st, b[0].key, a, na);
    if (skip < 0) return -1;
    a += skip;
    na -= (size_t)skip;
    if (na == 0) return 0;
    /* Items of b that are >= a[last] are already in place. */
    int64_t keep = search_left(st, a[na - 1].key, b, nb);
    if (keep < 0) return -1;
    nb = (size_t)keep;
    if (nb == 0) return 0;
    return na <= nb ? merge_lo(st, a, na, b, nb) : merge_hi(st, a, na, b, nb);
}

/* Restore timsort's invariants on the run stack (the corrected version
 * that also checks the third run from the top). */
static int merge_collapse(SortState *st, SortItem *base) {
    while (st->nruns > 1) {
        int k = st->nruns - 2;
        size_t *len = st->run_len;
        if ((k > 0 && len[k - 1] <= len[k] + len[k + 1]) ||
            (k > 1 && len[k - 2] <= len[k - 1] + len[k])) {
            if (len[k - 1] < len[k + 1]) k--;
        } else if (len[k] > len[k + 1]) {
            break;
        }
        if (merge_at(st, base, k) < 0) return -1;
    }
    return 0;
}

static int merge_force_collapse(SortState *st, SortItem *base) {
    while (st->nruns > 1) {
        int k = st->nruns - 2;
        if (k > 0 && st->run_len[k - 1] < st->run_len[k + 1]) k--;
        if (merge_at(st, base, k) < 0) return -1;
    }
    return 0;
}

/* Runs shorter than this are extended by binary insertion: a number in
 * [32, 64] such that n / minrun is a power of two or a little less. */
static size_t compute_minrun(size_t n) {
    size_t extra = 0;
    while (n >= 64) {
        extra |= n & 1;
        n >>= 1;
    }
    return n + extra;
}

static int sort_items(SortItem *a, size_t n) {
    SortState st = {.less = choose_less(a, n)};
    size_t minrun = compute_minrun(n);
    for (size_t lo = 0; lo < n;) {
        int64_t run = count_run(&st, a + lo, n - lo);
        if (run < 0) return -1;
        if ((size_t)run < minrun) {
            size_t force = n - lo < minrun ? n - lo : minrun;
            if (binary_insertion(&st, a + lo, force, (size_t)run) < 0) return -1;
            run = (int64_t)force;
        }
        st.run_base[st.nruns] = lo;
        st.run_len[st.nruns] = (size_t)run;
        st.nruns++;
        if (merge_collapse(&st, a) < 0) return -1;
        lo += (size_t)run;
    }
    return merge_force_collapse(&st, a);
}

/* Compute keys (or copy values) into pairs. */
static int build_items(SortItem *items, const Value *values, size_t n, Value key) {
    for (size_t i = 0; i < n; i++) {
        items[i].value = values[i];
        if (key == VAL_NULL) {
            items[i].key = values[i];
        } else {
            items[i].key = obj_call1(key, values[i]);
            if (items[i].key == VAL_NULL) return -1;
        }
    }
    return 0;
}

int list_sort(Value list, Value key, bool reverse) {
    ListObject *l = LIST(list);
    size_t n = l->size, capacity = l->capacity;
    Value *values = l->items;
    /* Empty the list while sorting, as CPython does, so that key functions
     * and comparisons that mutate it are detected instead of crashing. */
    l->items = NULL;
    l->size = l->capacity = 0;
    int rc = 0;
    /* Keys are computed even for a single item, so a failing key function
     * raises as it does in CPython. */
    SortItem *items = n > 0 ? gc_alloc(n * sizeof(SortItem)) : NULL;
    if (n > 0 && !items) {
        err_no_memory();
        rc = -1;
    } else if (n > 0 && build_items(items, values, n, key) < 0) {
        rc = -1;
    } else if (n > 1) {
        /* Reversing before and after keeps equal items in original order. */
        if (reverse) reverse_items(items, n);
        rc = sort_items(items, n);
        if (reverse) reverse_items(items, n);
        for (size_t i = 0; i < n; i++) values[i] = items[i].value;
    }
    bool modified = l->items != NULL || l->size != 0;
    l->items = values;
    l->size = n;
    l->capacity = capacity;
    if (modified && rc == 0) {
        err_format(&Exc_ValueError, "list modified during sort");
        return -1;
    }
    return rc;
}
