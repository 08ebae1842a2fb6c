#!/bin/sh
# bench/run.sh — the HTTP benchmark of `make bench` (a benchmark, not a test:
# it never fails on a missed target, it reports it).
#
#   sh bench/run.sh [PATH/TO/rrjeti]
#
# In a temporary data directory: `rrjeti init --demo`, `rrjeti serve` on a
# free loopback port, an API token (POST /api/v1/tokens) and session cookies
# (POST /login); nginx `return 200` as the ceiling, on another free port,
# with as many worker processes as rrjeti has threads, and beside it
# bench/mhd_hello.c, libmicrohttpd answering "ok" with rrjeti's settings (what
# the library alone reaches). Then wrk runs against every target in
# interleaved rounds (nginx, mhd, api, home, admin, the two pages again from
# a second server with the caches off, nginx, ...) while the server's VmRSS
# is sampled. It prints one table and writes the
# same table, with the date, machine, versions and method, into its own
# section of docs/PERFORMANCE.md (between the BEGIN/END markers below; the
# rest of the file is left alone, so other benchmarks add their own sections).
#
# Knobs (environment): BENCH_ROUNDS (5), BENCH_DURATION (10s), BENCH_CONNS
# (64), BENCH_WRK_THREADS (2), BENCH_THREADS (2: rrjeti's threads, nginx's
# worker_processes and mhd_hello's pool alike), BENCH_DOC (docs/PERFORMANCE.md;
# "-" writes nothing). Needs wrk, nginx, curl, cc and libmicrohttpd's headers.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
root=$(cd "$here/.." && pwd)
BIN=${1:-$root/build/rrjeti}
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac

ROUNDS=${BENCH_ROUNDS:-5}
DURATION=${BENCH_DURATION:-10s}
CONNS=${BENCH_CONNS:-64}
WRK_THREADS=${BENCH_WRK_THREADS:-2}
THREADS=${BENCH_THREADS:-2}
DOC=${BENCH_DOC:-$root/docs/PERFORMANCE.md}

# The foundation issue's targets.
API_PCT=50		# GET /api/v1/me: at least this % of nginx's req/s
HOME_PCT=30		# GET /: at least this % of nginx's req/s
P99_MS=10		# p99 under this, every target, at BENCH_CONNS connections
RSS_MIB=32		# resident memory of rrjeti under load at most this

API_USER=arta		# caseworker: the API call
HOME_USER=arta		# caseworker: the home page most users see
ADMIN_USER=admin.hani	# municipal admin: the home page with the most queries

BEGIN='<!-- BEGIN bench/run.sh: http -->'
END='<!-- END bench/run.sh: http -->'

[ -x "$BIN" ] || die "no rrjeti binary at $BIN (make all first)"
for t in wrk nginx curl awk; do
	command -v "$t" >/dev/null 2>&1 || die "$t not found (make deps)"
done
[ -f "$here/wrk.lua" ] || die "bench/wrk.lua missing"

T=$(mktemp -d "${TMPDIR:-/tmp}/rrjeti-bench.XXXXXX")
srv=""
ngx=""
mhd=""
srv0=""
sampler=""

cleanup() {
	set +e
	[ -n "$sampler" ] && kill "$sampler" 2>/dev/null && wait "$sampler" 2>/dev/null
	[ -n "$srv" ] && kill "$srv" 2>/dev/null && wait "$srv" 2>/dev/null
	[ -n "$srv0" ] && kill "$srv0" 2>/dev/null && wait "$srv0" 2>/dev/null
	[ -n "$ngx" ] && kill "$ngx" 2>/dev/null && wait "$ngx" 2>/dev/null
	[ -n "$mhd" ] && kill "$mhd" 2>/dev/null && wait "$mhd" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Waits until URL answers (any HTTP status) while PID lives.
wait_up() {
	i=0
	while [ $i -lt 50 ]; do
		kill -0 "$2" 2>/dev/null || return 1
		code=$(curl -s -o /dev/null -w '%{http_code}' "$1" || true)
		[ "$code" != "000" ] && return 0
		sleep 0.2 2>/dev/null || sleep 1
		i=$((i + 1))
	done
	return 1
}

# min median max of the numbers on stdin.
stats() {
	sort -n | awk '{ v[NR] = $1 }
	    END { if (NR == 0) { print "- - -"; exit }
		m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		print v[1], m, v[NR] }'
}

# field NAME of target TARGET's result lines, one per line.
field() {
	awk -v t="$1" -v f="$2" '$1 == t { for (i = 3; i <= NF; i++) {
	    split($i, kv, "="); if (kv[1] == f) print kv[2] } }' "$T/results"
}

