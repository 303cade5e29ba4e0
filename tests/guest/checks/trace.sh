#!/usr/bin/env bash
# Boot-flow trace and logs (issue 13, docs/trace.md), on the trace-bringup
# image (4 CPUs brought up with PSCI; the guest prints each CPU_ON it makes
# and PSCI's answer):
#  - --trace-boot writes valid JSON in the Trace Event Format whose per-vCPU
#    state intervals do not overlap and cover the run, checked by
#    build/tests/trace-check (its own JSON parser), on each backend;
#  - its CPU_ON events are the ones the guest logged, in order;
#  - the summary names every vCPU as online;
#  - two runs with the same --sched-seed write byte-identical traces;
#  - -d int,psci logs the guest's PSCI calls and exceptions, each line with
#    the vCPU and the time.
set -u
out=$1
elf=$out/trace-bringup.elf
check=${BUILD:-../../build}/tests/trace-check
[ -f "$elf" ] && [ -x "$check" ] || { echo "FAIL: guest/trace (no $elf or $check)"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

run() {   # run TRACE-FILE OPTIONS...: serial output and stderr
    local f=$1; shift
    timeout 60 "$ARMLET" -M virt -nographic -m 128M -smp 4 --trace-boot "$f" "$@" \
        -kernel "$elf" </dev/null 2>&1 | tr -d '\r'
}

for jit in native interp; do
    log=$(run "$tmp/$jit.json" --jit=$jit)
    verdict=$("$check" "$tmp/$jit.json" --expect-state off --expect-state running \
        --expect-state halted)
    guest_calls=$(sed -n 's/^trace: //p' <<<"$log")
    trace_calls=$(grep '^CPU_ON ' <<<"$verdict")
    if ! grep -q GUEST-PASS <<<"$log"; then
        echo "FAIL: guest/trace/valid/$jit"
        echo "  the guest did not pass: $(tail -n 3 <<<"$log")"
    elif ! grep -q '^trace-check: ok' <<<"$verdict"; then
        echo "FAIL: guest/trace/valid/$jit"
        echo "  $(tail -n 1 <<<"$verdict")"
    else
        echo "PASS: guest/trace/valid/$jit"
    fi
    if [ -n "$guest_calls" ] && [ "$guest_calls" = "$trace_calls" ]; then
        echo "PASS: guest/trace/cpu-on-events/$jit"
    else
        echo "FAIL: guest/trace/cpu-on-events/$jit"
        diff <(echo "$guest_calls") <(echo "$trace_calls") | head -10 | sed 's/^/  /'
    fi
    # summary: every vCPU came online (a time, not "never"), and CPU 1 made
    # two CPU_OFF calls... seen from the boot CPU: 5 CPU_ON, 1 failed
    online=$(awk '/^boot flow/ { on = 1; next } on && /^ +[0-9]+ / && $2 != "never" { n++ }
                  END { print n + 0 }' <<<"$log")
    if [ "$online" = 4 ] && grep -Eq '^ +0 +[0-9.]+ +[0-9]+/1 ' <<<"$log"; then
        echo "PASS: guest/trace/summary/$jit"
    else
        echo "FAIL: guest/trace/summary/$jit"
        echo "  $(grep -A5 '^boot flow' <<<"$log")"
    fi
done

run "$tmp/a.json" --sched-seed 3 >/dev/null
run "$tmp/b.json" --sched-seed 3 >/dev/null
if [ -s "$tmp/a.json" ] && cmp -s "$tmp/a.json" "$tmp/b.json"; then
    echo "PASS: guest/trace/seeded-reproducible"
else
    echo "FAIL: guest/trace/seeded-reproducible"
    diff "$tmp/a.json" "$tmp/b.json" | head -6 | sed 's/^/  /'
fi

timeout 60 "$ARMLET" -M virt -nographic -m 128M -smp 8 -d int,psci -D "$tmp/log" \
    -kernel "$out/smp-sgi.elf" </dev/null >/dev/null 2>&1
# CPU_ON from the boot CPU, IRQs taken (smp-sgi sends SGIs between its 8
# CPUs), and every line "cpuN SECONDS: ..."
if grep -Eq '^cpu0 [0-9]+\.[0-9]{9}: psci CPU_ON \(0xc4000003\) x1=0x1 .* -> 0$' "$tmp/log" &&
    grep -Eq '^cpu[1-7] [0-9]+\.[0-9]{9}: irq exception EL1->EL1 ' "$tmp/log" &&
    ! grep -Evq '^cpu([0-9]+|-) [0-9]+\.[0-9]{9}: ' "$tmp/log"; then
    echo "PASS: guest/trace/log-int-psci"
else
    echo "FAIL: guest/trace/log-int-psci"
    head -n 5 "$tmp/log" | sed 's/^/  /'
fi
