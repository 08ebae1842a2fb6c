#!/bin/sh
# bench/cases.sh — the case benchmark of `make bench` (a benchmark, not a
# test: it never fails on a missed target, it reports it).
#
#   sh bench/cases.sh [PATH/TO/rrjeti]
#
# In a temporary data directory: `rrjeti init --demo`, then `rrjeti demo`
# with BENCH_CHILDREN children (1,000,000; timed), `rrjeti serve` on a free
# loopback port and an API token of the supervisor of Tirana (sup.al53, made
# by the generator; the largest caseload) and a session of the same user.
# Then, one request at a time with curl (time_total: the server's time plus
# a loopback round trip), BENCH_N (200) different names / children / cases:
#   name search     GET /api/v1/cases?q=GIVEN FAMILY
#   raw FTS         the trigram MATCH of the same folded words in sqlite3
#                   (.timer on), same run, same database
#   duplicate check POST /api/v1/children/match
#   case page       GET /api/v1/cases/{id} and GET /cases/{id} (HTML)
# and writes the table into its own section of docs/PERFORMANCE.md (between
# the BEGIN/END markers below), leaving the rest of the file alone.
#
# Knobs (environment): BENCH_CHILDREN (1000000), BENCH_N (200), BENCH_THREADS
# (2), BENCH_DOC (docs/PERFORMANCE.md; "-" writes nothing).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
root=$(cd "$here/.." && pwd)
BIN=${1:-$root/build/rrjeti}
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
CHILDREN=${BENCH_CHILDREN:-1000000}
N=${BENCH_N:-200}
THREADS=${BENCH_THREADS:-2}
DOC=${BENCH_DOC:-$root/docs/PERFORMANCE.md}
USER_SUP=sup.al53

# The issue's targets.
GEN_S=60; SEARCH_MS=10; SEARCH_RATIO=3; MATCH_MS=20; PAGE_MS=5

BEGIN='<!-- BEGIN bench/cases.sh: cases -->'
END='<!-- END bench/cases.sh: cases -->'

[ -x "$BIN" ] || die "no rrjeti binary at $BIN (make all first)"
for t in curl sqlite3 awk; do
	command -v "$t" >/dev/null 2>&1 || die "$t not found (make deps)"
done

