# Scripted gdb-multiarch sessions (tests/gdb/*.gdb) against a bare-metal C
# guest with symbols (tests/gdb/prog.c on the runtime of tests/guest/lib),
# under -smp 2 -S, on both backends (the ASan build: native only). Each
# NAME.gdb runs in batch mode after "target remote"; every line of
# NAME.expect is an extended regular expression that must match a line of
# gdb's output, in order. Sessions end with the guest powering off ("exited
# normally", and the guest's own GUEST-PASS on the serial port) or with
# kill; armlet must exit with status 0 either way.
source "$SRCDIR/tests/scripts/lib.sh"
source "$SRCDIR/tests/gdb/lib.sh"

GDB=$(command -v gdb-multiarch || true)
CC=aarch64-linux-gnu-gcc
DIR=$SRCDIR/tests/gdb
LIB=$SRCDIR/tests/guest/lib

# expect_in_order NAME OUTPUT EXPECT_FILE
expect_in_order() {
    local name=$1 out=$2 file=$3 missing
    missing=$(printf '%s\n' "$out" | awk -v file="$file" '
        BEGIN {
            while ((getline line < file) > 0) {
                if (line ~ /^#/ || line == "") continue
                want[n++] = line
            }
        }
        i < n && $0 ~ want[i] { i++ }
        END { if (i < n) print want[i] }')
    if [ -n "$missing" ]; then
        fail "$name" "no line matching '$missing' (in order) in: $(printf '%s' "$out" | tail -c 1500)"
        return 1
    fi
}

session() {
    local bin=$1 tag=$2 jit=$3 script=$4 name out rc
    name=$(basename "$script" .gdb)-$tag-$jit
    if ! start_tcp "$TMP/armlet-$name.out" \
        "$bin" -M virt -smp 2 -nographic --jit="$jit" -S -kernel "$ELF"; then
        fail "$name" "armlet does not listen: $(head -c 300 "$TMP/armlet-$name.out")"
        return
    fi
    out=$(cd "$SRCDIR" && timeout 120 "$GDB" -nx -batch \
        -ex 'set pagination off' -ex 'set confirm off' \
        -ex "target remote 127.0.0.1:$PORT" -x "$script" "$ELF" 2>&1)
    wait_exit "$PID" 20; rc=$?
    expect_in_order "$name" "$out" "${script%.gdb}.expect" || return
    if grep -q "exited normally" <<<"$out" && ! grep -q '^GUEST-PASS' "$TMP/armlet-$name.out"; then
        fail "$name" "the guest did not pass its own checks: $(tail -c 300 "$TMP/armlet-$name.out")"
        return
    fi
    [ "$rc" -eq 0 ] || { fail "$name" "armlet exited $rc"; return; }
    pass "$name"
}

if [ -z "$GDB" ]; then
    skip sessions "gdb-multiarch not installed"
    exit 0
fi
if ! command -v "$CC" >/dev/null; then
    skip sessions "$CC not installed"
    exit 0
fi
ELF=$TMP/prog.elf
if ! $CC -Wl,--build-id=none -Wl,--no-warn-rwx-segments -O0 -g -mstrict-align -ffreestanding \
    -nostdlib -nostartfiles -mgeneral-regs-only -mno-outline-atomics -fno-pic -static -I"$LIB" -Wall -Werror \
    -T "$LIB/link.ld" -o "$ELF" "$LIB/crt0.S" "$LIB/guest.c" "$LIB/smp.c" "$DIR/prog.c" 2>"$TMP/cc.log"; then
    fail build "$(head -c 300 "$TMP/cc.log")"
    exit 0
fi
for bin in "$ARMLET" "$ARMLET_SAN"; do
    tag=$([ "$bin" = "$ARMLET" ] && echo plain || echo san)
    if [ ! -x "$bin" ]; then
        skip "sessions_$tag" "$bin not built"
        continue
    fi
    for script in "$DIR"/*.gdb; do
        session "$bin" "$tag" native "$script"
        if [ "$tag" = plain ]; then
            session "$bin" "$tag" interp "$script"
        fi
    done
done
exit 0
