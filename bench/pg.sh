#!/bin/sh
# bench/pg.sh — SQLite against PostgreSQL, and one node against two behind
# nginx (issue 7), in `make bench` (a benchmark, not a test: it reports).
#
#   sh bench/pg.sh [PATH/TO/rrjeti]
#
# The same demo installation (`rrjeti init --demo`) twice: on SQLite, and on
# a throw-away PostgreSQL 15 (scripts/pg.sh with RRJETI_PG_DURABLE=1:
# synchronous_commit on, fsync off, so a commit survives a crash of the
# server but not of the machine, as SQLite's WAL with synchronous=NORMAL
# does here). Four ways in:
#   sqlite   one node on SQLite, directly
#   pg       one node on PostgreSQL, directly
#   pg-ngx1  nginx (deploy/nginx/rrjeti.conf, plain HTTP) in front of that
#            one PostgreSQL node
#   pg-ngx2  nginx in front of two PostgreSQL nodes
# and four requests on each: GET /api/v1/me (Bearer token), GET / and
# GET /cases (a caseworker's session) and a write, POST /api/v1/reports (an
# intake report with a concern; every one a transaction with its audit row
# under the single-writer lock). wrk with bench/wrk.lua, interleaved rounds
# (every way and read once a round), then the write's rounds. The table and
# the ratios of the medians go into their own section of
# docs/PERFORMANCE.md (between the BEGIN/END markers).
#
# Knobs: BENCH_ROUNDS (3), BENCH_DURATION (5s), BENCH_CONNS (32),
# BENCH_WRK_THREADS (2), BENCH_THREADS (2: each node's threads),
# BENCH_NGINX_WORKERS (2), BENCH_DOC (docs/PERFORMANCE.md; "-": none).
# Needs wrk, nginx, node and PostgreSQL 15 (skipped with a message without).
set -u

here=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$here/.." && pwd)
. "$here/lib.sh"
BIN=${1:-$ROOT/build/rrjeti}
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
[ -x "$BIN" ] || die "no rrjeti binary at $BIN (make all first)"
for t in wrk node awk; do
	command -v "$t" >/dev/null 2>&1 || { echo "bench: pg: skipped: $t not found" >&2; exit 0; }
done
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] ||
	{ echo "bench: pg: skipped: nginx not found" >&2; exit 0; }

if [ -z "${RRJETI_TEST_PG:-}" ]; then
	RRJETI_PG_DURABLE=1 sh "$ROOT/scripts/pg.sh" run sh "$0" "$BIN"
	rc=$?
	[ $rc -eq 77 ] && { echo "bench: pg: skipped (no PostgreSQL 15)" >&2; exit 0; }
	exit $rc
fi

ROUNDS=${BENCH_ROUNDS:-3}
DURATION=${BENCH_DURATION:-5s}
CONNS=${BENCH_CONNS:-32}
WRK_THREADS=${BENCH_WRK_THREADS:-2}
NODE_THREADS=${BENCH_THREADS:-2}
NGINX_WORKERS=${BENCH_NGINX_WORKERS:-2}
NGINX_ACCESS_LOG=off
DOC=${BENCH_DOC:-$ROOT/docs/PERFORMANCE.md}
export NODE_THREADS NGINX_WORKERS NGINX_ACCESS_LOG
BEGIN='<!-- BEGIN bench/pg.sh: pg -->'
END='<!-- END bench/pg.sh: pg -->'

TMP=$(mktemp -d "${TMPDIR:-/tmp}/rrjeti-benchpg.XXXXXX") || exit 1
. "$ROOT/tests/nodes/lib.sh"
trap 'nodes_cleanup; rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM

# --- installations, nodes, nginx ---------------------------------------------

PGURL=$RRJETI_TEST_PG
unset RRJETI_DATABASE
nodes_init "$TMP/sqlite"
S_PW=$PASSWORD
PS=$(nodes_port) && nodes_start 0 "$PS" "$TMP/sqlite"
RRJETI_DATABASE=$PGURL
export RRJETI_DATABASE
nodes_init "$TMP/pg"
P_PW=$PASSWORD
P1=$(nodes_port) && nodes_start 1 "$P1" "$TMP/pg"
P2=$(nodes_port) && nodes_start 2 "$P2" "$TMP/pg"
N1=$(nodes_port) && R1=$(nodes_port) && nginx_start "$N1" "$R1" "$P1"
N2=$(nodes_port) && R2=$(nodes_port) && nginx_start "$N2" "$R2" "$P1" "$P2"

