#!/bin/sh
# bench/work.sh — the inbox and "my work" benchmark of `make bench` (a
# benchmark, not a test: it never fails on a missed target, it reports it).
#
#   sh bench/work.sh [PATH/TO/rrjeti]
#
# In a temporary data directory: `rrjeti init --demo`, `rrjeti demo` with
# BENCH_CHILDREN children (1,000,000), then a worker with BENCH_OPEN (300)
# open cases: the caseworker of the national data set with the most open
# cases, given more open cases of the same unit (SQL) until they hold 300,
# and an inbox of BENCH_NOTES (600) notifications (a third unread) among
# BENCH_ALL_NOTES (500,000) notifications of all users. `rrjeti serve` on a
# free loopback port, a session and an API token of that worker; then, one
# request at a time with curl, BENCH_N (200) times each:
#   GET /inbox, GET /api/v1/inbox      the inbox (HTML and JSON)
#   GET /work, GET /api/v1/work        "my work" (HTML and JSON)
# beside the raw SQL of the same queries in the sqlite3 shell (.timer on):
# the inbox page and the unread count (the badge of every page), and the
# deadlines of "my work". Writes its own section of docs/PERFORMANCE.md
# (between the BEGIN/END markers below), leaving the rest of the file alone.
#
# Knobs (environment): BENCH_CHILDREN (1000000), BENCH_N (200), BENCH_OPEN
# (300), BENCH_NOTES (600), BENCH_ALL_NOTES (500000), BENCH_THREADS (2),
# BENCH_DOC (docs/PERFORMANCE.md; "-" writes nothing), BENCH_DATA (a data
# directory made by an earlier run with BENCH_KEEP=1: reused, no generation).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
root=$(cd "$here/.." && pwd)
BIN=${1:-$root/build/rrjeti}
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
CHILDREN=${BENCH_CHILDREN:-1000000}
N=${BENCH_N:-200}
OPEN=${BENCH_OPEN:-300}
NOTES=${BENCH_NOTES:-600}
ALL_NOTES=${BENCH_ALL_NOTES:-500000}
THREADS=${BENCH_THREADS:-2}
DOC=${BENCH_DOC:-$root/docs/PERFORMANCE.md}
TARGET_MS=10

BEGIN='<!-- BEGIN bench/work.sh: inbox and my work -->'
END='<!-- END bench/work.sh: inbox and my work -->'

[ -x "$BIN" ] || die "no rrjeti binary at $BIN (make all first)"
for t in curl sqlite3 awk; do
	command -v "$t" >/dev/null 2>&1 || die "$t not found (make deps)"
done

