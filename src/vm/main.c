/* main.c — the `krait` command: python3's command line, start-up and the
 * exit status rules (SystemExit, uncaught exceptions, KeyboardInterrupt). */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../modules/io.h"
#include "../modules/sys.h"
#include "../objects/dict.h"
#include "../objects/int.h"
#include "../objects/list.h"
#include "../objects/str.h"
#include "../jit/perfmap.h"
#include "../opt/tier2.h"
#include "error.h"
#include "import.h"
#include "runtime.h"
#include "specialize.h"
#include "vm.h"

#define KRAIT_VERSION_LINE "krait 0.1 (Python 3.14.0)"

typedef enum { RUN_FILE, RUN_COMMAND, RUN_MODULE, RUN_STDIN } RunKind;

typedef struct Options {
    RunKind kind;
    const char *target;  /* file, command or module name */
    int first_arg;       /* index in argv of sys.argv[1] (or of the script) */
    const char **xoptions;
    int nxoptions;
    const char **warnoptions; /* -W values, for sys.warnoptions */
    int nwarnoptions;
} Options;

static const char usage_line[] = "usage: %s [option] ... [-c cmd | -m mod | file | -] [arg] ...\n";

static void print_help(const char *prog) {
    printf(usage_line, prog);
    printf("Options (and corresponding environment variables):\n"
           "-B     : accepted for compatibility (no bytecode files are written)\n"
           "-c cmd : program passed in as string (terminates option list)\n"
           "-E     : ignore PYTHON* environment variables (such as PYTHONPATH)\n"
           "-h     : print this help message and exit (also -? or --help)\n"
           "-I     : isolate from the user's environment (implies -E)\n"
           "-m mod : run library module as a script (terminates option list)\n"
           "-O     : accepted for compatibility\n"
           "-S     : accepted for compatibility\n"
           "-u     : force the stdout and stderr streams to be unbuffered;\n"
           "         also PYTHONUNBUFFERED=x\n"
           "-V     : print the version number and exit (also --version)\n"
           "-X opt : set implementation-specific option (sys._xoptions);\n"
           "         -X jit=0|1 turns the JIT off or on (also PYTHON_JIT); off, traces\n"
           "         run in the micro-op interpreter\n"
           "         -X jit-threshold=N: loop iterations before a loop is traced\n"
           "         -X jit-stats: print tier-2 and JIT statistics at exit\n"
           "         -X jit-dump: print every trace made (its micro-ops) to stderr\n"
           "         -X tier2=0: no traces at all (tier 1 only)\n"
           "         -X specialization=0: tier 1 never specialises (the generic interpreter)\n"
           "         -X perf: name JIT code for perf in /tmp/perf-PID.map (also PYTHONPERFSUPPORT=1)\n"
           "file   : program read from script file\n"
           "-      : program read from stdin (default; interactive mode if a tty)\n"
           "arg ...: arguments passed to program in sys.argv[1:]\n");
}

static int usage_error(const char *prog, const char *fmt, const char *what) {
    fprintf(stderr, fmt, what);
    fprintf(stderr, usage_line, prog);
    fprintf(stderr, "Try `python -h' for more information.\n");
    return 2;
}

/* Parse options like CPython: flags may be grouped (-uc CODE), -c/-m/-X/-W
 * take the rest of the word or the next word. Returns -1 to continue,
 * else an exit status. */
