/* time.c — the time module: clocks, sleep, and struct_time conversions. */
#include <errno.h>
#include <math.h>
#include <string.h>
#include <time.h>

#include "../objects/dict.h"
#include "../objects/float.h"
#include "../objects/function.h"
#include "../objects/int.h"
#include "../objects/module.h"
#include "../objects/str.h"
#include "../objects/tuple.h"
#include "../vm/error.h"
#include "../vm/vm.h"
#include "modules.h"
#include "sys.h"

static Type *struct_time_type;

static const char *const struct_time_fields[] = {
    "tm_year", "tm_mon", "tm_mday", "tm_hour", "tm_min", "tm_sec",
    "tm_wday", "tm_yday", "tm_isdst", NULL};

/* ---- clocks ---- */

static Value clock_seconds(clockid_t id) {
    struct timespec ts;
    clock_gettime(id, &ts);
    return val_from_double((double)ts.tv_sec + (double)ts.tv_nsec * 1e-9);
}

static Value clock_ns(clockid_t id) {
    struct timespec ts;
    clock_gettime(id, &ts);
    /* Fits in int64 until the year 2262; int_from_i64 promotes if needed. */
    return int_from_i64((int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec);
}

#define CLOCK_FUNCS(pyname, clock)                                                     \
    static Value time_##pyname(Value *args, size_t nargs, Value kwnames) {             \
        return clock_seconds(clock);                                                   \
    }                                                                                  \
    static Value time_##pyname##_ns(Value *args, size_t nargs, Value kwnames) {        \
        return clock_ns(clock);                                                        \
    }
CLOCK_FUNCS(time, CLOCK_REALTIME)
CLOCK_FUNCS(monotonic, CLOCK_MONOTONIC)
CLOCK_FUNCS(perf_counter, CLOCK_MONOTONIC)
CLOCK_FUNCS(process_time, CLOCK_PROCESS_CPUTIME_ID)
CLOCK_FUNCS(thread_time, CLOCK_THREAD_CPUTIME_ID)
#undef CLOCK_FUNCS

/* ---- sleep ---- */

/* A number of seconds: int or float (__index__ / __float__ honoured). */
static int seconds_arg(Value v, double *out) {
    if (val_is_int(v)) {
        bool overflow = false;
        *out = int_as_double(v, &overflow);
        return overflow ? -1 : 0;
    }
    if (val_is_float(v)) {
        *out = float_value(v);
        return 0;
    }
    if (val_type(v)->nb_float) {
        Value f = obj_float(v);
        if (!f) return -1;
        *out = float_value(f);
        return 0;
    }
    int64_t i;
    if (obj_index_i64(v, &i) < 0) return -1;
    *out = (double)i;
    return 0;
}

static Value time_sleep(Value *args, size_t nargs, Value kwnames) {
    if (args_no_kwargs("sleep", kwnames) < 0 || args_check_count("sleep", nargs, 1, 1) < 0)
        return VAL_NULL;
    double secs;
    if (seconds_arg(args[0], &secs) < 0) return VAL_NULL;
    if (isnan(secs)) return err_format(&Exc_ValueError, "Invalid value NaN (not a number)");
    if (secs < 0) return err_format(&Exc_ValueError, "sleep length must be non-negative");
    struct timespec req;
    req.tv_sec = (time_t)secs;
    req.tv_nsec = (long)((secs - (double)req.tv_sec) * 1e9);
    while (nanosleep(&req, &req) < 0) {
        if (errno != EINTR) return err_format(&Exc_OSError, "%s", strerror(errno));
        if (vm_pending_signal) {
            /* Ctrl-C: raise now instead of finishing the sleep. */
            vm_pending_signal = 0;
            return err_set_none(&Exc_KeyboardInterrupt);
        }
    }
    return VAL_NONE;
}

/* ---- struct_time ---- */

static Value struct_time_from_tm(const struct tm *tm) {
    Value items[9] = {
        int_from_i64((int64_t)tm->tm_year + 1900), val_from_smallint(tm->tm_mon + 1),
        val_from_smallint(tm->tm_mday), val_from_smallint(tm->tm_hour),
        val_from_smallint(tm->tm_min), val_from_smallint(tm->tm_sec),
        val_from_smallint((tm->tm_wday + 6) % 7), val_from_smallint(tm->tm_yday + 1),
        val_from_smallint(tm->tm_isdst)};
    return structseq_new(struct_time_type, items);
}