T=$(mktemp -d "${TMPDIR:-/tmp}/rrjeti-work.XXXXXX")
srv=""
cleanup() {
	set +e
	[ -n "$srv" ] && kill "$srv" 2>/dev/null && wait "$srv" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- data -----------------------------------------------------------------------

if [ -n "${BENCH_DATA:-}" ]; then
	D=$BENCH_DATA
else
	D=${BENCH_KEEP:+$root/var/bench-work}
	D=${D:-$T/data}
	rm -rf "$D"; mkdir -p "$(dirname "$D")"
	"$BIN" init --data "$D" --demo >"$T/init.log" 2>&1 ||
		die "rrjeti init failed: $(tail -3 "$T/init.log")"
	echo "bench: generating $CHILDREN children ..."
	"$BIN" demo --data "$D" --children "$CHILDREN" --seed 1 >"$T/demo.log" 2>&1 ||
		die "rrjeti demo failed: $(tail -3 "$T/demo.log")"
	tail -1 "$T/demo.log"
fi
PW=$(cat "$D/demo-login.txt")
DB=$D/rrjeti.db
OPEN_SQL="status NOT IN ('closed', 'transferred')"

# A caseworker of the largest unit (the most open cases: the hardest case
# for the queries), the one with the most open deadline steps, given more
# open cases of the unit (those with open steps first) or relieved of some
# (to a colleague; those without open steps first) until they hold OPEN.
big=$(sqlite3 "$DB" "SELECT agency_id FROM case_file WHERE $OPEN_SQL
    GROUP BY agency_id ORDER BY count(*) DESC LIMIT 1")
STEP="EXISTS (SELECT 1 FROM deadline d WHERE d.case_id = case_file.id AND d.done_at IS NULL)"
W=$(sqlite3 "$DB" "SELECT c.worker_id FROM case_file c JOIN user u ON u.id = c.worker_id
    JOIN deadline d ON d.case_id = c.id AND d.done_at IS NULL
    WHERE u.role = 'caseworker' AND u.active = 1 AND u.agency_id = $big AND c.$OPEN_SQL
    GROUP BY c.worker_id ORDER BY count(*) DESC, c.worker_id LIMIT 1")
[ -n "$W" ] || die "no caseworker with open cases"
WU=$(sqlite3 "$DB" "SELECT username FROM user WHERE id = $W")
have=$(sqlite3 "$DB" "SELECT count(*) FROM case_file WHERE worker_id = $W AND $OPEN_SQL")
if [ "$have" -lt "$OPEN" ]; then
	sqlite3 "$DB" "UPDATE case_file SET worker_id = $W WHERE id IN (SELECT id FROM case_file
	    WHERE agency_id = $big AND $OPEN_SQL AND coalesce(worker_id, 0) <> $W
	    ORDER BY $STEP DESC, id DESC LIMIT $((OPEN - have)))"
elif [ "$have" -gt "$OPEN" ]; then
	sqlite3 "$DB" "UPDATE case_file SET worker_id = (SELECT id FROM user
	    WHERE agency_id = $big AND role = 'caseworker' AND id <> $W ORDER BY id LIMIT 1)
	    WHERE id IN (SELECT id FROM case_file WHERE worker_id = $W AND $OPEN_SQL
	    ORDER BY $STEP, id LIMIT $((have - OPEN)))"
fi
open=$(sqlite3 "$DB" "SELECT count(*) FROM case_file WHERE worker_id = $W AND $OPEN_SQL")
steps=$(sqlite3 "$DB" "SELECT count(*) FROM deadline d JOIN case_file c ON c.id = d.case_id
    WHERE c.worker_id = $W AND d.done_at IS NULL")
# Notifications: the worker's (a third unread, over the last 90 days) and
# everybody's (spread over all users), made once.
if [ "$(sqlite3 "$DB" "SELECT count(*) FROM notification")" -lt "$ALL_NOTES" ]; then
	sqlite3 "$DB" "
	    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $ALL_NOTES),
	    u AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k, count(*) OVER () AS nu FROM user)
	    INSERT INTO notification (user_id, kind, object_type, object_id, link, created_at, read_at)
	    SELECT u.id, 'task_due', 'conference_task', n.i, '/work',
	        strftime('%s') - n.i * 17, CASE WHEN n.i % 3 THEN strftime('%s') + 0 END
	    FROM n JOIN u ON u.k = n.i % u.nu;"
fi
if [ "$(sqlite3 "$DB" "SELECT count(*) FROM notification WHERE user_id = $W")" -lt "$NOTES" ]; then
	sqlite3 "$DB" "
	    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $NOTES)
	    INSERT INTO notification (user_id, kind, object_type, object_id, link, created_at, read_at)
	    SELECT $W, CASE i % 3 WHEN 0 THEN 'meeting_invited' WHEN 1 THEN 'task_assigned' ELSE 'task_due' END,
	        'conference_task', i, '/work', strftime('%s') - i * 12960,
	        CASE WHEN i % 3 THEN strftime('%s') + 0 END FROM n;
	    ANALYZE;"
fi
notes=$(sqlite3 "$DB" "SELECT count(*) FROM notification WHERE user_id = $W")
unread=$(sqlite3 "$DB" "SELECT count(*) FROM notification WHERE user_id = $W AND read_at IS NULL")
all_notes=$(sqlite3 "$DB" "SELECT count(*) FROM notification")
cases=$(sqlite3 "$DB" "SELECT count(*) FROM case_file")
unit_open=$(sqlite3 "$DB" "SELECT count(*) FROM case_file WHERE agency_id = $big AND $OPEN_SQL")

# --- the raw SQL in the sqlite3 shell -------------------------------------------

