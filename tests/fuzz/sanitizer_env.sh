# sanitizer_env.sh — sourced by the hardening scripts: the runtime options
# every sanitized krait runs with. Why each one: docs/hardening.md.
#
# detect_stack_use_after_return=0  fake stack frames live on the heap where
#                                  libgc's stack scan cannot see them: their
#                                  pointers would look dead and be collected
# detect_leaks=0                   with a tracing collector nothing is freed
#                                  by hand, so LeakSanitizer only reports noise
# halt_on_error=1 + exitcode       the first report ends the run with a status
#                                  no test expects (tests exit 0-4), so the
#                                  runner's exit-status check fails it
# allocator_may_return_null=1      a huge malloc returns NULL as libc's does,
#                                  and krait's MemoryError path is what runs
export ASAN_OPTIONS="detect_stack_use_after_return=0:detect_leaks=0:halt_on_error=1:exitcode=86:allocator_may_return_null=1:strict_string_checks=1:check_initialization_order=1${ASAN_EXTRA:+:$ASAN_EXTRA}"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:exitcode=87"
