#!/usr/bin/env bash
# The decoder generator (target-arm/tools/decodegen) refuses malformed
# tables: overlapping entries outside a {} group, patterns that are not 32
# bits, unknown fields, argument sets used with different fields.
source "$SRCDIR/tests/scripts/lib.sh"
GEN="$BUILD/tools/decodegen"
if [ ! -x "$GEN" ]; then
    skip build "no $GEN"
    exit 0
fi

# refuse NAME EXPECTED-MESSAGE TABLE-TEXT
refuse() {
    local name=$1 msg=$2
    printf '%s\n' "$3" >"$TMP/$name.decode"
    if "$GEN" -o "$TMP" "$TMP/$name.decode" 2>"$TMP/err"; then
        fail "$name" "accepted a bad table"
    elif ! grep -q -- "$msg" "$TMP/err"; then
        fail "$name" "expected '$msg', got: $(cat "$TMP/err")"
    else
        pass "$name"
    fi
}

refuse overlap "overlaps" "
A   0000 ---- ---- ---- ---- ---- ---- ----
B   0000 1--- ---- ---- ---- ---- ---- ----"
refuse short_pattern "not 32" "
A   0000 ---- ---- ---- ---- ---- ---- ---"
refuse long_pattern "longer than 32" "
A   0000 ---- ---- ---- ---- ---- ---- ---- -"
refuse unknown_field "unknown field" "
A   0000 ---- ---- ---- ---- ---- ---- ----  x=%nosuch"
refuse argset_fields "different fields" "
A   0000 r:4 ---- ---- ---- ---- ---- ----  &s
B   0001 q:4 ---- ---- ---- ---- ---- ----  &s"
refuse open_group "unterminated group" "
{
A   0000 ---- ---- ---- ---- ---- ---- ----"

# A grouped overlap is fine; the specific entry listed first wins.
cat >"$TMP/ok.decode" <<'T'
%off  0:8s <<2
{
SPECIFIC  0000 1111 ---- ---- ---- ---- ---- ----
GENERAL   0000 ---- ---- ---- ---- ---- imm:8     o=%off ? imm != 0
}
T
if "$GEN" -p t -o "$TMP" "$TMP/ok.decode" 2>"$TMP/err" &&
   grep -q 'int t_decode_index(uint32_t insn)' "$TMP/t-decode-tree.inc" &&
   grep -q 'bool trans_GENERAL(DisasContext \*s, arg_GENERAL \*a);' "$TMP/t-decode-args.inc" &&
   grep -q 'int64_t o;' "$TMP/t-decode-args.inc"; then
    pass group_ok
else
    fail group_ok "$(cat "$TMP/err")"
fi
