#!/usr/bin/env bash
# Debian 12's arm64 Linux (cloud kernel) with a busybox initramfs, both from
# scripts/prepare-linux-guest, booted to the marker its init prints, with
# -smp 1 and -smp 4 on GICv2 and GICv3, and once with -smp 1 on the IR
# interpreter (issue 8, acceptance 1 and 6). Each boot runs the test init
# (armlet.test=interrupts): after the marker it prints the CPU count and two
# /proc/interrupts snapshots a second apart, with a task run on every CPU in
# between, then powers off (PSCI SYSTEM_OFF: armlet exits 0). Checked:
# status 0, the marker, the CPU count, and timer and IPI counts rising on
# every CPU (tests/linux/check-interrupts.awk). Everything is skipped when
# the Debian packages cannot be fetched.
source "$SRCDIR/tests/scripts/lib.sh"

source "$SRCDIR/tests/linux/lib.sh"
linux_prepare

# boot NAME SECONDS SMP GIC ARMLET-OPTIONS...
boot() {
    local name=$1 secs=$2 smp=$3 gic=$4 rc verdict; shift 4
    local log=$TMP/$name.log start end
    start=$(date +%s.%N)
    linux_boot "$log" "$secs" interrupts -M "virt,gic-version=$gic" -smp "$smp" "$@"
    rc=$?
    end=$(date +%s.%N)
    if [ "$rc" -ne 0 ]; then
        linux_failed "$name" "$log" "$rc" "$secs"
        return
    fi
    if ! grep -q '^ARMLET-LINUX-UP' "$log"; then
        fail "$name" "no ARMLET-LINUX-UP marker; last lines: $(tail -n 5 "$log")"
        return
    fi
    if ! grep -q "^ARMLET-CPUS: $smp\$" "$log"; then
        fail "$name" "expected $smp CPUs: $(grep '^ARMLET-CPUS' "$log")"
        return
    fi
    verdict=$(awk -v ncpus="$smp" -f "$SRCDIR/tests/linux/check-interrupts.awk" "$log")
    if [ "$verdict" != ok ]; then
        fail "$name" "/proc/interrupts: $verdict"
        return
    fi
    pass "$name"
    printf '  (%s: %.1f s to power-off)\n' "$name" "$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')"
}

boot smp1_gicv2 120 1 2
boot smp4_gicv2 180 4 2
boot smp1_gicv3 120 1 3
boot smp4_gicv3 180 4 3
boot smp1_gicv2_interp 900 1 2 --jit=interp
