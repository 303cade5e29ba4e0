# Reads a Linux boot log from scripts/prepare-linux-guest's test init (kernel
# command line armlet.test=interrupts) and checks its two /proc/interrupts snapshots:
# both have NCPUS CPU columns, and between them the arch_timer count and the
# sum of the IPI counts rose on every CPU. Prints "ok" or what is wrong.
#   awk -v ncpus=N -f check-interrupts.awk LOG
{ sub(/\r$/, "") }     # a serial console's CR
/ARMLET-INTERRUPTS-BEGIN/ { snap = 1; next }
/ARMLET-INTERRUPTS-LATER-BEGIN/ { snap = 2; next }
/ARMLET-INTERRUPTS-(LATER-)?END/ { snap = 0; next }
snap && /^ +CPU0/ { cols[snap] = NF; next }
snap && /arch_timer/ {
    for (c = 0; c < ncpus; c++) timer[snap, c] = $(c + 2)
    seen_timer[snap] = 1
}
snap && /^IPI[0-9]+:/ {
    for (c = 0; c < ncpus; c++) ipi[snap, c] += $(c + 2)
}
END {
    bad = ""
    for (s = 1; s <= 2; s++) {
        if (cols[s] != ncpus) bad = bad sprintf(" snapshot %d has %d CPU columns, not %d;", s, cols[s], ncpus)
        if (!seen_timer[s]) bad = bad sprintf(" snapshot %d has no arch_timer line;", s)
    }
    if (bad == "") {
        for (c = 0; c < ncpus; c++) {
            if (timer[2, c] + 0 <= timer[1, c] + 0)
                bad = bad sprintf(" CPU%d timer %s -> %s;", c, timer[1, c], timer[2, c])
            if (ncpus > 1 && ipi[2, c] <= ipi[1, c])
                bad = bad sprintf(" CPU%d IPIs %d -> %d;", c, ipi[1, c], ipi[2, c])
        }
    }
    print (bad == "" ? "ok" : "bad:" bad)
}
