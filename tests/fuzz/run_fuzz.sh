#!/bin/sh
# run_fuzz.sh BUILD SECONDS JOBS NAME... — run each harness BUILD/bin/NAME
# for SECONDS, JOBS harnesses at a time. Fails if any harness reports a
# crash; the input that caused it is BUILD/artifacts/NAME-crash-*.
#
# Corpora persist in BUILD/corpus/NAME between runs (a later run starts
# where the last one stopped). Seeds: every test and benchmark program,
# plus the harness's own regression inputs. tests/fuzz/python.dict gives
# the mutator Python's keywords and operators.
set -u
# absolute paths: fuzz_exec changes directory to a scratch one at start-up
root=$(pwd)
case $1 in /*) build=$1 ;; *) build=$root/$1 ;; esac
seconds=$2 jobs=$3
shift 3

seeds=$build/seeds
rm -rf "$seeds" && mkdir -p "$seeds" "$build/artifacts" "$build/logs"
cp tests/lang/*.py tests/lib/*.py bench/bm_*.py "$seeds"/

run_one() {
    name=$1
    corpus=$build/corpus/$name
    mkdir -p "$corpus"
    regress=$root/tests/fuzz/regressions/$name
    [ -d "$regress" ] || regress=
    # Per-harness flags: fuzz_exec runs programs that may be legitimately
    # slow or hungry inside one C call (see fuzz_exec.c), so it runs in
    # fork mode where a timeout or OOM is logged and skipped, not fatal.
    case $name in
    fuzz_exec) extra="-fork=1 -ignore_timeouts=1 -ignore_ooms=1 -timeout=20" ;;
    *) extra="-timeout=10" ;;
    esac
    # shellcheck disable=SC2086
    "$build/bin/$name" $extra -max_total_time="$seconds" -max_len=8192 \
        -rss_limit_mb=2560 -detect_leaks=0 -close_fd_mask=3 -print_final_stats=1 \
        -dict="$root/tests/fuzz/python.dict" -artifact_prefix="$build/artifacts/$name-" \
        "$corpus" "$seeds" $regress >"$build/logs/$name.log" 2>&1
    rc=$?
    echo "$name: exit $rc, $(ls "$corpus" | wc -l) corpus inputs," \
         "$(grep -oE '^#[0-9]+' "$build/logs/$name.log" | tail -1 | tr -d '#') runs"
    if [ $rc != 0 ]; then
        grep -E 'ERROR|SUMMARY|Test unit written|artifact|fuzz_' "$build/logs/$name.log" | head -20
        return 1
    fi
}

status=0
pids=""
running=0
for name in "$@"; do
    ( run_one "$name" ) &
    pids="$pids $!"
    running=$((running + 1))
    if [ $running -ge "$jobs" ]; then
        for p in $pids; do wait "$p" || status=1; done
        pids="" running=0
    fi
done
for p in $pids; do wait "$p" || status=1; done
[ $status = 0 ] && echo "fuzz: no crash in $* ($seconds s each)"
exit $status