# --- rrjeti: data, server, credentials ---------------------------------------

"$BIN" init --data "$T/data" --demo >"$T/init.log" 2>&1 ||
	die "rrjeti init failed: $(tail -3 "$T/init.log")"
PW=$(cat "$T/data/demo-login.txt")

base=$((20000 + $$ % 20000))
port=$(free_port "$base") || die "no free port"
RRJETI_THREADS=$THREADS "$BIN" serve --data "$T/data" \
    --listen "127.0.0.1:$port" >"$T/rrjeti.log" 2>&1 &
srv=$!
url="http://127.0.0.1:$port"
wait_up "$url/healthz" "$srv" ||
	die "rrjeti serve did not start: $(tail -3 "$T/rrjeti.log")"

token=$(curl -s -X POST -H 'Content-Type: application/json' \
    --data "{\"username\":\"$API_USER\",\"password\":\"$PW\",\"name\":\"bench\"}" \
    "$url/api/v1/tokens" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
[ -n "$token" ] || die "no API token for $API_USER"

session() {
	curl -s -o /dev/null -D - --data-urlencode "username=$1" \
	    --data-urlencode "password=$PW" "$url/login" | tr -d '\r' |
	    sed -n 's/^[Ss]et-[Cc]ookie: rr_session=\([^;]*\);.*/\1/p'
}
home_cookie=$(session "$HOME_USER")
admin_cookie=$(session "$ADMIN_USER")
[ -n "$home_cookie" ] && [ -n "$admin_cookie" ] || die "login failed"

# The same pages from a second server on the same data with the caches off
# (auth_cache_ms = 0: the session, the counts and the badge read from the
# database on every request): shown beside, not judged, so that what the
# identity cache and the memo give is in the table.
port0=$(free_port $((port + 3))) || die "no free port"
RRJETI_AUTH_CACHE_MS=0 RRJETI_SCAN_INTERVAL=0 RRJETI_THREADS=$THREADS \
    "$BIN" serve --data "$T/data" --listen "127.0.0.1:$port0" \
    >"$T/rrjeti0.log" 2>&1 &
srv0=$!
url0="http://127.0.0.1:$port0"
wait_up "$url0/healthz" "$srv0" ||
	die "rrjeti serve (caches off) did not start: $(tail -3 "$T/rrjeti0.log")"

# The logins hashed passwords (argon2id, 64 MiB each): the peak from here on
# is what the load does, so reset VmHWM (Linux: clear_refs 5).
echo 5 2>/dev/null >"/proc/$srv/clear_refs" && hwm_reset=yes || hwm_reset=no

# --- nginx: the ceiling --------------------------------------------------------

nport=$(free_port $((port + 1))) || die "no free port"
mkdir -p "$T/nginx/logs" "$T/nginx/tmp"
cat >"$T/nginx/nginx.conf" <<EOF
worker_processes $THREADS;
daemon off;
pid $T/nginx/nginx.pid;
error_log $T/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
	access_log off;
	keepalive_requests 100000000;
	client_body_temp_path $T/nginx/tmp/body;
	proxy_temp_path $T/nginx/tmp/proxy;
	fastcgi_temp_path $T/nginx/tmp/fastcgi;
	uwsgi_temp_path $T/nginx/tmp/uwsgi;
	scgi_temp_path $T/nginx/tmp/scgi;
	server {
		listen 127.0.0.1:$nport;
		location / { default_type text/plain; return 200 "ok\n"; }
	}
}
EOF
nginx -p "$T/nginx" -c "$T/nginx/nginx.conf" -e "$T/nginx/logs/error.log" \
    >"$T/nginx/logs/stdout.log" 2>&1 &
