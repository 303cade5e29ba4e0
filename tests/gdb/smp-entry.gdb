# A breakpoint on the secondary entry set at reset (-S), while CPUs 1..3
# are still off: each CPU_ON of the boot CPU starts one there, and each
# hit is reported in that CPU's thread, with its context_id in x0
# (idx | 0x5a0 << 8, tests/gdb/smp.c) and its own MPIDR_EL1. Then a
# hardware breakpoint on parked_loop (C code CPUs 1 and 2 already ran) is
# hit by CPU 3 with its index as argument; continue to the power-off.
break smp_secondary_entry
info threads
continue
printf "HIT thread=%d x0=%#lx mpidr=%#lx\n", $_thread, $x0, $MPIDR_EL1
info threads
continue
printf "HIT thread=%d x0=%#lx mpidr=%#lx\n", $_thread, $x0, $MPIDR_EL1
continue
printf "HIT thread=%d x0=%#lx mpidr=%#lx\n", $_thread, $x0, $MPIDR_EL1
delete
hbreak parked_loop
continue
printf "PARKED thread=%d idx=%d\n", $_thread, idx
delete
continue
