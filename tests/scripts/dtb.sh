#!/usr/bin/env bash
# The device tree through the armlet binary (emu/virt_fdt.c, hw/gic_fdt.c):
# -machine dumpdtb=FILE writes trees that dtc decompiles without a single
# warning and that carry what the options asked for; -dtb FILE is patched
# (memory, /chosen) the way QEMU patches it; a corrupt -dtb exits 2.
# Expectations come from docs/device-tree.md, not from earlier output.
source "$SRCDIR/tests/scripts/lib.sh"

if ! command -v dtc >/dev/null || ! command -v fdtget >/dev/null; then
    skip all "dtc/fdtget not installed (device-tree-compiler)"
    exit 0
fi

# A kernel is needed for -append/-initrd/-dtb; dumpdtb exits before it runs.
K=$TMP/kernel I=$TMP/initrd
printf '\x00\x00\x00\x14' >"$K"          # "b ." as a raw binary
head -c 8192 /dev/zero >"$I"

# dump NAME BIN ARGS...: BIN ARGS... (which hold dumpdtb=$TMP/NAME.dtb) exits
# 0 and dtc decompiles $TMP/NAME.dtb with nothing at all on stderr.
dump() {
    local name=$1 bin=$2 rc; shift 2
    local out=$TMP/$name.dtb
    rm -f "$out"
    "$bin" "$@" >"$TMP/out" 2>"$TMP/err" </dev/null; rc=$?
    if [ "$rc" -ne 0 ] || [ ! -s "$out" ]; then
        fail "$name" "exit $rc, no $out: $(head -c 300 "$TMP/err")"
        return 1
    fi
    if ! dtc -I dtb -O dts -o "$TMP/$name.dts" "$out" 2>"$TMP/dtc.err"; then
        fail "$name" "dtc cannot read it: $(head -c 300 "$TMP/dtc.err")"
        return 1
    fi
    if [ -s "$TMP/dtc.err" ]; then
        fail "$name" "dtc warnings: $(head -c 600 "$TMP/dtc.err")"
        return 1
    fi
    pass "$name"
}

# prop NAME DTB PATH PROP WANT [TYPE]: fdtget's value equals WANT.
prop() {
    local name=$1 dtb=$2 path=$3 p=$4 want=$5 type=${6:-}
    local got
    got=$(fdtget ${type:+-t "$type"} "$dtb" "$path" "$p" 2>&1)
    if [ "$got" = "$want" ]; then pass "$name"; else fail "$name" "$path $p: got '$got', want '$want'"; fi
}

# absent NAME DTB PATH [PROP]: the node (or property) is not there.
absent() {
    local name=$1 dtb=$2 path=$3 p=${4:-}
    if [ -n "$p" ]; then
        fdtget "$dtb" "$path" "$p" >/dev/null 2>&1 && { fail "$name" "$path $p present"; return; }
    else
        fdtget -l "$dtb" "$path" >/dev/null 2>&1 && { fail "$name" "$path present"; return; }
    fi
    pass "$name"
}

count_cpus() {
    fdtget -l "$1" /cpus | grep -c '^cpu@'
}

# -- Generated trees -----------------------------------------------------------
D=$TMP/default.dtb
if dump default "$ARMLET" -M virt,dumpdtb="$D"; then
    prop default_compatible "$D" / compatible "linux,dummy-virt"
    prop default_memory "$D" /memory@40000000 reg "0 40000000 0 20000000" x   # 512 MiB
    prop default_gicv2 "$D" /intc@8000000 compatible "arm,cortex-a15-gic"
    prop default_stdout "$D" /chosen stdout-path "/pl011@9000000"
    prop default_uart "$D" /pl011@9000000 compatible "arm,pl011 arm,primecell"
    prop default_psci "$D" /psci method "hvc"
    prop default_one_cpu "$D" /cpus/cpu@0 reg "0" x
    absent default_no_second_cpu "$D" /cpus/cpu@1
    absent default_no_bootargs "$D" /chosen bootargs
    # Level-high PPIs 13, 14, 11, 10 with CPU mask 0x1 (GICv2).
    prop default_timer "$D" /timer interrupts "1 d 104 1 e 104 1 b 104 1 a 104" x
fi

S=$TMP/smp4.dtb
if dump smp4 "$ARMLET" -M virt,dumpdtb="$S" -smp 4; then
    n=$(count_cpus "$S")
    if [ "$n" = 4 ]; then pass smp4_cpus; else fail smp4_cpus "$n cpu nodes"; fi
    prop smp4_cpu3 "$S" /cpus/cpu@3 reg "3" x
    prop smp4_enable "$S" /cpus/cpu@3 enable-method "psci"
    prop smp4_timer_mask "$S" /timer interrupts "1 d f04 1 e f04 1 b f04 1 a f04" x
fi

