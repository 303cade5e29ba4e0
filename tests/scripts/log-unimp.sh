#!/usr/bin/env bash
# -d unimp names every A64 encoding that no decoder entry matches, once per
# encoding, with its address: such an encoding is UNDEFINED (unallocated, or
# not implemented yet) and without the line a guest's SIGILL leaves no trace.
# The guest is a raw binary written here: it points VBAR_EL1 at itself,
# executes an unallocated encoding twice, and its synchronous-exception
# vector (VBAR + 0x200) returns past the first and powers off (PSCI
# SYSTEM_OFF) after the second.
source "$SRCDIR/tests/scripts/lib.sh"

# A64 encodings (checked with aarch64-linux-gnu-as)
MOV_X9_0=d2800009       # mov  x9, #0           (counts exceptions taken)
ADR_X0=10000000         # adr  x0, .            (the image's base: 2 KiB-aligned)
MSR_VBAR=d518c000       # msr  vbar_el1, x0
ISB=d5033fdf            # isb
UNALLOC=02000000        # op0 = 0b0001: unallocated (Arm ARM C4.1, "A64 instruction set encoding")
NOP=d503201f            # nop
SELF=14000000           # b    .
# the vector at VBAR + 0x200 (current EL, SP_ELx, synchronous)
CBNZ_X9=b50000c9        # cbnz x9, .+0x18       (second exception: power off)
MOV_X9_1=d2800029       # mov  x9, #1
MRS_ELR=d5384020        # mrs  x0, elr_el1
ADD_X0_4=91001000       # add  x0, x0, #4
MSR_ELR=d5184020        # msr  elr_el1, x0
ERET=d69f03e0           # eret
OFF_LO=52800100         # mov  w0, #8           (PSCI SYSTEM_OFF = 0x84000008)
OFF_HI=72b08000         # movk w0, #0x8400, lsl #16
HVC=d4000002            # hvc  #0

words=($MOV_X9_0 $ADR_X0 $MSR_VBAR $ISB $UNALLOC $UNALLOC $SELF)
while [ ${#words[@]} -lt 128 ]; do words+=($NOP); done
words+=($CBNZ_X9 $MOV_X9_1 $MRS_ELR $ADD_X0_4 $MSR_ELR $ERET $OFF_LO $OFF_HI $HVC $SELF)
image "$TMP/undef.bin" "${words[@]}"

for jit in native interp; do
    timeout 10 "$ARMLET" -M virt -nographic -m 128M --jit=$jit -kernel "$TMP/undef.bin" \
        -d unimp -D "$TMP/log" </dev/null >"$TMP/out" 2>"$TMP/err"
    rc=$?
    lines=$(grep -c 'A64 encoding 0x02000000' "$TMP/log" 2>/dev/null)
    # RAM starts at 0x40000000; a raw image is loaded 0x80000 into it
    if [ "$rc" -eq 0 ] && [ "$lines" = 1 ] &&
        grep -q 'unallocated or unimplemented A64 encoding 0x02000000 at 0x40080010$' "$TMP/log"; then
        pass "undecoded_encoding_logged_once_$jit"
    else
        fail "undecoded_encoding_logged_once_$jit" "status $rc, $lines lines:" \
            "$(head -c 300 "$TMP/log" 2>/dev/null) $(head -c 200 "$TMP/err")"
    fi
done
