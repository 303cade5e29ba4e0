# Break in a C function, read its argument, change memory the function then
# uses and see the result, change a register the caller then uses, read
# memory, break again, continue to the end.
break square_sum
continue
printf "ARG n=%lu\n", n
# square_sum(3) = 1 + 4 + 9 = 14 instead of square_sum(10) = 385
set var n = 3
finish
printf "RET x0=%lu\n", $x0
# give the caller what it expects, so that the guest's own checks pass
set var $x0 = 385
printf "SET x0=%lu\n", $x0
x/4gx &table
break bump
continue
printf "BUMP by=%lu\n", by
continue
printf "BUMP by=%lu\n", by
info registers pc
delete
continue