static int parse_options(int argc, char **argv, Options *opt) {
    const char *prog = argv[0];
    opt->xoptions = calloc((size_t)argc, sizeof(char *));
    opt->warnoptions = calloc((size_t)argc, sizeof(char *));
    if (!opt->xoptions || !opt->warnoptions) return 1;
    int i = 1;
    for (; i < argc; i++) {
        const char *arg = argv[i];
        if (arg[0] != '-' || arg[1] == 0) break;
        if (!strcmp(arg, "--")) {
            i++;
            break;
        }
        if (arg[1] == '-') {
            if (!strcmp(arg, "--version")) return puts(KRAIT_VERSION_LINE), 0;
            if (!strcmp(arg, "--help")) return print_help(prog), 0;
            return usage_error(prog, "unknown option %s\n", arg);
        }
        for (const char *p = arg + 1; *p; p++) {
            char c = *p;
            if (c == 'c' || c == 'm' || c == 'X' || c == 'W') {
                const char *value = p[1] ? p + 1 : (i + 1 < argc ? argv[++i] : NULL);
                if (!value) {
                    char opt_name[3] = {'-', c, 0};
                    return usage_error(prog, "Argument expected for the %s option\n", opt_name);
                }
                if (c == 'X') opt->xoptions[opt->nxoptions++] = value;
                if (c == 'W') opt->warnoptions[opt->nwarnoptions++] = value;
                if (c == 'c' || c == 'm') {
                    opt->kind = c == 'c' ? RUN_COMMAND : RUN_MODULE;
                    opt->target = value;
                    opt->first_arg = i + 1;
                    return -1;
                }
                break; /* the value used up the rest of this word */
            }
            switch (c) {
            case 'u': krait_cmdline.unbuffered = true; break;
            case 'E': krait_cmdline.ignore_environment = true; break;
            case 'I': krait_cmdline.isolated = krait_cmdline.ignore_environment = true;
                      krait_cmdline.safe_path = true; break;
            case 'S': krait_cmdline.no_site = true; break;
            case 'B': krait_cmdline.dont_write_bytecode = true; break;
            case 'O': krait_cmdline.optimize++; break;
            case 'P': krait_cmdline.safe_path = true; break;
            case 'q': krait_cmdline.quiet = true; break;
            case 'i': krait_cmdline.inspect = true; break;
            case 'v': krait_cmdline.verbose++; break;
            case 'b': krait_cmdline.bytes_warning++; break;
            case 's': case 'd': case 'R': case 'x': break;
            case 'V': return puts(KRAIT_VERSION_LINE), 0;
            case 'h': case '?': return print_help(prog), 0;
            default: {
                char opt_name[3] = {'-', c, 0};
                return usage_error(prog, "Unknown option: %s\n", opt_name);
            }
            }
        }
    }
    if (i < argc && strcmp(argv[i], "-") != 0) {
        opt->kind = RUN_FILE;
        opt->target = argv[i];
        opt->first_arg = i;
    } else {
        opt->kind = RUN_STDIN;
        opt->first_arg = i; /* "-" itself becomes sys.argv[0] */
    }
    return -1;
}

static bool env_set(const char *name) {
    const char *v = getenv(name);
    return v && *v;
}

/* sys.path[0]: the script's directory (symlinks resolved), '' for -c and
 * stdin, the current directory for -m. */
static Value first_path_entry(const Options *opt) {
    if (krait_cmdline.safe_path) return VAL_NULL;
    if (opt->kind == RUN_COMMAND || opt->kind == RUN_STDIN) return str_from_cstr("");
    if (opt->kind == RUN_MODULE) {
        char *cwd = path_absolute(".");
        return cwd ? str_from_cstr(cwd) : VAL_NULL;
    }
    char *real = realpath(opt->target, NULL);
    const char *path = real ? real : path_absolute(opt->target);
    if (!path) return VAL_NULL;
    struct stat sb;
    if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
        Value dir = str_from_cstr(path);
        free(real);
        return dir;
    }
    const char *slash = strrchr(path, '/');
    Value dir = slash == path ? str_from_cstr("/")
              : str_new(path, slash ? (size_t)(slash - path) : 0);
    free(real);
    return dir;
}

static int setup_sys(int argc, char **argv, const Options *opt) {
    if (sys_set_orig_argv(argc, argv) < 0) return -1;
    int rc;
    if (opt->kind == RUN_COMMAND || opt->kind == RUN_MODULE) {
        /* sys.argv[0] is "-c" / "-m" (runmain replaces the latter by the
         * module's path), followed by the arguments after the target. */
        int n = argc - opt->first_arg;
        char **args = calloc((size_t)n + 1, sizeof(char *));
        if (!args) return -1;
        args[0] = opt->kind == RUN_COMMAND ? "-c" : "-m";
        for (int k = 0; k < n; k++) args[k + 1] = argv[opt->first_arg + k];
        rc = sys_set_argv(n + 1, args);
        free(args);
    } else if (opt->kind == RUN_STDIN && opt->first_arg >= argc) {
        char *empty[] = {""};
        rc = sys_set_argv(1, empty);
    } else {
        rc = sys_set_argv(argc - opt->first_arg, argv + opt->first_arg);
    }
    if (rc < 0) return -1;
    for (int k = 0; k < opt->nxoptions; k++)
        if (sys_add_xoption(opt->xoptions[k]) < 0) return -1;
    Value warnoptions = sys_get("warnoptions");
    for (int k = 0; warnoptions && k < opt->nwarnoptions; k++)
        if (list_append(warnoptions, str_from_cstr(opt->warnoptions[k])) < 0) return -1;
    return sys_init_path(first_path_entry(opt), krait_cmdline.ignore_environment);
}

/* ---- exit status ---- */

