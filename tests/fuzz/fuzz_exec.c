/* fuzz_exec.c — compile the input as a Python program and run it, under a
 * time budget and in a sandbox. Inputs that do not compile are rejected
 * (fuzz_compile covers them), so the corpus grows only with programs.
 *
 * Budget. The eval loop polls vm_pending_signal (the Ctrl-C flag) at every
 * RESUME and JUMP_BACKWARD. A POSIX timer ticks every TICK_MS of wall
 * time; once the budget is spent each tick sets the flag again, so the
 * program gets KeyboardInterrupt, and again at its next call or backward
 * jump if it catches that. A real-time signal, because libFuzzer owns
 * SIGALRM (its -timeout) and SIGUSR1/2. What this cannot stop — a long
 * loop inside one C call (sum(range(10**15)), a huge power), or a program
 * that swallows every interrupt inside an endless outer loop — ends in
 * libFuzzer's -timeout or -rss_limit_mb, which tests/fuzz/run_fuzz.sh
 * runs in fork mode with timeouts and out-of-memory ignored for this
 * harness only. docs/hardening.md has the reasoning.
 *
 * Sandbox. No file access: open, input and breakpoint leave builtins; the
 * posix, io and _io modules cannot be imported; sys.path is empty (lib/ is
 * not reachable); sys.stdin/stdout/stderr are fresh StringIOs per input.
 * State a program can change is reset before each input: the sys and
 * builtins namespaces and sys.modules are fresh copies of a snapshot, and
 * the recursion and int-digits limits get their defaults back. */
#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <time.h>

#include "fuzz.h"
#include "modules/io.h"
#include "modules/modules.h"
#include "modules/sys.h"
#include "objects/dict.h"
#include "objects/int.h"
#include "objects/module.h"
#include "vm/frame.h"

#define TICK_MS 10
#define BUDGET_TICKS 30 /* about 0.3 s of wall time per input */

static timer_t budget_timer;
static volatile sig_atomic_t ticks;

static void on_tick(int sig) {
    (void)sig;
    if (++ticks >= BUDGET_TICKS) vm_pending_signal = 1;
}

static void budget_arm(long ms) {
    struct itimerspec its;
    memset(&its, 0, sizeof its);
    its.it_interval.tv_nsec = its.it_value.tv_nsec = ms * 1000000L;
    timer_settime(budget_timer, 0, &its, NULL);
}

/* Statics are roots for libgc (it scans the data segment). */
static Value sys_snapshot, builtins_snapshot, modules_snapshot;
static int default_recursion_limit, default_digits;
static char scratch_dir[] = "/tmp/krait-fuzz-XXXXXX";

static Value blocked_module(void) {
    return err_format(&Exc_ImportError, "module blocked by the fuzz sandbox");
}

static void fuzz_setup(void) {
    fuzz_quiet_stdio();
    /* Work in a directory that no longer exists: nothing should create
     * files, and relative paths now cannot (Linux lets the current
     * directory be removed; new entries in it fail with ENOENT). */
    if (mkdtemp(scratch_dir) && chdir(scratch_dir) == 0) rmdir(scratch_dir);

    static const char *const blocked[] = {"posix", "io", "_io"};
    for (size_t i = 0; i < sizeof blocked / sizeof *blocked; i++) {
        vm_register_builtin_module(blocked[i], blocked_module);
        if (dict_del(vm_sys_modules, str_from_cstr(blocked[i])) < 0) abort();
    }
    static const char *const removed[] = {"open", "input", "breakpoint", "help"};
    for (size_t i = 0; i < sizeof removed / sizeof *removed; i++)
        if (dict_del(vm_builtins_dict, str_from_cstr(removed[i])) < 0) abort();
    if (sys_set("path", list_new(0)) < 0) abort();

    sys_snapshot = dict_copy(module_dict(sys_module));
    builtins_snapshot = dict_copy(vm_builtins_dict);
    modules_snapshot = dict_copy(vm_sys_modules);
    if (!sys_snapshot || !builtins_snapshot || !modules_snapshot) abort();
    default_recursion_limit = vm_recursion_limit;
    default_digits = int_max_str_digits;

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_tick;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGRTMIN, &sa, NULL);
    struct sigevent sev;
    memset(&sev, 0, sizeof sev);
    sev.sigev_notify = SIGEV_SIGNAL;
    sev.sigev_signo = SIGRTMIN;
    if (timer_create(CLOCK_MONOTONIC, &sev, &budget_timer) != 0) abort();
}

/* Fresh namespaces for sys, builtins and sys.modules, fresh std streams. */
static void reset_state(void) {
    Value sys_dict = dict_copy(sys_snapshot);
    Value builtins = dict_copy(builtins_snapshot);
    Value modules = dict_copy(modules_snapshot);
    if (!sys_dict || !builtins || !modules) abort();
    MODULE(sys_module)->dict = sys_dict;
    MODULE(builtins_module)->dict = vm_builtins_dict = builtins;
    vm_sys_modules = modules;
    if (sys_set("modules", modules) < 0) abort();
    static const char *const streams[] = {"stdin", "stdout", "stderr",
                                          "__stdin__", "__stdout__", "__stderr__"};
    for (size_t i = 0; i < sizeof streams / sizeof *streams; i++) {
        Value s = stringio_new(VAL_NULL);
        if (!s || sys_set(streams[i], s) < 0) abort();
    }
    vm_recursion_limit = default_recursion_limit;
    int_max_str_digits = default_digits;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (fuzz_too_many_finally(data, size)) return -1;
    Value code = vm_compile((const char *)data, size, "<fuzz>", PARSE_FILE);
    if (!code) {
        err_clear();
        return -1;
    }
    reset_state();
    Value globals = dict_new();
    if (!globals || dict_set_str(globals, "__name__", str_from_cstr("__fuzz__")) < 0 ||
        dict_set_str(globals, "__builtins__", vm_builtins_dict) < 0)
        abort();

    int depth = vm_depth;
    ExcInfo *exc_info = vm_exc_info;
    ticks = 0;
    vm_pending_signal = 0;
    budget_arm(TICK_MS);
    Value result = vm_eval_code(code, globals, globals);
    budget_arm(0);
    vm_pending_signal = 0;
    if (!result && !err_occurred()) {
        fputs("fuzz_exec: failed without an exception\n", stderr);
        abort();
    }
    err_clear();
    /* Whatever the program did, the VM must be back where it started. */
    if (vm_depth != depth || vm_frame || vm_exc_info != exc_info) {
        fprintf(stderr, "fuzz_exec: VM state leaked (depth %d -> %d, frame %p)\n", depth,
                vm_depth, (void *)vm_frame);
        abort();
    }
    return 0;
}
