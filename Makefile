# armlet top-level Makefile. Out-of-tree objects in $(BUILD) (default build/),
# header dependencies tracked with -MMD, safe with -j.
#
#   make            build build/armlet
#   make check      install what is missing, build, run every test
#   make run        install what is missing, build, boot the default guest
#   make install    install armlet under $(PREFIX)/bin
#   make bench      build, run the benchmarks (tests/bench; not tests)
#   make clean      remove build directories

ifeq ($(wildcard config.mk),)
$(shell ./configure >&2)
endif
include config.mk

BUILD ?= build
SAN_BUILD ?= build-san
# SANITIZE=1 (or ./configure --enable-sanitizers) adds ASan+UBSan.
SANITIZE ?= $(if $(filter yes,$(CONFIG_SANITIZERS)),1,)

WARN := -Wall -Wextra -Werror -Wno-unused-parameter -Wshadow -Wmissing-prototypes -Wstrict-prototypes
OPT := $(if $(filter yes,$(CONFIG_DEBUG)),-O0 -g3 -DCONFIG_DEBUG,-O2 -g)
comma := ,
SANFLAGS := $(if $(SANITIZE),-fsanitize=address$(comma)undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer,)
DEFS := -D_GNU_SOURCE $(if $(filter yes,$(CONFIG_SDL)),-DCONFIG_SDL,)
CFLAGS_ALL := -std=gnu11 $(OPT) $(WARN) $(SANFLAGS) $(DEFS) -I. -I$(BUILD) $(DEP_CFLAGS) $(CFLAGS)
LDFLAGS_ALL := $(SANFLAGS) $(LDFLAGS)
LIBS := $(DEP_LIBS) -lm -lpthread

# Every .c under the four code folders is part of the emulator; main.c is
# kept out of the library so the unit tests can link everything else.
# Build-time tools (generators) live in */tools/ and are not part of armlet.
LIB_SRCS := $(filter-out emu/main.c,$(sort $(shell find emu hw jit target-arm firmware -name '*.c' -not -path '*/tools/*' 2>/dev/null)))
LIB_OBJS := $(LIB_SRCS:%.c=$(BUILD)/%.o)
UNIT_SRCS := $(sort $(wildcard tests/unit/*.c))
UNIT_OBJS := $(UNIT_SRCS:%.c=$(BUILD)/%.o)
# Generated sources (decode tables and the like) register themselves here.
GEN_HDRS :=
.DEFAULT_GOAL := all
-include $(wildcard */rules.mk)
# The included rules define targets of their own: keep `make` building armlet.
.DEFAULT_GOAL := all

.PHONY: all check check-build run install clean distclean deps deps-run soak bench
all: $(BUILD)/armlet

$(BUILD)/libarmlet.a: $(LIB_OBJS)
	@mkdir -p $(@D)
	$(Q)rm -f $@ && ar rcs $@ $^

$(BUILD)/armlet: $(BUILD)/emu/main.o $(BUILD)/libarmlet.a
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(LIBS)

# Unicorn is a test-only dependency (reference semantics for differential tests).
TEST_LIBS := $(shell pkg-config --libs unicorn 2>/dev/null || echo -lunicorn)
$(BUILD)/tests/unit-tests: $(UNIT_OBJS) $(BUILD)/libarmlet.a
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(LIBS) $(TEST_LIBS)

# Host tools the script tests use (tests/tools/NAME.c -> $(BUILD)/tests/NAME).
TOOL_BINS := $(patsubst tests/tools/%.c,$(BUILD)/tests/%,$(sort $(wildcard tests/tools/*.c)))
$(BUILD)/tests/%: $(BUILD)/tests/tools/%.o
	$(CC) $(LDFLAGS_ALL) -o $@ $^ -lm
.SECONDARY: $(TOOL_BINS:$(BUILD)/tests/%=$(BUILD)/tests/tools/%.o)

# V=1 shows full command lines.
Q := $(if $(V),,@)
$(BUILD)/%.o: %.c | $(GEN_HDRS)
	@mkdir -p $(@D)
	@$(if $(V),,echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS_ALL) -MMD -MP -c -o $@ $<

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

# The test build: armlet and the unit tests, in $(BUILD).
check-build: $(BUILD)/armlet $(BUILD)/tests/unit-tests $(TOOL_BINS)

deps:
	@scripts/install-deps --test

deps-run:
	@scripts/install-deps

# make check: set-up, a normal build, an ASan+UBSan build, then every test.
check: deps
	@test -f config.mk || ./configure
	$(MAKE) check-build
	$(MAKE) check-build BUILD=$(SAN_BUILD) SANITIZE=1
	tests/run.sh $(BUILD) $(SAN_BUILD)

# Benchmarks print tables for docs/performance.md; they compare with
# qemu-system-aarch64 when it is installed.
bench: $(BUILD)/armlet
	tests/bench/jit-micro.sh $(BUILD)/armlet
	tests/bench/idle.sh $(BUILD)/armlet
	tests/bench/linux-boot.sh $(BUILD)/armlet

run: deps-run
	$(MAKE) all
	scripts/run-default-guest $(BUILD)/armlet

install: $(BUILD)/armlet
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(BUILD)/armlet $(DESTDIR)$(PREFIX)/bin/armlet

clean:
	rm -rf $(BUILD) $(SAN_BUILD)

distclean: clean
	rm -f config.mk
