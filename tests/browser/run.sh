#!/bin/sh
# Browser tests: a demo installation in a temporary data directory, a real
# server on a free loopback port, then node's test runner over
# tests/browser/*.test.mjs (headless Debian Chromium driven by
# playwright-core, accessibility audited by axe-core). Prints TAP; exits
# with the runner's status. RRJETI_BIN names the binary (build/rrjeti).
set -u
cd "$(dirname "$0")/../.."
ROOT=$PWD
BIN=${RRJETI_BIN:-build/rrjeti}
case $BIN in /*) ;; *) BIN="$ROOT/$BIN" ;; esac

if [ ! -x "$BIN" ]; then
	echo "browser: no binary at $BIN (build first, or set RRJETI_BIN)" >&2
	exit 2
fi
if [ ! -d tests/browser/node_modules/playwright-core ] ||
    [ ! -d tests/browser/node_modules/axe-core ]; then
	echo "browser: npm modules missing: run sh scripts/install-deps.sh" >&2
	exit 2
fi
if [ ! -x /usr/bin/chromium ]; then
	echo "browser: /usr/bin/chromium missing: run sh scripts/install-deps.sh" >&2
	exit 2
fi

DIR=$(mktemp -d "${TMPDIR:-/tmp}/rrjeti-browser.XXXXXX") || exit 2
PID=""
cleanup() {
	if [ -n "$PID" ]; then
		kill "$PID" 2>/dev/null
		wait "$PID" 2>/dev/null
	fi
	rm -rf "$DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

RRJETI_FAST_HASH=1 "$BIN" init --data "$DIR/data" --demo > "$DIR/init.log" 2>&1 ||
    { cat "$DIR/init.log" >&2; echo "browser: init failed" >&2; exit 2; }

# A free port: the kernel picks one, the probe releases it at once.
PORT=$(node -e 'const s = require("net").createServer();
s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')
[ -n "$PORT" ] || { echo "browser: no free port" >&2; exit 2; }

RRJETI_FAST_HASH=1 "$BIN" serve --data "$DIR/data" --listen "127.0.0.1:$PORT" \
    > "$DIR/serve.log" 2>&1 &
PID=$!

i=0
until node -e 'fetch(process.argv[1]).then(r => process.exit(r.ok ? 0 : 1),
    () => process.exit(1))' "http://127.0.0.1:$PORT/healthz" 2>/dev/null; do
	i=$((i + 1))
	if [ $i -ge 50 ] || ! kill -0 "$PID" 2>/dev/null; then
		cat "$DIR/serve.log" >&2
		echo "browser: the server did not become healthy" >&2
		exit 2
	fi
	sleep 0.2
done

RRJETI_URL="http://127.0.0.1:$PORT" \
RRJETI_PASSWORD=$(cat "$DIR/data/demo-login.txt") \
RRJETI_BROWSER_TMP="$DIR" \
    node --test --test-reporter=tap tests/browser/
rc=$?
if [ $rc -ne 0 ]; then
	echo "# server log (last 30 lines):"
	tail -30 "$DIR/serve.log" | sed 's/^/# /'
fi
exit $rc
