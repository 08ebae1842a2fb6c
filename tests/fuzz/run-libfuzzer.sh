#!/bin/sh
# run-libfuzzer.sh — builds every tests/fuzz/fuzz_NAME.c as a libFuzzer binary
# (clang, -fsanitize=fuzzer,address,undefined) against the project's sources
# and runs each for FUZZ_SECONDS on a copy of tests/fuzz/corpus/NAME/. Called by
# `make fuzz`; the corpora themselves are replayed by `make test` through
# plain builds with tests/fuzz/replay.c. Fails when a harness does not build
# or finds a crash, leak, timeout or sanitizer report; the input that did it
# is left in build-fuzz/crashes/NAME/ (copy it into the corpus as a
# regression test once fixed).
#
# Environment: FUZZ_SECONDS (default 60) per harness; FUZZ_ONLY, a list of
# harness names ("form path") to build and run only those; FUZZ_CC (clang);
# FUZZ_OUT, the build and scratch directory (build-fuzz; give each concurrent
# run its own).
set -eu
cd "$(dirname "$0")/../.."

FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_ONLY=${FUZZ_ONLY:-}
CC=${FUZZ_CC:-clang}
OUT=${FUZZ_OUT:-build-fuzz}
PKGS="libmicrohttpd sqlite3 libsodium jansson libutf8proc libpq"

case $FUZZ_SECONDS in
''|*[!0-9]*) echo "run-libfuzzer: FUZZ_SECONDS must be a number" >&2; exit 2 ;;
esac
command -v "$CC" >/dev/null 2>&1 || {
	echo "run-libfuzzer: $CC not found (apt-get install clang libclang-rt-14-dev)" >&2
	exit 2
}
# shellcheck disable=SC2086
PKG_CFLAGS=$(pkg-config --cflags $PKGS)
# shellcheck disable=SC2086
PKG_LIBS=$(pkg-config --libs $PKGS)

# The Makefile's warnings, but not -Werror: a clang-only warning should not
# stop a fuzzing run. -fno-sanitize-recover makes UBSan findings crashes.
SAN="-fsanitize=address,undefined -fno-sanitize-recover=all"
CFLAGS="-g -O1 -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wshadow \
-Wno-unused-parameter -fno-strict-aliasing $SAN $PKG_CFLAGS -I/usr/include/postgresql -DTMPL_MAX_STEPS=65536"
LIBS="$PKG_LIBS -lpthread -lm"

# 1. The project's sources into one archive: each harness links only what it
# needs from it. The embedded files come from the Makefile's generator.
rm -rf "$OUT/obj"
mkdir -p "$OUT/obj" "$OUT/crashes"
if [ ! -f build/gen/embedded.c ] && [ -f tools/embed.c ]; then
	make --no-print-directory build/gen/embedded.c >/dev/null 2>&1 ||
		echo "run-libfuzzer: could not generate build/gen/embedded.c; going on without it" >&2
fi
srcs=$(ls src/*/*.c)
[ -f build/gen/embedded.c ] && srcs="$srcs build/gen/embedded.c"
failed=""
for c in $srcs; do
	o="$OUT/obj/$(echo "$c" | tr '/' '_' | sed 's/\.c$/.o/')"
	extra=""
	[ "$c" = build/gen/embedded.c ] && extra="-Isrc/util"
	# shellcheck disable=SC2086
	if ! $CC $CFLAGS $extra -fsanitize=fuzzer-no-link -c -o "$o" "$c"; then
		failed="$failed $c"
	fi
done
# A source that does not build fails `make` already; here it only matters
# if a harness needs it, which its link then says.
[ -z "$failed" ] ||
	echo "run-libfuzzer: warning: left out, do not build:$failed" >&2
rm -f "$OUT/librrjeti-fuzz.a"
ar rcs "$OUT/librrjeti-fuzz.a" "$OUT"/obj/*.o

# 2. Each harness: build, then fuzz a scratch copy of its corpus.
status=0
summary=""
for h in tests/fuzz/fuzz_*.c; do
	[ -f "$h" ] || continue
	base=$(basename "$h" .c)
	name=${base#fuzz_}
	if [ -n "$FUZZ_ONLY" ]; then
		case " $FUZZ_ONLY " in
		*" $name "*) ;;
		*) continue ;;
		esac
	fi
	bin="$OUT/$base"
	# shellcheck disable=SC2086
	if ! $CC $CFLAGS -Wno-missing-prototypes -fsanitize=fuzzer \
	    -o "$bin" "$h" "$OUT/librrjeti-fuzz.a" $LIBS; then
		summary="$summary
  $name: does not build"
		status=1
		continue
	fi

	work="$OUT/corpus/$name"
	crashes="$OUT/crashes/$name"
	rm -rf "$work"
	mkdir -p "$work" "$crashes"
	if [ -d "tests/fuzz/corpus/$name" ]; then
		cp -R "tests/fuzz/corpus/$name/." "$work/"
	else
		echo "run-libfuzzer: no tests/fuzz/corpus/$name/: starting empty" >&2
	fi

	echo "run-libfuzzer: $name for ${FUZZ_SECONDS}s"
	log="$OUT/$name.log"
	if "$bin" -max_total_time="$FUZZ_SECONDS" -timeout=10 \
	    -print_final_stats=1 -artifact_prefix="$crashes/" \
	    "$work" >"$log" 2>&1; then
		runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
		summary="$summary
  $name: ok, ${runs:-?} runs, corpus $(find "$work" -type f | wc -l) files"
	else
		tail -n 40 "$log" >&2
		summary="$summary
  $name: FAILED, see $log and $crashes/"
		status=1
	fi
done

echo "run-libfuzzer: summary$summary"
exit $status
