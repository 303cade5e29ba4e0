#!/usr/bin/env bash
# JIT micro-benchmarks (docs/performance.md): the loops of jit-loops.S on
# armlet's native JIT, armlet's IR interpreter and qemu-system-aarch64 (TCG),
# interleaved, 3 runs each; prints the median ns per loop iteration.
#   tests/bench/jit-micro.sh [ARMLET]     (needs gcc-aarch64-linux-gnu)
set -eu
armlet=$(realpath "${1:-$(dirname "$0")/../../build/armlet}")
cd "$(dirname "$0")"
[ -x "$armlet" ] || { echo "jit-micro: no armlet at $armlet" >&2; exit 2; }
qemu=$(command -v qemu-system-aarch64 || true)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
runs=${RUNS:-3}
names=("loop body (8 insns)" "chained direct branch" "indirect branch (BR)" "dispatcher round trip (ISB)")
iters=(20000000 20000000 20000000 2000000)

build() {   # mode iters -> elf
    aarch64-linux-gnu-gcc -nostdlib -static -Wl,--build-id=none -Wl,-Ttext=0x40080000 \
        -DMODE="$1" -DITERS="$2" -o "$out/m$1-$2.elf" jit-loops.S
    echo "$out/m$1-$2.elf"
}

now() { date +%s%N; }
timeit() {   # cmd... -> ns; a failing run aborts the benchmark
    local t0 t1
    t0=$(now)
    "$@" </dev/null >/dev/null 2>&1 || { echo "jit-micro: failed: $*" >&2; exit 1; }
    t1=$(now)
    echo $((t1 - t0))
}
median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }

printf '| loop | armlet native | armlet interp | qemu TCG | native/qemu |\n|---|---|---|---|---|\n'
for mode in 0 1 2 3; do
    n=${iters[$mode]}
    elf=$(build "$mode" "$n")
    ni=$((n / 20)); elf_i=$(build "$mode" "$ni")
    a=(); b=(); q=()
    for r in $(seq "$runs"); do
        a+=("$(timeit "$armlet" -M virt -nographic -nodefaults -m 128M -kernel "$elf")")
        b+=("$(timeit "$armlet" -M virt -nographic -nodefaults -m 128M --jit=interp -kernel "$elf_i")")
        if [ -n "$qemu" ]; then
            q+=("$(timeit "$qemu" -M virt -cpu cortex-a57 -nographic -nodefaults -m 128M -kernel "$elf")")
        fi
    done
    ma=$(median "${a[@]}"); mb=$(median "${b[@]}")
    pa=$(awk -v t="$ma" -v n="$n" 'BEGIN{printf "%.2f", t/n}')
    pb=$(awk -v t="$mb" -v n="$ni" 'BEGIN{printf "%.2f", t/n}')
    if [ -n "$qemu" ]; then
        mq=$(median "${q[@]}")
        pq=$(awk -v t="$mq" -v n="$n" 'BEGIN{printf "%.2f", t/n}')
        ratio=$(awk -v a="$ma" -v q="$mq" 'BEGIN{printf "%.2f", a/q}')
    else
        pq="n/a"; ratio="n/a"
    fi
    printf '| %s | %s ns | %s ns | %s ns | %s |\n' "${names[$mode]}" "$pa" "$pb" "$pq" "$ratio"
done
