# Scripted gdb-multiarch sessions (tests/gdb/*.gdb) against bare-metal C
# guests with symbols on the runtime of tests/guest/lib: tests/gdb/prog.c
# under -smp 2 -S, and for the smp-*.gdb scripts tests/gdb/smp.c under
# -smp 4 -S; on both backends (the ASan build: native only). Each NAME.gdb
# runs in batch mode after "target remote"; if NAME.again exists, a second
# gdb then runs it against the same armlet (after the first detached), its
# output appended after a line "=== again". Every line of NAME.expect is an
# extended regular expression that must match a line of gdb's output, in
# order. Sessions end with the guest powering off ("exited normally", and
# the guest's own GUEST-PASS on the serial port) or with kill; armlet must
# exit with status 0 either way.
source "$SRCDIR/tests/scripts/lib.sh"
source "$SRCDIR/tests/gdb/lib.sh"

GDB=$(command -v gdb-multiarch || true)
CC=aarch64-linux-gnu-gcc
DIR=$SRCDIR/tests/gdb

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

# run_gdb SCRIPT ELF: one batch gdb connected to armlet on $PORT.
run_gdb() {
    (cd "$SRCDIR" && timeout 120 "$GDB" -nx -batch \
        -ex 'set pagination off' -ex 'set confirm off' \
        -ex "target remote 127.0.0.1:$PORT" -x "$1" "$2" 2>&1)
}

session() {
    local bin=$1 tag=$2 jit=$3 script=$4 name out rc elf=$PROG smp=2
    name=$(basename "$script" .gdb)-$tag-$jit
    case $(basename "$script") in
    smp-*) elf=$SMP; smp=4 ;;
    esac
    if ! start_tcp "$TMP/armlet-$name.out" \
        "$bin" -M virt -smp "$smp" -nographic --jit="$jit" -S -kernel "$elf"; then
        fail "$name" "armlet does not listen: $(head -c 300 "$TMP/armlet-$name.out")"
        return
    fi
    out=$(run_gdb "$script" "$elf")
    if [ -f "${script%.gdb}.again" ]; then
        out+=$'\n=== again\n'$(run_gdb "${script%.gdb}.again" "$elf")
    fi
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
PROG=$TMP/prog.elf
SMP=$TMP/smp.elf
for p in prog smp; do
    if ! build_guest "$TMP/$p.elf" "$DIR/$p.c"; then
        fail "build_$p" "$(head -c 300 "$TMP/cc.log")"
        exit 0
    fi
done
for bin in "$ARMLET" "$ARMLET_SAN"; do
    tag=$([ "$bin" = "$ARMLET" ] && echo plain || echo san)
    if [ ! -x "$bin" ]; then
        skip "sessions_$tag" "$bin not built"
        continue
    fi
    for script in "$DIR"/*.gdb; do
        # GDB_SESSIONS="NAME ...": only these (while working on one)
        if [ -n "${GDB_SESSIONS:-}" ] && [[ " $GDB_SESSIONS " != *" $(basename "$script" .gdb) "* ]]; then
            continue
        fi
        session "$bin" "$tag" native "$script"
        if [ "$tag" = plain ]; then
            session "$bin" "$tag" interp "$script"
        fi
    done
done
exit 0
