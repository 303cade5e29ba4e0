# End to end with gdb-multiarch in batch mode, as users run QEMU's -s -S.
#
# session_*: a small bare-metal ELF built here (below), -smp 2, -S and
# -gdb tcp::PORT. The PC at reset is the ELF entry; a breakpoint in a loop
# is hit on two successive iterations (gdb steps off it in between); a
# breakpoint after the loop is hit with the register values the program
# computes (worked out by hand below); stepi advances by 4 and executes the
# instruction; memory reads give the ELF's words (from objdump); info
# threads shows one thread per vCPU with the secondary off; a monitor
# command answers; Ctrl-C interrupts the guest spinning; kill ends armlet
# with status 0.
# attach_*: without -S the guest runs from the start; gdb attaches later,
# which stops it in its spin loop, then detaches and the guest goes on.
# payload_*: the built-in payload (firmware/default-payload.S) under -S
# over a unix socket: registers (core and system), continue to the end,
# and gdb sees the guest power off ("exited normally").
source "$SRCDIR/tests/scripts/lib.sh"
source "$SRCDIR/tests/gdb/lib.sh"

GDB=$(command -v gdb-multiarch || true)
CC=aarch64-linux-gnu-gcc
OBJDUMP=aarch64-linux-gnu-objdump
NM=aarch64-linux-gnu-nm

# The program. With x0 = 1^2 + 2^2 + ... + 10^2 = 385 = 0x181 and x1 = 11
# after the loop, x5 = 0x1122334455667788 loaded from memory, the
# instruction at bp_here gives x3 = 0x181 + 0x1122334455667788 =
# 0x1122334455667909. It reaches bp_here through an indirect branch and
# ends in a loop counting in x8.
write_program() {
    cat >"$1" <<'EOF'
    .text
    .global _start
_start:
    mov     x0, #0
    mov     x1, #1
sumloop:
    mul     x2, x1, x1
    add     x0, x0, x2
    add     x1, x1, #1
    cmp     x1, #10
    b.ls    sumloop
    adr     x4, value
    ldr     x5, [x4]
    adr     x6, bp_here
    br      x6
    udf     #0
    .global bp_here
bp_here:
    add     x3, x0, x5
    eor     x7, x3, x1
    mov     x8, #0
    .global spin
spin:
    add     x8, x8, #1
    b       spin
    .balign 8
value:
    .quad   0x1122334455667788
EOF
}

