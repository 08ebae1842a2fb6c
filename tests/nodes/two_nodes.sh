#!/bin/sh
# Two `rrjeti serve` nodes on one PostgreSQL database behind nginx, on
# loopback: nginx from Debian with a configuration generated from
# deploy/nginx/rrjeti.conf (tests/nodes/lib.sh), PostgreSQL from
# scripts/pg.sh. The checks are tests/nodes/two_nodes.test.mjs (node's test
# runner, TAP: sessions and CSRF tokens work on both nodes, a write on one is
# read on the other, logout on one ends the session on the other, requests
# land on both, one node stopping leaves the other answering).
#
#   RRJETI_BIN=build/rrjeti sh tests/nodes/two_nodes.sh
#
# Prints "skipped: ..." and exits 77 where PostgreSQL, nginx or node is
# missing.
set -u
cd "$(dirname "$0")/../.." || exit 1
ROOT=$PWD
. "$ROOT/tests/nodes/lib.sh"
nodes_begin "$ROOT/tests/nodes/two_nodes.sh" nginx node

nodes_two

TIMEOUT=
command -v timeout >/dev/null 2>&1 && TIMEOUT="timeout 300"
RRJETI_URL="http://127.0.0.1:$PN" RRJETI_PASSWORD="$PASSWORD" \
    RRJETI_BIN="$BIN" RRJETI_DATA="$TMP/data" NODE_NO_WARNINGS=1 \
    NODE1_URL="http://127.0.0.1:$P1" NODE2_URL="http://127.0.0.1:$P2" \
    NODE2_PID="$NODE2_PID" REDIRECT_URL="http://127.0.0.1:$PR" \
    $TIMEOUT node --test --test-reporter=tap "$ROOT/tests/nodes/two_nodes.test.mjs"
rc=$?
# Nothing a node wrote to its log may be a crash or a sanitizer report.
if grep -l "AddressSanitizer\|runtime error\|Segmentation" "$TMP"/node*.log \
    >/dev/null 2>&1; then
	grep -h "AddressSanitizer\|runtime error\|Segmentation" "$TMP"/node*.log | head >&2
	rc=1
fi
exit $rc
