#!/bin/sh
# test_cli.sh — the rrjeti command line, as an administrator uses it: help
# and usage errors, init (twice, --demo), user add/list/disable/
# reset-password, migrate, audit verify (intact, then tampered with through
# sqlite3 the way someone with the file would), routes, a bad
# rrjeti.conf that must stop `serve` with a precise message, and imports
# (providers, licences, participants; CSV and XLSX).
#
# Uses $RRJETI_BIN (default build/rrjeti). Prints one "ok - ..." or
# "FAIL - ..." line per check and ends with exactly
# "cli: N passed, N failed" (scripts/run-tests.sh reads it); exits non-zero
# when a check failed.
# "A && ok || bad" is safe here: ok() never fails.
# shellcheck disable=SC2015
set -u

BIN=${RRJETI_BIN:-build/rrjeti}
case $BIN in /*) ;; *) BIN="$PWD/$BIN" ;; esac
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
export RRJETI_FAST_HASH=1
unset RRJETI_DATABASE RRJETI_LISTEN RRJETI_THREADS

T=$(mktemp -d "${TMPDIR:-/tmp}/rrjeti-cli.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
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

# run CMD...: runs it with stdout+stderr in $OUT and the exit status in $rc.
run() {
	"$@" >"$OUT" 2>&1 </dev/null
	rc=$?
}

# run_in INPUT CMD...: as run, with INPUT (one line) on standard input.
run_in() {
	_in=$1
	shift
	printf '%s\n' "$_in" | "$@" >"$OUT" 2>&1
	rc=$?
}

# check NAME WANT_RC [PATTERN]: the last command exited WANT_RC and its
# output holds PATTERN (a fixed string).
check() {
	if [ "$rc" -ne "$2" ]; then
		bad "$1 (exit $rc, want $2)"
	elif [ $# -ge 3 ] && ! grep -qF -- "$3" "$OUT"; then
		bad "$1 (no \"$3\" in the output)"
	else
		ok "$1"
	fi
}

# sql DB SQL: one value from the database.
sql() {
	sqlite3 "$1" "$2" 2>&1
}

# sql_is NAME DB SQL WANT
sql_is() {
	_got=$(sql "$2" "$3")
	if [ "$_got" = "$4" ]; then ok "$1"; else
		echo "$_got" >"$OUT"
		bad "$1 (got \"$_got\", want \"$4\")"
	fi
}

if [ ! -x "$BIN" ]; then
	echo "FAIL - $BIN is not built"
	echo "cli: 0 passed, 1 failed"
	exit 1
fi
HAVE_SQLITE=1
command -v sqlite3 >/dev/null 2>&1 || HAVE_SQLITE=0

# --- help and usage ------------------------------------------------------

for args in "--help" "-h" "help" "init --help" "serve --help" "user --help" \
    "user add --help" "user list --help" "migrate --help" "audit --help" \
    "audit verify --help" "routes --help"; do
	# shellcheck disable=SC2086
	run "$BIN" $args
	check "rrjeti $args exits 0 with a usage" 0 "usage:"
done
run "$BIN" version
check "rrjeti version" 0 "rrjeti "

run "$BIN"
check "no command: exit 2 with the usage" 2 "usage:"
run "$BIN" frobnicate
check "unknown command: exit 2, named" 2 'unknown command "frobnicate"'
for args in "init" "serve" "migrate" "audit verify" "user list" \
    "user add bob --role caseworker --password-stdin"; do
	# shellcheck disable=SC2086
	run "$BIN" $args
	check "rrjeti $args without --data: exit 2" 2 "usage:"
done
run "$BIN" user frob --data "$T/x"
check "user with an unknown subcommand: exit 2" 2 "usage:"
run "$BIN" audit check --data "$T/x"
check "audit with an unknown subcommand: exit 2" 2 "usage:"
[ ! -e "$T/x" ] && ok "usage errors create nothing" ||
	bad "usage errors create nothing ($T/x exists)"

# --- init ----------------------------------------------------------------

D="$T/data"
run "$BIN" init --data "$D"
check "init: exit 0" 0 "initialised $D"
[ -f "$D/rrjeti.db" ] && ok "init: the database file exists" ||
	bad "init: the database file exists"
if [ "$(stat -c %a "$D" 2>/dev/null)" = 700 ]; then ok "init: DIR is 0700"
else bad "init: DIR is 0700 (it is $(stat -c %a "$D"))"; fi
if [ $HAVE_SQLITE = 1 ]; then
	sql_is "init: 38 + 61 municipalities" "$D/rrjeti.db" \
	    "SELECT count(*) FROM municipality" 99
	sql_is "init: 21 concerns" "$D/rrjeti.db" "SELECT count(*) FROM concern" 21
	sql_is "init: WAL mode" "$D/rrjeti.db" "PRAGMA journal_mode" wal
fi

run "$BIN" init --data "$T/afile/sub"
check "init: a DIR that cannot be made: exit 1" 1 "rrjeti:"
: >"$T/afile"
run "$BIN" init --data "$T/afile/sub"
check "init: a DIR under a file: exit 1 with the reason" 1 "Not a directory"

# --- init --demo, twice ------------------------------------------------------

run "$BIN" init --data "$D" --demo
check "init --demo: exit 0" 0 "Demo logins"
for u in admin admin.hani arta besim auditor analist admin.tirane pmf.tirane; do
	grep -q "^  $u " "$OUT" || { bad "init --demo lists $u"; continue; }
done
grep -q "password for all: " "$OUT" && ok "init --demo prints the password" ||
	bad "init --demo prints the password"
PW1=$(sed -n 's/.*password for all: \(.*\))$/\1/p' "$OUT")
[ ${#PW1} -ge 10 ] && ok "the demo password is at least 10 characters" ||
	bad "the demo password is at least 10 characters (\"$PW1\")"
if [ "$(stat -c %a "$D/demo-login.txt" 2>/dev/null)" = 600 ]; then
	ok "demo-login.txt is 0600"
else
	bad "demo-login.txt is 0600"
fi

run_in "Bob's password 1" "$BIN" user add --data "$D" bob --role caseworker \
    --agency QPS-HANI --team "Ekipi 1" --full-name "Bob Krasniqi" \
    --password-stdin
check "user add: exit 0" 0 "added bob"

run "$BIN" init --data "$D" --demo
check "init --demo again: exit 0" 0 "Demo logins"
PW2=$(sed -n 's/.*password for all: \(.*\))$/\1/p' "$OUT")
[ "$PW1" = "$PW2" ] && ok "init --demo again keeps the password" ||
	bad "init --demo again keeps the password"
run "$BIN" user list --data "$D"
check "init again keeps the users" 0 "bob"
if [ $HAVE_SQLITE = 1 ]; then
	sql_is "init again adds no second demo user" "$D/rrjeti.db" \
	    "SELECT count(*) FROM user WHERE username = 'arta'" 1
	sql_is "init again keeps 99 municipalities" "$D/rrjeti.db" \
	    "SELECT count(*) FROM municipality" 99
	sql_is "the demo password is stored as argon2id" "$D/rrjeti.db" \
	    "SELECT substr(pw_hash, 1, 10) FROM user WHERE username = 'admin'" \
	    "\$argon2id\$"
fi

# --- user ----------------------------------------------------------------

run "$BIN" user list --data "$D"
check "user list: exit 0" 0 "admin.hani"
grep -q "^bob  *caseworker  *team  *QPS-HANI  *active" "$OUT" &&
	ok "user list shows role, scope, agency, state" ||
	bad "user list shows role, scope, agency, state"

run_in "short" "$BIN" user add --data "$D" carol --role caseworker \
    --agency QPS-HANI --password-stdin
check "user add, weak password: exit 1" 1 "password"
run_in "carol's long password" "$BIN" user add --data "$D" carol \
    --role wizard --agency QPS-HANI --password-stdin
check "user add, unknown role: exit 2" 2 "unknown role"
run_in "carol's long password" "$BIN" user add --data "$D" carol \
    --role caseworker --agency NOPE --password-stdin
check "user add, unknown agency: exit 1" 1 "no agency"
run_in "carol's long password" "$BIN" user add --data "$D" carol \
    --role caseworker --agency QPS-HANI --team "No such team" --password-stdin
check "user add, unknown team: exit 1" 1 "team"
run_in "carol's long password" "$BIN" user add --data "$D" carol \
    --role caseworker --agency QPS-HANI --scope galaxy --password-stdin
check "user add, unknown scope: exit 2" 2 "unknown scope"
run_in "carol's long password" "$BIN" user add --data "$D" carol \
    --role caseworker --password-stdin
check "user add, no agency for a caseworker: exit 1" 1 "agency"
run_in "carol's long password" "$BIN" user add --data "$D" Carol.X \
    --role caseworker --agency QPS-HANI --password-stdin
check "user add, bad username: exit 1" 1 "username"
run_in "another long password" "$BIN" user add --data "$D" bob \
    --role caseworker --agency QPS-HANI --password-stdin
check "user add, duplicate: exit 1" 1 "username"
run "$BIN" user add --data "$D" carol --role caseworker --agency QPS-HANI
check "user add without --password-stdin: exit 2" 2 "--password-stdin"
run "$BIN" user add --data "$D" carol --role caseworker --agency QPS-HANI \
    --password-stdin
check "user add with nothing on stdin: exit 2" 2 "no password"
if [ $HAVE_SQLITE = 1 ]; then
	sql_is "no failed add left a user" "$D/rrjeti.db" \
	    "SELECT count(*) FROM user WHERE username IN ('carol', 'Carol.X')" 0
	sql_is "the duplicate did not change bob" "$D/rrjeti.db" \
	    "SELECT full_name FROM user WHERE username = 'bob'" "Bob Krasniqi"
fi

run_in "Temporary pass 42" "$BIN" user reset-password --data "$D" bob \
    --password-stdin
check "user reset-password: exit 0" 0 "password reset"
if [ $HAVE_SQLITE = 1 ]; then
	sql_is "reset-password: must change at the next login" "$D/rrjeti.db" \
	    "SELECT must_change_pw FROM user WHERE username = 'bob'" 1
fi
run_in "short" "$BIN" user reset-password --data "$D" bob --password-stdin
check "user reset-password, weak: exit 1" 1 "password"
run_in "Temporary pass 42" "$BIN" user reset-password --data "$D" nobody \
    --password-stdin
check "user reset-password, unknown user: exit 1" 1 "nobody"

run "$BIN" user disable --data "$D" bob
check "user disable: exit 0" 0 "disabled bob"
run "$BIN" user list --data "$D"
grep -q "^bob .*disabled$" "$OUT" && ok "user list shows bob disabled" ||
	bad "user list shows bob disabled"
run "$BIN" user disable --data "$D" nobody
check "user disable, unknown user: exit 1" 1 "nobody"
run "$BIN" user disable --data "$D"
check "user disable without a name: exit 2" 2 "usage:"

# --- migrate ---------------------------------------------------------------

run "$BIN" migrate --data "$D"
check "migrate: exit 0" 0 "schema up to date"
run "$BIN" migrate --data "$D"
check "migrate again: exit 0" 0 "schema up to date"
if [ $HAVE_SQLITE = 1 ]; then
	V=$(for m in "$ROOT"/src/store/migrations/sqlite/*.sql; do
		basename "$m"; done |
	    sed -n 's/^0*\([0-9][0-9]*\)_.*\.sql$/\1/p' | sort -n | tail -1)
	sql_is "migrate: user_version is the last migration" "$D/rrjeti.db" \
	    "PRAGMA user_version" "$V"
fi
run "$BIN" migrate --data "$T/nonexistent/dir"
check "migrate, no such directory: exit 1" 1 "rrjeti:"

# --- audit verify ------------------------------------------------------------

F="$T/fresh"
run "$BIN" init --data "$F"
run "$BIN" audit verify --data "$F"
check "audit verify on a fresh install: exit 0" 0 "audit trail intact"
run "$BIN" audit verify --data "$D"
check "audit verify after user commands: exit 0" 0 "audit trail intact"

if [ $HAVE_SQLITE = 1 ]; then
	run sqlite3 "$D/rrjeti.db" "UPDATE audit SET detail = 'x' WHERE id = 3"
	[ "$rc" -ne 0 ] && ok "sqlite3: the trigger refuses an UPDATE" ||
		bad "sqlite3: the trigger refuses an UPDATE"
	run sqlite3 "$D/rrjeti.db" "DELETE FROM audit WHERE id = 3"
	[ "$rc" -ne 0 ] && ok "sqlite3: the trigger refuses a DELETE" ||
		bad "sqlite3: the trigger refuses a DELETE"
	run "$BIN" audit verify --data "$D"
	check "audit verify after refused attempts: exit 0" 0 "intact"

	run sqlite3 "$D/rrjeti.db" "DROP TRIGGER audit_no_update;
	    UPDATE audit SET detail = 'role=sysadmin' WHERE id = 5"
	check "sqlite3: tamper with row 5" 0
	run "$BIN" audit verify --data "$D"
	check "audit verify after a changed row: exit 1" 1 "BROKEN at row 5"

	G="$T/g"
	run "$BIN" init --data "$G" --demo
	N=$(sql "$G/rrjeti.db" "SELECT max(id) FROM audit")
	run sqlite3 "$G/rrjeti.db" "DROP TRIGGER audit_no_delete;
	    DELETE FROM audit WHERE id = 7"
	run "$BIN" audit verify --data "$G"
	check "audit verify after a deleted row: exit 1 naming the next" 1 \
	    "BROKEN at row 8"
	run sqlite3 "$G/rrjeti.db" "DELETE FROM audit WHERE id > $((N - 2))"
	run "$BIN" audit verify --data "$G"
	check "audit verify after the last rows were deleted: exit 1" 1 "BROKEN"
	H="$T/h"
	run "$BIN" init --data "$H" --demo
	N=$(sql "$H/rrjeti.db" "SELECT max(id) FROM audit")
	run sqlite3 "$H/rrjeti.db" "DROP TRIGGER audit_no_delete;
	    DELETE FROM audit WHERE id >= $((N - 1))"
	run "$BIN" audit verify --data "$H"
	check "audit verify: deleting the tail is named" 1 "BROKEN at row $((N - 1))"
else
	bad "sqlite3 is not installed: the tampering checks cannot run"
fi
run "$BIN" audit verify --data "$T/nonexistent/dir"
check "audit verify, no such directory: exit 1" 1 "rrjeti:"

# --- routes ------------------------------------------------------------------

run "$BIN" routes
check "routes: exit 0" 0 "GET /login login.form public"
grep -q "^POST /admin/users users.create users.write csrf form" "$OUT" &&
	ok "routes shows permission, CSRF and body kind" ||
	bad "routes shows permission, CSRF and body kind"
NR=$(wc -l <"$OUT")
run "$BIN" routes --matrix
check "routes --matrix: exit 0" 0 "sysa dono anon"
head -1 "$OUT" | grep -q "^method  path" && ok "routes --matrix: header line" ||
	bad "routes --matrix: header line"
[ "$(wc -l <"$OUT")" -eq $((NR + 1)) ] &&
	ok "routes --matrix: one line per route" ||
	bad "routes --matrix: one line per route"
grep -q "^GET     /audit  .*  -  yes    -    -    -$" "$OUT" &&
	ok "routes --matrix: only the auditor reads /audit" ||
	bad "routes --matrix: only the auditor reads /audit"

# Every route is in docs/API.md (its path, written as the table has it).
run "$BIN" routes
undocumented=$(awk '{ print $2 }' "$OUT" | sort -u | while read -r p; do
	grep -qF -- "$p" "$ROOT/docs/API.md" || echo "$p"; done)
[ -z "$undocumented" ] && ok "every route is in docs/API.md" ||
	bad "routes missing from docs/API.md: $(echo $undocumented)"

# --- serve: a bad rrjeti.conf stops it -------------------------------------

S="$T/serve"
run "$BIN" init --data "$S"
serve_conf() {	# NAME CONF-CONTENT WANT-MESSAGE
	printf '%s\n' "$2" >"$S/rrjeti.conf"
	if command -v timeout >/dev/null 2>&1; then
		run timeout 10 "$BIN" serve --data "$S" --listen 127.0.0.1:1
	else
		run "$BIN" serve --data "$S" --listen 127.0.0.1:1
	fi
	check "$1" 1 "$3"
}
serve_conf "serve: an unknown setting stops it, with file and line" \
    "# comment

listen = 127.0.0.1:8080
colour = blue" "rrjeti.conf:4: unknown setting \"colour\""
serve_conf "serve: a bad number stops it" "threads = 1" \
    "rrjeti.conf:1: bad value for threads: \"1\""
serve_conf "serve: text in a number stops it" "session_idle_minutes = 30m" \
    "bad value for session_idle_minutes"
serve_conf "serve: a line without = stops it" "listen 127.0.0.1:8080" \
    "rrjeti.conf:1: key = value expected"
serve_conf "serve: a listen without a port stops it" "listen = localhost" \
    "bad value for listen"
serve_conf "serve: an empty database setting stops it" "database =" \
    "bad value for database"
serve_conf "serve: a negative identity cache stops it" "auth_cache_ms = -1" \
    "bad value for auth_cache_ms"
serve_conf "serve: an identity cache over 10 s stops it" \
    "auth_cache_ms = 10001" "bad value for auth_cache_ms"
rm -f "$S/rrjeti.conf"
run env RRJETI_THREADS=lots "$BIN" serve --data "$S" --listen 127.0.0.1:1
check "serve: a bad RRJETI_THREADS stops it" 1 "RRJETI_THREADS"
run env RRJETI_AUTH_CACHE_MS=1s "$BIN" serve --data "$S" --listen 127.0.0.1:1
check "serve: a bad RRJETI_AUTH_CACHE_MS stops it" 1 "RRJETI_AUTH_CACHE_MS"
run env RRJETI_DATABASE="postgresql://app@127.0.0.1/rrjeti" "$BIN" serve \
    --data "$S" --listen 127.0.0.1:1
check "serve: postgresql:// says the backend is absent" 1 "PostgreSQL"
if command -v timeout >/dev/null 2>&1; then
	run timeout 10 "$BIN" serve --data "$S" --listen "not-an-address"
else
	run "$BIN" serve --data "$S" --listen "not-an-address"
fi
check "serve: a bad --listen stops it" 1 "cannot use not-an-address"
# The same checks run for every command that reads the configuration.
printf 'bogus = 1\n' >"$S/rrjeti.conf"
run "$BIN" user list --data "$S"
check "user list: a bad rrjeti.conf stops it too" 1 "unknown setting"
rm -f "$S/rrjeti.conf"

# Regression: serve and user ran on a directory without a database and
# answered every request with 500; now they refuse and say what to run.
E=$T/never-initialised
mkdir -p "$E"
run "$BIN" serve --data "$E" --listen 127.0.0.1:1
check "serve: a directory with no database is refused" 1 "run rrjeti init --data $E"
run "$BIN" user list --data "$E"
check "user list: a directory with no database is refused" 1 "rrjeti init"
# Messages are translated, not catalogue keys.
run_in "short" "$BIN" user add --data "$D" shorty --role caseworker --agency QPS-HANI --password-stdin
check "user add: a short password is explained in words" 1 "at least 10 characters"

# rrjeti demo: a bad --children is a usage error (exit 2) named in words;
# a small data set is added to the demo installation.
for n in 0 -5 abc 12x 5000001 99999999999; do
	run "$BIN" demo --data "$D" --children "$n"
	check "demo --children $n: exit 2" 2 "--children: a whole number from 1 to 5000000"
done
run "$BIN" demo --data "$D"
check "demo without --children: exit 2 with the usage" 2 "usage:"
run "$BIN" demo --help
check "demo --help: exit 0" 0 "--children N"
run "$BIN" demo --data "$D" --children 50 --years 0
check "demo --years 0: exit 2" 2 "--years"
run "$BIN" demo --data "$D" --children 50 --seed 3
check "demo --children 50: exit 0" 0 "generated 50 children"
if [ $HAVE_SQLITE = 1 ]; then
	sql_is "demo adds 50 children" "$D/rrjeti.db" \
	    "SELECT count(*) FROM child" 50
	sql_is "demo: one summary audit row" "$D/rrjeti.db" \
	    "SELECT count(*) FROM audit WHERE action = 'demo.generate'" 1
fi

# rrjeti indicators check|rebuild: exact after the demo; a counter changed
# by hand is found (exit 1) and rebuilt; a bad subcommand is a usage error.
run "$BIN" indicators check --data "$D"
check "indicators check after demo: exact, exit 0" 0 "counters exact"
run "$BIN" indicators recount --data "$D"
check "indicators recount: exit 2 with the usage" 2 "usage:"
run "$BIN" indicators check
check "indicators check without --data: exit 2" 2 "usage:"
if [ $HAVE_SQLITE = 1 ]; then
	sqlite3 "$D/rrjeti.db" "UPDATE ind_open SET n = n + 7 WHERE
	    municipality_id = (SELECT min(municipality_id) FROM ind_open)"
	run "$BIN" indicators check --data "$D"
	check "indicators check: a counter changed by hand, exit 1" 1 \
	    "counters differ"
	run "$BIN" indicators rebuild --data "$D"
	check "indicators rebuild: exit 0" 0 "counters rebuilt"
	run "$BIN" indicators check --data "$D"
	check "indicators check after rebuild: exact" 0 "counters exact"
fi

# --- import (issue 5) ------------------------------------------------------
# Providers, then their licences; a refused file writes nothing; XLSX by
# its content; formula cells refused; the usage.

run "$BIN" import frobs "$T/x.csv" --data "$D" --user admin.hani
check "import: an unknown kind: exit 2" 2 "usage:"
run "$BIN" import providers "$T/x.csv" --data "$D" --user admin.hani --format ods
check "import: an unknown --format: exit 2" 2 "usage:"
run "$BIN" import --help
check "import --help names the providers" 0 "providers: code,name,municipality,legal_form"
H=code,name,municipality,legal_form,registration_no,address,contact_phone,contact_email,description
printf '%s\n%s\n%s\n' "$H" \
    "OJQ-CLI1,Qendra Cli Një,XK09,ngo,R-9,,+383 44 123 456,cli@example.org," \
    "OJQ-CLI2,Qendra Cli Nje,XK09,ngo,,,,," >"$T/prov.csv"
run "$BIN" import providers "$T/prov.csv" --data "$D" --user admin.hani --lang en
check "import providers: the same name twice is refused, exit 1" 1 "row 3, column name:"
grep -q "import.err" "$OUT" && bad "import: messages, not keys" || ok "import: messages, not keys"
printf '%s\n%s\n%s\n' "$H" \
    "OJQ-CLI1,Qendra Cli Një,XK09,ngo,R-9,,+383 44 123 456,cli@example.org," \
    "QP-CLI2,Shërbimi Publik Cli,XK09,public,,,,," >"$T/prov.csv"
run "$BIN" import providers "$T/prov.csv" --data "$D" --user admin.hani --dry-run
check "import providers --dry-run: exit 0, nothing written" 0 "2 valid, 0 refused, 0 written (dry run)"
run "$BIN" import providers "$T/prov.csv" --data "$D" --user admin.hani
check "import providers: exit 0" 0 "providers: 2 rows, 2 valid, 0 refused, 2 written"
printf '%s\n%s\n' "provider,number,services,municipalities,issued,expires,capacity" \
    "OJQ-CLI1,L-CLI-1,shelter;day_care,XK09,2026-01-01,2028-01-01,12" >"$T/lic.csv"
run "$BIN" import licences "$T/lic.csv" --data "$D" --user admin.hani
check "import licences of the imported provider: exit 0" 0 "1 written"
printf 'given_name,family_name,sex,profile,municipality,organisation\nArta,=1+1,female,ngo,XK09,OJQ\n' >"$T/p.csv"
run "$BIN" import participants "$T/p.csv" --data "$D" --user admin.hani --lang en
check "import participants: a formula cell, exit 1" 1 "row 2, column family_name:"
run "$BIN" import participants "$T/p.csv" --data "$D" --user admin.hani --format xlsx --lang en
check "import --format xlsx of a CSV file: exit 1" 1 "row 0:"
if [ $HAVE_SQLITE = 1 ]; then
	sql_is "import: the providers and their profiles" "$D/rrjeti.db" \
	    "SELECT count(*) FROM agency g JOIN provider_profile p ON p.agency_id = g.id WHERE g.code IN ('OJQ-CLI1', 'QP-CLI2')" 2
	sql_is "import: one audit row per file, no names" "$D/rrjeti.db" \
	    "SELECT count(*) FROM audit WHERE action = 'import.providers' AND detail LIKE 'rows=2 format=csv sha256=%' AND detail NOT LIKE '%Qendra%'" 1
fi
if command -v python3 >/dev/null 2>&1; then
	python3 - "$T/p.xlsx" <<'PY'
import sys, zipfile
M = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
def c(ref, t):
    return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, t)
head = ['given_name', 'family_name', 'sex', 'profile', 'municipality', 'organisation']
row = ['Teuta', 'Cliaj', 'female', 'police', 'XK09', 'PK']
rows = ''.join('<row r="%d">%s</row>' % (n, ''.join(c('ABCDEF'[i] + str(n), v)
    for i, v in enumerate(vals))) for n, vals in ((1, head), (2, row)))
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('xl/workbook.xml', '<workbook %s xmlns:r="%s"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>' % (M, R))
    z.writestr('xl/_rels/workbook.xml.rels', '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="%s/worksheet" Target="worksheets/sheet1.xml"/></Relationships>' % R)
    z.writestr('xl/worksheets/sheet1.xml', '<worksheet %s><sheetData>%s</sheetData></worksheet>' % (M, rows))
PY
	run "$BIN" import participants "$T/p.xlsx" --data "$D" --user admin.hani
	check "import participants from XLSX (found by its content): exit 0" 0 "1 written"
fi

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