T=$(mktemp -d "${TMPDIR:-/tmp}/rrjeti-cases.XXXXXX")
srv=""
cleanup() {
	set +e
	[ -n "$srv" ] && kill "$srv" 2>/dev/null && wait "$srv" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- data -----------------------------------------------------------------------

D=$T/data
"$BIN" init --data "$D" --demo >"$T/init.log" 2>&1 ||
	die "rrjeti init failed: $(tail -3 "$T/init.log")"
PW=$(cat "$D/demo-login.txt")
echo "bench: generating $CHILDREN children ..."
load0=$(cut -d' ' -f1 /proc/loadavg)
t0=$(date +%s.%N)
"$BIN" demo --data "$D" --children "$CHILDREN" --seed 1 >"$T/demo.log" 2>&1 ||
	die "rrjeti demo failed: $(tail -3 "$T/demo.log")"
t1=$(date +%s.%N)
gen_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
gen_line=$(tail -1 "$T/demo.log")
# The generator's phases (bulk load, indexes, network, counters) and the
# machine's load (1-minute average) before and after it.
phase_line=$(grep '^  load ' "$T/demo.log" | tail -1 | sed 's/^ *//')
load1=$(cut -d' ' -f1 /proc/loadavg)
echo "bench: $gen_line"
DB=$D/rrjeti.db
events=$(sqlite3 "$DB" "SELECT count(*) FROM case_event")
cases=$(sqlite3 "$DB" "SELECT count(*) FROM case_file")
agency=$(sqlite3 "$DB" "SELECT agency_id FROM user WHERE username = '$USER_SUP'")
unit_cases=$(sqlite3 "$DB" "SELECT count(*) FROM case_file WHERE agency_id = $agency")

# N children of the supervisor's unit, spread over its cases: names (as
# written and folded), the case ids, and the match queries.
sqlite3 -separator '|' "$DB" "SELECT ch.given_name, ch.family_name,
    ch.fold_given, ch.fold_family, c.id, ch.parent_name,
    coalesce(ch.birth_date, ''), ch.sex FROM case_file c
    JOIN child ch ON ch.id = c.child_id WHERE c.agency_id = $agency
    AND c.id % (SELECT max(1, count(*) / $N) FROM case_file
    WHERE agency_id = $agency) = 0 LIMIT $N" >"$T/sample"

# --- the raw FTS query in the sqlite3 shell -------------------------------------

{
	echo ".timer on"
	while IFS='|' read -r g f fg ff id p b s; do
		q=""
		for w in $fg $ff; do
			[ ${#w} -ge 3 ] || continue
			q="$q${q:+ AND }\"$w\""
		done
		echo "SELECT count(*) FROM child_name_fts WHERE child_name_fts MATCH '$q';"
	done <"$T/sample"
} >"$T/raw.sql"
sqlite3 "$DB" <"$T/raw.sql" 2>&1 | awk '/^Run Time/ { print $4 * 1000 }' >"$T/raw.ms"

# --- the server ---------------------------------------------------------------

port=$(free_port $((21000 + $$ % 20000))) || die "no free port"
RRJETI_THREADS=$THREADS "$BIN" serve --data "$D" --listen "127.0.0.1:$port" \
    >"$T/rrjeti.log" 2>&1 &
srv=$!
url="http://127.0.0.1:$port"
i=0
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$url/healthz" || true)" != 000 ]; do
	i=$((i + 1)); [ $i -lt 100 ] || die "rrjeti serve did not start"
	sleep 0.2
done
token=$(curl -s -X POST -H 'Content-Type: application/json' \
    --data "{\"username\":\"$USER_SUP\",\"password\":\"$PW\",\"name\":\"bench\"}" \
    "$url/api/v1/tokens" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
[ -n "$token" ] || die "no API token for $USER_SUP"
cookie=$(curl -s -o /dev/null -D - --data-urlencode "username=$USER_SUP" \
    --data-urlencode "password=$PW" "$url/login" | tr -d '\r' |
    sed -n 's/^[Ss]et-[Cc]ookie: rr_session=\([^;]*\);.*/\1/p')
[ -n "$cookie" ] || die "login failed"

# One curl per request, time in ms; the status must be 200.
timed() {
	out=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' "$@")
	[ "${out%% *}" = 200 ] || { echo "bench: HTTP ${out%% *} for $*" >&2; return 0; }
	echo "${out#* }" | awk '{ printf "%.3f\n", $1 * 1000 }'
}
# A warm-up pass over the same requests (the page cache, the statement
# cache), then the measured pass.
for pass in warm measure; do
	: >"$T/search.ms"; : >"$T/match.ms"; : >"$T/api.ms"; : >"$T/html.ms"
	while IFS='|' read -r g f fg ff id p b s; do
		timed -G -H "Authorization: Bearer $token" \
		    --data-urlencode "q=$g $f" "$url/api/v1/cases" >>"$T/search.ms"
		timed -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
		    --data "{\"given_name\":\"$g\",\"family_name\":\"$f\",\"parent_name\":\"$p\",\"birth_date\":\"$b\",\"sex\":\"$s\"}" \
		    "$url/api/v1/children/match" >>"$T/match.ms"
		timed -H "Authorization: Bearer $token" "$url/api/v1/cases/$id" >>"$T/api.ms"
		timed -H "Cookie: rr_session=$cookie" "$url/cases/$id" >>"$T/html.ms"
	done <"$T/sample"
done

set -- $(stats <"$T/raw.ms"); raw="$1 $2 $3 $4"; raw_p95=$4
row() {	# NAME FILE TARGET_MS [RATIO]
	set -- "$1" "$2" "$3" "${4:-}" $(stats <"$2")
	ratio="-"
	met=yes
	awk -v p="$8" -v t="$3" 'BEGIN { exit !(p > t) }' && met=no
	if [ -n "$4" ]; then
		ratio=$(awk -v a="$8" -v b="$raw_p95" 'BEGIN { if (b > 0) printf "%.1f×", a / b; else print "-" }')
		awk -v a="$8" -v b="$raw_p95" -v r="$4" 'BEGIN { exit !(b > 0 && a / b > r) }' && met=no
	fi
	echo "| $1 | $5 / $6 / $7 | $8 | $ratio | ≤ $3 ms${4:+, ≤ $4× raw} | $met |"
}
gen_met=$(awk -v a="$gen_s" -v t="$GEN_S" 'BEGIN { print a <= t ? "yes" : "no" }')
{
	echo "| Measure | min / median / max (ms) | p95 (ms) | ratio to raw FTS p95 | target | met |"
	echo "|---|---|---|---|---|---|"
	echo "| Raw FTS5 trigram MATCH in sqlite3 (\`.timer on\`, real) | $1 / $2 / $3 | $4 | 1× | (ceiling) | - |"
	row "Name search \`GET /api/v1/cases?q=\` (supervisor)" "$T/search.ms" $SEARCH_MS $SEARCH_RATIO
	row "Duplicate check \`POST /api/v1/children/match\`" "$T/match.ms" $MATCH_MS
	row "Case page \`GET /api/v1/cases/{id}\`" "$T/api.ms" $PAGE_MS
	row "Case page \`GET /cases/{id}\` (HTML)" "$T/html.ms" $PAGE_MS
	echo "| Generating the data set (\`rrjeti demo --children $CHILDREN\`) | $gen_s s | - | - | ≤ $GEN_S s | $gen_met |"
} >"$T/table.md"
echo
cat "$T/table.md"

[ "$DOC" = "-" ] && exit 0
model=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
mem=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
{
	echo "$BEGIN"
	echo "## Cases: search, duplicate check and case page on a national data set"
	echo
	echo "_Generated by \`make bench\` (bench/cases.sh) on $(date -u '+%Y-%m-%d %H:%M UTC'); do not edit by hand._"
	echo
	echo "- Machine: $(nproc) CPUs ($model), $mem, Linux $(uname -r); SQLite $(sqlite3 --version | awk '{ print $1 }')."
	echo "- Data: \`rrjeti demo --children $CHILDREN --seed 1\`: $gen_line"
	echo "  ($cases cases, $events case events; the supervisor's unit, NJMF Tiranë, holds $unit_cases cases)."
	echo "  Phases: ${phase_line:-not reported}; load average $load0 before, $load1 after."
	echo "- Method: $N different children of the unit of \`$USER_SUP\` (supervisor, scope unit)," \
	    "one request at a time with curl on 127.0.0.1 (\`time_total\`: server time plus a" \
	    "loopback round trip), after a warm-up pass over the same requests; rrjeti \`serve\`" \
	    "with $THREADS threads. The name search is the child's given and family name as" \
	    "written; the raw query is the FTS5 trigram MATCH of the same folded words" \
	    "(\`\"word\" AND \"word\"\`, as case_search() builds it) in the sqlite3 shell on the same" \
	    "database in the same run. p95 is the 95th percentile of the $N requests."
	echo
	cat "$T/table.md"
	echo "$END"
} >"$T/section.md"
mkdir -p "$(dirname "$DOC")"
[ -f "$DOC" ] || printf '# Performance\n\nFigures measured by `make bench`; each section is written by its benchmark.\n\n' >"$DOC"
if grep -qF "$BEGIN" "$DOC"; then
	awk -v b="$BEGIN" -v e="$END" -v f="$T/section.md" '
	    $0 == b { while ((getline l < f) > 0) print l; skip = 1; next }
	    $0 == e { skip = 0; next }
	    !skip { print }' "$DOC" >"$T/doc" && cat "$T/doc" >"$DOC"
else
	{ echo; cat "$T/section.md"; } >>"$DOC"
fi
echo "bench: wrote $DOC"
