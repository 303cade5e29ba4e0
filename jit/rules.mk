# jit build rules. `make soak`: the random-IR differential tests (optimizer
# and native backend vs the interpreter) over many more blocks than make
# check runs. JIT_FUZZ_BLOCKS / JIT_FUZZ_SEED override count and seed.
soak: $(BUILD)/tests/unit-tests
	JIT_FUZZ_BLOCKS=$${JIT_FUZZ_BLOCKS:-200000} $(BUILD)/tests/unit-tests _random/
