#!/bin/sh
# The database restarting under load: two nodes behind nginx (as
# two_nodes.sh) on a throw-away PostgreSQL (scripts/pg.sh, with
# RRJETI_PG_DURABLE=1: a commit is acknowledged when its WAL is written),
# a write load of LOAD_CLIENTS clients creating intake reports through the
# API for LOAD_SECONDS seconds (tests/nodes/load.mjs), and in the middle
# PostgreSQL stopped twice: `pg_ctl stop -m fast` (sessions ended, clean
# shutdown), then `-m immediate` (a crash: recovery on start), each for a
# few seconds. Then:
#   - every answer was 201, or 503 with Retry-After; never a 500, a 502 or
#     another status, never a request longer than MAX_MS;
#   - there were 503s (the outage was seen) and 201s after the restarts;
#   - both nodes answer again by themselves (no restart of rrjeti);
#   - every acknowledged report (201 with its id) is in the database, whole
#     (with its concern), and the audit chain verifies.
# Prints "nodes: pg_restart: N passed, M failed" (one check each).
#
#   RRJETI_BIN=build/rrjeti sh tests/nodes/pg_restart.sh
set -u
cd "$(dirname "$0")/../.." || exit 1
ROOT=$PWD
. "$ROOT/tests/nodes/lib.sh"
RRJETI_PG_DURABLE=1
export RRJETI_PG_DURABLE
nodes_begin "$ROOT/tests/nodes/pg_restart.sh" nginx node psql

LOAD_SECONDS=${LOAD_SECONDS:-20}
LOAD_CLIENTS=${LOAD_CLIENTS:-6}
MAX_MS=${MAX_MS:-6000}
PG="psql $RRJETI_TEST_PG -qAtX -v ON_ERROR_STOP=1"

passed=0
failed=0
check() {	# description, then the condition's exit status in $?
	if [ "$1" -eq 0 ]; then
		passed=$((passed + 1))
		echo "ok - $2"
	else
		failed=$((failed + 1))
		echo "FAIL - $2"
	fi
}

nodes_two

export RRJETI_URL="http://127.0.0.1:$PN" RRJETI_PASSWORD="$PASSWORD" \
    RRJETI_BIN="$BIN" NODE_NO_WARNINGS=1
creds=$(node "$ROOT/tests/nodes/probe.mjs" login) || nodes_fail "probe login failed"
# A page, a form, an API read and /healthz while the database is down.
probe() {
	sleep 1
	node "$ROOT/tests/nodes/probe.mjs" probe "$creds" | sed "s/^/$1 /" \
	    >>"$TMP/probes"
}
before=$($PG -c "SELECT count(*) FROM report")
LOAD_SECONDS=$LOAD_SECONDS \
    LOAD_CLIENTS=$LOAD_CLIENTS OUT="$TMP/load" \
    NODES="http://127.0.0.1:$P1 http://127.0.0.1:$P2" \
    node "$ROOT/tests/nodes/load.mjs" >"$TMP/load.out" 2>&1 &
load=$!

# The outages, at about a quarter and at about 60 % of the load (the load
# starts after its tokens are made: wait for its first requests).
i=0
while [ ! -s "$TMP/load.out" ] && [ $i -lt 50 ] &&
    [ "$($PG -c "SELECT count(*) FROM report")" -eq "$before" ]; do
	sleep 0.1
	i=$((i + 1))
done
third=$((LOAD_SECONDS / 4))
sleep "$third"
echo "nodes: PostgreSQL stop -m fast"
sh "$ROOT/scripts/pg.sh" ctl stop fast || echo "nodes: pg_ctl stop fast failed"
probe fast
sleep 2
sh "$ROOT/scripts/pg.sh" ctl start || echo "nodes: pg_ctl start failed"
echo "nodes: PostgreSQL started again"
sleep "$third"
echo "nodes: PostgreSQL stop -m immediate"
sh "$ROOT/scripts/pg.sh" ctl stop immediate || echo "nodes: pg_ctl stop immediate failed"
probe immediate
sleep 2
sh "$ROOT/scripts/pg.sh" ctl start || echo "nodes: pg_ctl start failed"
echo "nodes: PostgreSQL started again (after crash recovery)"
wait "$load"
check $? "the load ran"
cat "$TMP/load.out"

