# Instruction steps: each advances the PC by 4 (no branch at the start of
# bump) and executes exactly one instruction; a source step and next.
break *bump
continue
set $start = $pc
set $sp0 = $sp
stepi
printf "STEP1 delta=%ld\n", $pc - $start
stepi 3
printf "STEP4 delta=%ld\n", $pc - $start
delete
finish
printf "COUNTER=%lu\n", counter
continue
