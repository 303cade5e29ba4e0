#!/usr/bin/env bash
# Idle benchmark (docs/performance.md): host CPU use of a guest whose CPUs
# all sleep in WFI with a 100 Hz timer interrupt each (idle-guest.c), over
# ~10 s, on armlet and on qemu-system-aarch64, interleaved, RUNS runs each
# (default 3); prints the median CPU use (user + sys time / wall time) and
# the ratio.   tests/bench/idle.sh [ARMLET]   (needs gcc-aarch64-linux-gnu)
#   SMP=N (default 4) guest CPUs, SECONDS=N (default 10) per run.
set -eu
armlet=$(realpath "${1:-$(dirname "$0")/../../build/armlet}")
cd "$(dirname "$0")"
[ -x "$armlet" ] || { echo "idle: no armlet at $armlet" >&2; exit 2; }
qemu=$(command -v qemu-system-aarch64 || true)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
runs=${RUNS:-3}
smp=${SMP:-4}
secs=${SECONDS_PER_RUN:-10}
elf="$out/idle.elf"

aarch64-linux-gnu-gcc -Wl,--build-id=none -Wl,--no-warn-rwx-segments -O2 -mstrict-align \
    -ffreestanding -nostdlib -nostartfiles -mgeneral-regs-only -mno-outline-atomics -fno-pic \
    -static -I../guest/lib -I../guest -DNCPUS="$smp" -DSECONDS="$secs" \
    -T ../guest/lib/link.ld -o "$elf" ../guest/lib/crt0.S ../guest/lib/guest.c \
    ../guest/lib/smp.c idle-guest.c

cpu_use() {   # cmd... -> percent of one host CPU (user+sys over wall)
    local t
    /usr/bin/time -o "$out/time" -f '%U %S %e' "$@" </dev/null >/dev/null 2>&1 ||
        { echo "idle: run failed: $*" >&2; exit 1; }
    t=$(tail -1 "$out/time")
    awk -v t="$t" 'BEGIN{split(t, a, " "); if (a[3] < 1) exit 1; printf "%.2f", 100 * (a[1] + a[2]) / a[3]}' ||
        { echo "idle: run failed: $*" >&2; exit 1; }
}
median() { printf '%s\n' "$@" | sort -g | sed -n "$(( ($# + 1) / 2 ))p"; }

a=(); q=()
for r in $(seq "$runs"); do
    a+=("$(cpu_use "$armlet" -M virt -nographic -nodefaults -m 128M -smp "$smp" -kernel "$elf")")
    if [ -n "$qemu" ]; then
        q+=("$(cpu_use "$qemu" -M virt -cpu cortex-a57 -nographic -nodefaults -m 128M -smp "$smp" \
                -kernel "$elf")")
    fi
done
ma=$(median "${a[@]}")
printf '| guest | armlet CPU use | qemu CPU use | armlet/qemu |\n|---|---|---|---|\n'
if [ -n "$qemu" ]; then
    mq=$(median "${q[@]}")
    printf '| %s CPUs in WFI, 100 Hz timer each, %s s | %s %% | %s %% | %s |\n' "$smp" "$secs" \
        "$ma" "$mq" "$(awk -v a="$ma" -v q="$mq" 'BEGIN{printf "%.2f", (q > 0) ? a / q : 0}')"
else
    printf '| %s CPUs in WFI, 100 Hz timer each, %s s | %s %% | n/a | n/a |\n' "$smp" "$secs" "$ma"
fi
echo "runs: armlet ${a[*]}${qemu:+; qemu ${q[*]}}" >&2
