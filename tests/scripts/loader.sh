#!/usr/bin/env bash
# Loader tests on real images: Debian 12's arm64 kernel (fetched and cached by
# scripts/fetch-debian-kernel), a cross-compiled bare-metal ELF and its raw
# binary. Placement is checked by the unit tests registered only when these
# files are handed over (test_loader_place/real_*); bad images go through the armlet
# binary, which must exit 2 with one "armlet: " line naming the problem.
source "$SRCDIR/tests/scripts/lib.sh"

UNIT=$BUILD/tests/unit-tests
UNIT_SAN=$(dirname "$ARMLET_SAN")/tests/unit-tests

# run_unit NAME TEST ENV...: run one env-registered unit test in each build;
# its own PASS/FAIL lines stay out of this suite's output.
run_unit() {
    local name=$1 test=$2 bin out; shift 2
    for bin in "$UNIT" "$UNIT_SAN"; do
        local tag=$name
        [ "$bin" = "$UNIT_SAN" ] && tag=$name-asan
        if [ ! -x "$bin" ]; then
            if [ "$bin" = "$UNIT" ]; then fail "$tag" "no $bin"; else skip "$tag" "no sanitizer build"; fi
            continue
        fi
        out=$(env "$@" "$bin" "test_loader_place/$test" 2>&1)
        if printf '%s\n' "$out" | grep -q "^PASS: test_loader_place/$test\$"; then
            pass "$tag"
        else
            fail "$tag" "$(printf '%s\n' "$out" | grep -v '^[0-9]* passed' | head -c 600)"
        fi
    done
}

# -- Debian's kernel ---------------------------------------------------------
if kernel=$("$SRCDIR/scripts/fetch-debian-kernel" 2>"$TMP/fetch.err") && [ -f "$kernel" ]; then
    run_unit debian_kernel_placement real_kernel ARMLET_TEST_KERNEL="$kernel"
else
    skip debian_kernel_placement "cannot fetch the Debian kernel: $(tail -n1 "$TMP/fetch.err")"
    kernel=
fi

# -- A cross-compiled ELF and the same code as a raw binary --------------------
CROSS=${CROSS:-aarch64-linux-gnu-}
elf=$TMP/loader-test.elf raw=$TMP/loader-test.bin
# -N: one segment, no page padding, so the raw image is exactly the ELF's bytes.
if command -v "${CROSS}gcc" >/dev/null &&
    "${CROSS}gcc" -nostdlib -static -no-pie -Wl,--build-id=none -Wl,-N \
        -Wl,--no-warn-rwx-segments -Ttext=0x40080000 \
        -o "$elf" "$SRCDIR/tests/guest-images/loader-test.S" 2>"$TMP/cc.err" &&
    "${CROSS}objcopy" -O binary "$elf" "$raw"; then
    bss_start=$("${CROSS}nm" "$elf" | awk '$3 == "__bss_start" { print $1 }')
    bss_end=$("${CROSS}nm" "$elf" | awk '$3 == "__bss_end__" { print $1 }')
    run_unit elf_and_raw_placement real_elf_and_raw ARMLET_TEST_ELF="$elf" \
        ARMLET_TEST_RAW="$raw" ARMLET_TEST_BSS_START="$bss_start" ARMLET_TEST_BSS_END="$bss_end"
else
    skip elf_and_raw_placement "cannot cross-compile with ${CROSS}gcc: $(head -c 200 "$TMP/cc.err" 2>/dev/null)"
    elf=
fi

