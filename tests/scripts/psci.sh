#!/usr/bin/env bash
# PSCI's system calls seen from outside (DEN0022 5.1.9-5.1.11): SYSTEM_OFF
# ends armlet with status 0; SYSTEM_RESET restarts the guest, or with
# -no-reboot ends armlet with status 0 (as QEMU); -d psci logs the calls.
# The guests are raw binaries of a few instructions written here (no
# cross-compiler needed): print one character on the PL011, make a call.
# With psci-conduit=none, HVC and SMC are UNDEFINED.
source "$SRCDIR/tests/scripts/lib.sh"

# A64 encodings (checked with aarch64-linux-gnu-as)
PRINT_ADDR=d2a12001     # mov  x1, #0x9000000      (PL011 UARTDR)
STRB=39000022           # strb w2, [x1]
FN_HI=72b08000          # movk w0, #0x8400, lsl #16
HVC=d4000002            # hvc  #0
SMC=d4000003            # smc  #0
ARG0=52800001           # mov  w1, #0
SELF=14000000           # b    .
mov_w2() { printf '%08x' $((0x52800002 | $1 << 5)); }   # mov w2, #imm16
mov_w0() { printf '%08x' $((0x52800000 | $1 << 5)); }   # mov w0, #imm16

# A guest that prints CHAR, then calls PSCI function 0x840000NN with
# x1 = 0 on the conduit instruction INSN, then spins.
psci_guest() {
    local f=$1 char=$2 fn=$3 insn=$4
    image "$f" $PRINT_ADDR "$(mov_w2 "$(printf '%d' "'$char")")" $STRB \
        "$(mov_w0 "$fn")" $FN_HI $ARG0 "$insn" $SELF
}

# run NAME SECONDS ARGS...: armlet on a guest, status in $rc, output in
# $TMP/out, stderr in $TMP/err
run() {
    local secs=$1; shift
    timeout "$secs" "$ARMLET" -M virt -nographic -m 128M "$@" \
        </dev/null >"$TMP/out" 2>"$TMP/err"
    rc=$?
}

# count CHAR: how many times the guest printed CHAR
count() {
    tr -cd "$1" <"$TMP/out" | wc -c
}

check() {
    local name=$1 cond=$2
    if eval "$cond"; then
        pass "$name"
    else
        fail "$name" "$cond failed: status $rc, out '$(head -c 80 "$TMP/out")'," \
            "err '$(head -c 200 "$TMP/err")'"
    fi
}

psci_guest "$TMP/off-hvc.bin" O 8 $HVC
psci_guest "$TMP/off-smc.bin" O 8 $SMC
psci_guest "$TMP/reset.bin" R 9 $HVC
psci_guest "$TMP/reset2.bin" W 0x12 $HVC

run 10 -kernel "$TMP/off-hvc.bin"
check system_off_exits_0 '[ $rc -eq 0 ] && [ "$(count O)" -eq 1 ]'

run 10 -machine psci-conduit=smc -kernel "$TMP/off-smc.bin"
check system_off_smc_conduit_exits_0 '[ $rc -eq 0 ] && [ "$(count O)" -eq 1 ]'

# without -no-reboot the guest restarts and prints again, until timeout
run 3 -kernel "$TMP/reset.bin"
check system_reset_restarts '[ $rc -eq 124 ] && [ "$(count R)" -ge 2 ]'

run 10 -no-reboot -kernel "$TMP/reset.bin"
check system_reset_no_reboot_exits_0 '[ $rc -eq 0 ] && [ "$(count R)" -eq 1 ]'

# SYSTEM_RESET2 type 0 (SYSTEM_WARM_RESET) is a reset too
run 10 -no-reboot -kernel "$TMP/reset2.bin"
check system_reset2_no_reboot_exits_0 '[ $rc -eq 0 ] && [ "$(count W)" -eq 1 ]'

run 10 -d psci -kernel "$TMP/off-hvc.bin"
check d_psci_logs_calls \
    '[ $rc -eq 0 ] && grep -q "psci SYSTEM_OFF (0x84000008).* -> 0" "$TMP/err"'

run 10 -no-reboot -d psci -kernel "$TMP/reset.bin"
check d_psci_logs_reset '[ $rc -eq 0 ] && grep -q "psci SYSTEM_RESET (0x84000009)" "$TMP/err"'

# psci-conduit=none: no PSCI; HVC and SMC are UNDEFINED (EC 0, ELR = the
# instruction: no EL2/EL3) and nothing is logged as a PSCI call. The guest
# then loops through its empty vectors: the log is cut after 3 lines, and
# armlet (which ignores SIGPIPE) runs until the timeout.
for insn in hvc smc; do
    img=$TMP/off-hvc.bin
    [ $insn = smc ] && img=$TMP/off-smc.bin
    timeout 2 "$ARMLET" -M virt -nographic -m 128M -machine psci-conduit=none -d int,psci \
        -kernel "$img" </dev/null 2>&1 >/dev/null | head -3 >"$TMP/err"
    rc=0
    # the call is the 7th instruction of the image at RAM + 0x80000
    check "conduit_none_${insn}_undefined" \
        'head -1 "$TMP/err" | grep -q "ESR=0x02000000 (EC 0x00) .*ELR=0x40080018 " &&
         ! grep -q "psci" "$TMP/err"'
done
