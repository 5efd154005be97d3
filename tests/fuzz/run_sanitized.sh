#!/bin/sh
# run_sanitized.sh KRAIT BUILD MODE — the whole test suite with the
# sanitized krait in one engine mode, then the sanitized C unit tests
# (BUILD/ctests/test_*). The sanitizers end a run at the first report with
# status 86 (ASan) or 87 (UBSan), which no test expects, so any report
# fails the suite (options: tests/fuzz/san_defaults.c, built in).
set -u
krait=$1 build=$2 mode=$3

status=0
python3 tools/run_tests.py --krait "$(pwd)/$krait" --mode "$mode" --no-c || status=1
python3 tests/limits/run.py --krait "$krait" || status=1

for t in "$build"/ctests/test_*; do
    [ -x "$t" ] || continue
    out=$("$t" 2>&1) || { echo "FAIL $t"; echo "$out" | tail -30; status=1; }
done
[ $status = 0 ] && echo "sanitize: suite (mode $mode) and C unit tests clean"
exit $status
