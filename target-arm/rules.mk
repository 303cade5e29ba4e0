# target-arm build rules: the A64 decoder is generated from the table files
# by a host tool (docs/a64-decoder.md). Included by the top-level Makefile.

HOST_CC ?= cc
A64_DECODE_TABLES := $(sort $(wildcard target-arm/a64-*.decode))
A64_DECODE_INCS := $(addprefix $(BUILD)/target-arm/a64-decode-,args.inc tree.inc dispatch.inc)

$(BUILD)/tools/decodegen: target-arm/tools/decodegen.c
	@mkdir -p $(@D)
	$(HOST_CC) -std=gnu11 -O1 -g $(WARN) -o $@ $<

# One run writes all three files (grouped target, GNU make >= 4.3).
$(A64_DECODE_INCS) &: $(BUILD)/tools/decodegen $(A64_DECODE_TABLES)
	@mkdir -p $(BUILD)/target-arm
	$(BUILD)/tools/decodegen -p a64 -o $(BUILD)/target-arm $(A64_DECODE_TABLES)

GEN_HDRS += $(A64_DECODE_INCS)
