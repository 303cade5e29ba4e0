# End to end with gdb-multiarch in batch mode against the built-in payload
# (firmware/default-payload.S, entry at RAM base + 0x80000 = 0x40080000):
# -S holds the vCPU at the entry, stepi, a breakpoint, registers (core and
# system), memory, threads, a monitor command, then the guest runs to its
# PSCI SYSTEM_OFF and gdb sees the exit. Skips until armlet listens on -gdb
# and -S holds the vCPUs (the run-loop hooks of docs/gdbstub.md).
source "$SRCDIR/tests/scripts/lib.sh"

GDB=$(command -v gdb-multiarch || true)

run_one() {
    local bin=$1 tag=$2 sock="$TMP/gdb-$2.sock" serial="$TMP/serial-$2.txt" pid out
    rm -f "$sock" "$serial"
    "$bin" -M virt -display none -serial "file:$serial" -gdb "unix:$sock,server" -S \
        >"$TMP/armlet-$tag.out" 2>&1 &
    pid=$!
    for _ in $(seq 50); do
        [ -S "$sock" ] && break
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if [ ! -S "$sock" ]; then
        kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
        skip "session_$tag" "armlet does not listen on -gdb yet (run-loop hooks not wired)"
        return
    fi
    sleep 0.5
    if [ -s "$serial" ] || ! kill -0 "$pid" 2>/dev/null; then
        kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
        skip "session_$tag" "-S does not hold the vCPUs yet (gdbstub_should_run not wired)"
        return
    fi
    out=$(timeout 60 "$GDB" -nx -batch \
        -ex 'set pagination off' -ex 'set confirm off' \
        -ex "target remote $sock" \
        -ex 'p/x $pc' \
        -ex 'x/1wx 0x40080000' \
        -ex 'stepi' -ex 'p/x $pc' -ex 'p/x $x1' \
        -ex 'break *0x40080010' -ex 'continue' -ex 'p/x $pc' \
        -ex 'set $x5 = 0x1234' -ex 'p/x $x5' \
        -ex 'p/x $cpsr' -ex 'p/x $CurrentEL' \
        -ex 'info threads' -ex 'monitor help' \
        -ex 'delete' -ex 'continue' 2>&1)
    wait "$pid"; local rc=$?
    # Expected values come from the payload source: the first instruction
    # is movz x1, #0x0900, lsl #16 (0xd2a12001), which sets x1 = 0x9000000;
    # after reset the vCPU is in EL1h with DAIF masked (cpsr 0x3c5).
    local want
    for want in '$1 = 0x40080000' '0x40080000:	0xd2a12001' '$2 = 0x40080004' \
                '$3 = 0x9000000' 'Breakpoint 1, 0x0000000040080010' '$4 = 0x40080010' \
                '$5 = 0x1234' '$6 = 0x3c5' '$7 = 0x4' 'Thread 1' 'help' \
                'exited normally'; do
        if ! printf '%s\n' "$out" | grep -qF "$want"; then
            fail "session_$tag" "gdb output lacks '$want': $(printf '%s' "$out" | tail -c 600)"
            return
        fi
    done
    if ! grep -q "built-in payload" "$serial"; then
        fail "session_$tag" "the guest did not run to its message after continue"
        return
    fi
    [ "$rc" -eq 0 ] || { fail "session_$tag" "armlet exited $rc"; return; }
    pass "session_$tag"
}

if [ -z "$GDB" ]; then
    skip session "gdb-multiarch not installed"
    exit 0
fi
for bin in "$ARMLET" "$ARMLET_SAN"; do
    tag=$([ "$bin" = "$ARMLET" ] && echo plain || echo san)
    [ -x "$bin" ] || { skip "session_$tag" "$bin not built"; continue; }
    run_one "$bin" "$tag"
done
