#!/bin/sh
# make test: build with warnings as errors, run every suite, then the C suites
# again under AddressSanitizer + UndefinedBehaviorSanitizer. Ends with the
# summary line "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
JOBS=$(nproc 2>/dev/null || echo 2)
make -s -j"$JOBS" all tests-bin || { echo "0 passed, 1 failed"; exit 1; }
export RRJETI_SUMMARY_FILE="${TMPDIR:-/tmp}/rrjeti-summary.$$"
: > "$RRJETI_SUMMARY_FILE"
status=0
RRJETI_SUITE=plain sh scripts/run-tests.sh build || status=1

echo "== sanitizer build (ASan + UBSan)"
SAN="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined"
if make -s -j"$JOBS" B=build-asan CFLAGS="$SAN" LDFLAGS="-fsanitize=address,undefined" \
    build-asan/rrjeti tests-bin; then
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	    RRJETI_SUITE=asan sh scripts/run-tests.sh build-asan || status=1
else
	echo "sanitizer build failed"; echo "0 1" >> "$RRJETI_SUMMARY_FILE"; status=1
fi
passed=$(awk '{p+=$1} END {print p+0}' "$RRJETI_SUMMARY_FILE")
failed=$(awk '{f+=$2} END {print f+0}' "$RRJETI_SUMMARY_FILE")
rm -f "$RRJETI_SUMMARY_FILE"
[ "$failed" -eq 0 ] || status=1
echo "$passed passed, $failed failed"
exit $status
