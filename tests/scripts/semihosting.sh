#!/usr/bin/env bash
# Semihosting (docs/semihosting.md): with -semihosting, HLT #0xF000 prints
# (SYS_WRITE0, SYS_WRITEC) and ends armlet with the guest's status
# (SYS_EXIT / SYS_EXIT_EXTENDED with ADP_Stopped_ApplicationExit; any other
# reason is status 1). Without it, or at EL0 without userspace=on, HLT is
# UNDEFINED. Guests are raw binaries of a few instructions.
source "$SRCDIR/tests/scripts/lib.sh"

# A64 encodings (checked with aarch64-linux-gnu-as)
ADR_X1_16=10000081      # adr  x1, .+16
ADR_X1_24=100000c1      # adr  x1, .+24
HLT=d45e0000            # hlt  #0xf000
SELF=14000000           # b    .
mov_w0() { printf '%08x' $((0x52800000 | $1 << 5)); }   # mov w0, #imm16

# exit_guest FILE OP REASON STATUS: SYS_EXIT-style call with the block
# {REASON, STATUS} 16 bytes after the ADR
exit_guest() {
    image "$1" $ADR_X1_16 "$(mov_w0 "$2")" $HLT $SELF "$(printf '%08x' "$3")" 00000000 \
        "$(printf '%08x' "$4")" 00000000
}

exit_guest "$TMP/exit42" $((0x18)) $((0x20026)) 42
expect_exit sys_exit_status_42 42 timeout 20 "$ARMLET" -M virt -nographic -semihosting \
    -kernel "$TMP/exit42"
exit_guest "$TMP/exit0" $((0x20)) $((0x20026)) 0
expect_exit sys_exit_extended_status_0 0 timeout 20 "$ARMLET" -M virt -nographic \
    -semihosting-config enable=on -kernel "$TMP/exit0"
exit_guest "$TMP/exitreason" $((0x18)) $((0x20023)) 7
expect_exit sys_exit_other_reason_is_1 1 timeout 20 "$ARMLET" -M virt -nographic -semihosting \
    -kernel "$TMP/exitreason"

# SYS_WRITE0 of "ok\n", SYS_WRITEC of 'Z', then SYS_EXIT with status 3
image "$TMP/write" \
    10000141 "$(mov_w0 4)" $HLT \
    10000101 "$(mov_w0 3)" $HLT \
    100000c1 "$(mov_w0 $((0x18)))" $HLT $SELF \
    000a6b6f 0000005a 00020026 00000000 00000003 00000000
timeout 20 "$ARMLET" -M virt -nographic -semihosting -kernel "$TMP/write" >"$TMP/out" 2>&1 </dev/null
rc=$?
if [ "$(head -c 4 "$TMP/out")" = "$(printf 'ok\nZ')" ] && [ $rc -eq 3 ]; then
    pass write0_writec
else
    fail write0_writec "status $rc, got: $(head -c 100 "$TMP/out" | od -c | head -3)"
fi

# without -semihosting the HLT is UNDEFINED: the guest takes an exception
# with EC 0 at the HLT (to the vector at VBAR 0 + 0x200, in empty flash,
# where it keeps taking them) and never exits: armlet is still running at
# the timeout
exit_guest "$TMP/noexit" $((0x18)) $((0x20026)) 42
expect_exit hlt_undefined_without_semihosting 124 timeout 3 "$ARMLET" -M virt -nographic \
    -kernel "$TMP/noexit"
timeout 3 "$ARMLET" -M virt -nographic -d int -kernel "$TMP/noexit" >"$TMP/out" 2>&1 </dev/null
if grep -q "ESR=0x02000000 (EC 0x00) .*ELR=0x40080008" "$TMP/out"; then
    pass hlt_undef_exception_logged
else
    fail hlt_undef_exception_logged "$(head -5 "$TMP/out")"
fi
expect_exit bad_semihosting_config 2 "$ARMLET" -semihosting-config chardev=x --parse-only
expect_exit icount_auto_refused 2 "$ARMLET" -icount auto --parse-only
