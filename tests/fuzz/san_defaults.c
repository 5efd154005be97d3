/* san_defaults.c — the sanitizer options built into krait-san, its C unit
 * tests and the fuzz harnesses, so that running one by hand behaves like
 * `make sanitize` does (ASAN_OPTIONS / UBSAN_OPTIONS still override each
 * one). Why each option: docs/hardening.md.
 *
 *   detect_stack_use_after_return=0  fake stack frames live on the heap,
 *       out of libgc's stack scan (their pointers would look dead and be
 *       collected) and out of krait's C-stack depth check. clang-19's
 *       runtime turns this on by default; the builds also compile the
 *       check out (hardening.mk), this is the second lock.
 *   detect_leaks=0  nothing is freed by hand under a tracing collector, so
 *       LeakSanitizer reports only noise.
 *   halt_on_error=1, exitcode=86/87  the first report ends the run with a
 *       status no test expects (tests exit 0-4), so it cannot pass.
 *   allocator_may_return_null=1  a huge malloc returns NULL as libc's does
 *       and krait's MemoryError path runs, instead of an ASan report. */
const char *__asan_default_options(void);
const char *__ubsan_default_options(void);

const char *__asan_default_options(void) {
    return "detect_stack_use_after_return=0:detect_leaks=0:halt_on_error=1:exitcode=86:"
           "allocator_may_return_null=1:strict_string_checks=1:check_initialization_order=1";
}

const char *__ubsan_default_options(void) {
    return "halt_on_error=1:print_stacktrace=1:exitcode=87";
}