# A token and a session (node's fetch: no curl needed): "TOKEN SESSION".
creds() {
	RRJETI_URL=$1 RRJETI_PASSWORD=$2 NODE_NO_WARNINGS=1 node --input-type=module -e "
	    import * as L from '$ROOT/tests/http/lib.mjs';
	    const s = await L.login('arta');
	    const t = await L.apiToken('arta', L.PASSWORD, 'bench');
	    console.log(t.token + ' ' + s.token);"
}
c=$(creds "http://127.0.0.1:$PS" "$S_PW") || die "no credentials on SQLite"
S_TOK=${c% *} S_SES=${c#* }
c=$(creds "http://127.0.0.1:$P1" "$P_PW") || die "no credentials on PostgreSQL"
P_TOK=${c% *} P_SES=${c#* }


BODY='{"channel":"phone","referrer_type":"school","given_name":"Bench","family_name":"Matës","sex":"f","age":8,"concerns":"NEG","narrative":"x"}'
# way|base|token|session
cat >"$TMP/ways" <<WAYS
sqlite|http://127.0.0.1:$PS|$S_TOK|$S_SES
pg|http://127.0.0.1:$P1|$P_TOK|$P_SES
pg-ngx1|http://127.0.0.1:$N1|$P_TOK|$P_SES
pg-ngx2|http://127.0.0.1:$N2|$P_TOK|$P_SES
WAYS
REQS="api home cases write"
# The reads' rounds first, then the writes': the reports written would make
# the later reads' pages bigger (the caseworker's home page and the intake
# lists show them).
PHASES="api,home,cases write"

# What wrk sends for request Q of a way: sets auth, cookie, body, path.
request() {
	auth="Bearer $2" cookie="" body="" path=/api/v1/me
	case $1 in
	home)	auth="" cookie="rr_session=$3" path=/ ;;
	cases)	auth="" cookie="rr_session=$3" path=/cases ;;
	write)	body=$BODY path=/api/v1/reports ;;
	esac
}

# Every way answers every request with 200 (201) before measuring.
while IFS='|' read -r way base tok ses; do
	for q in $REQS; do
		request "$q" "$tok" "$ses"
		out=$(node -e '
		    const [url, auth, cookie, body] = process.argv.slice(1);
		    const h = {};
		    if (auth) h.authorization = auth;
		    if (cookie) h.cookie = cookie;
		    if (body) h["content-type"] = "application/json";
		    fetch(url, { method: body ? "POST" : "GET", headers: h, body: body || undefined,
			redirect: "manual" }).then((r) => console.log(r.status), (e) => console.log(e.message));' \
		    "$base$path" "$auth" "$cookie" "$body")
		case $out in 200|201) ;; *) die "$way $q: $base$path answers $out" ;; esac
	done
done <"$TMP/ways"

# --- the runs ----------------------------------------------------------------------

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "bench: pg: $ROUNDS rounds of wrk -t$WRK_THREADS -c$CONNS -d$DURATION;" \
    "nodes with $NODE_THREADS threads, nginx with $NGINX_WORKERS workers" >&2
: >"$TMP/results"
for phase in $PHASES; do
r=1
while [ $r -le "$ROUNDS" ]; do
	while IFS='|' read -r way base tok ses; do
		for q in $(echo "$phase" | tr ',' ' '); do
			request "$q" "$tok" "$ses"
			out=$(BENCH_AUTH=$auth BENCH_COOKIE=$cookie BENCH_BODY=$body \
			    wrk -t"$WRK_THREADS" -c"$CONNS" -d"$DURATION" --latency \
			    -s "$here/wrk.lua" "$base$path" 2>&1 </dev/null) ||
			    die "wrk failed: $out"
			line=$(printf '%s\n' "$out" | grep '^BENCH ') ||
			    die "no result from wrk: $out"
			echo "$way $q $line" >>"$TMP/results"
			echo "bench: pg: round $r $way $q: $(echo "$line" | cut -d' ' -f2-5)" >&2
		done
	done <"$TMP/ways"
	r=$((r + 1))
done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# --- the table ----------------------------------------------------------------------

