# Samanvay — GNU make + pkg-config. `make` builds ./samanvay; `make run` and
# `make check` first install missing Debian packages (scripts/deps.txt).
#
# Build variants live in their own directories:
#   build/release   -O2, the ./samanvay at the project root
#   build/asan      AddressSanitizer + UndefinedBehaviorSanitizer, for tests
#   build/fuzz      clang libFuzzer targets

SHELL     := /bin/bash
PKGS      := libmicrohttpd jansson sqlite3 libpq yaml-0.1 libsodium libutf8proc xlsxwriter icu-uc icu-i18n libical xgboost
BUILD     ?= build/release
SAN       ?= 0
CC        ?= cc
PORT      ?= 8080
DB        ?= samanvay.db
# PG=CONNINFO: `make run` on PostgreSQL instead (e.g. PG="dbname=samanvay")
PG        ?=
FUZZ_SECONDS ?= 30

# `make V=1` shows full commands.
ifeq ($(V),1)
  Q :=
else
  Q := @
endif
WARN      := -std=c17 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
             -Wformat=2 -Wvla -Wno-format-truncation
ifneq ($(findstring clang,$(CC)),)
  WARN    += -Wno-unknown-warning-option
endif
# Where the binary looks for its gettext catalogues: the build tree for
# `make run`, $(PREFIX)/share/locale for `make install`.
LOCALEDIR ?= $(abspath build/locale)
DEFS      := -D_GNU_SOURCE -DLOCALEDIR='"$(LOCALEDIR)"'
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CFLAGS_COMMON := $(WARN) $(DEFS) -Isrc -I$(BUILD)/gen $(PKG_CFLAGS) -MMD -MP
ifeq ($(SAN),1)
  OPT     := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
  LDSAN   := -fsanitize=address,undefined
else
  OPT     := -O2 -g
  LDSAN   :=
endif
CFLAGS_ALL := $(CFLAGS_COMMON) $(OPT) $(CFLAGS)
LDLIBS_ALL := $(PKG_LIBS) -lpthread -lm $(LDLIBS)

