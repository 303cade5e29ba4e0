# The firmware blobs' C arrays must be exactly what their assembly sources
# assemble to, so nobody edits one and forgets the other.
source "$SRCDIR/tests/scripts/lib.sh"

for name in default-payload spin-pen; do
    sym=$(echo "$name" | tr - _)
    if ! command -v aarch64-linux-gnu-gcc >/dev/null; then
        skip "${sym}_matches_source" "aarch64-linux-gnu-gcc not installed"
    elif "$SRCDIR/scripts/gen-firmware" "$name" > "$TMP/$sym.c" &&
         cmp -s "$TMP/$sym.c" "$SRCDIR/firmware/$sym.c"; then
        pass "${sym}_matches_source"
    else
        fail "${sym}_matches_source" "firmware/$sym.c is stale: run scripts/gen-firmware $name > firmware/$sym.c"
    fi
done
