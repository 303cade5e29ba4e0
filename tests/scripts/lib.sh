# Shared helpers for script tests. Source it; each check prints one
# PASS:/FAIL: line. Suites get $ARMLET, $ARMLET_SAN, $SRCDIR and $BUILD
# from tests/run.sh.
: "${ARMLET:?run through tests/run.sh}"
SUITE=${SUITE:-$(basename "$0" .sh)}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

pass() { echo "PASS: $SUITE/$1"; }
fail() { echo "FAIL: $SUITE/$1"; shift; [ $# -gt 0 ] && echo "  $*"; }
skip() { echo "SKIP: $SUITE/$1 ($2)"; }

# expect_exit NAME STATUS CMD...: CMD must exit with STATUS; with status 2 it
# must also print exactly one line on stderr starting "armlet: ".
expect_exit() {
    local name=$1 want=$2; shift 2
    local rc
    "$@" >"$TMP/out" 2>"$TMP/err" </dev/null; rc=$?
    if [ "$rc" -ne "$want" ]; then
        fail "$name" "exit $rc, expected $want: $* :: $(head -c 300 "$TMP/err")"
        return 1
    fi
    if [ "$want" -eq 2 ]; then
        if [ "$(wc -l <"$TMP/err")" -ne 1 ] || ! grep -q '^armlet: ' "$TMP/err"; then
            fail "$name" "expected one 'armlet: ' line on stderr, got: $(head -c 300 "$TMP/err")"
            return 1
        fi
    fi
    pass "$name"
}

# image FILE WORD...: 32-bit hex words, little-endian, as a raw binary (tiny
# guests written in a script need no cross-compiler)
image() {
    local f=$1 w; shift
    : >"$f"
    for w in "$@"; do
        printf "\\x${w:6:2}\\x${w:4:2}\\x${w:2:2}\\x${w:0:2}" >>"$f"
    done
}
