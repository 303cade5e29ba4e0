#!/usr/bin/env bash
# Runs every test suite and prints one closing line "N passed, N failed".
#   tests/run.sh BUILD SAN_BUILD
# Suites print "PASS: name" / "FAIL: name" / "SKIP: name (why)" lines; this
# script counts them. A suite that exits non-zero without reporting a failure
# (a crash, a missing binary) counts as one failure itself.
set -u
cd "$(dirname "$0")/.."
build=${1:-build}
san=${2:-build-san}
export ARMLET="$PWD/$build/armlet" ARMLET_SAN="$PWD/$san/armlet" SRCDIR="$PWD" BUILD="$PWD/$build"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

log=$(mktemp)
trap 'rm -f "$log"' EXIT
suite_fail=0

run_suite() {
    local name=$1; shift
    local out rc
    echo "== $name"
    out=$("$@" 2>&1); rc=$?
    # Sub-suites' own closing lines would read as ours: keep them as notes.
    printf '%s\n' "$out" | sed -E 's/^([0-9]+ passed, [0-9]+ failed.*)$/   (suite: \1)/'
    printf '%s\n' "$out" | grep -E '^(PASS|FAIL|SKIP): ' >> "$log"
    if [ $rc -ne 0 ] && ! printf '%s\n' "$out" | grep -q '^FAIL: '; then
        echo "FAIL: $name (exit status $rc)" | tee -a "$log"
    fi
}

run_suite unit "$build/tests/unit-tests"
run_suite unit-asan env TEST_PREFIX=asan: "$san/tests/unit-tests"
for s in tests/scripts/*.sh; do
    [ -e "$s" ] || continue
    run_suite "$(basename "$s" .sh)" bash "$s"
done
if [ -x tests/guest/run.sh ]; then
    run_suite guest tests/guest/run.sh
fi

passed=$(grep -c '^PASS: ' "$log")
failed=$(grep -c '^FAIL: ' "$log")
skipped=$(grep -c '^SKIP: ' "$log")
if [ "$failed" -ne 0 ]; then
    echo "Failed tests:"; grep '^FAIL: ' "$log" | sed 's/^/  /'
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