static void flush_std_streams(void) {
    Value out = sys_get("stdout");
    if (out && !val_is_none(out) && io_flush(out) < 0) err_clear();
    Value errs = sys_get("stderr");
    if (errs && !val_is_none(errs) && io_flush(errs) < 0) err_clear();
    io_flush_all();
    fflush(stdout);
    fflush(stderr);
}

/* Print text + newline on sys.stderr (C stderr when that fails). */
static void print_to_stderr(Value text) {
    Value errs = sys_get("stderr");
    if (errs && !val_is_none(errs) && io_write_str(errs, text) == 0 &&
        io_write_str(errs, str_from_cstr("\n")) == 0 && io_flush(errs) == 0)
        return;
    err_clear();
    fprintf(stderr, "%s\n", str_data(text));
}

static int system_exit_status(Value exc) {
    Value code = obj_getattr_cstr(exc, "code");
    if (!code) {
        err_clear();
        code = exc;
    }
    if (val_is_none(code)) return 0;
    if (val_is_int(code)) {
        int64_t status;
        if (!int_as_i64(code, &status)) return 255;
        return (int)(status & 0xff);
    }
    Value text = obj_str(code);
    if (text) print_to_stderr(text);
    else err_clear();
    return 1;
}

static int uncaught_exception_status(void) {
    Value exc = err_fetch();
    Value out = sys_get("stdout");
    if (out && !val_is_none(out) && io_flush(out) < 0) err_clear();
    if (val_is_ptr(exc) && type_is_subtype(TYPE(exc), &Exc_SystemExit))
        return system_exit_status(exc);
    err_print(exc);
    if (val_is_ptr(exc) && type_is_subtype(TYPE(exc), &Exc_KeyboardInterrupt)) {
        /* Like CPython: die by SIGINT so the parent sees the signal. */
        flush_std_streams();
        signal(SIGINT, SIG_DFL);
        kill(getpid(), SIGINT);
        return 130;
    }
    return 1;
}

static void apply_environment(void) {
    if (krait_cmdline.ignore_environment) return;
    if (env_set("PYTHONUNBUFFERED")) krait_cmdline.unbuffered = true;
    if (env_set("PYTHONDONTWRITEBYTECODE")) krait_cmdline.dont_write_bytecode = true;
}

static void apply_int_max_str_digits(const Options *opt) {
    const char *value = krait_cmdline.ignore_environment ? NULL : getenv("PYTHONINTMAXSTRDIGITS");
    for (int k = 0; k < opt->nxoptions; k++)
        if (!strncmp(opt->xoptions[k], "int_max_str_digits=", 19)) value = opt->xoptions[k] + 19;
    if (!value || !*value) return;
    long digits = strtol(value, NULL, 10);
    if (digits == 0 || digits >= 640) int_max_str_digits = (int)digits;
}

/* -X specialization-stats, and the stress mode of the test runner
 * (KRAIT_JIT_STRESS=1: specialise on first execution). */
static void apply_specialization_options(const Options *opt) {
    for (int k = 0; k < opt->nxoptions; k++)
        if (!strcmp(opt->xoptions[k], "specialization-stats")) specialize_stats_enable();
        else if (!strcmp(opt->xoptions[k], "specialization=0")) spec_disabled = true;
    const char *stress = getenv("KRAIT_JIT_STRESS");
    if (stress && !strcmp(stress, "1")) spec_stress = 1;
    tier2_configure(opt->xoptions, opt->nxoptions);
    perfmap_configure(opt->xoptions, opt->nxoptions);
}

int main(int argc, char **argv) {
    Options opt = {0};
    krait_program_name = argc > 0 ? argv[0] : "krait";
    int status = parse_options(argc, argv, &opt);
    if (status >= 0) return status;
    apply_environment();
    io_unbuffered_std = krait_cmdline.unbuffered;
    if (runtime_init() != 0) {
        fprintf(stderr, "%s: failed to initialise the runtime\n", krait_program_name);
        return 1;
    }
    apply_int_max_str_digits(&opt);
    apply_specialization_options(&opt);
    if (setup_sys(argc, argv, &opt) < 0) {
        status = uncaught_exception_status();
        flush_std_streams();
        return status;
    }
    switch (opt.kind) {
    case RUN_FILE: status = vm_run_main_file(opt.target); break;
    case RUN_COMMAND: status = vm_run_main_string(opt.target); break;
    case RUN_MODULE: status = vm_run_main_module(opt.target); break;
    case RUN_STDIN: status = vm_run_main_stdin(); break;
    }
    if (status < 0) status = uncaught_exception_status();
    flush_std_streams();
    return status;
}