# field WAY REQ NAME: one value per round.
field() {
	awk -v w="$1" -v q="$2" -v f="$3" '$1 == w && $2 == q {
	    for (i = 4; i <= NF; i++) { split($i, kv, "="); if (kv[1] == f) print kv[2] } }' "$TMP/results"
}
mmm() {	# min median max
	sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) { print "0 0 0"; exit }
	    m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
	    print v[1], m, v[NR] }'
}
med() { field "$1" "$2" rps | mmm | cut -d' ' -f2; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
label() {
	case $1 in
	api) echo "\`GET /api/v1/me\` (token)" ;;
	home) echo "\`GET /\` (caseworker's home page)" ;;
	cases) echo "\`GET /cases\` (case list)" ;;
	write) echo "\`POST /api/v1/reports\` (a write)" ;;
	esac
}
{
	echo "| request | way | req/s min / median / max | p99 ms median | non-2xx, socket errors (all rounds) |"
	echo "|---|---|---|---:|---|"
	for q in $REQS; do
		for way in sqlite pg pg-ngx1 pg-ngx2; do
			set -- $(field "$way" "$q" rps | mmm)
			p99=$(field "$way" "$q" p99_us | mmm | cut -d' ' -f2)
			se=$(field "$way" "$q" status_errors | awk '{ n += $1 } END { print n + 0 }')
			so=$(field "$way" "$q" sock_errors | awk '{ n += $1 } END { print n + 0 }')
			printf '| %s | %s | %.0f / %.0f / %.0f | %.2f | %s, %s |\n' \
			    "$(label "$q")" "$way" "$1" "$2" "$3" \
			    "$(awk -v x="$p99" 'BEGIN { print x / 1000 }')" "$se" "$so"
		done
	done
	echo
	echo "| request | PostgreSQL / SQLite (one node, direct) | nginx + one node / one node direct | two nodes / one node (behind nginx) |"
	echo "|---|---:|---:|---:|"
	for q in $REQS; do
		printf '| %s | %s | %s | %s |\n' "$(label "$q")" \
		    "$(ratio "$(med pg "$q")" "$(med sqlite "$q")")" \
		    "$(ratio "$(med pg-ngx1 "$q")" "$(med pg "$q")")" \
		    "$(ratio "$(med pg-ngx2 "$q")" "$(med pg-ngx1 "$q")")"
	done
} >"$TMP/table.md"
echo
cat "$TMP/table.md"
notes="Load average (1, 5, 15 min) before $load_before, after $load_after."
echo "$notes"

[ "$DOC" = "-" ] && exit 0

model=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
v_pg=$(psql --version 2>/dev/null | awk '{ print $3 }')
commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo "?")
[ -n "$(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null)" ] &&
	commit="$commit with uncommitted changes"
{
	echo "$BEGIN"
	echo "## PostgreSQL against SQLite, two nodes against one"
	echo
	echo "_Generated by \`make bench\` (bench/pg.sh) on $(date -u '+%Y-%m-%d %H:%M UTC'); do not edit by hand._"
	echo
	echo "- Machine: $(nproc) CPUs ($model), Linux $(uname -r); PostgreSQL $v_pg" \
	    "(throw-away, scripts/pg.sh: synchronous_commit on, fsync off), SQLite WAL" \
	    "synchronous=NORMAL; nginx $(nginx -v 2>&1 | sed 's|.*/||') with \`worker_processes $NGINX_WORKERS\`."
	echo "- Binary: \`$BIN\` (work tree at $commit)."
	echo "- Method: wrk \`-t$WRK_THREADS -c$CONNS -d$DURATION --latency\` on 127.0.0.1," \
	    "$ROUNDS rounds of the reads interleaved (every way and read once a round)," \
	    "then $ROUNDS rounds of the write likewise; every node" \
	    "\`threads = $NODE_THREADS\`, demo data (\`init --demo\`); database, nodes, nginx" \
	    "and wrk share all $(nproc) CPUs. Ratios compare medians of req/s."
	echo "- Ways: **sqlite** one node on SQLite; **pg** one node on PostgreSQL;" \
	    "**pg-ngx1** nginx (deploy/nginx/rrjeti.conf on plain HTTP) in front of that" \
	    "node; **pg-ngx2** the same nginx in front of two nodes on the same database."
	echo "- Reading it: the database, the nodes, nginx and wrk share the machine's" \
	    "CPUs with whatever else runs (the load average below), so a second node" \
	    "adds no CPU here: the two-node column shows that two nodes share the work" \
	    "without errors, not how they scale on machines of their own. Every" \
	    "\`GET /cases\` writes an audit row (case.list), so it runs under the one" \
	    "write lock as the write does: in the process on SQLite, as a transaction of" \
	    "several round trips to the server on PostgreSQL."
	echo
	cat "$TMP/table.md"
	echo
	echo "$notes"
	echo "$END"
} >"$TMP/section.md"
doc_section "$BEGIN" "$END" "$TMP/section.md" "$DOC"
echo "bench: pg: wrote $DOC" >&2
