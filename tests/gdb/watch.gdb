# Hardware watchpoints (Z2/Z3/Z4): a write to a global, shown with its old
# and new values, stopped after the writing instruction; an access
# watchpoint on the same global (reads and the write); a read watchpoint;
# a watchpoint over a whole array hit by a store to its last element.
watch counter
continue
x/i $pc - 4
delete
awatch counter
continue
x/i $pc - 4
continue
continue
delete
rwatch table[2]
continue
delete
watch table
continue
delete
continue
