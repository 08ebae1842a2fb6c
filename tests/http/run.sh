#!/bin/sh
# The HTTP suite: a fresh demo installation in a temporary directory, a
# server on a free loopback port, node's test runner (TAP) over
# tests/http/*.test.mjs, then checks that the server survived, that its
# stderr holds no sanitizer report, and that the audit hash chain verifies.
#
#   RRJETI_BIN=build-asan/rrjeti sh tests/http/run.sh [FILE.test.mjs...]
#
# With files, only those run (all of tests/http/*.test.mjs without). With
# RRJETI_DATABASE=postgresql://... the installation is on that database.
# node's runner is stopped after RRJETI_HTTP_TIMEOUT seconds (300).
#
# Exits non-zero on any failure. scripts/run-tests.sh reads the "# pass N" and
# "# fail N" lines of the TAP output.
set -u
cd "$(dirname "$0")/../.." || exit 1
ROOT=$PWD
BIN=${RRJETI_BIN:-build/rrjeti}
case $BIN in /*) ;; *) BIN=$ROOT/$BIN ;; esac

fail() { echo "http: $*" >&2; exit 1; }
[ -x "$BIN" ] || fail "no server binary $BIN (make first, or set RRJETI_BIN)"
command -v node > /dev/null 2>&1 || fail "node is not installed"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/rrjeti-http.XXXXXX") || fail "mktemp"
DATA=$TMP/data
PID=
cleanup() {
	if [ -n "$PID" ] && kill -0 "$PID" 2> /dev/null; then
		kill -KILL "$PID" 2> /dev/null
		wait "$PID" 2> /dev/null
	fi
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

[ $# -gt 0 ] || set -- tests/http/*.test.mjs
export RRJETI_FAST_HASH=1
"$BIN" init --data "$DATA" --demo > "$TMP/init.log" 2>&1 ||
	{ cat "$TMP/init.log" >&2; fail "rrjeti init --demo failed"; }
PASSWORD=$(head -n 1 "$DATA/demo-login.txt")
[ -n "$PASSWORD" ] || fail "no demo password in $DATA/demo-login.txt"

# Node checks a URL with fetch (no curl needed). Exit 0 on 200.
probe() {
	node -e 'fetch(process.argv[1]).then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))' "$1" 2> /dev/null
}

# A free port: the kernel picks one, the server takes it (a retry when
# someone else was quicker).
tries=0
while :; do
	tries=$((tries + 1))
	PORT=$(node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });') ||
		fail "cannot pick a port"
	"$BIN" serve --data "$DATA" --listen "127.0.0.1:$PORT" > "$TMP/server.out" 2> "$TMP/server.err" &
	PID=$!
	up=0
	i=0
	while [ $i -lt 150 ]; do	# 15 s: the sanitizer build starts slowly
		kill -0 "$PID" 2> /dev/null || break
		if probe "http://127.0.0.1:$PORT/healthz"; then up=1; break; fi
		sleep 0.1
		i=$((i + 1))
	done
	[ $up -eq 1 ] && break
	kill -KILL "$PID" 2> /dev/null
	wait "$PID" 2> /dev/null
	PID=
	if [ $tries -ge 3 ]; then
		cat "$TMP/server.err" >&2
		fail "the server did not start"
	fi
done

TIMEOUT=
command -v timeout > /dev/null 2>&1 && TIMEOUT="timeout ${RRJETI_HTTP_TIMEOUT:-300}"
RRJETI_URL="http://127.0.0.1:$PORT" RRJETI_DATA="$DATA" RRJETI_PASSWORD="$PASSWORD" \
    RRJETI_BIN="$BIN" NODE_NO_WARNINGS=1 \
    $TIMEOUT node --test --test-reporter=tap "$@"
status=$?
[ $status -eq 0 ] || echo "http: node --test exited with $status" >&2

# A crash during the run is a failure even when every test passed.
if ! kill -0 "$PID" 2> /dev/null; then
	wait "$PID"
	echo "http: the server died during the tests (exit $?); its stderr:" >&2
	cat "$TMP/server.err" >&2
	PID=
	exit 1
fi
kill -TERM "$PID"
i=0
while kill -0 "$PID" 2> /dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
if kill -0 "$PID" 2> /dev/null; then
	echo "http: the server did not stop on SIGTERM within 10 s" >&2
	status=1
	kill -KILL "$PID" 2> /dev/null
fi
wait "$PID"
rc=$?
PID=
if [ $rc -ne 0 ]; then
	echo "http: the server exited with $rc after SIGTERM" >&2
	status=1
fi
if grep -q 'runtime error\|AddressSanitizer\|LeakSanitizer' "$TMP/server.err"; then
	echo "http: sanitizer report in the server's stderr:" >&2
	cat "$TMP/server.err" >&2
	status=1
fi

"$BIN" audit verify --data "$DATA" > "$TMP/verify.log" 2>&1 ||
	{ cat "$TMP/verify.log" >&2; echo "http: rrjeti audit verify failed" >&2; status=1; }
exit $status
