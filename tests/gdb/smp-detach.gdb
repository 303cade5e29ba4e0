# Detach and reconnect (the second gdb runs smp-detach.again). This one
# stops the guest with all CPUs up, makes the boot CPU spin in hold()
# (hold_for_gdb = 1, spins = 0), inserts a breakpoint there and detaches:
# the guest runs on with its breakpoints gone (else the boot CPU would
# stop in hold() with nobody attached and never be read again).
break all_parked
continue
set var hold_for_gdb = 1
set var spins = 0
break hold
detach