# -- Bad images through the armlet binary --------------------------------------
# bad_kernel NAME FILE WANT [ARGS...]: armlet -kernel FILE exits 2 with one line
# that names FILE and contains WANT, in both builds.
bad_kernel() {
    local name=$1 file=$2 want=$3 bin tag rc; shift 3
    local args=("$@")
    [ ${#args[@]} -eq 0 ] && args=(-m 512M)
    for bin in "$ARMLET" "$ARMLET_SAN"; do
        tag=$name
        [ "$bin" = "$ARMLET_SAN" ] && tag=$name-asan
        if [ ! -x "$bin" ]; then
            [ "$bin" = "$ARMLET" ] && fail "$tag" "no $bin"
            continue
        fi
        if [ -z "$wired" ]; then
            skip "$tag" "armlet's main does not call the loaders yet"
            continue
        fi
        timeout 30 "$bin" -M virt -nographic -kernel "$file" "${args[@]}" \
            </dev/null >"$TMP/out" 2>"$TMP/err"
        rc=$?
        if [ "$rc" -ne 2 ]; then
            fail "$tag" "exit $rc, expected 2: $(head -c 300 "$TMP/err")"
        elif [ "$(wc -l <"$TMP/err")" -ne 1 ] || ! grep -q '^armlet: ' "$TMP/err"; then
            fail "$tag" "expected one 'armlet: ' line on stderr, got: $(head -c 300 "$TMP/err")"
        elif ! grep -qF -- "$file" "$TMP/err" || ! grep -qF -- "$want" "$TMP/err"; then
            fail "$tag" "expected '$want' and the file name in: $(cat "$TMP/err")"
        else
            pass "$tag"
        fi
    done
}

# The binary checks need main to load -kernel; until it does they are skipped.
wired=
if grep -l 'loader_load_kernel' "$SRCDIR"/emu/*.c 2>/dev/null | grep -vq '/loader[^/]*\.c$'; then
    wired=1
fi

# le64 V: V as 8 little-endian bytes.
le64() {
    local i
    for i in 0 1 2 3 4 5 6 7; do
        printf "\\x$(printf %02x $((($1 >> (8 * i)) & 255)))"
    done
}

# image_header IMAGE_SIZE FLAGS: an arm64 Image header (booting.rst) with
# text_offset 0 and the magic at 0x38.
image_header() {
    printf '\0\0\0\x14\x1f\x20\x03\xd5'
    le64 0
    le64 "$1"
    le64 "$2"
    le64 0
    le64 0
    le64 0
    printf 'ARM\x64\0\0\0\0'
}

bad=$TMP/bad
mkdir -p "$bad"
: >"$bad/empty"
image_header 0x100000 0 | head -c 60 >"$bad/short-Image"
image_header 0x100000 1 >"$bad/be-Image"
head -c 4096 /dev/zero >>"$bad/be-Image"
image_header 0x40000000 0 >"$bad/huge-Image"          # 1 GiB for a 512 MiB board
head -c 4096 /dev/urandom >>"$bad/huge-Image"
head -c 100000 /dev/urandom | gzip -c >"$bad/Image.gz"
head -c 30000 "$bad/Image.gz" >"$bad/cut.gz"
{ head -c 20 "$bad/Image.gz"; head -c 2000 /dev/urandom; } >"$bad/corrupt.gz"
# ELF32 for 32-bit Arm (e_machine 40).
{ printf '\x7fELF\x01\x01\x01\0\0\0\0\0\0\0\0\0\x02\0\x28\0'; head -c 100 /dev/zero; } >"$bad/arm32.elf"

bad_kernel missing_file "$bad/no-such-Image" "No such file or directory"
bad_kernel empty_file "$bad/empty" "empty"
bad_kernel truncated_image_header "$bad/short-Image" "truncated"
bad_kernel big_endian_image "$bad/be-Image" "big-endian"
bad_kernel image_larger_than_ram "$bad/huge-Image" "-m"
bad_kernel truncated_gzip "$bad/cut.gz" "truncated gzip"
bad_kernel corrupt_gzip "$bad/corrupt.gz" "gzip"
bad_kernel x86_64_elf "$ARMLET" "is an ELF for x86-64, not AArch64"
bad_kernel arm32_elf "$bad/arm32.elf" "32-bit Arm"
if [ -n "$elf" ]; then
    # Linked at 0x90000000, beyond the 512 MiB of RAM that end at 0x60000000.
    if "${CROSS}gcc" -nostdlib -static -no-pie -Wl,--build-id=none -Wl,-N \
        -Wl,--no-warn-rwx-segments -Ttext=0x90000000 \
        -o "$bad/high.elf" "$SRCDIR/tests/guest-images/loader-test.S" 2>/dev/null; then
        bad_kernel elf_segment_outside_ram "$bad/high.elf" "outside RAM"
    fi
fi
if [ -n "$kernel" ]; then
    # Debian's kernel needs ~27 MiB from RAM + 2 MiB: more than 16 MiB.
    bad_kernel debian_kernel_in_16m "$kernel" "-m" -m 16M
fi
