#!/usr/bin/env bash
# Issue 8 acceptance 5: the interactive shell of `make run`, driven the way a
# user drives it. scripts/run-default-guest (what `make run` starts after the
# build) runs on a pseudo-terminal (util-linux's script(1)); the test waits
# for busybox's prompt, types a command, reads its output, then quits with
# Ctrl-A x and checks that armlet ended.
source "$SRCDIR/tests/scripts/lib.sh"
source "$SRCDIR/tests/linux/lib.sh"
linux_prepare   # skips the suite when the packages cannot be fetched

if ! command -v script >/dev/null; then
    skip shell "no script(1) to provide a pseudo-terminal"
    exit 0
fi
mkfifo "$TMP/keys"
out=$TMP/screen
script -qfec "$SRCDIR/scripts/run-default-guest $ARMLET" /dev/null <"$TMP/keys" >"$out" 2>&1 &
pid=$!
exec 3>"$TMP/keys"

# wait_for PATTERN SECONDS: until the screen (CRs removed) matches
wait_for() {
    local i
    for ((i = 0; i < $2 * 4; i++)); do
        tr -d '\r' <"$out" | grep -q -- "$1" && return 0
        kill -0 "$pid" 2>/dev/null || return 1
        sleep 0.25
    done
    return 1
}

if ! wait_for 'Linux is up' 240 || ! wait_for '^/ # ' 30; then
    fail shell "no shell prompt; screen ends: $(tr -d '\r' <"$out" | tail -n 5)"
else
    # Typed as a user types: the command, then Enter (a CR on a terminal).
    printf 'echo "sum=$((6 * 7))"; cat /sys/devices/system/cpu/online\r' >&3
    if wait_for '^sum=42$' 30 && wait_for '^0-3$' 10; then
        pass shell
    else
        fail shell "typed command gave no answer; screen ends: $(tr -d '\r' <"$out" | tail -n 5)"
    fi
fi
# Ctrl-A x: armlet's escape to quit, as QEMU's.
printf '\001x' >&3
for ((i = 0; i < 40; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
done
if kill -0 "$pid" 2>/dev/null; then
    fail ctrl-a-x "armlet still running after Ctrl-A x"
    kill "$pid"; pkill -f "run-default-guest $ARMLET"
else
    wait "$pid"
    pass ctrl-a-x
fi
exec 3>&-
