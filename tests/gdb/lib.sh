# Helpers shared by the gdb suites (tests/scripts/gdb.sh,
# tests/scripts/gdb-sessions.sh): armlet listening on a free TCP port,
# waiting for it, and checking gdb's output. Source after
# tests/scripts/lib.sh (fail/pass).

# A TCP port nobody listens on (the kernel's table of listening sockets).
free_port() {
    local p
    for _ in $(seq 50); do
        p=$((20000 + RANDOM % 40000))
        if ! grep -qi ":$(printf '%04X' "$p") 00000000:0000 0A" /proc/net/tcp /proc/net/tcp6 \
            2>/dev/null; then
            echo "$p"
            return
        fi
    done
    echo 0
}

# wait_listen PORT PID: until armlet listens (without connecting, which
# would attach a client), or it died, for at most 5 s.
wait_listen() {
    local hex
    hex=$(printf '%04X' "$1")
    for _ in $(seq 50); do
        grep -qi ":$hex 00000000:0000 0A" /proc/net/tcp 2>/dev/null && return 0
        kill -0 "$2" 2>/dev/null || return 1
        sleep 0.1
    done
    return 1
}

# start_tcp OUT ARGS...: armlet ARGS -gdb tcp::PORT in the background, its
# output in OUT; sets PID and PORT. Another port is tried if the one picked
# was taken in the meantime. Fails if armlet does not come to listen.
start_tcp() {
    local out=$1
    shift
    for _ in 1 2 3; do
        PORT=$(free_port)
        "$@" -gdb "tcp::$PORT" </dev/null >"$out" 2>&1 &
        PID=$!
        wait_listen "$PORT" "$PID" && return 0
        kill -9 "$PID" 2>/dev/null; wait "$PID" 2>/dev/null
        grep -q "cannot listen" "$out" || return 1
    done
    return 1
}

# wait_exit PID SECONDS: armlet's exit status, or 124 (killed) if it
# outlives the limit.
wait_exit() {
    local pid=$1
    for _ in $(seq $(($2 * 10))); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
        kill -9 "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        return 124
    fi
    wait "$pid"
}

# has NAME OUTPUT WANT...: every WANT is a line of OUTPUT (fixed strings).
has() {
    local name=$1 out=$2 want
    shift 2
    for want in "$@"; do
        if ! printf '%s\n' "$out" | grep -qF -- "$want"; then
            fail "$name" "gdb output lacks '$want': $(printf '%s' "$out" | tail -c 800)"
            return 1
        fi
    done
}


# build_guest OUT SRC...: a bare-metal C guest with symbols on the runtime
# of tests/guest/lib (crt0, guest.c, smp.c), -O0 -g so that gdb finds every
# variable in memory; compiler errors in $TMP/cc.log. The one build line of
# the gdb session programs (tests/gdb/*.c).
build_guest() {
    local out=$1 lib=$SRCDIR/tests/guest/lib
    shift
    aarch64-linux-gnu-gcc -Wl,--build-id=none -Wl,--no-warn-rwx-segments -O0 -g \
        -mstrict-align -ffreestanding -nostdlib -nostartfiles -mgeneral-regs-only \
        -mno-outline-atomics -fno-pic -static -I"$lib" -Wall -Werror -T "$lib/link.ld" \
        -o "$out" "$lib/crt0.S" "$lib/guest.c" "$lib/smp.c" "$@" 2>"$TMP/cc.log"
}
