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
# Then through HTTP: in a temporary installation (`rrjeti init --demo`)
# an agency with BENCH_ROWS users, `rrjeti serve`, and BENCH_N (3)
# requests one at a time with curl, after a warm-up, of GET
# /admin/users/export?agency=ID&format=xlsx as the system administrator
# (web/export.c: the users service page by page, the table, the XLSX,
# the audit row): time_total, min / median / max, and the load average.
# Target: XLSX of 100,000 rows <= 5 s. Writes its table into its own
# section of docs/PERFORMANCE.md (between the BEGIN/END markers), leaving
# the rest alone; BENCH_DOC=- writes nothing.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
root=$(cd "$here/.." && pwd)
B=${1:-build}
case $B in /*) ;; *) B=$root/$B ;; esac
ROWS=${BENCH_ROWS:-100000}
N=${BENCH_N:-3}
DOC=${BENCH_DOC:-$root/docs/PERFORMANCE.md}
TARGET_S=5
BEGIN='<!-- BEGIN bench/export.sh: export -->'
END='<!-- END bench/export.sh: export -->'

[ -f "$B/librrjeti.a" ] || { echo "export: no $B/librrjeti.a (make B=... first)" >&2; exit 1; }
for t in curl sqlite3 awk; do
	command -v "$t" >/dev/null 2>&1 || die "$t not found (make deps)"
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rrjeti-bench-export.XXXXXX")
srv=""
cleanup() {
	set +e
	[ -n "$srv" ] && kill "$srv" 2>/dev/null && wait "$srv" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
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

# --- through HTTP ---------------------------------------------------------------

D=$tmp/data
RRJETI_FAST_HASH=1 "$B/rrjeti" init --data "$D" --demo >"$tmp/init.log" 2>&1 ||
	die "rrjeti init failed: $(tail -3 "$tmp/init.log")"
PW=$(head -n 1 "$D/demo-login.txt")
sqlite3 "$D/rrjeti.db" "UPDATE user SET must_change_pw = 0 WHERE username = 'admin';
INSERT INTO agency (code, name, type, country, created_at)
    VALUES ('BENCH-LONG', 'Bench: a long list', 'ministry', 'XK', 1);
WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < $ROWS)
INSERT INTO user (username, full_name, pw_hash, role, scope, agency_id, active,
    created_at, pw_changed_at)
SELECT printf('bx%06d', i), 'Bench user ' || i, 'x', 'caseworker', 'own',
    (SELECT id FROM agency WHERE code = 'BENCH-LONG'), 0, 1, 1 FROM k;"
agency=$(sqlite3 "$D/rrjeti.db" "SELECT id FROM agency WHERE code = 'BENCH-LONG'")
port=$(free_port $((24000 + $$ % 20000))) || die "no free port"
"$B/rrjeti" serve --data "$D" --listen "127.0.0.1:$port" >"$tmp/serve.log" 2>&1 &
srv=$!
url="http://127.0.0.1:$port"
i=0
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$url/healthz" || true)" != 000 ]; do
	i=$((i + 1)); [ $i -lt 100 ] || die "rrjeti serve did not start"
	sleep 0.2
done
cookie=$(curl -s -o /dev/null -D - --data-urlencode "username=admin" \
    --data-urlencode "password=$PW" "$url/login" | tr -d '\r' |
    sed -n 's/^[Ss]et-[Cc]ookie: rr_session=\([^;]*\);.*/\1/p')
[ -n "$cookie" ] || die "login failed"
get() {	# prints "status seconds bytes"
	curl -s -o "$tmp/http.xlsx" -w '%{http_code} %{time_total} %{size_download}' \
	    -H "Cookie: rr_session=$cookie" \
	    "$url/admin/users/export?agency=$agency&format=xlsx"
}
get >/dev/null
load_before=$(uptime | sed 's/.*load average: //')
: >"$tmp/http.s"
i=0
while [ $i -lt "$N" ]; do
	out=$(get)
	set -- $out
	[ "$1" = 200 ] || die "HTTP $1 for the export of $ROWS rows"
	echo "$2" >>"$tmp/http.s"
	hbytes=$3
	i=$((i + 1))
done
load_after=$(uptime | sed 's/.*load average: //')
hrows=$(unzip -p "$tmp/http.xlsx" xl/worksheets/sheet1.xml | grep -o '<row ' | wc -l)
set -- $(awk '{ print $1 * 1000 }' "$tmp/http.s" | stats)
hmin=$(awk -v v="$1" 'BEGIN { printf "%.2f", v / 1000 }')
hmed=$(awk -v v="$2" 'BEGIN { printf "%.2f", v / 1000 }')
hmax=$(awk -v v="$3" 'BEGIN { printf "%.2f", v / 1000 }')
hverdict=$(awk -v x="$hmax" -v t="$TARGET_S" 'BEGIN { print (x <= t) ? "met" : "MISSED" }')
echo "export: HTTP XLSX of $ROWS users: min $hmin / median $hmed / max $hmax s ($N requests; $hrows sheet rows, $hbytes bytes; target <= ${TARGET_S} s at max: $hverdict); load average before $load_before, after $load_after"

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
| HTTP: \`GET /admin/users/export?agency=…&format=xlsx\`, $ROWS rows (min / median / max of $N) | ${hmin} / ${hmed} / ${hmax} s (target ≤ ${TARGET_S} s at max: $hverdict) | ${hbytes} bytes |

Through HTTP: a temporary installation with an agency of $ROWS users, the
system administrator's export of its users as XLSX (web/export.c: the
users service page by page (500 a page), the table, the XLSX, the audit
row), curl's time_total, $N requests one at a time after a warm-up; load
average before: $load_before; after: $load_after.
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