session() {
    local bin=$1 tag=$2 jit=$3 port pid out rc start bp spin words
    start=$($NM "$ELF" | awk '$3 == "_start" { print "0x" $1 }')
    bp=$($NM "$ELF" | awk '$3 == "bp_here" { print "0x" $1 }')
    spin=$($NM "$ELF" | awk '$3 == "spin" { print "0x" $1 }')
    local loop=$((start + 8)) bp_next=$((bp + 4))
    # the four words at bp_here, as objdump decodes them from the ELF
    words=$($OBJDUMP -d "$ELF" | awk -v a="$(printf '%x' $((bp)))" '
        $1 == a ":" { n = 4 } n > 0 && $1 ~ /^[0-9a-f]+:$/ { printf "0x%s ", $2; n-- }')
    if ! start_tcp "$TMP/armlet-$tag.out" \
        "$bin" -M virt -smp 2 -nographic --jit="$jit" -S -kernel "$ELF"; then
        fail "session_$tag" "armlet does not listen: $(head -c 300 "$TMP/armlet-$tag.out")"
        return
    fi
    pid=$PID port=$PORT
    # -S: nothing may run before gdb says so (the loop never ends, so a
    # running guest would be far from the entry when gdb attaches)
    sleep 0.3
    out=$(timeout 60 "$GDB" -nx -batch \
        -ex 'set pagination off' -ex 'set confirm off' \
        -ex 'set architecture aarch64' \
        -ex "target remote 127.0.0.1:$port" \
        -ex 'printf "RESET pc=%#lx\n", $pc' \
        -ex "break *$loop" -ex 'continue' -ex 'printf "LOOP1 pc=%#lx x1=%ld\n", $pc, $x1' \
        -ex 'continue' -ex 'printf "LOOP2 pc=%#lx x1=%ld\n", $pc, $x1' \
        -ex 'delete' \
        -ex "break *$bp" -ex 'continue' \
        -ex 'printf "BP pc=%#lx x0=%#lx x1=%#lx x5=%#lx x3=%#lx\n", $pc, $x0, $x1, $x5, $x3' \
        -ex 'stepi' -ex 'printf "STEP pc=%#lx x3=%#lx x7=%#lx\n", $pc, $x3, $x7' \
        -ex 'stepi' -ex 'printf "STEP2 pc=%#lx x7=%#lx\n", $pc, $x7' \
        -ex "x/4xw $bp" \
        -ex 'info threads' \
        -ex 'monitor help' \
        -ex 'delete' \
        -ex 'shell (sleep 1; kill -INT $PPID) &' -ex 'continue' \
        -ex 'printf "INT pc=%#lx x8pos=%d\n", $pc, $x8 > 0' \
        -ex 'kill' 2>&1)
    wait_exit "$pid" 10; rc=$?
    local want_words
    want_words=$(printf '%s' "$words" | sed 's/ $//; s/ /\t/g')
    if [ "$(printf '%s' "$words" | wc -w)" -ne 4 ]; then
        fail "session_$tag" "objdump gave no words at bp_here: '$words'"
        return
    fi
    has "session_$tag" "$out" \
        "RESET pc=$(printf '%#x' $((start)))" \
        "LOOP1 pc=$(printf '%#x' $loop) x1=1" \
        "LOOP2 pc=$(printf '%#x' $loop) x1=2" \
        "BP pc=$(printf '%#x' $((bp))) x0=0x181 x1=0xb x5=0x1122334455667788 x3=0" \
        "STEP pc=$(printf '%#x' $bp_next) x3=0x1122334455667909 x7=0" \
        "STEP2 pc=$(printf '%#x' $((bp + 8))) x7=$(printf '%#x' $((0x1122334455667909 ^ 11)))" \
        "$(printf '%#x' $((bp))):	$want_words" \
        "help -- list the monitor commands" \
        "received signal SIGINT" || { kill -9 "$pid" 2>/dev/null; return; }
    # one thread per vCPU: the boot CPU on, the secondary off
    if ! printf '%s\n' "$out" | grep -Eq '^\* 1 +Thread 1 \(CPU#0 [^)]*\[on\]\)' ||
       ! printf '%s\n' "$out" | grep -Eq '^  2 +Thread 2 \(CPU#1 [^)]*\[off\]\)'; then
        fail "session_$tag" "info threads: $(printf '%s\n' "$out" | grep -A3 'Target Id')"
        return
    fi
    # Ctrl-C stopped the boot CPU in the spin loop, after it had counted
    local int_pc
    int_pc=$(printf '%s\n' "$out" | sed -n 's/^INT pc=\(0x[0-9a-f]*\) x8pos=1$/\1/p')
    if [ -z "$int_pc" ] || [ $((int_pc)) -lt $((spin)) ] || [ $((int_pc)) -gt $((spin + 4)) ]; then
        fail "session_$tag" "Ctrl-C: not stopped in the spin loop: $(printf '%s\n' "$out" | grep -A2 SIGINT)"
        return
    fi
    [ "$rc" -eq 0 ] || { fail "session_$tag" "armlet exited $rc after kill"; return; }
    pass "session_$tag"
}

attach_later() {
    local bin=$1 tag=$2 port pid out rc spin
    spin=$($NM "$ELF" | awk '$3 == "spin" { print "0x" $1 }')
    if ! start_tcp "$TMP/armlet-attach-$tag.out" "$bin" -M virt -nographic -kernel "$ELF"; then
        fail "attach_$tag" "armlet does not listen: $(head -c 300 "$TMP/armlet-attach-$tag.out")"
        return
    fi
    pid=$PID port=$PORT
    sleep 0.5
    out=$(timeout 60 "$GDB" -nx -batch \
        -ex 'set pagination off' -ex 'set confirm off' \
        -ex 'set architecture aarch64' \
        -ex "target remote 127.0.0.1:$port" \
        -ex 'printf "ATTACH pc=%#lx x8=%ld\n", $pc, $x8' \
        -ex 'set $before = $x8' -ex 'stepi' -ex 'stepi' \
        -ex 'printf "STEPS x8delta=%ld\n", $x8 - $before' \
        -ex 'detach' 2>&1)
    local at count
    at=$(printf '%s\n' "$out" | sed -n 's/^ATTACH pc=\(0x[0-9a-f]*\) x8=.*/\1/p')
    count=$(printf '%s\n' "$out" | sed -n 's/^ATTACH pc=0x[0-9a-f]* x8=\([0-9]*\)$/\1/p')
    if [ -z "$at" ] || [ $((at)) -lt $((spin)) ] || [ $((at)) -gt $((spin + 4)) ] ||
       [ -z "$count" ] || [ "$count" -le 0 ]; then
        kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
        fail "attach_$tag" "the guest was not running in its spin loop: $(printf '%s' "$out" | tail -c 600)"
        return
    fi
    # two steps through "add x8, x8, #1; b spin" add exactly one
    has "attach_$tag" "$out" "STEPS x8delta=1" || { kill -9 "$pid" 2>/dev/null; return; }
    # detached: the guest runs on (armlet still alive, still busy)
    sleep 0.3
    if ! kill -0 "$pid" 2>/dev/null; then
        fail "attach_$tag" "armlet ended after detach: $(head -c 300 "$TMP/armlet-attach-$tag.out")"
        return
    fi
    kill "$pid" 2>/dev/null
    wait_exit "$pid" 10; rc=$?
    [ "$rc" -ne 124 ] || { fail "attach_$tag" "armlet did not end on SIGTERM"; return; }
    pass "attach_$tag"
}

payload() {
    local bin=$1 tag=$2 sock="$TMP/gdb-$2.sock" serial="$TMP/serial-$2.txt" pid out rc
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
        kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
        fail "payload_$tag" "armlet does not listen on unix:$sock"
        return
    fi
    sleep 0.3
    # -S: the payload prints at once when it runs
    if [ -s "$serial" ] || ! kill -0 "$pid" 2>/dev/null; then
        kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
        fail "payload_$tag" "-S did not hold the vCPU"
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
    wait_exit "$pid" 10; rc=$?
    # From the payload source: the first instruction is movz x1, #0x0900,
    # lsl #16 (0xd2a12001), which sets x1 = 0x9000000; after reset the
    # vCPU is in EL1h with DAIF masked (cpsr 0x3c5); CurrentEL holds EL1
    # in bits 3:2.
    has "payload_$tag" "$out" '$1 = 0x40080000' '0x40080000:	0xd2a12001' '$2 = 0x40080004' \
        '$3 = 0x9000000' 'Breakpoint 1, 0x0000000040080010' '$4 = 0x40080010' \
        '$5 = 0x1234' '$6 = 0x3c5' '$7 = 0x4' 'Thread 1' 'help' \
        'exited normally' || return
    if ! grep -q "built-in payload" "$serial"; then
        fail "payload_$tag" "the guest did not run to its message after continue"
        return
    fi
    [ "$rc" -eq 0 ] || { fail "payload_$tag" "armlet exited $rc"; return; }
    pass "payload_$tag"
}

if [ -z "$GDB" ]; then
    skip session "gdb-multiarch not installed"
    exit 0
fi
ELF=
if command -v "$CC" >/dev/null && command -v "$OBJDUMP" >/dev/null; then
    write_program "$TMP/gdb-test.S"
    if $CC -nostdlib -static -Wl,--build-id=none -Wl,-Ttext=0x40080000 \
        -o "$TMP/gdb-test.elf" "$TMP/gdb-test.S" 2>"$TMP/cc.log"; then
        ELF=$TMP/gdb-test.elf
    else
        fail build "$(head -c 300 "$TMP/cc.log")"
    fi
fi
for bin in "$ARMLET" "$ARMLET_SAN"; do
    tag=$([ "$bin" = "$ARMLET" ] && echo plain || echo san)
    if [ ! -x "$bin" ]; then
        skip "session_$tag" "$bin not built"
        continue
    fi
    if [ -n "$ELF" ]; then
        session "$bin" "$tag-native" native
        [ "$tag" = plain ] && session "$bin" "$tag-interp" interp
        attach_later "$bin" "$tag"
    else
        skip "session_$tag" "$CC not installed"
    fi
    payload "$bin" "$tag"
done