now=$(date +%s)
raw() {	# FILE SQL: N timed runs
	{
		echo ".timer on"
		i=0
		while [ $i -lt "$N" ]; do echo "$2"; i=$((i + 1)); done
	} >"$T/raw.sql"
	sqlite3 "$DB" <"$T/raw.sql" 2>&1 | awk '/^Run Time/ { print $4 * 1000 }' >"$1"
}
raw "$T/raw_count.ms" "SELECT count(*) FROM notification WHERE user_id = $W AND read_at IS NULL;"
raw "$T/raw_inbox.ms" "SELECT id, kind, object_type, object_id, link, created_at, coalesce(read_at, 0)
    FROM notification WHERE user_id = $W ORDER BY read_at IS NOT NULL, created_at DESC, id DESC
    LIMIT 51 OFFSET 0;"
# Q_DL_WORK_OWN of sql_sqlite_deadlines.inc with the worker's scope (own
# agency, own cases or the team's unrestricted ones; not a unit supervisor).
WA=$(sqlite3 "$DB" "SELECT agency_id FROM user WHERE id = $W")
WT=$(sqlite3 "$DB" "SELECT coalesce(team_id, 'NULL') FROM user WHERE id = $W")
raw "$T/raw_work.ms" "SELECT d.case_id, c.number, ch.given_name, ch.family_name, coalesce(c.risk, ''),
    coalesce(w.full_name, ''), coalesce(c.worker_id, 0), d.step, d.due_at, coalesce(d.escalated_at, 0)
    FROM deadline d JOIN case_file c ON c.id = d.case_id JOIN child ch ON ch.id = c.child_id
    LEFT JOIN user w ON w.id = c.worker_id WHERE c.agency_id = $WA AND (0 = 1 OR c.worker_id = $W
    OR (c.restricted = 0 AND $WT IS NOT NULL AND c.team_id = $WT))
    AND c.status NOT IN ('closed', 'transferred') AND d.done_at IS NULL AND d.due_at IS NOT NULL
    AND (c.worker_id = $W OR (0 = 1 AND d.due_at <= $now)) AND c.worker_id = $W
    ORDER BY d.due_at, d.id LIMIT 500;"

# --- the server ---------------------------------------------------------------

port=$(free_port $((23000 + $$ % 20000))) || die "no free port"
RRJETI_THREADS=$THREADS RRJETI_SCAN_INTERVAL=0 "$BIN" serve --data "$D" \
    --listen "127.0.0.1:$port" >"$T/rrjeti.log" 2>&1 &
srv=$!
url="http://127.0.0.1:$port"
i=0
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$url/healthz" || true)" != 000 ]; do
	i=$((i + 1)); [ $i -lt 100 ] || die "rrjeti serve did not start"
	sleep 0.2
