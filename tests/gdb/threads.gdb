# Two vCPUs (-smp 2): the secondary stays off (nothing starts it), yet it
# is a thread gdb lists and can select. The monitor commands.
info threads
thread 2
info threads
thread 1
monitor cpus
monitor psci
eval "monitor phys %p 16", &table
monitor help
kill
