# The built-in payload's C array must be exactly what its assembly source
# assembles to, so nobody edits one and forgets the other.
source "$SRCDIR/tests/scripts/lib.sh"

if ! command -v aarch64-linux-gnu-gcc >/dev/null; then
    skip default_payload_matches_source "aarch64-linux-gnu-gcc not installed"
elif "$SRCDIR/scripts/gen-default-payload" > "$TMP/payload.c" &&
     cmp -s "$TMP/payload.c" "$SRCDIR/firmware/default_payload.c"; then
    pass default_payload_matches_source
else
    fail default_payload_matches_source "firmware/default_payload.c is stale: run scripts/gen-default-payload > firmware/default_payload.c"
fi
