#!/usr/bin/env bash
# The command line (emu/options*.c): QEMU-style command lines parse to the
# expected values (checked through --parse-only's key=value output), and
# every kind of bad command line exits 2 with one "armlet: " line that names
# the offending option.
source "$SRCDIR/tests/scripts/lib.sh"

K=$TMP/Image I=$TMP/initrd D=$TMP/virt.dtb
printf 'k' >"$K"; printf 'i' >"$I"; printf 'd' >"$D"
mkdir "$TMP/dir"
printf 'x' >"$TMP/unreadable"; chmod 000 "$TMP/unreadable"

# parses NAME KEY=VALUE... -- ARGS...: ARGS parse, and each KEY=VALUE is a
# line of the --parse-only output.
parses() {
    local name=$1 bin=${BIN:-$ARMLET} want=() w; shift
    while [ "$1" != -- ]; do want+=("$1"); shift; done; shift
    if ! "$bin" --parse-only "$@" >"$TMP/out" 2>"$TMP/err" </dev/null; then
        fail "$name" "exit $?: $(head -c 300 "$TMP/err")"; return
    fi
    for w in "${want[@]}"; do
        if ! grep -qxF -- "$w" "$TMP/out"; then
            fail "$name" "no line '$w' in: $(tr '\n' ' ' <"$TMP/out")"; return
        fi
    done
    pass "$name"
}

# rejects NAME TEXT ARGS...: ARGS exit 2 with one line that contains TEXT.
rejects() {
    local name=$1 text=$2 line; shift 2
    line=$(expect_exit "$name" 2 "${BIN:-$ARMLET}" --parse-only "$@")
    case $line in PASS:*) ;; *) echo "$line"; return ;; esac
    if grep -qF -- "$text" "$TMP/err"; then pass "$name"
    else fail "$name" "message lacks '$text': $(cat "$TMP/err")"; fi
}

# ---- valid command lines -------------------------------------------------------

parses defaults machine=virt gic_version=2 psci_conduit=hvc cpu=cortex-a57 smp_cpus=1 \
    ram_size=536870912 jit=native nographic=0 kernel= gdb= -- 
parses qemu-linux-command-line machine=virt gic_version=3 cpu=cortex-a57 smp_cpus=4 \
    ram_size=1073741824 nographic=1 display=none serial=mon:stdio "kernel=$K" \
    "initrd=$I" append=console=ttyAMA0 -- \
    -M virt,gic-version=3 -cpu cortex-a57 -smp 4 -m 1G -nographic -kernel "$K" \
    -append "console=ttyAMA0" -initrd "$I"
parses gdb-s-S gdb=tcp::1234 gdb_wait=1 -- -s -S
parses double-dash-kernel "kernel=$K" -- --kernel "$K"
parses equals-spelling "kernel=$K" ram_size=268435456 smp_cpus=2 -- "-kernel=$K" --m=256 -smp=2
parses machine-versioned machine=virt psci_conduit=smc gic_version=3 -- \
    -machine virt-8.2,psci-conduit=smc,gic-version=max
parses machine-without-type gic_version=3 -- -machine gic-version=3
parses machine-ignored-props machine=virt -- \
    -M virt,highmem=on,secure=off,virtualization=off,its=off,iommu=none,ras=off,mte=off,acpi=off,accel=tcg
parses cpu-models-keep-name cpu=max -- -cpu max
parses cpu-a53 cpu=cortex-a53 -- -cpu cortex-a53
parses smp-topology smp_cpus=8 smp_sockets=2 smp_cores=2 smp_threads=2 -- \
    -smp sockets=2,cores=2,threads=2
parses smp-many-picks-gicv3 smp_cpus=32 gic_version=3 -- -smp 32
parses smp-512-two-redist-regions smp_cpus=512 gic_version=3 -- -smp 512
parses memory-size-key ram_size=2147483648 -- -m size=2G,slots=4,maxmem=8G
parses serials-in-order serial=stdio serial=tcp::4444,server,nowait "serial=file:$TMP/log" -- \
    -serial stdio -serial tcp::4444,server,nowait -serial "file:$TMP/log"
parses nographic-nodefaults nographic=1 nodefaults=1 -- -nographic -nodefaults
parses own-options jit=interp stats=1 -- --jit=interp --stats
parses log-options log_items=in_asm,int log_file=/tmp/x.log dfilter=0x1000+0x10 -- \
    -d in_asm,int -D /tmp/x.log -dfilter 0x1000+0x10
parses accel-tcg accel=tcg,thread=single -- -accel tcg,thread=single -no-reboot
parses dtb-and-bios "dtb=$D" "bios=$D" -- -kernel "$K" -dtb "$D" -bios "$D"

for opt in -h -help --help; do
    expect_exit "help$opt" 0 "$ARMLET" $opt && \
        { grep -q -- '-kernel' "$TMP/out" && grep -q -- '--jit' "$TMP/out" || \
          fail "help$opt-lists" "help lacks -kernel/--jit"; }
done
for opt in -version --version; do
    expect_exit "version$opt" 0 "$ARMLET" $opt
    grep -q '^armlet [0-9]' "$TMP/out" && grep -q 'qemu-system-aarch64' "$TMP/out" || \
        fail "version$opt-text" "$(cat "$TMP/out")"
done
expect_exit machine-help 0 "$ARMLET" -M help && { grep -q '^virt' "$TMP/out" || fail machine-help-text; }
expect_exit cpu-help 0 "$ARMLET" -cpu help && { grep -q 'cortex-a57' "$TMP/out" || fail cpu-help-text; }
expect_exit log-help 0 "$ARMLET" -d help && { grep -q 'in_asm' "$TMP/out" || fail log-help-text; }

