#!/bin/sh
# Runs every suite against the binaries in build dir $1: cmocka unit tests,
# fuzz corpus replay, the authorization golden matrix, the command line,
# the HTTP suite against a real server, and (plain build only) the browser
# test. Appends "passed failed" lines to $RRJETI_SUMMARY_FILE.
set -u
B=${1:-build}
SUITE=${RRJETI_SUITE:-plain}
SUMMARY=${RRJETI_SUMMARY_FILE:-/dev/null}
export RRJETI_BIN="$PWD/$B/rrjeti"
failed_any=0

count() {	# name passed failed
	echo "$2 $3" >> "$SUMMARY"
	printf '%-28s %4d passed, %d failed\n' "[$SUITE] $1" "$2" "$3"
	[ "$3" -eq 0 ] || failed_any=1
}

# 1. Unit tests (cmocka): each binary prints [  PASSED  ] / [  FAILED  ].
up=0; uf=0
for t in "$B"/tests/test_*; do
	[ -x "$t" ] || continue
	out=$("$t" 2>&1); rc=$?
	p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -1)
	f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -1)
	p=${p:-0}; f=${f:-0}
	if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	if [ "$f" -ne 0 ]; then printf '%s\n' "$out" | grep -v '^\[       OK \]\|^\[ RUN      \]' | head -40; fi
	up=$((up + p)); uf=$((uf + f))
done
count "unit (cmocka)" $up $uf

# 1b. The store and the HTTP suite on a throw-away PostgreSQL 15
# (scripts/pg.sh; "skipped: ..." where it is not installed).
if [ "$SUITE" = plain ] && [ -x "$B/tests/test_store_pg" ]; then
	out=$(sh scripts/pg.sh run "$B/tests/test_store_pg" 2>&1); rc=$?
	if [ $rc -eq 77 ]; then
		printf '%s\n' "$out" | grep '^skipped' | head -1
	else
		p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -1)
		f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -1)
		p=${p:-0}; f=${f:-0}
		if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
		[ "$f" -eq 0 ] || printf '%s\n' "$out" | grep -v '^\[       OK \]\|^\[ RUN      \]' | head -40
		count "store on PostgreSQL" $p $f
		# The whole HTTP suite (the files of 5. below) on a server of its
		# own: a fresh demo installation in its database "rrjeti"
		# (tests/http/run.sh; the tests' sql() speaks psql there).
		# Slower than SQLite where a list is paged with OFFSET over 100,000
		# rows (export.test.mjs): 900 s before node's runner is stopped.
		out=$(RRJETI_HTTP_TIMEOUT=900 sh scripts/pg.sh run sh -c 'RRJETI_DATABASE=$RRJETI_TEST_PG sh tests/http/run.sh' 2>&1); rc=$?
		p=$(printf '%s\n' "$out" | sed -n 's/^# pass \([0-9]*\)/\1/p' | tail -1)
		f=$(printf '%s\n' "$out" | sed -n 's/^# fail \([0-9]*\)/\1/p' | tail -1)
		p=${p:-0}; f=${f:-0}
		if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; printf '%s\n' "$out" | tail -30; fi
		[ "$f" -eq 0 ] || printf '%s\n' "$out" | grep -B2 -A25 '^not ok' | head -60
		count "http on PostgreSQL" $p $f
	fi
fi

# 1c. The indicator suite (tests/unit/test_indicator_pg.c: test_indicator.c
# with its data on PostgreSQL; the counters of 0026 against a recount).
if [ "$SUITE" = plain ] && [ -x "$B/tests/test_indicator_pg" ]; then
	out=$(sh scripts/pg.sh run "$B/tests/test_indicator_pg" 2>&1); rc=$?
	if [ $rc -ne 77 ]; then
		p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -1)
		f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -1)
		p=${p:-0}; f=${f:-0}
		if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
		[ "$f" -eq 0 ] || printf '%s\n' "$out" | grep -v '^\[       OK \]\|^\[ RUN      \]' | head -40
		count "indicators on PostgreSQL" $p $f
	fi
fi

