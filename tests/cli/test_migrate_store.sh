#!/bin/sh
# test_migrate_store.sh — `rrjeti migrate-store`: an SQLite installation
# (init --demo, and a small `rrjeti demo`) copied into PostgreSQL. Refused
# first, each leaving the target as it was: usage, a URL that is not
# PostgreSQL, a malformed one, an unreachable server, a source at an older
# and at a newer schema version, a source whose audit chain is broken, an
# installation that already uses PostgreSQL, a target at another version,
# a target that is not empty, and an error in the middle of the copy (the
# transaction rolls back: no table has rows). Then the copy itself: every
# table of the SQLite schema (read here with sqlite3, independently of the
# command) has the same row count in PostgreSQL, the ids go on past the
# highest (a user added), the audit chain verifies, and `rrjeti serve` on
# PostgreSQL logs in a demo user and shows a copied case. Last, two
# servers on that database: each scheduled job runs on one of them, and
# when that one stops the other takes it over.
#
# Run under scripts/pg.sh (RRJETI_TEST_PG); needs sqlite3, psql and curl.
# Ends with "migrate-store: N passed, N failed"; exit 77 when it cannot run.
# shellcheck disable=SC2015
set -u

BIN=${RRJETI_BIN:-build/rrjeti}
case $BIN in /*) ;; *) BIN="$PWD/$BIN" ;; esac
export RRJETI_FAST_HASH=1
unset RRJETI_DATABASE RRJETI_LISTEN RRJETI_THREADS

PG=${RRJETI_TEST_PG:-}
if [ -z "$PG" ]; then
	echo "skipped: migrate-store: no RRJETI_TEST_PG (run under scripts/pg.sh)"
	exit 77
fi
for tool in sqlite3 psql curl; do
	command -v $tool >/dev/null 2>&1 || {
		echo "skipped: migrate-store: no $tool"
		exit 77
	}
done

T=$(mktemp -d "${TMPDIR:-/tmp}/rrjeti-ms.XXXXXX") || exit 2
SPID=
SPID2=
cleanup() {
	[ -n "$SPID" ] && kill "$SPID" 2>/dev/null
	[ -n "$SPID2" ] && kill "$SPID2" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 2' INT TERM
OUT="$T/out"
pass=0
fail=0

ok() {
	pass=$((pass + 1))
	echo "ok - $1"
}

bad() {
	fail=$((fail + 1))
	echo "FAIL - $1"
	[ -f "$OUT" ] && sed -n '1,15s/^/    | /p' "$OUT"
}

run() {
	"$@" >"$OUT" 2>&1 </dev/null
	rc=$?
}

# check NAME WANT_RC [PATTERN]
check() {
	if [ "$rc" -ne "$2" ]; then
		bad "$1 (exit $rc, want $2)"
	elif [ $# -ge 3 ] && ! grep -qF -- "$3" "$OUT"; then
		bad "$1 (no \"$3\" in the output)"
	else
		ok "$1"
	fi
}

q() {	# URL SQL: one value
	psql "$1" -XAtqc "$2" 2>>"$T/psql.err"
}

# A new empty database NAME; its URL on stdout.
newdb() {
	q "$PG" "DROP DATABASE IF EXISTS $1" >/dev/null
	q "$PG" "CREATE DATABASE $1" >/dev/null
	echo "${PG%/*}/$1"
}

# The tables a copy must move, from the SQLite schema: ordinary and
# virtual tables, not SQLite's own nor a virtual table's shadow tables.
tables() {
	sqlite3 "$1" "SELECT name FROM pragma_table_list WHERE schema = 'main'
	    AND type IN ('table', 'virtual') AND name NOT LIKE 'sqlite\_%' ESCAPE '\'
	    ORDER BY name"
}

# Rows of every table of the target ($2) summed (0: nothing copied).
target_rows() {
	_n=0
	for t in $(tables "$1"); do
		_c=$(q "$2" "SELECT count(*) FROM \"$t\"" || echo 0)
		case $t in	# filled by the PostgreSQL migrations themselves
		rule_set|deadline_rule|min_standard|workforce_norm|job_lease) _c=0 ;;
		esac
		_n=$((_n + ${_c:-0}))
	done
	echo $_n
}

# --- the source: a demo installation with a small synthetic data set ------

D="$T/inst"
run "$BIN" init --data "$D" --demo
check "init --demo" 0 "initialised"
run "$BIN" demo --data "$D" --children 150 --seed 7
check "demo --children 150" 0 "generated 150 children"
DB="$D/rrjeti.db"
PW=$(head -n 1 "$D/demo-login.txt")

# --- refused: usage and URLs ------------------------------------------------

run "$BIN" migrate-store
check "no arguments: usage, exit 2" 2 "usage: rrjeti migrate-store"
run "$BIN" migrate-store --data "$D"
check "no --to: usage, exit 2" 2 "usage: rrjeti migrate-store"
run "$BIN" migrate-store --help
check "--help: exit 0" 0 "--data DIR --to postgresql://"
run "$BIN" migrate-store --data "$D" --to "$T/other.db"
check "a target that is not a PostgreSQL URL" 1 "must be a postgresql:// URL"
run "$BIN" migrate-store --data "$D" --to "postgresql://rrjeti@127.0.0.1:notaport/x"
check "a malformed URL: the error, exit 1" 1 "PostgreSQL:"
run "$BIN" migrate-store --data "$D" --to "postgresql://rrjeti@127.0.0.1:1/rrjeti"
check "an unreachable server: the error, exit 1" 1 "PostgreSQL:"
run "$BIN" migrate-store --data "$T/none" --to "$PG"
check "a directory without an installation" 1 "no Rrjeti database"
mkdir "$T/empty"
run "$BIN" migrate-store --data "$T/empty" --to "$PG"
check "an empty directory: no installation" 1 "no Rrjeti database"
[ ! -e "$T/empty/rrjeti.db" ] && ok "and no database file is made there" ||
    bad "a database file was made in the empty directory"

# --- refused: the source ----------------------------------------------------

U1=$(newdb ms_refused)
V=$(sqlite3 "$DB" "PRAGMA user_version")
cp -r "$D" "$T/old"
sqlite3 "$T/old/rrjeti.db" "PRAGMA user_version = $((V - 1))"
run "$BIN" migrate-store --data "$T/old" --to "$U1"
check "a source at an older schema version: rrjeti migrate first" 1 \
    "run rrjeti migrate --data DIR first"
sqlite3 "$T/old/rrjeti.db" "PRAGMA user_version = $((V + 5))"
run "$BIN" migrate-store --data "$T/old" --to "$U1"
check "a source at a newer schema version" 1 "use the rrjeti that wrote it"
rm -rf "$T/old"

cp -r "$D" "$T/tampered"
sqlite3 "$T/tampered/rrjeti.db" "DROP TRIGGER audit_no_update;
    UPDATE audit SET detail = 'changed' WHERE id = 3"
run "$BIN" migrate-store --data "$T/tampered" --to "$U1"
check "a source whose audit chain is broken: nothing copied" 1 "BROKEN at row 3"
rm -rf "$T/tampered"

RRJETI_DATABASE="$U1" run "$BIN" migrate-store --data "$D" --to "$U1"
check "an installation that already uses PostgreSQL" 1 "already uses PostgreSQL"
[ "$(target_rows "$DB" "$U1")" = 0 ] && ok "the refusals left the target empty" ||
    bad "the refusals left rows in the target"

# --- refused: the target ----------------------------------------------------

U2=$(newdb ms_newer)
RRJETI_DATABASE="$U2" "$BIN" migrate --data "$T/none" >/dev/null 2>&1
q "$U2" "INSERT INTO schema_version VALUES (999)" >/dev/null
run "$BIN" migrate-store --data "$D" --to "$U2"
check "a target at another schema version" 1 "target schema is at version 999"

U3=$(newdb ms_broken)
RRJETI_DATABASE="$U3" "$BIN" migrate --data "$T/none" >/dev/null 2>&1
# A column the source does not have and that has no default: the copy of
# that table (late in the order) fails, and everything before it goes too.
q "$U3" "ALTER TABLE visit_report ADD COLUMN extra BIGINT NOT NULL" >/dev/null
run "$BIN" migrate-store --data "$D" --to "$U3"
check "an error in the middle of the copy: exit 1, said" 1 "nothing was copied"
grep -qF "visit_report" "$OUT" && ok "the error names the table" ||
    bad "the error names the table"
[ "$(target_rows "$DB" "$U3")" = 0 ] &&
    ok "after an error in the middle no table has rows (one transaction)" ||
    bad "after an error in the middle some tables have rows"

# --- the copy ----------------------------------------------------------------

U=$(newdb ms_ok)
run "$BIN" migrate-store --data "$D" --to "$U"
check "migrate-store into a new database: exit 0" 0 "audit trail intact"
grep -qF "row counts equal table by table" "$OUT" &&
    ok "the summary says the counts were compared" ||
    bad "the summary says the counts were compared"
grep -qF "reports/" "$OUT" && ok "the summary says which files to copy" ||
    bad "the summary says which files to copy"
ntab=$(tables "$DB" | wc -l)
grep -qF "migrated: $ntab tables" "$OUT" &&
    ok "every table of the SQLite schema was copied ($ntab)" ||
    bad "not every table of the SQLite schema was copied (want $ntab)"

diffs=0
for t in $(tables "$DB"); do
	a=$(sqlite3 "$DB" "SELECT count(*) FROM \"$t\"")
	b=$(q "$U" "SELECT count(*) FROM \"$t\"")
	if [ "$a" != "$b" ]; then
		echo "    | $t: sqlite $a, postgresql ${b:-missing}"
		diffs=$((diffs + 1))
	fi
done
[ $diffs -eq 0 ] && ok "each table's row count is the same on both" ||
    bad "$diffs tables differ"
a=$(sqlite3 "$DB" "SELECT group_concat(id || ':' || number, ',') FROM (SELECT id, number FROM case_file ORDER BY id)")
b=$(q "$U" "SELECT string_agg(id || ':' || number, ',' ORDER BY id) FROM case_file")
[ -n "$a" ] && [ "$a" = "$b" ] && ok "case ids and numbers kept" ||
    bad "case ids and numbers differ"
a=$(sqlite3 "$DB" "SELECT hash FROM audit ORDER BY id DESC LIMIT 1")
b=$(q "$U" "SELECT hash FROM audit ORDER BY id DESC LIMIT 1")
[ -n "$a" ] && [ "$a" = "$b" ] && ok "the audit chain's head is the same" ||
    bad "the audit chain's head differs"

RRJETI_DATABASE="$U" run "$BIN" audit verify --data "$D"
check "audit verify on PostgreSQL: intact" 0 "audit trail intact"
maxu=$(q "$U" "SELECT max(id) FROM \"user\"")
printf '%s\n' 'Long enough pass 123' | RRJETI_DATABASE="$U" "$BIN" user add \
    --data "$D" newbie --role caseworker --agency QPS-HANI --password-stdin \
    >"$OUT" 2>&1
rc=$?
check "a user added on PostgreSQL after the copy" 0 "added newbie"
[ "$(q "$U" "SELECT id FROM \"user\" WHERE username = 'newbie'")" = \
    $((maxu + 1)) ] && ok "the new id follows the highest copied one" ||
    bad "the new id does not follow the highest copied one"
RRJETI_DATABASE="$U" run "$BIN" audit verify --data "$D"
check "the chain still verifies after a write on PostgreSQL" 0 "audit trail intact"

run "$BIN" migrate-store --data "$D" --to "$U"
check "a target that is not empty: refused" 1 "is not empty"
b=$(q "$U" "SELECT count(*) FROM audit")
a=$(sqlite3 "$DB" "SELECT count(*) FROM audit")
[ "$b" -gt "$a" ] && ok "the refused copy changed nothing" ||
    bad "the refused copy changed the target"

# --- serve on PostgreSQL ------------------------------------------------------

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
RRJETI_DATABASE="$U" "$BIN" serve --data "$D" --listen "127.0.0.1:$PORT" \
    >"$T/serve.out" 2>"$T/serve.err" &
SPID=$!
i=0
while [ $i -lt 50 ]; do
	curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
	sleep 0.2
	i=$((i + 1))
done
J="$T/cookies"
code=$(curl -s -o /dev/null -w '%{http_code}' -c "$J" \
    --data-urlencode "username=besim" --data-urlencode "password=$PW" \
    "http://127.0.0.1:$PORT/login")
[ "$code" = 303 ] && ok "serve on PostgreSQL: the demo supervisor logs in" ||
    bad "serve on PostgreSQL: login answered $code"
id=$(curl -s -b "$J" "http://127.0.0.1:$PORT/cases" |
    grep -o 'href="/cases/[0-9]*"' | head -n 1 | tr -dc 0-9)
num=$(q "$U" "SELECT number FROM case_file WHERE id = ${id:-0}")
curl -s -b "$J" "http://127.0.0.1:$PORT/cases/${id:-0}" -o "$OUT"
[ -n "$num" ] && grep -qF "$num" "$OUT" &&
    ok "serve on PostgreSQL: a copied case is shown ($num)" ||
    bad "serve on PostgreSQL: case ${id:-none} not shown"
kill "$SPID" 2>/dev/null
wait "$SPID" 2>/dev/null
SPID=

# --- two nodes on the one database: each scheduled job runs on one ----------

start_node() {	# N: a server with scans every second, pid in $SPID / $SPID2
	_p=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	RRJETI_DATABASE="$U" RRJETI_SCAN_INTERVAL=1 "$BIN" serve --data "$D" \
	    --listen "127.0.0.1:$_p" >"$T/node$1.out" 2>"$T/node$1.err" &
}
start_node 1
SPID=$!
start_node 2
SPID2=$!
sleep 3
holder=$(q "$U" "SELECT holder FROM job_lease WHERE name = 'scan'")
hpid=$(echo "$holder" | cut -d: -f2)
[ "$hpid" = "$SPID" ] || [ "$hpid" = "$SPID2" ] &&
    ok "two nodes: the scan lease is held by one of them" ||
    bad "two nodes: the scan lease is held by '$holder'"
[ "$(q "$U" "SELECT holder FROM job_lease WHERE name = 'reports'")" != "" ] &&
    ok "two nodes: the report schedules' lease is held" ||
    bad "two nodes: nobody holds the report schedules' lease"
n=$(cat "$T/node1.err" "$T/node2.err" | grep -c "runs the job scan")
[ "$n" = 1 ] && ok "two nodes: exactly one runs the scans" ||
    bad "two nodes: $n nodes run the scans"
# The holder stops: it gives the lease back; the other takes it over at
# its next renewal (every 15 s).
if [ "$hpid" = "$SPID" ]; then other=$SPID2; else other=$SPID; fi
kill "$hpid" 2>/dev/null
wait "$hpid" 2>/dev/null
i=0
while [ $i -lt 25 ]; do
	h=$(q "$U" "SELECT holder FROM job_lease WHERE name = 'scan'" | cut -d: -f2)
	[ "$h" = "$other" ] && break
	sleep 1
	i=$((i + 1))
done
[ "$h" = "$other" ] && ok "two nodes: the other node takes the scans over" ||
    bad "two nodes: the scans were not taken over (holder pid '$h')"
kill "$other" 2>/dev/null
wait "$other" 2>/dev/null
SPID=
SPID2=
RRJETI_DATABASE="$U" run "$BIN" audit verify --data "$D"
check "the chain verifies after the two nodes" 0 "audit trail intact"

echo "migrate-store: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
