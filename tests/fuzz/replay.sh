#!/bin/sh
# replay.sh BUILD NAME... — run every saved input in
# tests/fuzz/regressions/NAME/ once through harness BUILD/bin/NAME. Each
# file there is an input that once crashed krait; it must run clean now.
set -u
# absolute paths: fuzz_exec changes directory to a scratch one at start-up
root=$(pwd)
case $1 in /*) build=$1 ;; *) build=$root/$1 ;; esac
shift
status=0 count=0
for name in "$@"; do
    dir=$root/tests/fuzz/regressions/$name
    [ -d "$dir" ] || continue
    for f in "$dir"/*; do
        [ -f "$f" ] || continue
        count=$((count + 1))
        if ! out=$("$build/bin/$name" -detect_leaks=0 -timeout=30 "$f" 2>&1); then
            echo "FAIL $f"
            echo "$out" | grep -v '^INFO\|^Running\|^Executed' | tail -30
            status=1
        fi
    done
done
[ $status = 0 ] && echo "fuzz-regress: $count saved inputs replayed clean"
exit $status