done
token=$(curl -s -X POST -H 'Content-Type: application/json' \
    --data "{\"username\":\"$WU\",\"password\":\"$PW\",\"name\":\"bench\"}" \
    "$url/api/v1/tokens" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
[ -n "$token" ] || die "no API token for $WU"
cookie=$(curl -s -o /dev/null -D - --data-urlencode "username=$WU" \
    --data-urlencode "password=$PW" "$url/login" | tr -d '\r' |
    sed -n 's/^[Ss]et-[Cc]ookie: rr_session=\([^;]*\);.*/\1/p')
[ -n "$cookie" ] || die "login failed"

timed() {
	out=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' "$@")
	[ "${out%% *}" = 200 ] || { echo "bench: HTTP ${out%% *} for $*" >&2; return 0; }
	echo "${out#* }" | awk '{ printf "%.3f\n", $1 * 1000 }'
}
items=$(curl -s -H "Authorization: Bearer $token" "$url/api/v1/work" | grep -o '"case_id"' | wc -l)
# CPU seconds (user + system) the server has used so far, in ms.
cpu_ms() {
	awk -v hz="$(getconf CLK_TCK)" '{ printf "%.0f\n", ($14 + $15) * 1000 / hz }' "/proc/$srv/stat"
}
# Each target N times in a row (warm-up pass, then measured), with the
# server's CPU time per request beside the wall-clock time: the machine may
# be busy with other work, which the wall clock shows and the CPU time not.
run_target() {	# NAME then curl arguments
	name=$1; shift
	for pass in warm measure; do
		: >"$T/$name.ms"
		c0=$(cpu_ms)
		i=0
		while [ $i -lt "$N" ]; do
			timed "$@" >>"$T/$name.ms"
			i=$((i + 1))
		done
		c1=$(cpu_ms)
	done
	awk -v a="$c0" -v b="$c1" -v n="$N" 'BEGIN { printf "%.2f\n", (b - a) / n }' >"$T/$name.cpu"
}
load=$(cut -d' ' -f1-3 /proc/loadavg)
run_target inbox -H "Cookie: rr_session=$cookie" "$url/inbox"
run_target api_inbox -H "Authorization: Bearer $token" "$url/api/v1/inbox"
run_target work -H "Cookie: rr_session=$cookie" "$url/work"
run_target api_work -H "Authorization: Bearer $token" "$url/api/v1/work"
load="$load → $(cut -d' ' -f1-3 /proc/loadavg)"

row() {	# NAME FILE [TARGET_MS]
	name=$1 file=$2 target=${3:-}
	set -- $(stats <"$file")
	met="-" cpu="-" goal="-"
	[ -f "${file%.ms}.cpu" ] && cpu=$(cat "${file%.ms}.cpu")
	if [ -n "$target" ]; then
		goal="≤ $target ms"
		met=yes
		awk -v p="$4" -v t="$target" 'BEGIN { exit !(p > t) }' && met=no
	fi
	echo "| $name | $1 / $2 / $3 | $4 | $cpu | $goal | $met |"
}
{
	echo "| Measure | min / median / max (ms) | p95 (ms) | server CPU per request (ms) | target (p95) | met |"
	echo "|---|---|---|---|---|---|"
	row "Raw SQL: the unread count (the header badge)" "$T/raw_count.ms"
	row "Raw SQL: one inbox page (51 rows)" "$T/raw_inbox.ms"
	row "Raw SQL: the open deadlines of \"my work\"" "$T/raw_work.ms"
	row "Inbox \`GET /inbox\` (HTML)" "$T/inbox.ms" $TARGET_MS
	row "Inbox \`GET /api/v1/inbox\`" "$T/api_inbox.ms" $TARGET_MS
	row "My work \`GET /work\` (HTML)" "$T/work.ms" $TARGET_MS
	row "My work \`GET /api/v1/work\`" "$T/api_work.ms" $TARGET_MS
} >"$T/table.md"
echo
cat "$T/table.md"

[ "$DOC" = "-" ] && exit 0
model=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
mem=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
{
	echo "$BEGIN"
	echo "## Inbox and \"my work\" of a worker with $OPEN open cases"
	echo
	echo "_Generated by \`make bench\` (bench/work.sh) on $(date -u '+%Y-%m-%d %H:%M UTC'); do not edit by hand._"
	echo
	echo "- Machine: $(nproc) CPUs ($model), $mem, Linux $(uname -r); SQLite $(sqlite3 --version | awk '{ print $1 }')."
	echo "- Data: \`rrjeti demo --children $CHILDREN --seed 1\` ($cases cases); the caseworker" \
	    "\`$WU\` of the largest unit ($unit_open open cases) given or relieved of open cases of" \
	    "the unit until they hold $open ($steps open deadline" \
	    "steps; \"my work\" lists $items), $notes notifications of theirs ($unread unread) among" \
	    "$all_notes of all users."
	echo "- Method: $N requests of each, one at a time with curl on 127.0.0.1 (\`time_total\`:" \
	    "server time plus a loopback round trip), after a warm-up pass; rrjeti \`serve\` with" \
	    "$THREADS threads. Server CPU per request: the user + system time of the server" \
	    "process (/proc) over the $N requests, divided by $N; it does not grow when other" \
	    "programs share the machine, the wall-clock times do (load average during the" \
	    "run: $load). Raw SQL: the same statements in the sqlite3 shell (\`.timer on\`," \
	    "real, 1 ms resolution), $N runs each, same database, same run. p95 is the 95th" \
	    "percentile."
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
