#!/usr/bin/env bash
# Bare-metal guest tests: each tests/guest/*.c or *.S is linked with the
# runtime in lib/, run on armlet with each JIT backend, and passes when the
# guest itself prints GUEST-PASS (the checks run inside the guest). A test
# may name extra armlet options on a line "// armlet-options: ...". Several
# such lines mean several runs, one per line: they are reported as
# guest/NAME#1, guest/NAME#2, ... in the order of the lines. Then the
# checks in checks/*.sh compare runs of the built images.
set -u
: "${ARMLET:?run through tests/run.sh}"
cd "$(dirname "$0")"
out=${BUILD:-../../build}/guest
mkdir -p "$out"
CC=aarch64-linux-gnu-gcc
CFLAGS="-Wl,--build-id=none -Wl,--no-warn-rwx-segments -O2 -g -mstrict-align -ffreestanding -nostdlib -nostartfiles -mgeneral-regs-only -mno-outline-atomics -fno-pic -static -Ilib -Wall -Werror"

tests=$(ls *.c *.S 2>/dev/null)
[ -n "$tests" ] || exit 0
if ! command -v $CC >/dev/null; then
    for t in $tests; do echo "SKIP: guest/${t%.*} ($CC not installed)"; done
    exit 0
fi
for t in $tests; do
    name=${t%.*}
    elf="$out/$name.elf"
    if ! $CC $CFLAGS -T lib/link.ld -o "$elf" lib/crt0.S lib/guest.c lib/smp.c "$t" 2>"$out/$name.build.log"; then
        echo "FAIL: guest/$name (build)"; sed 's/^/  /' "$out/$name.build.log"; continue
    fi
    nruns=$(grep -c '^// armlet-options: ' "$t")
    run=0
    # one pass with no options when the test names none
    while IFS= read -r extra; do
        run=$((run + 1))
        label=$name
        [ "$nruns" -gt 1 ] && label="$name#$run"
        for jit in native interp; do
            log="$out/$label.$jit.log"
            # shellcheck disable=SC2086
            timeout 60 "$ARMLET" -M virt -nographic -m 128M --jit=$jit $extra -kernel "$elf" \
                </dev/null >"$log" 2>&1
            if grep -q '^GUEST-PASS' "$log" && ! grep -q 'GUEST-FAIL' "$log"; then
                echo "PASS: guest/$label/$jit"
            else
                echo "FAIL: guest/$label/$jit ($extra)"; tail -20 "$log" | sed 's/^/  /'
            fi
        done
    done < <(if [ "$nruns" -gt 0 ]; then sed -n 's|^// armlet-options: ||p' "$t"; else echo; fi)
done

# Checks that compare several runs of the images built above (e.g. that a
# seed reproduces a run): tests/guest/checks/*.sh, given the image directory.
for c in checks/*.sh; do
    [ -e "$c" ] && bash "$c" "$out"
done
exit 0
