# madoguchi — plain Makefile (see STYLE.md "Build").
#
#   make            build bin/madoguchi and bin/madoguchi-vcard
#   make test       install missing packages, build with -Werror, run every test
#   make demo       install, build, seed the two-city demo, start the card emulator, open the TUI
#   make bench      benchmarks (not part of make test)
#
# O= and BIN= move the build and binary folders (parallel work trees).

O    ?= build
BIN  ?= bin
CC   ?= cc
PKGS := sqlite3 icu-uc icu-i18n cunit libcrypto ncursesw libpcsclite

WARN := -Wall -Wextra -Wshadow -Wformat=2 -Wmissing-prototypes -Wstrict-prototypes \
        -Wwrite-strings -Wpointer-arith -Wundef -Wcast-qual
OPT     ?= -O2 -g
WERROR  ?=
SAN     ?=
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CPPFLAGS_ALL = -D_GNU_SOURCE -I. -I$(O)/gen $(PKG_CFLAGS)
CFLAGS_ALL   = -std=c11 $(OPT) $(WARN) $(WERROR) $(SAN) -MMD -MP
LDLIBS_ALL   = $(PKG_LIBS) -lm -pthread

# Sources by layer; every *.c of a layer is part of the program library.
LIB_SRC  := $(sort $(wildcard db/*.c card/*.c i18n/*.c app/*.c screens/*.c))
LIB_SRC  := $(filter-out app/main.c,$(LIB_SRC))
VCARD_SRC:= $(sort $(wildcard card/vcard/*.c))
UNIT_SRC := $(sort $(wildcard tests/unit/*.c))
# Every tests/tools/<name>.c is a test program $(BIN)/<name> linked with the library.
TOOL_SRC := $(sort $(wildcard tests/tools/*.c))
TOOLS    := $(TOOL_SRC:tests/tools/%.c=$(BIN)/%)
# Every tests/fuzz/fuzz_<name>.c is a libFuzzer target (clang), its corpus in
# tests/fuzz/corpus/<name>/ replayed by make test.
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
GEN_SRC  := $(O)/gen/gen_catalog.c $(O)/gen/gen_migrations.c $(O)/gen/gen_commands.c
LIB_OBJ  := $(LIB_SRC:%.c=$(O)/%.o) $(GEN_SRC:$(O)/%.c=$(O)/%.o)
VCARD_OBJ:= $(VCARD_SRC:%.c=$(O)/%.o)
UNIT_OBJ := $(UNIT_SRC:%.c=$(O)/%.o) $(O)/gen/gen_tests.o

CATALOGS   := $(sort $(wildcard i18n/msg/*.txt))
MIGRATIONS := $(sort $(wildcard db/schema/*.sql))
COMMANDS   := $(sort $(wildcard app/cmd_*.c))

.PHONY: all deps test test-unit test-asan test-scripts test-fuzz fuzz-build checks \
        checksymbols checkcurses bench demo demo-kiosk clean
all: $(BIN)/madoguchi $(if $(VCARD_SRC),$(BIN)/madoguchi-vcard) $(TOOLS)

deps:
	@scripts/deps.sh

$(O)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -c $< -o $@

$(O)/gen/%.o: $(O)/gen/%.c
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -c $< -o $@

# Generated registries: each is rebuilt from the files of its folder, so adding a
# catalog fragment, a migration, a subcommand or a test file never edits a shared list.
$(O)/gen/gen_catalog.c: $(CATALOGS) scripts/gen-catalog.sh
	@mkdir -p $(dir $@)
	scripts/gen-catalog.sh $(O)/gen/res $@ $(CATALOGS)
$(O)/gen/gen_migrations.c: $(MIGRATIONS) scripts/gen-migrations.sh
	@mkdir -p $(dir $@)
	scripts/gen-migrations.sh $@ $(MIGRATIONS)
$(O)/gen/gen_commands.c: $(COMMANDS) scripts/gen-commands.sh
	@mkdir -p $(dir $@)
	scripts/gen-commands.sh $@ $(COMMANDS)
$(O)/gen/gen_tests.c: $(UNIT_SRC) scripts/gen-tests.sh
	@mkdir -p $(dir $@)
	scripts/gen-tests.sh $@ $(UNIT_SRC)

$(O)/libmadoguchi.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BIN)/madoguchi: $(O)/app/main.o $(O)/libmadoguchi.a
	@mkdir -p $(dir $@)
	$(CC) $(SAN) -o $@ $^ $(LDLIBS_ALL)

$(BIN)/madoguchi-vcard: $(VCARD_OBJ) $(O)/libmadoguchi.a
	@mkdir -p $(dir $@)
	$(CC) $(SAN) -o $@ $^ $(LDLIBS_ALL)

$(BIN)/%: $(O)/tests/tools/%.o $(O)/libmadoguchi.a
	@mkdir -p $(dir $@)
	$(CC) $(SAN) -o $@ $^ $(LDLIBS_ALL)

$(BIN)/unit-tests: $(UNIT_OBJ) $(filter-out %/vcard_main.o,$(VCARD_OBJ)) $(O)/libmadoguchi.a
	@mkdir -p $(dir $@)
	$(CC) $(SAN) -o $@ $^ $(LDLIBS_ALL)

# ---- checks -------------------------------------------------------------
checkcurses:
	@bad=$$(grep -rlE '#include[[:space:]]*[<"](n?curses|ncursesw/curses)\.h' \
	        --include='*.c' --include='*.h' app db card i18n screens tests 2>/dev/null \
	        | grep -v '^screens/ui[^/]*\.[ch]$$' | grep -v '^tests/' ); \
	 if [ -n "$$bad" ]; then echo "curses outside screens/ui*: $$bad"; exit 1; fi; \
	 bad=$$(grep -rlE 'sqlite3_(prepare|exec|step)' --include='*.c' app screens card i18n 2>/dev/null); \
	 if [ -n "$$bad" ]; then echo "SQL outside db/: $$bad"; exit 1; fi; \
	 bad=$$(grep -rlE '(scr_dump|putwin|scr_set|scr_init|scr_restore)[[:space:]]*\(' --include='*.c' app screens 2>/dev/null); \
	 if [ -n "$$bad" ]; then echo "screen dump function used: $$bad"; exit 1; fi; \
	 echo "layering: ok"

checksymbols: $(O)/libmadoguchi.a $(VCARD_OBJ)
	@scripts/checksymbols.sh $(LIB_OBJ) $(VCARD_OBJ)

# ---- tests ------------------------------------------------------------------
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

test: deps
	$(MAKE) -j$(JOBS) WERROR=-Werror all $(BIN)/unit-tests
	$(MAKE) checkcurses checksymbols
	$(MAKE) test-unit
	$(MAKE) test-asan
	$(MAKE) test-fuzz
	$(MAKE) test-scripts

test-unit: $(BIN)/unit-tests
	MG_CATALOG_CHECK_SRC=. $(BIN)/unit-tests

# The same unit tests built with AddressSanitizer and UBSan in their own folder.
test-asan:
	$(MAKE) -j$(JOBS) O=build-asan BIN=build-asan/bin WERROR=-Werror OPT="-O1 -g -fno-omit-frame-pointer" \
	  SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined" build-asan/bin/unit-tests
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
	  MG_CATALOG_CHECK_SRC=. build-asan/bin/unit-tests

# Script tests (CLI, card stack, tmux e2e): tests/*/t_*.sh, one at a time.
test-scripts: all
	BIN=$(abspath $(BIN)) tests/run-scripts.sh

# libFuzzer targets: the library built with clang and coverage, one binary per target.
FUZZ_O := build-fuzz
fuzz-build:
	$(MAKE) -j$(JOBS) O=$(FUZZ_O) BIN=$(FUZZ_O)/bin CC=clang OPT="-O1 -g" \
	  SAN="-fsanitize=fuzzer-no-link,address,undefined" $(FUZZ_O)/libmadoguchi.a $(VCARD_SRC:%.c=$(FUZZ_O)/%.o)
	@mkdir -p $(FUZZ_O)/bin
	@for f in $(FUZZ_SRC); do n=$$(basename $$f .c); \
	  clang $(CPPFLAGS_ALL) -std=c11 -O1 -g -fsanitize=fuzzer,address,undefined $$f \
	    $(filter-out %/vcard_main.o,$(VCARD_SRC:%.c=$(FUZZ_O)/%.o)) $(FUZZ_O)/libmadoguchi.a \
	    $(LDLIBS_ALL) -o $(FUZZ_O)/bin/$$n || exit 1; done

# Replay each target's seed corpus once (no new fuzzing): a crash fails the test.
test-fuzz: fuzz-build
	@n=0; for f in $(FUZZ_SRC); do t=$$(basename $$f .c); c=tests/fuzz/corpus/$${t#fuzz_}; \
	  [ -d $$c ] || { echo "no corpus for $$t ($$c)"; exit 1; }; \
	  $(FUZZ_O)/bin/$$t -runs=0 $$c/* > $(FUZZ_O)/$$t.log 2>&1 || { cat $(FUZZ_O)/$$t.log; exit 1; }; \
	  n=$$((n+1)); echo "fuzz replay: $$t ($$(ls $$c | wc -l) inputs) ok"; done; echo "fuzz targets replayed: $$n"

# The demo: two municipalities, the CS exchange, demo operators and card profiles
# (scripts/demo.sh, docs/demo.md); every process it starts is stopped by PID.
demo: deps
	$(MAKE) -j$(JOBS) WERROR=-Werror all
	BIN=$(abspath $(BIN)) scripts/demo.sh counter

demo-kiosk: deps
	$(MAKE) -j$(JOBS) WERROR=-Werror all
	BIN=$(abspath $(BIN)) scripts/demo.sh kiosk

bench: all
	BIN=$(abspath $(BIN)) tests/bench/run.sh

clean:
	rm -rf build build-asan bin

-include $(LIB_OBJ:.o=.d) $(VCARD_OBJ:.o=.d) $(UNIT_OBJ:.o=.d) $(O)/app/main.d