echo "nodes: while down (outage, what, status, Retry-After, ms):"
cat "$TMP/probes"
# /healthz says 503 too (nginx and monitoring see the database gone);
# everything else: 503 with Retry-After, not a redirect to the login page.
n=$(awk '$3 == 503 && $4 ~ /^[0-9]+$/ && $5 < 6000' "$TMP/probes" | wc -l)
[ "$n" -eq 10 ]
check $? "while down, a page, the home page, a form, an API read and /healthz answer 503 with Retry-After at once ($n of 10)"

L=$TMP/load
[ -s "$L" ]
check $? "requests were made"
bad=$(awk '$2 != 201 && $2 != 503' "$L" | wc -l)
[ "$bad" -eq 0 ]
check $? "every answer 201 or 503 ($bad others: $(awk '$2 != 201 && $2 != 503 { print $2 }' "$L" | sort | uniq -c | tr '\n' ' '))"
noretry=$(awk '$2 == 503 && $4 !~ /^[0-9]+$/' "$L" | wc -l)
[ "$noretry" -eq 0 ]
check $? "every 503 with one Retry-After of seconds ($noretry without)"
n503=$(awk '$2 == 503' "$L" | wc -l)
[ "$n503" -gt 0 ]
check $? "the outages were seen: $n503 answers 503"
slow=$(awk -v m="$MAX_MS" '$3 > m' "$L" | wc -l)
maxms=$(awk 'BEGIN { m = 0 } $3 > m { m = $3 } END { print m }' "$L")
[ "$slow" -eq 0 ]
check $? "no request over $MAX_MS ms (the longest $maxms ms)"
last503=$(awk '$2 == 503 { t = $1 } END { print t + 0 }' "$L")
after=$(awk -v t="$last503" '$2 == 201 && $1 > t' "$L" | wc -l)
[ "$after" -gt 0 ]
check $? "writes acknowledged after the last outage: $after"
grep -q "NOT BACK" "$TMP/load.out"
[ $? -ne 0 ]
check $? "both nodes answer again by themselves"
for p in $NODE_PIDS; do
	kill -0 "$p" 2>/dev/null
	check $? "node (pid $p) still running"
done

acked=$(wc -l <"$L.ids" | tr -d ' ')
$PG -c "CREATE TEMP TABLE acked (id bigint)" \
    -c "\\copy acked FROM '$L.ids'" \
    -c "SELECT count(*) FROM acked a WHERE NOT EXISTS (SELECT 1 FROM report r WHERE r.id = a.id)" \
    -c "SELECT count(*) FROM acked a WHERE NOT EXISTS (SELECT 1 FROM report_concern c WHERE c.report_id = a.id)" \
    >"$TMP/missing" 2>&1
set -- $(cat "$TMP/missing")
[ "$#" -eq 2 ] && [ "$1" = 0 ] && [ "$2" = 0 ]
check $? "every acknowledged report is in the database with its concern ($acked acknowledged; missing: $(cat "$TMP/missing" | tr '\n' ' '))"
total=$($PG -c "SELECT count(*) FROM report")
[ $((total - before)) -ge "$acked" ]
check $? "reports written $((total - before)) >= acknowledged $acked"
"$BIN" audit verify --data "$TMP/data" >"$TMP/verify" 2>&1
check $? "the audit chain verifies: $(tail -1 "$TMP/verify")"
n=$(cat "$TMP"/node*.log | grep -c "reconnected to PostgreSQL")
echo "nodes: the nodes' logs: $n reconnections"
if [ "$failed" -ne 0 ]; then
	echo "--- node logs (tail)"
	for f in "$TMP"/node*.log; do echo "$f:"; tail -n 15 "$f"; done
	echo "--- the slowest and the failed requests"
	sort -k3 -n -r "$L" | head -5
	awk '$2 != 201 && $2 != 503' "$L" | head -10
	head -10 "$L.odd"
fi
echo "nodes: pg_restart: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
