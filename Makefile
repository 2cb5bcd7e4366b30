# abusedesk — build, test, install.
#   make            build ./abusedesk
#   make check      install missing packages, build, run every test (also under ASan/UBSan, and fuzz)
#   make demo       install missing packages, build, open the bundled demo mailbox
#   make install    PREFIX=/usr/local DESTDIR=
#   make bench, make eval
#   make fuzz       libFuzzer targets in build/fuzz, FUZZ_SECONDS (60) each
#   make check-valgrind  the IMAP and SMTP tests under valgrind memcheck
#   make faults     sync, import and the outbox flush killed FAULT_KILLS (50) times

VERSION   := 0.1.0
PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
DATADIR   ?= $(PREFIX)/share/abusedesk
MANDIR    ?= $(PREFIX)/share/man
BUILD     ?= build
CC        ?= cc
PKG_CONFIG ?= pkg-config

# Evaluated lazily ("="), so that `make check` can install the packages
# before anything asks pkg-config about them.
PKGS      = ncursesw sqlite3 libxml-2.0 jansson gnutls zlib libzip libpsl libcurl libzstd
PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS) libetpan)
# libetpan.pc's --libs drags in a no-PIE specs file: link it by name.
# libcsv (the customers file) ships no .pc file.
# libcurl is loaded at run time, by the first POST (src/mail/https.c).
PKG_LIBS   = $(shell $(PKG_CONFIG) --libs $(filter-out libcurl,$(PKGS))) \
	-letpan -lcsv -lpthread

CFLAGS    ?= -O2 -g
# `make V=1` shows the compiler command lines.
ifeq ($(V),1)
Q :=
else
Q := @
endif
WARN      := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
ifeq ($(FUZZ),1)
# The fuzz build (clang): the library is instrumented for coverage, and
# only the targets link libFuzzer's runtime and its main().
SANFLAGS  := -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
else ifeq ($(SAN),1)
SANFLAGS  := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
else
# The program allocates and frees many small strings on two threads at
# once (analysis and cache writer); jemalloc takes about a tenth of the
# CPU of a large sync away against glibc's malloc (see bench/sync.sh).
# The sanitizers bring their own allocator, so that build keeps it.
MALLOC_LIBS := -ljemalloc
MALLOC_CPPFLAGS := -DHAVE_JEMALLOC
endif
ALL_CPPFLAGS = -Iinclude -I$(BUILD)/gen -D_GNU_SOURCE $(MALLOC_CPPFLAGS) -DABUSEDESK_VERSION='"$(VERSION)"' \
	-DABUSEDESK_DATADIR='"$(DATADIR)"' $(PKG_CFLAGS) $(CPPFLAGS)
ALL_CFLAGS = -std=c11 $(WARN) $(SANFLAGS) $(CFLAGS) -MMD -MP
ALL_LDFLAGS = $(SANFLAGS) $(LDFLAGS)

