# Rrjeti — plain Makefile with pkg-config. Targets: all run test bench fuzz clean.
# `make run` and `make test` first run scripts/install-deps.sh (idempotent).

CC	?= cc
PKGS	 = libmicrohttpd sqlite3 libsodium jansson libutf8proc libpq libcurl xlsxwriter libzip expat
CFLAGS	?= -O2 -g
override CFLAGS += -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
	   -Wmissing-prototypes -Wno-unused-parameter -fno-strict-aliasing \
	   $(shell pkg-config --cflags $(PKGS) 2>/dev/null) -I/usr/include/postgresql
LDLIBS	+= $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lhpdf -lpthread -lm

B	?= build
LIBSRC	 = $(sort $(wildcard src/*/*.c))
LIBOBJ	 = $(LIBSRC:%.c=$(B)/%.o) $(B)/gen/embedded.o
EMBED	 = $(sort $(wildcard templates/*.html po/*.po assets/* data/*.csv src/store/migrations/*/*.sql))
TESTSRC	 = $(sort $(wildcard tests/unit/test_*.c))
TESTBIN	 = $(TESTSRC:tests/unit/%.c=$(B)/tests/%)
FUZZSRC	 = $(sort $(wildcard tests/fuzz/fuzz_*.c))

DATA	?= var/demo
LISTEN	?= 127.0.0.1:8080

.PHONY: all deps run test test-only check-asan bench fuzz clean
all: $(B)/rrjeti

deps:
	@sh scripts/install-deps.sh

$(B)/tools/embed: tools/embed.c
	@mkdir -p $(@D)
	$(CC) -O1 -o $@ $<

$(B)/gen/embedded.c: $(B)/tools/embed $(EMBED)
	@mkdir -p $(@D)
	$(B)/tools/embed $@ $(EMBED)

$(B)/gen/embedded.o: $(B)/gen/embedded.c
	$(CC) $(CFLAGS) -Isrc/util -c -o $@ $<

$(B)/src/%.o: src/%.c $(wildcard src/*/*.h src/*/*.inc)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c -o $@ $<

$(B)/librrjeti.a: $(LIBOBJ)
	rm -f $@; ar rcs $@ $^

$(B)/rrjeti: src/main.c $(B)/librrjeti.a
	$(CC) $(CFLAGS) -o $@ src/main.c $(B)/librrjeti.a $(LDFLAGS) $(LDLIBS)

$(B)/tests/%: tests/unit/%.c tests/unit/testutil.h $(B)/librrjeti.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -Wno-missing-prototypes -o $@ $< $(B)/librrjeti.a $(LDFLAGS) $(LDLIBS) -lcmocka

# Fuzz corpora replayed by plain gcc builds of the harnesses (tests/fuzz/replay.c).
$(B)/fuzz/%: tests/fuzz/%.c tests/fuzz/replay.c $(B)/librrjeti.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -Wno-missing-prototypes -o $@ $< tests/fuzz/replay.c $(B)/librrjeti.a $(LDFLAGS) $(LDLIBS)

tests-bin: $(TESTBIN) $(FUZZSRC:tests/fuzz/%.c=$(B)/fuzz/%)

run: deps
	@$(MAKE) --no-print-directory all
	@sh scripts/run-demo.sh $(B)/rrjeti $(DATA) $(LISTEN)

test: deps
	@sh scripts/test.sh

# The suite without the install step (used by scripts/test.sh and by hand).
test-only: all tests-bin
	@sh scripts/run-tests.sh $(B)

bench: deps all
	@sh bench/run.sh $(B)/rrjeti
	@sh bench/cases.sh $(B)/rrjeti
	@sh bench/indicators.sh $(B)/rrjeti
	@sh bench/export.sh $(B)
	@sh bench/work.sh $(B)/rrjeti
	@sh bench/import.sh $(B)/rrjeti
	@sh bench/pg.sh $(B)/rrjeti

fuzz: deps
	@sh tests/fuzz/run-libfuzzer.sh

clean:
	rm -rf build build-asan build-fuzz
