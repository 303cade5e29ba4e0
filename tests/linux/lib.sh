# Shared by the Linux script tests (tests/scripts/linux*.sh): source it after
# tests/scripts/lib.sh. It prepares Debian's kernel and the busybox
# initramfs (scripts/prepare-linux-guest) or skips the whole suite when the
# packages cannot be fetched, and boots them.

# linux_prepare [prepare-linux-guest options]: sets ARMLET_KERNEL and
# ARMLET_INITRD, or prints a SKIP line and exits the suite.
linux_prepare() {
    local guest
    if ! guest=$("$SRCDIR/scripts/prepare-linux-guest" "$@" 2>"$TMP/prepare.err"); then
        skip boot "cannot prepare the Linux guest: $(tail -n1 "$TMP/prepare.err")"
        exit 0
    fi
    eval "$guest"
}

# linux_boot LOG SECONDS TEST [ARMLET-OPTIONS...]: boots the test init with
# armlet.test=TEST (tests/linux/init.d/TEST.sh) and the serial console into
# LOG (carriage returns removed); -d unimp,guest_errors goes to LOG.d.
# Options after TEST come after the defaults (virt, GICv3, cortex-a57, 4
# vCPUs, 1 GiB), so they override them. Returns armlet's exit status (124
# when the timeout ended it).
linux_boot() {
    local log=$1 secs=$2 test=$3 rc; shift 3
    timeout "$secs" "$ARMLET" -M virt,gic-version=3 -cpu cortex-a57 -smp 4 -m 1G \
        -nographic -kernel "$ARMLET_KERNEL" -initrd "$ARMLET_INITRD" \
        -append "console=ttyAMA0 armlet.test=$test" -d unimp,guest_errors -D "$log.d" \
        "$@" </dev/null 2>&1 | tr -d '\r' >"$log"
    rc=${PIPESTATUS[0]}
    return "$rc"
}

# linux_failed NAME LOG STATUS SECONDS: the FAIL line for a boot that did not
# end with status 0, with the last lines of the console and the log.
linux_failed() {
    fail "$1" "exit status $3 (124: no power-off within ${4}s); last lines:" \
        "$(tail -n 5 "$2")" "$(head -c 300 "$2.d" 2>/dev/null)"
}