/* Optional seconds argument (None or absent: now). */
static int time_t_arg(Value *args, size_t nargs, const char *fname, time_t *out) {
    if (args_check_count(fname, nargs, 0, 1) < 0) return -1;
    if (nargs == 0 || val_is_none(args[0])) {
        *out = time(NULL);
        return 0;
    }
    double secs;
    if (seconds_arg(args[0], &secs) < 0) return -1;
    if (!isfinite(secs) || secs > 9.2e18 || secs < -9.2e18) {
        err_format(&Exc_OverflowError, "timestamp out of range for platform time_t");
        return -1;
    }
    *out = (time_t)floor(secs);
    return 0;
}

static Value time_gmtime(Value *args, size_t nargs, Value kwnames) {
    time_t t;
    struct tm tm;
    if (time_t_arg(args, nargs, "gmtime", &t) < 0) return VAL_NULL;
    if (!gmtime_r(&t, &tm)) return err_format(&Exc_OverflowError, "timestamp out of range for platform time_t");
    return struct_time_from_tm(&tm);
}

static Value time_localtime(Value *args, size_t nargs, Value kwnames) {
    time_t t;
    struct tm tm;
    if (time_t_arg(args, nargs, "localtime", &t) < 0) return VAL_NULL;
    if (!localtime_r(&t, &tm)) return err_format(&Exc_OverflowError, "timestamp out of range for platform time_t");
    return struct_time_from_tm(&tm);
}

/* A 9-tuple (or struct_time) back to struct tm. */
static int tm_from_tuple(Value t, const char *fname, struct tm *tm) {
    if (!val_is_tuple(t)) {
        err_format(&Exc_TypeError, "Tuple or struct_time argument required");
        return -1;
    }
    if (tuple_size(t) != 9) {
        err_format(&Exc_TypeError, "%s(): illegal time tuple argument", fname);
        return -1;
    }
    int64_t f[9];
    for (int i = 0; i < 9; i++)
        if (obj_index_i64(tuple_items(t)[i], &f[i]) < 0) return -1;
    memset(tm, 0, sizeof *tm);
    tm->tm_year = (int)(f[0] - 1900);
    tm->tm_mon = (int)f[1] - 1;
    tm->tm_mday = (int)f[2];
    tm->tm_hour = (int)f[3];
    tm->tm_min = (int)f[4];
    tm->tm_sec = (int)f[5];
    tm->tm_wday = (int)((f[6] + 1) % 7);
    tm->tm_yday = (int)f[7] - 1;
    tm->tm_isdst = (int)f[8];
    return 0;
}

/* The time tuple argument of strftime/asctime: absent or None means now. */
static int tm_arg(Value *args, size_t nargs, size_t index, const char *fname, struct tm *tm) {
    if (nargs <= index || val_is_none(args[index])) {
        time_t now = time(NULL);
        localtime_r(&now, tm);
        return 0;
    }
    return tm_from_tuple(args[index], fname, tm);
}

static Value time_strftime(Value *args, size_t nargs, Value kwnames) {
    if (args_no_kwargs("strftime", kwnames) < 0 || args_check_count("strftime", nargs, 1, 2) < 0)
        return VAL_NULL;
    if (!val_is_str(args[0]))
        return err_format(&Exc_TypeError, "strftime() argument 1 must be str, not %s",
                          val_type_name(args[0]));
    struct tm tm;
    if (tm_arg(args, nargs, 1, "strftime", &tm) < 0) return VAL_NULL;
    const char *fmt = str_data(args[0]);
    if (!*fmt) return str_from_cstr("");
    /* strftime's 0 is ambiguous (empty result or too small); grow a few
     * times and accept the empty string after that. */
    for (size_t cap = 256; cap <= 256 * 1024; cap *= 4) {
        char *buf = gc_alloc_atomic(cap);
        if (!buf) return err_no_memory();
        size_t n = strftime(buf, cap, fmt, &tm);
        if (n > 0) return str_decode_utf8(buf, n);
    }
    return str_from_cstr("");
}

