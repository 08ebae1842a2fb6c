# tests/nodes/lib.sh — what the node tests share (sourced, not run): a free
# port, starting `rrjeti serve` nodes on the database of scripts/pg.sh, and
# nginx with a configuration generated from deploy/nginx/rrjeti.conf (plain
# HTTP on loopback). Expects ROOT, BIN and TMP; kills what it started on
# exit (nodes_cleanup, from the caller's trap).

NODE_PIDS=""
NGINX_PIDS=""

nodes_fail() {
	echo "nodes: $*" >&2
	exit 1
}

# The start of a node test (after ROOT is set and this file read): BIN from
# RRJETI_BIN; outside scripts/pg.sh, checks the tools named and runs the
# script again inside `pg.sh run` (which sets RRJETI_TEST_PG); inside,
# makes TMP and the trap that cleans up.
nodes_begin() {
	script=$1
	shift
	BIN=${RRJETI_BIN:-build/rrjeti}
	case $BIN in /*) ;; *) BIN=$ROOT/$BIN ;; esac
	if [ -z "${RRJETI_TEST_PG:-}" ]; then
		nodes_need "$@"
		[ -x "$BIN" ] || nodes_fail "no server binary $BIN"
		exec sh "$ROOT/scripts/pg.sh" run sh "$script"
	fi
	TMP=$(mktemp -d "${TMPDIR:-/tmp}/rrjeti-nodes.XXXXXX") || exit 1
	trap 'nodes_cleanup; rm -rf "$TMP"' EXIT
	trap 'exit 130' INT TERM
	RRJETI_DATABASE=$RRJETI_TEST_PG
	export RRJETI_DATABASE
}

# Prints "skipped: ..." and exits 77 where nginx or node is missing.
nodes_need() {
	for t in "$@"; do
		command -v "$t" >/dev/null 2>&1 ||
		    [ -x "/usr/sbin/$t" ] ||
		    { echo "skipped: nodes: $t is not installed" >&2; exit 77; }
	done
}

# A free loopback port (the kernel's choice).
nodes_port() {
	node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

# Exit 0 when URL answers at all within $2 tenths of a second.
nodes_wait() {
	i=0
	while [ "$i" -lt "$2" ]; do
		node -e 'fetch(process.argv[1]).then(() => process.exit(0), () => process.exit(1))' "$1" 2>/dev/null && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# Initialises the demo installation in DIR ($TMP/data) on $RRJETI_DATABASE
# (SQLite in DIR when it is unset).
nodes_init() {
	d=${1:-$TMP/data}
	RRJETI_FAST_HASH=1 "$BIN" init --data "$d" --demo \
	    >"$TMP/init.log" 2>&1 ||
	    { tail -20 "$TMP/init.log" >&2; nodes_fail "rrjeti init --demo failed"; }
	PASSWORD=$(head -n 1 "$d/demo-login.txt")
	[ -n "$PASSWORD" ] || nodes_fail "no demo password"
	# nginx connects from loopback: the client's address from X-Real-IP.
	echo "trust_proxy = 1" >>"$d/rrjeti.conf"
}

# Starts node N on PORT with data directory DIR ($TMP/data; logs in
# $TMP/nodeN.log); records its pid as NODEn_PID. NODE_THREADS: its threads.
nodes_start() {
	RRJETI_FAST_HASH=1 RRJETI_THREADS=${NODE_THREADS:-4} "$BIN" serve \
	    --data "${3:-$TMP/data}" --listen "127.0.0.1:$2" \
	    >>"$TMP/node$1.log" 2>&1 &
	eval "NODE$1_PID=$!"
	NODE_PIDS="$NODE_PIDS $!"
	nodes_wait "http://127.0.0.1:$2/healthz" 150 ||
	    { tail -20 "$TMP/node$1.log" >&2; nodes_fail "node $1 did not start"; }
}

# nginx on NPORT (and the redirect server on RPORT) in front of the nodes
# on the ports given, from deploy/nginx/rrjeti.conf: the upstream's servers
# become the nodes, the TLS server listens on plain HTTP on loopback (its
# ssl_ lines go), and a header names the node that answered
# (X-Rrjeti-Upstream, for the test only). In $TMP/nginx-NPORT; more than
# one may run. NGINX_WORKERS: worker_processes (1).
nginx_start() {
	nport=$1
	rport=$2
	shift 2
	ND=$TMP/nginx-$nport
	ups=""
	for p in "$@"; do
		ups="$ups	server 127.0.0.1:$p max_fails=3 fail_timeout=10s;\\n"
	done
	mkdir -p "$ND/logs" "$ND/tmp"
	awk -v ups="$ups" -v nport="$nport" -v rport="$rport" '
	    /^[ \t]*server 127\.0\.0\.1:[0-9]+ / { if (!done) printf "%s", ups; done = 1; next }
	    /^[ \t]*listen \[::\]/ { next }
	    /^[ \t]*ssl_/ { next }
	    /^[ \t]*listen 80;/ { print "\tlisten 127.0.0.1:" rport ";"; next }
	    /^[ \t]*listen 443 ssl/ { print "\tlisten 127.0.0.1:" nport ";"; next }
	    /^[ \t]*proxy_pass http:\/\/rrjeti;/ { print; print "\t\tadd_header X-Rrjeti-Upstream $upstream_addr always;"; next }
	    { print }' "$ROOT/deploy/nginx/rrjeti.conf" >"$ND/rrjeti.conf"
	grep -q "listen 127.0.0.1:$nport;" "$ND/rrjeti.conf" &&
	    grep -q "listen 127.0.0.1:$rport;" "$ND/rrjeti.conf" &&
	    grep -q "X-Rrjeti-Upstream" "$ND/rrjeti.conf" ||
	    nodes_fail "deploy/nginx/rrjeti.conf: cannot make the test configuration (listen 80, listen 443 ssl, proxy_pass lines changed?)"
	cat >"$ND/nginx.conf" <<NGINX
worker_processes ${NGINX_WORKERS:-1};
daemon off;
pid $ND/nginx.pid;
error_log $ND/logs/error.log warn;
events { worker_connections 1024; }
http {
	access_log ${NGINX_ACCESS_LOG:-$ND/logs/access.log};
	client_body_temp_path $ND/tmp/body;
	proxy_temp_path $ND/tmp/proxy;
	fastcgi_temp_path $ND/tmp/fastcgi;
	uwsgi_temp_path $ND/tmp/uwsgi;
	scgi_temp_path $ND/tmp/scgi;
	include $ND/rrjeti.conf;
}
NGINX
	PATH="$PATH:/usr/sbin" nginx -p "$ND" -c "$ND/nginx.conf" \
	    -e "$ND/logs/error.log" >"$ND/logs/stdout.log" 2>&1 &
	NGINX_PIDS="$NGINX_PIDS $!"
	nodes_wait "http://127.0.0.1:$nport/healthz" 100 ||
	    { cat "$ND/logs/error.log" >&2; nodes_fail "nginx did not start"; }
}

# The demo installation, nodes 1 and 2 on ports P1 and P2, nginx on PN in
# front of both (its redirect server on PR).
nodes_two() {
	nodes_init
	P1=$(nodes_port) && P2=$(nodes_port) && PN=$(nodes_port) &&
	    PR=$(nodes_port) || nodes_fail "no free port"
	nodes_start 1 "$P1"
	nodes_start 2 "$P2"
	nginx_start "$PN" "$PR" "$P1" "$P2"
}

nodes_cleanup() {
	for p in $NODE_PIDS $NGINX_PIDS; do
		kill "$p" 2>/dev/null && wait "$p" 2>/dev/null
	done
	NODE_PIDS=""
	NGINX_PIDS=""
}