LIB_SRC   := $(sort $(wildcard src/*/*.c))
LIB_OBJ   := $(LIB_SRC:%.c=$(BUILD)/%.o)
# Layer 7: src/*.c (main.c and one file per command) make the binary.
MAIN_SRC  := $(sort $(wildcard src/*.c))
MAIN_OBJ  := $(MAIN_SRC:%.c=$(BUILD)/%.o)
LIB       := $(BUILD)/libabusedesk.a
BIN       := $(BUILD)/abusedesk

UNIT_SRC  := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN  := $(UNIT_SRC:%.c=$(BUILD)/%)
INTEG_SRC := $(sort $(wildcard tests/integration/test_*.c))
INTEG_BIN := $(INTEG_SRC:%.c=$(BUILD)/%)
TOOL_SRC  := $(sort $(wildcard tests/tools/*.c bench/*.c))
TOOL_BIN  := $(TOOL_SRC:%.c=$(BUILD)/%)
FUZZ_SRC  := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BIN  := $(FUZZ_SRC:%.c=$(BUILD)/%)
FUZZ_SECONDS ?= 60

.PHONY: all deps check demo install uninstall clean bench eval tests unit format fuzz fuzz-targets \
	check-valgrind faults
.DEFAULT_GOAL := all

# The top-level ./abusedesk is the normal build's binary.
ifeq ($(BUILD),build)
all: abusedesk
abusedesk: $(BIN)
	cp $< $@.tmp && mv -f $@.tmp $@
else
all: $(BIN)
endif

$(BIN): $(MAIN_OBJ) $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $(MAIN_OBJ) $(LIB) $(PKG_LIBS) $(MALLOC_LIBS)

$(LIB): $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $(LIB_OBJ)

# Each word table also depends on its folder, whose time changes when a
# language file is added or removed.
# The analysis' request words, one file per language (data/request/LANG.txt,
# lines of "KIND phrase"), become rows of a table that lines.c includes.
REQUEST_DATA := $(sort $(wildcard data/request/*.txt))
$(BUILD)/gen/request_words.inc: $(REQUEST_DATA) data/request data/request/gen.awk Makefile
	@mkdir -p $(@D)
	$(Q)LC_ALL=C awk -f data/request/gen.awk $(REQUEST_DATA) > $@.tmp && mv -f $@.tmp $@
# The problem words and the marks of lines that are no problem sentence
# (data/problem/LANG.txt) likewise, as two tables.
PROBLEM_DATA := $(sort $(wildcard data/problem/*.txt))
PROBLEM_KINDS := problem|weak|where|owner|risk|cmd|field|key|sign|quote
$(BUILD)/gen/problem_words.inc: $(PROBLEM_DATA) data/problem data/request/gen.awk Makefile
	@mkdir -p $(@D)
	$(Q)LC_ALL=C awk -v kinds='$(PROBLEM_KINDS)' -v only='problem|weak|where|owner|risk' -v min=2 -f data/request/gen.awk $(PROBLEM_DATA) > $@.tmp && mv -f $@.tmp $@
$(BUILD)/gen/problem_marks.inc: $(PROBLEM_DATA) data/problem data/request/gen.awk Makefile
	@mkdir -p $(@D)
	$(Q)LC_ALL=C awk -v kinds='$(PROBLEM_KINDS)' -v only='cmd|field|key|sign|quote' -v min=2 -f data/request/gen.awk $(PROBLEM_DATA) > $@.tmp && mv -f $@.tmp $@
$(BUILD)/src/analysis/lines.o: $(BUILD)/gen/request_words.inc \
	$(BUILD)/gen/problem_words.inc
$(BUILD)/src/analysis/prose.o: $(BUILD)/gen/problem_marks.inc
# The words of the kinds of abuse, one file per language
# (data/category/LANG.txt), become the rows of classify.c's table; English
# comes first, as it wins ties.
CATEGORY_DATA := data/category/en.txt $(filter-out data/category/en.txt,$(sort $(wildcard data/category/*.txt)))
$(BUILD)/gen/category_words.inc: $(CATEGORY_DATA) data/category data/category/gen.awk Makefile
	@mkdir -p $(@D)
	$(Q)LC_ALL=C awk -f data/category/gen.awk $(CATEGORY_DATA) > $@.tmp && mv -f $@.tmp $@
$(BUILD)/src/analysis/classify.o: $(BUILD)/gen/category_words.inc
# The words that tell what an address is to a report (data/roles/*.txt,
# English first) become the tables of ipscan.c and columns.c, one file
# per table (role_KIND.inc).
ROLE_DATA := data/roles/en.txt $(filter-out data/roles/en.txt,$(sort $(wildcard data/roles/*.txt)))
ROLE_TABLES := cue finding participle passive version whois header own link range and yours public agent byname agentprep agentpost yourshost
ROLE_COLUMNS := column_offender column_victim column_mentioned column_other column_version column_subject
$(BUILD)/gen/role_%.inc: $(ROLE_DATA) data/roles data/roles/gen.awk Makefile
	@mkdir -p $(@D)
	$(Q)LC_ALL=C awk -v only=$* -f data/roles/gen.awk $(ROLE_DATA) > $@.tmp && mv -f $@.tmp $@
$(BUILD)/src/analysis/ipscan.o: $(ROLE_TABLES:%=$(BUILD)/gen/role_%.inc)
$(BUILD)/src/analysis/columns.o: $(ROLE_COLUMNS:%=$(BUILD)/gen/role_%.inc)
# The deadline phrases (data/deadline/LANG.txt) and the harm ranks of the
# kinds of abuse (data/urgency/harm.txt) become the tables of urgency.c.
DEADLINE_DATA := $(sort $(wildcard data/deadline/*.txt))
$(BUILD)/gen/deadline_words.inc: $(DEADLINE_DATA) data/deadline data/request/gen.awk Makefile
	@mkdir -p $(@D)
	$(Q)LC_ALL=C awk -v kinds='deadline|number|month' -v prefix=DL_ -f data/request/gen.awk $(DEADLINE_DATA) > $@.tmp && mv -f $@.tmp $@
$(BUILD)/gen/harm_ranks.inc: data/urgency/harm.txt data/urgency/gen.awk Makefile
	@mkdir -p $(@D)
	$(Q)LC_ALL=C awk -f data/urgency/gen.awk data/urgency/harm.txt > $@.tmp && mv -f $@.tmp $@
$(BUILD)/src/analysis/urgency.o: $(BUILD)/gen/deadline_words.inc \
	$(BUILD)/gen/harm_ranks.inc
# The phrases of the noise signals and of mails that are no report
# (data/noise/phrases.txt, lines of "KIND phrase") for noise.c.
NOISE_KINDS := reminder|threat|boilerplate|ack|closed|publication|subscription|reply|bounty|optout
$(BUILD)/gen/noise_phrases.inc: data/noise/phrases.txt data/request/gen.awk Makefile
	@mkdir -p $(@D)
	$(Q)LC_ALL=C awk -v kinds='$(NOISE_KINDS)' -v prefix=NP_ -f data/request/gen.awk $< > $@.tmp && mv -f $@.tmp $@
$(BUILD)/src/analysis/noise.o: $(BUILD)/gen/noise_phrases.inc
# Known bulk reporters (data/noise/bulk_reporters.txt): read at start-up
# from the bundled or installed file; this C string of it is the copy a
# binary falls back on when it finds neither.
$(BUILD)/gen/bulk_reporters_text.inc: data/noise/bulk_reporters.txt Makefile
	@mkdir -p $(@D)
	$(Q)LC_ALL=C awk '{ gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); gsub(/\t/, "\\t"); gsub(/\?/, "\\?"); printf "\"%s\\n\"\n", $$0 }' $< > $@.tmp && mv -f $@.tmp $@
$(BUILD)/src/analysis/bulk.o: $(BUILD)/gen/bulk_reporters_text.inc
# The signs that nobody reads replies (data/noreply/phrases.txt, lines of
# "address|text phrase"): the no-reply senders for core/mailaddr.c, which
# the analysis and the reply's warning share, and the phrases of the
# warning.
$(BUILD)/gen/noreply_addresses.inc: data/noreply/phrases.txt data/request/gen.awk Makefile
	@mkdir -p $(@D)
	$(Q)LC_ALL=C awk -v kinds='address|text' -v only=address -v prefix=NOREPLY_ -f data/request/gen.awk $< > $@.tmp && mv -f $@.tmp $@
$(BUILD)/src/core/mailaddr.o: $(BUILD)/gen/noreply_addresses.inc
$(BUILD)/gen/noreply_phrases.inc: data/noreply/phrases.txt data/request/gen.awk Makefile
	@mkdir -p $(@D)
	$(Q)LC_ALL=C awk -v kinds='address|text' -v only=text -v prefix=NOREPLY_ -f data/request/gen.awk $< > $@.tmp && mv -f $@.tmp $@
$(BUILD)/src/actions/noreply.o: $(BUILD)/gen/noreply_phrases.inc

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/unit/%: tests/unit/%.c $(LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIB) $(PKG_LIBS) -lcmocka $(MALLOC_LIBS)

$(BUILD)/tests/integration/%: tests/integration/%.c $(LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIB) $(PKG_LIBS) -lcmocka $(MALLOC_LIBS)

$(BUILD)/tests/tools/%: tests/tools/%.c $(LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIB) $(PKG_LIBS) $(MALLOC_LIBS)

$(BUILD)/tests/fuzz/%: tests/fuzz/%.c $(LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -fsanitize=fuzzer $(ALL_LDFLAGS) -o $@ $< $(LIB) $(PKG_LIBS)

# The benchmarks measure the code as it ships: with its allocator.
$(BUILD)/bench/%: bench/%.c $(LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIB) $(PKG_LIBS) $(MALLOC_LIBS)

tests: $(BIN) $(UNIT_BIN) $(INTEG_BIN) $(TOOL_BIN)

fuzz-targets: $(FUZZ_BIN)

deps:
	@sh scripts/deps.sh

# The builds use every core (JOBS, default the number of CPUs).
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

# Three builds: the normal one, one with AddressSanitizer + UBSan and the
# fuzz targets (clang). The runner runs unit tests in the first two, the
# server/TUI tests on the sanitized binary, and each fuzz target briefly
# (FUZZ_SECONDS, 8 there). Its last line is the summary.
check: deps
	@$(MAKE) --no-print-directory -j$(JOBS) tests
	@$(MAKE) --no-print-directory -j$(JOBS) BUILD=build/asan SAN=1 tests
	@$(MAKE) --no-print-directory -j$(JOBS) BUILD=build/fuzz CC=clang FUZZ=1 fuzz-targets
	@tests/run build build/asan build/fuzz

# The IMAP and SMTP tests once more, each test program under valgrind's
# memcheck, on the normal build (the sanitizers' build would hide what
# valgrind sees); tests/harness/valgrind.supp names what is not ours.
# Time bounds and timeouts are stretched HARNESS_SLOWDOWN times.
VALGRIND_TESTS := tests/integration/imap_connect.sh tests/integration/imap_write.sh \
	tests/integration/smtp.sh tests/integration/sync.sh
VALGRIND := valgrind -q --tool=memcheck --leak-check=full --error-exitcode=99 \
	--num-callers=30 --suppressions=$(CURDIR)/tests/harness/valgrind.supp
check-valgrind: deps
	@$(MAKE) --no-print-directory tests
	@HARNESS_WRAP="$(VALGRIND)" HARNESS_SLOWDOWN=10 TESTS_ONLY="$(VALGRIND_TESTS)" \
		tests/run $(BUILD)

# The crash-safety run: `sync`, `import` and the outbox flush each killed
# with SIGKILL at FAULT_KILLS random moments (make check kills fewer).
FAULT_KILLS ?= 50
FAULT_TESTS := tests/integration/kill_import.sh tests/integration/sync.sh \
	tests/integration/shared_state.sh
faults: deps
	@$(MAKE) --no-print-directory tests
	@FAULT_KILLS=$(FAULT_KILLS) SYNC_TESTS=test_sync_link TESTS_ONLY="$(FAULT_TESTS)" \
		tests/run $(BUILD)

# Each target on its seeds (tests/fuzz/seeds/NAME) for FUZZ_SECONDS; what
# it finds goes to build/fuzz/corpus and build/fuzz/crashes.
fuzz: deps
	@$(MAKE) --no-print-directory BUILD=build/fuzz CC=clang FUZZ=1 fuzz-targets
	@FUZZ_SECONDS=$(FUZZ_SECONDS) tests/fuzz/run build/fuzz

demo: deps
	@$(MAKE) --no-print-directory all
	./abusedesk --demo

bench: deps
	@$(MAKE) --no-print-directory all $(TOOL_BIN)
	@bench/run

eval: all
	@tests/eval/run

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/keymaps $(DESTDIR)$(DATADIR)/templates \
		$(DESTDIR)$(DATADIR)/demo $(DESTDIR)$(DATADIR)/noise $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5
	install -m 755 abusedesk $(DESTDIR)$(BINDIR)/abusedesk
	install -m 644 doc/abusedesk.1 $(DESTDIR)$(MANDIR)/man1/abusedesk.1
	install -m 644 doc/abusedesk.conf.5 $(DESTDIR)$(MANDIR)/man5/abusedesk.conf.5
	for f in keymaps/*.keys; do [ -e "$$f" ] && install -m 644 "$$f" $(DESTDIR)$(DATADIR)/keymaps/; done; true
	for f in templates/*.txt; do [ -e "$$f" ] && install -m 644 "$$f" $(DESTDIR)$(DATADIR)/templates/; done; true
	install -m 644 data/noise/bulk_reporters.txt $(DESTDIR)$(DATADIR)/noise/bulk_reporters.txt
	for f in demo/*.mbox; do [ -e "$$f" ] && install -m 644 "$$f" $(DESTDIR)$(DATADIR)/demo/; done; true

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/abusedesk $(DESTDIR)$(MANDIR)/man1/abusedesk.1 \
		$(DESTDIR)$(MANDIR)/man5/abusedesk.conf.5
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build abusedesk

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
