# Source-level stepping: break in a C function and read its registers
# (the argument in x0, the PC at the breakpoint, SP in RAM), then next
# through its lines, finish, next over the rest of the caller's line, step
# into the next call, next out of it and over a whole call; counter shows
# what ran. Then continue to the power-off.
break square_sum
continue
info registers x0 pc sp
printf "ENTRY x0=%lu n=%lu\n", $x0, n
next
next
next
printf "LOOP i=%lu s=%lu\n", i, s
finish
next
step
printf "IN by=%lu counter=%lu\n", by, counter
next
next
printf "BACK counter=%lu\n", counter
next
printf "OVER counter=%lu\n", counter
delete
continue