# ---- errors ------------------------------------------------------------------------

rejects unknown-option "unknown option '-frobnicate'" -frobnicate
rejects unknown-long-option "unknown option '--frob'" --frob=1
rejects missing-argument "-m: requires an argument" -m
rejects flag-with-value "-nographic: takes no argument" -nographic=on
rejects positional-image "disk.img" disk.img
rejects bad-size "-m 12Q: invalid size" -m 12Q
rejects size-mb-suffix "-m 512MB" -m 512MB
rejects zero-ram "-m 0" -m 0
rejects too-much-ram "-m 300G" -m 300G
rejects maxmem-below-size "-m 2G,maxmem=1G" -m 2G,maxmem=1G
rejects slots-without-maxmem "-m 1G,slots=2" -m 1G,slots=2
rejects memory-unknown-key "unknown property 'foo'" -m 1G,foo=1
rejects smp-garbage "-smp four" -smp four
rejects smp-zero "-smp 0" -smp 0
rejects smp-too-many "Invalid SMP CPUs 513. The max CPUs supported by machine 'virt' is 512" -smp 513
rejects smp-gicv2-limit "-smp 9" -smp 9 -M virt,gic-version=2
rejects smp-bad-product "-smp 4,sockets=3" -smp 4,sockets=3
rejects smp-maxcpus-below "-smp 4,maxcpus=2" -smp 4,maxcpus=2
rejects smp-unknown-key "unknown property 'books'" -smp 4,books=2
rejects smp-dies "-smp 4,dies=2" -smp 4,dies=2
rejects machine-unknown-type "-M raspi3b" -M raspi3b
rejects machine-unknown-prop "unknown property 'frob'" -M virt,frob=on
rejects machine-secure-on "secure=on" -M virt,secure=on
rejects machine-virtualization-on "virtualization=on" -machine virt,virtualization=on
rejects machine-mte-on "mte=on" -M virt,mte=on
rejects machine-bad-gic "gic-version" -M virt,gic-version=5
rejects machine-bad-bool "highmem" -M virt,highmem=maybe
rejects machine-accel-kvm "accel" -M virt,accel=kvm
rejects cpu-unknown "-cpu cortex-a9" -cpu cortex-a9
rejects cpu-property "-cpu max,sve=off" -cpu max,sve=off
rejects kernel-missing "-kernel /nope: No such file or directory" -kernel /nope
rejects kernel-directory "-kernel $TMP/dir: Is a directory" -kernel "$TMP/dir"
if [ "$(id -u)" -ne 0 ]; then
    rejects kernel-unreadable "Permission denied" -kernel "$TMP/unreadable"
else
    skip kernel-unreadable "root reads any file"
fi
rejects initrd-missing "-initrd /nope/initrd" -kernel "$K" -initrd /nope/initrd
rejects dtb-missing "--dtb /nope.dtb" -kernel "$K" --dtb /nope.dtb
rejects bios-missing "-bios /nope.fd" -bios /nope.fd
rejects append-without-kernel "-append only allowed with -kernel" -append console=ttyAMA0
rejects initrd-without-kernel "-initrd only allowed with -kernel" -initrd "$I"
rejects dtb-without-kernel "-dtb only allowed with -kernel" -dtb "$D"
rejects display-gtk "-display gtk: not supported by armlet" -display gtk
rejects display-unknown "-display frob" -display frob
rejects serial-pty "-serial pty: not supported by armlet" -serial pty
rejects serial-garbage "-serial bogus" -serial bogus
rejects serial-bad-port "-serial tcp::99999" -serial tcp::99999
rejects serial-bad-option "-serial tcp::4444,telnet" -serial tcp::4444,telnet
rejects serial-empty-file "-serial file:" -serial file:
rejects gdb-bad "-gdb stdio" -gdb stdio
rejects gdb-bad-port "-gdb tcp:localhost:x" -gdb tcp:localhost:x
rejects log-unknown "-d in_asm,frob: unknown log item 'frob'" -d in_asm,frob
rejects dfilter-bad "-dfilter 0x10" -dfilter 0x10
rejects accel-kvm "-accel kvm" -accel kvm
rejects accel-bad-prop "-accel tcg,frob=1" -accel tcg,frob=1
rejects enable-kvm "-enable-kvm" -enable-kvm
rejects jit-bad "--jit fast" --jit=fast
rejects monitor-stdio "-monitor stdio" -monitor stdio
rejects device-not-yet "armlet: -device virtio-blk-device: not yet supported" \
    -device virtio-blk-device
rejects drive-not-yet "-drive file=disk.img,if=none: not yet supported" -drive file=disk.img,if=none
rejects netdev-not-yet "-netdev user,id=n0: not yet supported" -netdev user,id=n0

# ---- the same under ASan+UBSan (leaks on both the success and error paths) -----
if [ -x "${ARMLET_SAN:-}" ]; then
    BIN=$ARMLET_SAN parses asan-qemu-command-line smp_cpus=4 smp_sockets=2 serial=tcp::4444,server,nowait -- \
        -M virt,gic-version=3 -smp 4,sockets=2 -m 1G -nographic -kernel "$K" -append x \
        -initrd "$I" -s -S -serial tcp::4444,server,nowait -d int -dfilter 0x0..0x10
    BIN=$ARMLET_SAN rejects asan-error "-smp 4,sockets=3" -smp 4,sockets=3
    BIN=$ARMLET_SAN rejects asan-device "-device virtio-net-device" -device virtio-net-device
    expect_exit asan-help 0 "$ARMLET_SAN" --help
else
    skip asan "no ASan build at ${ARMLET_SAN:-(unset)}"
fi
