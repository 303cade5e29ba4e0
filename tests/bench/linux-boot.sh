#!/usr/bin/env bash
# Linux boot benchmark (docs/performance.md): wall time from start to the
# marker line "ARMLET-LINUX-UP" printed by the init of scripts/prepare-linux-guest
# (Debian 12's cloud kernel, busybox initramfs), on armlet and on
# qemu-system-aarch64 with the same kernel, initramfs, -smp, GIC and RAM,
# interleaved, RUNS runs each (default 3); prints the medians and the ratio.
#   tests/bench/linux-boot.sh [ARMLET]     SMP=N (default 4), GIC=2|3 (default 3)
# QEMU gets -net none (its default NIC wants a ROM Debian packages apart).
set -eu
armlet=$(realpath "${1:-$(dirname "$0")/../../build/armlet}")
[ -x "$armlet" ] || { echo "linux-boot: no armlet at $armlet" >&2; exit 2; }
eval "$("$(dirname "$0")/../../scripts/prepare-linux-guest")"
qemu=$(command -v qemu-system-aarch64 || true)
runs=${RUNS:-3}
smp=${SMP:-4}
gic=${GIC:-3}
common=(-M "virt,gic-version=$gic" -cpu cortex-a57 -smp "$smp" -m 1G -nographic
    -kernel "$ARMLET_KERNEL" -initrd "$ARMLET_INITRD" -append "console=ttyAMA0 armlet.test=1")

to_marker() {   # cmd... -> seconds from start until the marker line
    local start line t=
    start=$EPOCHREALTIME
    while IFS= read -r line; do
        case $line in
        ARMLET-LINUX-UP*) [ -z "$t" ] && t=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }') ;;
        esac
    done < <(timeout 300 "$@" </dev/null 2>&1)
    [ -n "$t" ] || { echo "linux-boot: no marker from: $*" >&2; exit 1; }
    echo "$t"
}
median() { printf '%s\n' "$@" | sort -g | sed -n "$(( ($# + 1) / 2 ))p"; }

a=(); q=()
for _ in $(seq "$runs"); do
    a+=("$(to_marker "$armlet" "${common[@]}")")
    [ -n "$qemu" ] && q+=("$(to_marker "$qemu" "${common[@]}" -net none)")
done
am=$(median "${a[@]}")
echo "linux boot to marker, -smp $smp, GICv$gic: armlet ${am} s (runs: ${a[*]})"
if [ -n "$qemu" ]; then
    qm=$(median "${q[@]}")
    echo "linux boot to marker, -smp $smp, GICv$gic: qemu   ${qm} s (runs: ${q[*]})"
    awk -v a="$am" -v q="$qm" 'BEGIN { printf "armlet/qemu: %.2f\n", a / q }'
fi
