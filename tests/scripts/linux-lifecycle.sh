#!/usr/bin/env bash
# Issue 8 lifecycle on Debian's Linux: CPU hotplug (cpu1-3 offline and online
# through sysfs, PSCI CPU_OFF/CPU_ON underneath, twice), the PL031 giving
# the guest the host's date, reboot (PSCI SYSTEM_RESET: a restart, or an
# exit 0 under -no-reboot) and poweroff (exit 0, every other test). The guest
# side is tests/linux/init.d/{hotplug,date,reboot}.sh.
source "$SRCDIR/tests/scripts/lib.sh"
source "$SRCDIR/tests/linux/lib.sh"
linux_prepare

# -- hotplug ------------------------------------------------------------------------
log=$TMP/hotplug.log
linux_boot "$log" 240 hotplug -smp 4
rc=$?
if [ "$rc" -ne 0 ]; then
    linux_failed hotplug "$log" "$rc" 240
else
    # Each "off" step leaves one CPU fewer online, each "on" step one more;
    # the online mask must say the same; at the end every CPU runs a task.
    verdict=$(awk -v n=4 '
        /^ARMLET-HOTPLUG: / {
            steps++
            split($0, f, " ")
            cpu = substr(f[4], 4) + 0; what = f[5]; online = f[6]; np = f[7]
            sub(/online=/, "", online); sub(/nproc=/, "", np)
            want = (what == "off") ? n - cpu : cpu + 1
            if (np + 0 != want) bad = bad " " f[4] " " what ": nproc " np " not " want ";"
            # cpus go off in order 1..n-1, then on in the same order
            if (what == "on") mask = "0-" cpu
            else if (cpu == n - 1) mask = "0"
            else if (cpu + 1 == n - 1) mask = "0," cpu + 1
            else mask = "0," cpu + 1 "-" n - 1
            if (online != mask) bad = bad " " f[4] " " what ": online " online " not " mask ";"
        }
        /^ARMLET-HOTPLUG-RAN: / {
            ran++
            if ("cpu" $3 != $2) bad = bad " " $2 " ran on " $3 ";"
        }
        END {
            if (steps != 2 * 2 * (n - 1)) bad = bad " " steps " steps, not " 2 * 2 * (n - 1) ";"
            if (ran != n) bad = bad " " ran " CPUs ran a task, not " n ";"
            print bad == "" ? "ok" : bad
        }' "$log")
    if [ "$verdict" = ok ]; then
        pass hotplug
    else
        fail hotplug "$verdict" "$(grep '^ARMLET-HOTPLUG' "$log" | head -n 20)"
    fi
fi

# -- the date from the PL031 ------------------------------------------------------------
log=$TMP/date.log
before=$(date +%s)
linux_boot "$log" 180 date -smp 1
rc=$?
after=$(date +%s)
if [ "$rc" -ne 0 ]; then
    linux_failed date "$log" "$rc" 180
else
    guest=$(sed -n 's/^ARMLET-DATE: \([0-9]*\)$/\1/p' "$log")
    rtc=$(sed -n 's/^ARMLET-RTC: \([0-9]*\)$/\1/p' "$log")
    # The guest's clock started from the RTC at boot and ran on virtual
    # time since: it must lie within the host's run, give or take a second.
    if [ -z "$guest" ] || [ -z "$rtc" ] || [ "$guest" -lt $((before - 1)) ] ||
        [ "$guest" -gt $((after + 1)) ] || [ "$rtc" -lt $((before - 1)) ] || [ "$rtc" -gt $((after + 1)) ]; then
        fail date "guest date '$guest', RTC '$rtc', host run $before..$after"
    else
        pass date
    fi
    if grep -q '^ARMLET-RTC-NAME: rtc-pl031' "$log" && grep -q '^ARMLET-RTC-IRQ: 1$' "$log"; then
        pass rtc-alarm-irq
    else
        fail rtc-alarm-irq "expected rtc0 to be the PL031 with its interrupt: $(grep '^ARMLET-RTC' "$log")"
    fi
fi

# -- reboot -------------------------------------------------------------------------------
# -no-reboot: SYSTEM_RESET ends armlet with status 0 after one boot.
log=$TMP/noreboot.log
linux_boot "$log" 180 reboot -smp 2 -no-reboot
rc=$?
if [ "$rc" -ne 0 ]; then
    linux_failed reboot-no-reboot "$log" "$rc" 180
elif [ "$(grep -c '^ARMLET-REBOOTING' "$log")" -ne 1 ] || grep -q '^ARMLET-POWEROFF' "$log"; then
    fail reboot-no-reboot "expected one boot ending in reboot: $(grep '^ARMLET-' "$log" | tr '\n' ' ')"
else
    pass reboot-no-reboot
fi
# Without it the board restarts: the kernel boots again (and again: the test
# init reboots each time), so a second marker is enough; then stop it.
log=$TMP/reboot.log
"$ARMLET" -M virt,gic-version=3 -cpu cortex-a57 -smp 2 -m 1G -nographic \
    -kernel "$ARMLET_KERNEL" -initrd "$ARMLET_INITRD" \
    -append "console=ttyAMA0 armlet.test=reboot" </dev/null >"$log.raw" 2>&1 &
pid=$!
for _ in $(seq 1 360); do
    tr -d '\r' <"$log.raw" >"$log"
    [ "$(grep -c '^ARMLET-LINUX-UP' "$log")" -ge 2 ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
done
kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
tr -d '\r' <"$log.raw" >"$log"
if [ "$(grep -c '^ARMLET-LINUX-UP' "$log")" -ge 2 ] && [ "$(grep -c '^ARMLET-CPUS: 2$' "$log")" -ge 2 ]; then
    pass reboot-restarts
else
    fail reboot-restarts "expected two boots with 2 CPUs each: $(grep '^ARMLET-' "$log" | tr '\n' ' ' | head -c 400)"
fi