# Files compiled into the binary (reference data and SQL migrations).
EMBED := $(sort $(wildcard data/*.csv) $(wildcard data/link/*.yaml) $(wildcard src/store/migrations/*.sql) \
                $(wildcard schemes/*.yaml) $(wildcard obligations/*.yaml) $(wildcard scenarios/*.yaml))

SRC_ALL  := $(filter-out $(SRC_EXCLUDE),$(sort $(shell find src -name '*.c')))
MAIN_SRC := src/cli/main.c
LIB_SRC  := $(filter-out $(MAIN_SRC),$(SRC_ALL))
LIB_OBJ  := $(patsubst %.c,$(BUILD)/%.o,$(LIB_SRC)) $(BUILD)/gen/embedded_data.o
MAIN_OBJ := $(BUILD)/src/cli/main.o
LIB      := $(BUILD)/libsamanvay.a
BIN      := $(BUILD)/samanvay

TEST_SRC := $(sort $(shell find tests -name 'test_*.c'))
TEST_BIN := $(patsubst tests/%.c,$(BUILD)/tests/%,$(TEST_SRC))
BENCH_SRC := $(sort $(wildcard bench/*.c))
BENCH_BIN := $(patsubst bench/%.c,$(BUILD)/bench/%,$(BENCH_SRC))
FUZZ_SRC := $(sort $(wildcard fuzz/fuzz_*.c))
FUZZ_NAMES := $(patsubst fuzz/%.c,%,$(FUZZ_SRC))
REPLAY_BIN := $(patsubst fuzz/%.c,$(BUILD)/fuzz-replay/%,$(FUZZ_SRC))

.PHONY: all deps deps-check run check check-release check-asan test-bins bench fuzz install clean demo-db \
        unsafe-check stress bench-scale

all: ./samanvay

./samanvay: $(BUILD)/samanvay
	$(Q)cp $< $@

deps:
	@scripts/ensure-deps scripts/deps.txt

deps-check: deps
	@scripts/ensure-deps scripts/deps-check.txt
	@scripts/ensure-node-deps

$(BIN): $(MAIN_OBJ) $(LIB)
	@echo "  LINK  $@"
	$(Q)$(CC) $(OPT) $(LDSAN) -o $@ $(MAIN_OBJ) $(LIB) $(LDLIBS_ALL)

$(LIB): $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(Q)rm -f $@
	$(Q)ar rcs $@ $^

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC    $<"
	$(Q)$(CC) $(CFLAGS_ALL) -c -o $@ $<

$(BUILD)/gen/embedded_data.c: $(EMBED) $(BUILD)/tools/embed Makefile
	@mkdir -p $(dir $@)
	$(Q)$(BUILD)/tools/embed $@ $(EMBED)

$(BUILD)/gen/embedded_data.o: $(BUILD)/gen/embedded_data.c
	$(Q)$(CC) $(CFLAGS_ALL) -Wno-missing-prototypes -c -o $@ $<

$(BUILD)/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) -std=c17 -Wall -Wextra -Werror -O2 -o $@ $<

# --- tests ---------------------------------------------------------------
$(BUILD)/tests/%: tests/%.c $(LIB)
	@mkdir -p $(dir $@)
	@echo "  TEST  $@"
	$(Q)$(CC) $(CFLAGS_ALL) -Itests -o $@ $< $(LIB) $(LDLIBS_ALL) -lcmocka $(LDSAN)

$(BUILD)/fuzz-replay/%: fuzz/%.c fuzz/replay_main.c fuzz/fuzz_refdata.h $(LIB)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS_ALL) -o $@ $< fuzz/replay_main.c $(LIB) $(LDLIBS_ALL) $(LDSAN)

test-bins: $(BIN) $(TEST_BIN) $(REPLAY_BIN)

check-release:
	@$(MAKE) --no-print-directory BUILD=build/release SAN=0 test-bins ./samanvay

check-asan:
	@$(MAKE) --no-print-directory BUILD=build/asan SAN=1 test-bins

# Runs every suite on SQLite twice (plain, then ASan+UBSan) and the suites
# that use a store once more on a throwaway PostgreSQL server (pg:, started
# and stopped by tests/run); the last line is "N passed, N failed". Two
# lanes, one per core: the quick release pass takes two thirds of the
# PostgreSQL suites, the slow ASan pass the other third.
check: deps-check
	@$(MAKE) --no-print-directory check-release check-asan unsafe-check
	@tests/run build/release,pg:build/release:1/3,pg:build/release:2/3 build/asan,pg:build/release:3/3

# Banned unbounded string functions (see docs/architecture.md, "Safety").
unsafe-check:
	@! grep -rnE '\b(strcpy|strcat|sprintf|vsprintf|gets)[[:space:]]*\(' src tools tests fuzz bench \
	   --include='*.c' --include='*.h' || { echo "unbounded string function found" >&2; exit 1; }

# --- run -----------------------------------------------------------------
run: deps
	@$(MAKE) --no-print-directory ./samanvay
	./samanvay demo $(if $(PG),--pg "$(PG)",--db $(DB)) --port $(PORT)

# --- bench ---------------------------------------------------------------
$(BUILD)/bench/%: bench/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS_ALL) -o $@ $< $(LIB) $(LDLIBS_ALL) $(LDSAN)

bench: deps-check
	@$(MAKE) --no-print-directory ./samanvay bench-bins
	@bench/run $(BUILD)

bench-bins: $(BENCH_BIN)

# The scale run (issue 10; not in `make check` or CI): SCALE_ENTERPRISES
# (1,000,000) through the whole pipeline on SQLite and PostgreSQL
# (bench/scale.sh, docs/scaling.md); the table goes to build/bench/scale.md.
bench-scale: deps-check
	@$(MAKE) --no-print-directory ./samanvay
	@bench/scale.sh

# --- load and faults -----------------------------------------------------
# tests/stress/*.sh (docs/load-faults.md): two minutes of wrk at saturation,
# kill -9 during ingest and during submissions, a full and a read-only
# filesystem (root: a tmpfs), the web suites' servers under valgrind. Tens
# of minutes, so not in `make check`. `make stress STRESS=load` runs one.
STRESS ?=
stress: deps-check
	@$(MAKE) --no-print-directory ./samanvay
	@tests/stress/run $(STRESS)

# --- fuzz ----------------------------------------------------------------
FUZZ_CFLAGS := $(WARN) -Wno-unknown-warning-option $(DEFS) -Isrc $(PKG_CFLAGS) -g -O1 \
               -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
# Each target runs FUZZ_SECONDS over its seed corpus (fuzz/corpus/NAME) and
# a working corpus under build/fuzz; fuzz/run prints a table of executions,
# exec/s, corpus and crashes, and fails when any target crashed. Only
# `make deps` first: the browser tests' npm packages are not needed here.
fuzz: deps
	@$(MAKE) --no-print-directory BUILD=build/fuzz CC=clang SAN=1 \
	    CFLAGS=-fsanitize=fuzzer-no-link build/fuzz/libsamanvay.a
	@for t in $(FUZZ_NAMES); do \
	    echo "  FUZZ  build/fuzz/$$t"; \
	    clang $(FUZZ_CFLAGS) -o build/fuzz/$$t fuzz/$$t.c build/fuzz/libsamanvay.a $(LDLIBS_ALL) || exit 1; \
	done
	@fuzz/run $(FUZZ_SECONDS) $(FUZZ_NAMES)

# --- install -------------------------------------------------------------
# The installed binary is built apart (build/install) so that it looks for
# its catalogues under $(PREFIX)/share/locale rather than in the build tree.
PREFIX ?= /usr/local
install: deps
	@$(MAKE) --no-print-directory BUILD=build/install LOCALEDIR=$(PREFIX)/share/locale \
	    build/install/samanvay $(MO_FILES)
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 0755 build/install/samanvay $(DESTDIR)$(PREFIX)/bin/samanvay
	@for mo in $(MO_FILES); do \
	    lang=$$(echo $$mo | cut -d/ -f3); \
	    install -d $(DESTDIR)$(PREFIX)/share/locale/$$lang/LC_MESSAGES; \
	    install -m 0644 $$mo $(DESTDIR)$(PREFIX)/share/locale/$$lang/LC_MESSAGES/samanvay.mo; \
	done

clean:
	rm -rf build ./samanvay

-include $(shell find build -name '*.d' 2>/dev/null)

# --- locale --------------------------------------------------------------
# gettext catalogues: po/LANG.po compiles to build/locale/LANG/LC_MESSAGES/
# samanvay.mo, the LOCALEDIR the binary is built with. `make pot` refreshes
# po/samanvay.pot from the sources and merges it into every po/*.po.
PO_FILES := $(wildcard po/*.po)
MO_FILES := $(patsubst po/%.po,build/locale/%/LC_MESSAGES/samanvay.mo,$(PO_FILES))
I18N_SRC := $(sort $(shell find src/web src/analytics -name '*.c'))

build/locale/%/LC_MESSAGES/samanvay.mo: po/%.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

./samanvay test-bins: $(MO_FILES)

.PHONY: pot
pot:
	xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ --add-location=file \
	    --sort-by-file --package-name=samanvay --msgid-bugs-address= -o po/samanvay.pot $(I18N_SRC)
	@for po in $(PO_FILES); do msgmerge --quiet --update --backup=none $$po po/samanvay.pot; done