static Value format_asctime(const struct tm *tm) {
    static const char *const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    int wday = tm->tm_wday >= 0 && tm->tm_wday < 7 ? tm->tm_wday : 0;
    int mon = tm->tm_mon >= 0 && tm->tm_mon < 12 ? tm->tm_mon : 0;
    return str_format_c("%s %s %2d %02d:%02d:%02d %d", days[wday], months[mon], tm->tm_mday,
                        tm->tm_hour, tm->tm_min, tm->tm_sec, tm->tm_year + 1900);
}

static Value time_asctime(Value *args, size_t nargs, Value kwnames) {
    if (args_check_count("asctime", nargs, 0, 1) < 0) return VAL_NULL;
    struct tm tm;
    if (tm_arg(args, nargs, 0, "asctime", &tm) < 0) return VAL_NULL;
    return format_asctime(&tm);
}

static Value time_ctime(Value *args, size_t nargs, Value kwnames) {
    time_t t;
    struct tm tm;
    if (time_t_arg(args, nargs, "ctime", &t) < 0) return VAL_NULL;
    localtime_r(&t, &tm);
    return format_asctime(&tm);
}

static Value time_mktime(Value *args, size_t nargs, Value kwnames) {
    if (args_check_count("mktime", nargs, 1, 1) < 0) return VAL_NULL;
    struct tm tm;
    if (tm_from_tuple(args[0], "mktime", &tm) < 0) return VAL_NULL;
    tm.tm_wday = -1;
    time_t t = mktime(&tm);
    if (t == (time_t)-1 && tm.tm_wday == -1)
        return err_format(&Exc_OverflowError, "mktime argument out of range");
    return val_from_double((double)t);
}

static const MethodDef time_functions[] = {
    {"time", time_time, METH_DEFAULT, NULL},
    {"time_ns", time_time_ns, METH_DEFAULT, NULL},
    {"monotonic", time_monotonic, METH_DEFAULT, NULL},
    {"monotonic_ns", time_monotonic_ns, METH_DEFAULT, NULL},
    {"perf_counter", time_perf_counter, METH_DEFAULT, NULL},
    {"perf_counter_ns", time_perf_counter_ns, METH_DEFAULT, NULL},
    {"process_time", time_process_time, METH_DEFAULT, NULL},
    {"process_time_ns", time_process_time_ns, METH_DEFAULT, NULL},
    {"thread_time", time_thread_time, METH_DEFAULT, NULL},
    {"thread_time_ns", time_thread_time_ns, METH_DEFAULT, NULL},
    {"sleep", time_sleep, METH_DEFAULT, NULL},
    {"gmtime", time_gmtime, METH_DEFAULT, NULL},
    {"localtime", time_localtime, METH_DEFAULT, NULL},
    {"strftime", time_strftime, METH_DEFAULT, NULL},
    {"asctime", time_asctime, METH_DEFAULT, NULL},
    {"ctime", time_ctime, METH_DEFAULT, NULL},
    {"mktime", time_mktime, METH_DEFAULT, NULL},
    {NULL},
};

Value time_module_init(void) {
    if (!struct_time_type) {
        struct_time_type = structseq_new_type("time", "struct_time", struct_time_fields, NULL);
        if (!struct_time_type) return err_no_memory();
    }
    Value m = module_new_cstr("time");
    if (!m || module_add_functions(m, time_functions) < 0) return VAL_NULL;
    Value d = module_dict(m);
    tzset();
    Value tznames = tuple_pack(2, str_from_cstr(tzname[0]), str_from_cstr(tzname[1]));
    if (!tznames || dict_set_str(d, "struct_time", val_from_ptr(struct_time_type)) < 0 ||
        dict_set_str(d, "timezone", int_from_i64(timezone)) < 0 ||
        dict_set_str(d, "altzone", int_from_i64(timezone - (daylight ? 3600 : 0))) < 0 ||
        dict_set_str(d, "daylight", val_from_smallint(daylight)) < 0 ||
        dict_set_str(d, "tzname", tznames) < 0)
        return VAL_NULL;
    return m;
}