ngx=$!
nurl="http://127.0.0.1:$nport/"
wait_up "$nurl" "$ngx" ||
	die "nginx did not start: $(tail -3 "$T/nginx/logs/error.log")"

# --- libmicrohttpd alone: the library's ceiling ---------------------------------

# Built here from bench/mhd_hello.c with rrjeti's own limits; skipped (with a
# note) when it does not build.
mport=""
if cc -O2 -std=c11 -D_GNU_SOURCE -I"$root/src/http" -o "$T/mhd_hello" \
    "$here/mhd_hello.c" $(pkg-config --cflags --libs libmicrohttpd) \
    -lpthread >"$T/cc.log" 2>&1; then
	mport=$(free_port $((nport + 1))) || die "no free port"
	"$T/mhd_hello" "$mport" "$THREADS" >"$T/mhd.log" 2>&1 &
	mhd=$!
	wait_up "http://127.0.0.1:$mport/" "$mhd" ||
		die "mhd_hello did not start: $(cat "$T/mhd.log")"
else
	echo "bench: bench/mhd_hello.c did not build, no libmicrohttpd ceiling:" \
	    "$(head -3 "$T/cc.log")" >&2
fi

# --- targets -------------------------------------------------------------------

# name|url|Authorization|Cookie|label
{
echo "nginx|$nurl|||nginx \`return 200\` (ceiling)"
[ -z "$mport" ] || echo "mhd|http://127.0.0.1:$mport/|||libmicrohttpd hello world, bench/mhd_hello.c (the library's ceiling)"
cat <<EOF
api|$url/api/v1/me|Bearer $token||\`GET /api/v1/me\`, Bearer token ($API_USER)
home|$url/||rr_session=$home_cookie|\`GET /\`, session cookie ($HOME_USER, caseworker)
admin|$url/||rr_session=$admin_cookie|\`GET /\`, session cookie ($ADMIN_USER, municipal admin)
home0|$url0/||rr_session=$home_cookie|the same, caches off (\`auth_cache_ms = 0\`) ($HOME_USER)
admin0|$url0/||rr_session=$admin_cookie|the same, caches off (\`auth_cache_ms = 0\`) ($ADMIN_USER)
EOF
} >"$T/targets"

while IFS='|' read -r name turl auth cookie label; do
	h=""
	[ -n "$auth" ] && h="Authorization: $auth"
	[ -n "$cookie" ] && h="Cookie: $cookie"
	code=$(curl -s -o "$T/check.$name" -w '%{http_code}' -H "$h" "$turl" </dev/null)
	[ "$code" = 200 ] || die "$name: $turl answers $code, not 200"
done <"$T/targets"
grep -q '<html' "$T/check.home" || die "home: not an HTML page"

sample_rss() {
	while kill -0 "$srv" 2>/dev/null; do
		awk '/^VmRSS:/ { print $2 }' "/proc/$srv/status"
		sleep 1
	done >>"$T/rss"
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "bench: rrjeti on $url (threads $THREADS), nginx on $nurl" \
    "(worker_processes $THREADS); $ROUNDS rounds of wrk -t$WRK_THREADS" \
    "-c$CONNS -d$DURATION per target" >&2
: >"$T/results"
r=1
while [ $r -le "$ROUNDS" ]; do
	while IFS='|' read -r name turl auth cookie label; do
		case $name in nginx|mhd|*0) ;; *)
			sample_rss &
			sampler=$!
			;;
		esac
		out=$(BENCH_AUTH=$auth BENCH_COOKIE=$cookie wrk -t"$WRK_THREADS" \
		    -c"$CONNS" -d"$DURATION" --latency -s "$here/wrk.lua" \
		    "$turl" 2>&1 </dev/null) || die "wrk failed: $out"
		printf '%s\n' "$out" >>"$T/wrk.log"
		if [ -n "$sampler" ]; then
			kill "$sampler" 2>/dev/null || true
			wait "$sampler" 2>/dev/null || true
			sampler=""
		fi
		line=$(printf '%s\n' "$out" | grep '^BENCH ') ||
			die "no result from wrk: $out"
		echo "$name $line" >>"$T/results"
		echo "bench: round $r $name: $(echo "$line" | cut -d' ' -f2-)" >&2
	done <"$T/targets"
	r=$((r + 1))
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

rss_after=$(awk '/^VmRSS:/ { print $2 }' "/proc/$srv/status")
hwm_after=$(awk '/^VmHWM:/ { print $2 }' "/proc/$srv/status")
rss_load=$(stats <"$T/rss")

# Every benchmarked response must have been a 200: the server's own count.
bad=$( { curl -s "$url/metrics"; curl -s "$url0/metrics"; } |
    awk '/^rrjeti_http_requests_total\{/ && /route="(api\.me|home)"/ &&
    !/status="200"/ { n += $NF } END { print n + 0 }')
sock_err=$(awk '{ for (i = 3; i <= NF; i++) { split($i, kv, "=");
    if (kv[1] == "sock_errors" || kv[1] == "status_errors") n += kv[2] } }
    END { print n + 0 }' "$T/results")

# --- the table -------------------------------------------------------------------

ngx_med=$(field nginx rps | stats | cut -d' ' -f2)
{
	echo "| target | rounds | req/s min / median / max | p99 ms min / median / max | median req/s vs nginx | target | met |"
	echo "|---|---:|---|---|---:|---|---|"
	while IFS='|' read -r name turl auth cookie label; do
		set -- $(field "$name" rps | stats)
		rmin=$1 rmed=$2 rmax=$3
		set -- $(field "$name" p99_us | stats)
		pmin=$1 pmed=$2 pmax=$3
		n=$(field "$name" rps | wc -l | tr -d ' ')
		pct=$(awk -v a="$rmed" -v b="$ngx_med" 'BEGIN { printf "%.0f", 100 * a / b }')
		case $name in
		nginx|mhd) want="ceiling" ;;
		*0) want="(shown, not judged)" ;;
		api) want="≥ $API_PCT %, p99 < $P99_MS ms" ;;
		*) want="≥ $HOME_PCT %, p99 < $P99_MS ms" ;;
		esac
		case $name in
		nginx|mhd|*0) met="—" ;;
		*)
			need=$HOME_PCT
			[ "$name" = api ] && need=$API_PCT
			# On the exact ratio, not the rounded one printed.
			met=$(awk -v a="$rmed" -v b="$ngx_med" -v n="$need" \
			    -v q="$pmed" -v m="$P99_MS" 'BEGIN {
			    print (100 * a >= n * b && q < m * 1000) ? "yes" : "no" }')
			;;
		esac
		printf '| %s | %s | %.0f / %.0f / %.0f | %.2f / %.2f / %.2f | %s %% | %s | %s |\n' \
		    "$label" "$n" "$rmin" "$rmed" "$rmax" \
		    "$(awk -v x="$pmin" 'BEGIN { print x / 1000 }')" \
		    "$(awk -v x="$pmed" 'BEGIN { print x / 1000 }')" \
		    "$(awk -v x="$pmax" 'BEGIN { print x / 1000 }')" \
		    "$pct" "$want" "$met"
	done <"$T/targets"
	set -- $rss_load
	rss_max_mib=$(awk -v k="$3" 'BEGIN { printf "%.1f", k / 1024 }')
	printf '| rrjeti resident memory under load (VmRSS, sampled each second) | %s samples | %.1f / %.1f / %s MiB | | | ≤ %s MiB | %s |\n' \
	    "$(wc -l <"$T/rss" | tr -d ' ')" \
	    "$(awk -v k="$1" 'BEGIN { print k / 1024 }')" \
	    "$(awk -v k="$2" 'BEGIN { print k / 1024 }')" "$rss_max_mib" \
	    "$RSS_MIB" "$(awk -v m="$rss_max_mib" -v t="$RSS_MIB" \
	    'BEGIN { print m <= t ? "yes" : "no" }')"
} >"$T/table.md"

mib() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }
notes="After the load: VmRSS $(mib "$rss_after"), VmHWM $(mib "$hwm_after")"
if [ "$hwm_reset" = yes ]; then
	notes="$notes (peak since the logins: VmHWM was reset after them, as each login's argon2id hash takes 64 MiB for a moment)."
else
	notes="$notes (VmHWM could not be reset: it includes the logins' argon2id hashes, 64 MiB each)."
fi
notes="$notes Non-200 answers counted by rrjeti on the benchmarked routes: $bad; wrk socket errors and non-2xx/3xx: $sock_err. Load average before $load_before, after $load_after."

echo
cat "$T/table.md"
echo
echo "$notes"

# --- docs/PERFORMANCE.md ------------------------------------------------------------

[ "$DOC" = "-" ] && exit 0

model=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
mem=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
v_rrjeti=$("$BIN" version 2>/dev/null | awk '{ print $NF }')
v_nginx=$(nginx -v 2>&1 | sed 's|.*/||')
v_wrk=$(wrk -v 2>&1 | awk 'NR == 1 { print $2 }')
v_mhd=$(pkg-config --modversion libmicrohttpd 2>/dev/null || echo "?")
v_sqlite=$(pkg-config --modversion sqlite3 2>/dev/null || echo "?")
# Which source the binary came from, as far as the work tree tells.
commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo "?")
[ -n "$(git -C "$root" status --porcelain --untracked-files=no 2>/dev/null)" ] &&
	commit="$commit with uncommitted changes"

{
	echo "$BEGIN"
	echo "## HTTP: an API call and the home page against nginx \`return 200\`"
	echo
	echo "_Generated by \`make bench\` (bench/run.sh) on $(date -u '+%Y-%m-%d %H:%M UTC'); do not edit by hand._"
	echo
	echo "- Machine: $(nproc) CPUs ($model), $mem, Linux $(uname -r)."
	echo "- Versions: rrjeti $v_rrjeti, nginx $v_nginx, wrk $v_wrk, libmicrohttpd $v_mhd, SQLite $v_sqlite."
	echo "- Binary: \`$BIN\` (work tree at $commit when measured)."
	echo "- Method: wrk \`-t$WRK_THREADS -c$CONNS -d$DURATION --latency\` with bench/wrk.lua" \
	    "(headers, result line) on 127.0.0.1, $ROUNDS rounds interleaved" \
	    "(nginx, libmicrohttpd hello, api, home, admin home, both homes from a second" \
	    "\`serve\` on the same data with \`auth_cache_ms = 0\`, nginx, ...)." \
	    "rrjeti \`serve\` with \`threads = $THREADS\` on the demo data" \
	    "(\`init --demo\`); bench/mhd_hello.c with a pool of $THREADS; nginx $v_nginx" \
	    "with \`worker_processes $THREADS\`, access log off, \`return 200\` of \"ok\" and a newline" \
	    "(3 bytes)." \
	    "Nothing is pinned: server and wrk share all $(nproc) CPUs alike for both." \
	    "Ratios compare medians; a target is met when the median req/s reaches" \
	    "its share of nginx's median and the median p99 is under $P99_MS ms."
	echo
	cat "$T/table.md"
	echo
	echo "$notes"
	echo "$END"
} >"$T/section.md"

doc_section "$BEGIN" "$END" "$T/section.md" "$DOC"
echo "bench: wrote $DOC" >&2