# 1d. Nodes: two `rrjeti serve` behind nginx on one PostgreSQL, and the
# database restarting under a write load (tests/nodes/; "skipped: ..." where
# PostgreSQL, nginx or node is missing).
if [ "$SUITE" = plain ]; then
	np=0; nf=0; nskip=""
	out=$(sh tests/nodes/two_nodes.sh 2>&1); rc=$?
	if [ $rc -eq 77 ]; then
		nskip=$(printf '%s\n' "$out" | grep '^skipped' | head -1)
	else
		p=$(printf '%s\n' "$out" | sed -n 's/^# pass \([0-9]*\)/\1/p' | tail -1)
		f=$(printf '%s\n' "$out" | sed -n 's/^# fail \([0-9]*\)/\1/p' | tail -1)
		p=${p:-0}; f=${f:-0}
		if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; printf '%s\n' "$out" | tail -30; fi
		[ "$f" -eq 0 ] || printf '%s\n' "$out" | grep -B2 -A25 '^not ok' | head -60
		np=$((np + p)); nf=$((nf + f))
		out=$(sh tests/nodes/pg_restart.sh 2>&1); rc=$?
		p=$(printf '%s\n' "$out" | sed -n 's/^nodes: pg_restart: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
		f=$(printf '%s\n' "$out" | sed -n 's/^nodes: pg_restart: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
		p=${p:-0}; f=${f:-0}
		if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
		[ "$f" -eq 0 ] || printf '%s\n' "$out" | tail -40
		np=$((np + p)); nf=$((nf + f))
	fi
	if [ -n "$nskip" ]; then echo "$nskip"; else count "nodes" $np $nf; fi
fi

# 2. Fuzz corpora replayed (plain builds of the libFuzzer harnesses).
fp=0; ff=0
for h in "$B"/fuzz/fuzz_*; do
	[ -x "$h" ] || continue
	name=$(basename "$h"); dir=tests/fuzz/corpus/${name#fuzz_}
	[ -d "$dir" ] || continue
	if "$h" "$dir" > /dev/null 2>&1; then fp=$((fp + 1)); else
		echo "corpus replay failed: $name"; ff=$((ff + 1)); fi
done
count "fuzz corpus replay" $fp $ff

# 3. Authorization: role x route matrix against the golden file.
if "$RRJETI_BIN" routes --matrix | diff -u tests/golden/authz_matrix.txt - ; then
	count "authz golden matrix" 1 0
else
	echo "the role x route matrix changed: review, then update tests/golden/authz_matrix.txt"
	count "authz golden matrix" 0 1
fi

# 4. Command line.
out=$(sh tests/cli/test_cli.sh 2>&1); rc=$?
p=$(printf '%s\n' "$out" | sed -n 's/^cli: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
f=$(printf '%s\n' "$out" | sed -n 's/^cli: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
if [ -z "$p" ]; then	# missing or crashed: show why
	printf '%s\n' "$out" | tail -20
	p=0; f=1
elif [ "$f" -ne 0 ]; then
	printf '%s\n' "$out" | grep -i 'FAIL' | head -20
fi
count "command line" $p $f

# 4b. rrjeti migrate-store: an SQLite installation copied into a
# throw-away PostgreSQL 15 (scripts/pg.sh), then served from it by two
# nodes; and the job leases and import progress on PostgreSQL.
if [ "$SUITE" = plain ] && [ -x "$B/tests/test_job_pg" ]; then
	out=$(sh scripts/pg.sh run "$B/tests/test_job_pg" 2>&1); rc=$?
	if [ $rc -ne 77 ]; then
		p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -1)
		f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -1)
		p=${p:-0}; f=${f:-0}
		if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
		[ "$f" -eq 0 ] || printf '%s\n' "$out" | grep -v '^\[       OK \]\|^\[ RUN      \]' | head -40
		count "jobs on PostgreSQL" $p $f
	fi
fi
if [ "$SUITE" = plain ]; then
	out=$(sh scripts/pg.sh run sh tests/cli/test_migrate_store.sh 2>&1); rc=$?
	if [ $rc -eq 77 ]; then
		printf '%s\n' "$out" | grep '^skipped' | head -1
	else
		p=$(printf '%s\n' "$out" | sed -n 's/^migrate-store: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
		f=$(printf '%s\n' "$out" | sed -n 's/^migrate-store: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
		if [ -z "$p" ]; then printf '%s\n' "$out" | tail -20; p=0; f=1; fi
		[ "$f" -eq 0 ] || printf '%s\n' "$out" | grep -A8 '^FAIL' | head -40
		count "migrate-store on PostgreSQL" $p $f
	fi
fi

# 5. HTTP (node's test runner against a real server on 127.0.0.1).
out=$(sh tests/http/run.sh 2>&1); rc=$?
p=$(printf '%s\n' "$out" | sed -n 's/^# pass \([0-9]*\)/\1/p' | tail -1)
f=$(printf '%s\n' "$out" | sed -n 's/^# fail \([0-9]*\)/\1/p' | tail -1)
p=${p:-0}; f=${f:-0}
if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; printf '%s\n' "$out" | tail -30; fi
[ "$f" -eq 0 ] || printf '%s\n' "$out" | grep -B2 -A25 '^not ok' | head -120
count "http" $p $f

# 6. Browser (headless Chromium), plain build only.
if [ "$SUITE" = plain ]; then
	out=$(sh tests/browser/run.sh 2>&1); rc=$?
	p=$(printf '%s\n' "$out" | sed -n 's/^# pass \([0-9]*\)/\1/p' | tail -1)
	f=$(printf '%s\n' "$out" | sed -n 's/^# fail \([0-9]*\)/\1/p' | tail -1)
	p=${p:-0}; f=${f:-0}
	if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; printf '%s\n' "$out" | tail -30; fi
	[ "$f" -eq 0 ] || printf '%s\n' "$out" | grep -B2 -A25 '^not ok' | head -80
	count "browser" $p $f
fi
exit $failed_any
