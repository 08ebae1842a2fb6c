#!/bin/sh
# bench/export.sh — the export benchmark of issue 6 (a benchmark, not a
# test: it reports a missed target, it does not fail on it).
#
#   sh bench/export.sh [BUILD_DIR]
#
# Builds bench/export_bench.c against BUILD_DIR/librrjeti.a (build), then
# exports a report table of BENCH_ROWS (100,000) rows as XLSX through
# doc/export.c and, in the same run, writes the same cells straight with
# libxlsxwriter (the ceiling: what the library alone costs), and as CSV.
# Target: XLSX of 100,000 rows <= 5 s. Writes its table into its own
# section of docs/PERFORMANCE.md (between the BEGIN/END markers), leaving
# the rest alone; BENCH_DOC=- writes nothing.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
B=${1:-build}
case $B in /*) ;; *) B=$root/$B ;; esac
ROWS=${BENCH_ROWS:-100000}
DOC=${BENCH_DOC:-$root/docs/PERFORMANCE.md}
TARGET_S=5
BEGIN='<!-- BEGIN bench/export.sh: export -->'
END='<!-- END bench/export.sh: export -->'

[ -f "$B/librrjeti.a" ] || { echo "export: no $B/librrjeti.a (make B=... first)" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rrjeti-bench-export.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
PKGS="libmicrohttpd sqlite3 libsodium jansson libutf8proc libpq libcurl xlsxwriter libzip"
# shellcheck disable=SC2046
cc -O2 -std=c11 -D_GNU_SOURCE $(pkg-config --cflags $PKGS) -o "$tmp/export_bench" \
    "$here/export_bench.c" "$B/librrjeti.a" $(pkg-config --libs $PKGS) -lhpdf -lpthread -lm
"$tmp/export_bench" "$ROWS" > "$tmp/out"
cat "$tmp/out"

xlsx=$(awk '$1 == "export_xlsx" { print $3 }' "$tmp/out")
ceil=$(awk '$1 == "libxlsxwriter" { print $3 }' "$tmp/out")
csv=$(awk '$1 == "export_csv" { print $3 }' "$tmp/out")
xbytes=$(awk '$1 == "export_xlsx" { print $4 }' "$tmp/out")
verdict=$(awk -v x="$xlsx" -v t="$TARGET_S" 'BEGIN { print (x <= t) ? "met" : "MISSED" }')
echo "export: XLSX of $ROWS rows ${xlsx} s (target <= ${TARGET_S} s: $verdict); libxlsxwriter alone ${ceil} s; CSV ${csv} s"

[ "$DOC" = "-" ] && exit 0
section=$(cat <<MD
$BEGIN
## Exports: XLSX of $ROWS rows (issue 6)

\`sh bench/export.sh\` ($(date -u +%Y-%m-%d), $(nproc) CPUs): one report
table of $ROWS rows × 6 columns (text, count, money, share, date, a count
with suppressed cells) through \`export_xlsx()\` (src/doc/export.c,
libxlsxwriter in constant-memory mode to a private temporary file, read
back into the request's arena), beside the ceiling measured in the same
run: the same cells written straight with libxlsxwriter.

| what | time | size |
|---|---|---|
| \`export_xlsx()\` | ${xlsx} s (target ≤ ${TARGET_S} s: $verdict) | ${xbytes} bytes |
| libxlsxwriter alone (ceiling) | ${ceil} s | |
| \`export_csv()\` | ${csv} s | |
$END
MD
)
if grep -q "$BEGIN" "$DOC" 2>/dev/null; then
	awk -v b="$BEGIN" -v e="$END" -v s="$section" '
		$0 == b { print s; skip = 1; next }
		$0 == e { skip = 0; next }
		!skip { print }' "$DOC" > "$tmp/doc" && cat "$tmp/doc" > "$DOC"
else
	printf '\n%s\n' "$section" >> "$DOC"
fi