V=$TMP/gicv3_smp20.dtb
if dump gicv3_smp20 "$ARMLET" -M virt,gic-version=3,dumpdtb="$V" -smp 20; then
    n=$(count_cpus "$V")
    if [ "$n" = 20 ]; then pass gicv3_cpus; else fail gicv3_cpus "$n cpu nodes"; fi
    prop gicv3_compatible "$V" /intc@8000000 compatible "arm,gic-v3"
    # Clusters of 16 on a GICv3: CPU 17 is Aff1=1 Aff0=1.
    prop gicv3_cpu17 "$V" /cpus/cpu@17 reg "101" x
    # 20 redistributors of 128 KiB after the distributor.
    prop gicv3_reg "$V" /intc@8000000 reg "0 8000000 0 10000 0 80a0000 0 280000" x
    prop gicv3_timer_nomask "$V" /timer interrupts "1 d 4 1 e 4 1 b 4 1 a 4" x
fi

C=$TMP/conduit_smc.dtb
if dump conduit_smc "$ARMLET" -M virt,psci-conduit=smc,dumpdtb="$C" -smp 2; then
    prop conduit_smc_method "$C" /psci method "smc"
fi
C=$TMP/conduit_none.dtb
if dump conduit_none "$ARMLET" -M virt,psci-conduit=none,dumpdtb="$C" -smp 2; then
    absent conduit_none_no_psci "$C" /psci
    absent conduit_none_no_method "$C" /cpus/cpu@1 enable-method
fi

B=$TMP/kernel_args.dtb
if dump kernel_args "$ARMLET" -M virt,dumpdtb="$B" -m 1G -kernel "$K" -initrd "$I" \
        -append "console=ttyAMA0 loglevel=8"; then
    prop kernel_args_bootargs "$B" /chosen bootargs "console=ttyAMA0 loglevel=8"
    prop kernel_args_memory "$B" /memory@40000000 reg "0 40000000 0 40000000" x
    start=$(fdtget -t x "$B" /chosen linux,initrd-start 2>/dev/null)
    end=$(fdtget -t x "$B" /chosen linux,initrd-end 2>/dev/null)
    # Two cells each; the range is the initrd's 8192 bytes inside RAM.
    s=$(( 0x${start// /} )) e=$(( 0x${end// /} ))
    if [ -n "$start" ] && [ $((e - s)) -eq 8192 ] && [ "$s" -ge $((0x40000000)) ] &&
       [ "$e" -le $((0x80000000)) ]; then
        pass kernel_args_initrd
    else
        fail kernel_args_initrd "initrd-start '$start' initrd-end '$end'"
    fi
fi

if [ -x "$ARMLET_SAN" ]; then
    dump default_asan "$ARMLET_SAN" -M virt,gic-version=3,dumpdtb="$TMP/default_asan.dtb" -smp 4
else
    skip default_asan "no sanitizer build"
fi

# -- -dtb: the user's tree, patched ---------------------------------------------
cat >"$TMP/user.dts" <<'EOF'
/dts-v1/;
/ {
	#address-cells = <2>;
	#size-cells = <2>;
	compatible = "user,board";
	model = "user board";

	chosen {
		bootargs = "old arguments";
	};

	memory@0 {
		device_type = "memory";
		reg = <0x0 0x0 0x0 0x10000000>;
	};

	memory@80000000 {
		device_type = "memory";
		reg = <0x0 0x80000000 0x0 0x10000000>;
	};
};
EOF
if dtc -I dts -O dtb -o "$TMP/user.dtb" "$TMP/user.dts" 2>"$TMP/dtc.err"; then
    U=$TMP/dtb_roundtrip.dtb
    if dump dtb_roundtrip "$ARMLET" -M virt,dumpdtb="$U" -m 1G -kernel "$K" \
            -dtb "$TMP/user.dtb" -append "root=/dev/vda console=ttyAMA0"; then
        prop dtb_kept_compatible "$U" / compatible "user,board"
        prop dtb_bootargs "$U" /chosen bootargs "root=/dev/vda console=ttyAMA0"
        prop dtb_memory "$U" /memory@40000000 reg "0 40000000 0 40000000" x
        n=$(fdtget -l "$U" / | grep -c '^memory')
        if [ "$n" = 1 ]; then pass dtb_one_memory; else fail dtb_one_memory "$n memory nodes: $(fdtget -l "$U" / | tr '\n' ' ')"; fi
        absent dtb_no_generated_timer "$U" /timer
    fi
else
    fail dtb_roundtrip "dtc cannot compile the test tree: $(head -c 300 "$TMP/dtc.err")"
fi

# -- Corrupt -dtb ---------------------------------------------------------------
head -c 20 "$TMP/default.dtb" >"$TMP/trunc.dtb" 2>/dev/null || printf 'garbage' >"$TMP/trunc.dtb"
expect_exit dtb_truncated 2 "$ARMLET" -M virt,dumpdtb="$TMP/never.dtb" -kernel "$K" -dtb "$TMP/trunc.dtb"
printf 'not a device tree blob, just words' >"$TMP/text.dtb"
expect_exit dtb_not_a_blob 2 "$ARMLET" -M virt,dumpdtb="$TMP/never.dtb" -kernel "$K" -dtb "$TMP/text.dtb"
if [ -x "$ARMLET_SAN" ]; then
    expect_exit dtb_truncated_asan 2 "$ARMLET_SAN" -M virt,dumpdtb="$TMP/never.dtb" -kernel "$K" \
        -dtb "$TMP/trunc.dtb"
fi
