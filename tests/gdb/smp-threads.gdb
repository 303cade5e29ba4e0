# Four vCPUs (-smp 4), all started by the guest: at all_parked() the boot
# CPU is in test_main and CPUs 1..3 wait in parked_loop(idx). Every thread
# is listed on; each one selected shows its own registers (MPIDR_EL1, the
# index in its frame, its own stack within smp_stacks[idx]) and the
# per-CPU variable it wrote (cpu_mpidr[idx]).
break all_parked
continue
info threads
printf "CPU thread=%d mpidr=%#lx\n", $_thread, $MPIDR_EL1
thread 2
printf "CPU thread=%d mpidr=%#lx idx=%d stack=%d saved=%#lx\n", $_thread, $MPIDR_EL1, idx, ((unsigned long)$sp - (unsigned long)&smp_stacks) / 8192, cpu_mpidr[idx]
thread 4
printf "CPU thread=%d mpidr=%#lx idx=%d stack=%d saved=%#lx\n", $_thread, $MPIDR_EL1, idx, ((unsigned long)$sp - (unsigned long)&smp_stacks) / 8192, cpu_mpidr[idx]
thread 3
printf "CPU thread=%d mpidr=%#lx idx=%d stack=%d saved=%#lx\n", $_thread, $MPIDR_EL1, idx, ((unsigned long)$sp - (unsigned long)&smp_stacks) / 8192, cpu_mpidr[idx]
info registers pc
thread 1
printf "CPU thread=%d mpidr=%#lx\n", $_thread, $MPIDR_EL1
monitor cpus
delete
continue
