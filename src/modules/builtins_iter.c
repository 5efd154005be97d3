/* builtins_iter.c — built-in functions that consume iterables: all, any,
 * iter, next, sorted, min, max. (enumerate, zip, map, filter and reversed
 * are types, from objects/iterobject.c.) */
#include <string.h>

#include "../objects/generator.h"
#include "../objects/function.h"
#include "../objects/iterobject.h"
#include "../objects/list.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../vm/error.h"
#include "builtins.h"
#include "modules.h"

/* all()/any(): stop at the first item whose truth equals `stop_on`. */
static Value all_any(const char *fname, Value *args, size_t nargs, Value kwnames, int stop_on) {
    if (args_no_kwargs(fname, kwnames) < 0 || args_check_count(fname, nargs, 1, 1) < 0)
        return VAL_NULL;
    Value it = obj_iter(args[0]);
    if (!it) return VAL_NULL;
    for (;;) {
        Value item = obj_next(it);
        if (!item) return err_occurred() ? VAL_NULL : val_bool(!stop_on);
        int truth = obj_truthy(item);
        if (truth < 0) return VAL_NULL;
        if (truth == stop_on) return val_bool(stop_on);
    }
}

static Value builtin_all(Value *args, size_t nargs, Value kwnames) {
    return all_any("all", args, nargs, kwnames, 0);
}

static Value builtin_any(Value *args, size_t nargs, Value kwnames) {
    return all_any("any", args, nargs, kwnames, 1);
}

static Value builtin_iter(Value *args, size_t nargs, Value kwnames) {
    if (args_no_kwargs("iter", kwnames) < 0 || args_check_count("iter", nargs, 1, 2) < 0)
        return VAL_NULL;
    if (nargs == 1) return obj_iter(args[0]);
    if (!val_type(args[0])->tp_call)
        return err_format(&Exc_TypeError, "iter(v, w): v must be callable");
    return calliter_new(args[0], args[1]);
}

static Value builtin_next(Value *args, size_t nargs, Value kwnames) {
    if (args_no_kwargs("next", kwnames) < 0 || args_check_count("next", nargs, 1, 2) < 0)
        return VAL_NULL;
    Value it = args[0];
    if (!val_type(it)->tp_iternext)
        return err_format(&Exc_TypeError, "'%s' object is not an iterator", val_type_name(it));
    /* A generator's return value travels in StopIteration.value, which the
     * iterator protocol's "NULL without exception" convention would drop. */
    Value item = val_is_type_exact(it, &Generator_Type) ? generator_next(GEN(it)) : obj_next(it);
    if (item) return item;
    if (err_occurred()) {
        if (nargs < 2 || !err_matches(&Exc_StopIteration)) return VAL_NULL;
        err_clear();
        return args[1];
    }
    if (nargs == 2) return args[1];
    return err_set_none(&Exc_StopIteration);
}

static Value builtin_sorted(Value *args, size_t nargs, Value kwnames) {
    static const char *const names[] = {"key", "reverse", NULL};
    Value kw[2] = {0};
    if (nargs != 1)
        return err_format(&Exc_TypeError, "sorted expected 1 argument, got %zu", nargs);
    if (builtin_kwargs("sort", args, nargs, kwnames, names, kw) < 0) return VAL_NULL;
    Value list = list_from_iterable(args[0]);
    if (!list) return VAL_NULL;
    int reverse = kw[1] ? obj_truthy(kw[1]) : 0;
    if (reverse < 0) return VAL_NULL;
    Value key = kw[0] && !val_is_none(kw[0]) ? kw[0] : VAL_NULL;
    if (list_sort(list, key, reverse) < 0) return VAL_NULL;
    return list;
}

/* min()/max(): op is CMP_LT or CMP_GT; the first extreme item wins ties. */
static Value min_max(const char *fname, Value *args, size_t nargs, Value kwnames, int op) {
    static const char *const names[] = {"key", "default", NULL};
    Value kw[2] = {0};
    if (builtin_kwargs(fname, args, nargs, kwnames, names, kw) < 0) return VAL_NULL;
    if (nargs == 0)
        return err_format(&Exc_TypeError, "%s expected at least 1 argument, got 0", fname);
    if (nargs > 1 && kw[1])
        return err_format(&Exc_TypeError,
                          "Cannot specify a default for %s() with multiple positional arguments",
                          fname);
    Value source = nargs == 1 ? args[0] : tuple_from_array(args, nargs);
    if (!source) return VAL_NULL;
    Value it = obj_iter(source);
    if (!it) return VAL_NULL;
    Value key = kw[0] && !val_is_none(kw[0]) ? kw[0] : VAL_NULL;
    Value best = VAL_NULL, best_key = VAL_NULL;
    for (;;) {
        Value item = obj_next(it);
        if (!item) {
            if (err_occurred()) return VAL_NULL;
            break;
        }
        Value item_key = key ? obj_call1(key, item) : item;
        if (!item_key) return VAL_NULL;
        if (!best) {
            best = item;
            best_key = item_key;
            continue;
        }
        int better = obj_richcompare_bool(item_key, best_key, op);
        if (better < 0) return VAL_NULL;
        if (better) {
            best = item;
            best_key = item_key;
        }
    }
    if (best) return best;
    if (kw[1]) return kw[1];
    return err_format(&Exc_ValueError, "%s() iterable argument is empty", fname);
}

static Value builtin_min(Value *args, size_t nargs, Value kwnames) {
    return min_max("min", args, nargs, kwnames, CMP_LT);
}

static Value builtin_max(Value *args, size_t nargs, Value kwnames) {
    return min_max("max", args, nargs, kwnames, CMP_GT);
}

const MethodDef builtins_iter_functions[] = {
    {"all", builtin_all, METH_DEFAULT, NULL},
    {"any", builtin_any, METH_DEFAULT, NULL},
    {"iter", builtin_iter, METH_DEFAULT, NULL},
    {"next", builtin_next, METH_DEFAULT, NULL},
    {"sorted", builtin_sorted, METH_DEFAULT, NULL},
    {"min", builtin_min, METH_DEFAULT, NULL},
    {"max", builtin_max, METH_DEFAULT, NULL},
    {NULL},
};
