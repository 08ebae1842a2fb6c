#!/bin/sh
# bench/cpu.sh — CPU time per request, not requests per second: the server's
# user and system time from /proc/PID/stat while wrk runs against it, beside
# nginx `return 200` measured the same way, and wrk's own time. On a shared
# machine req/s swings with the neighbours; the CPU a request costs the
# server moves much less, so this is how a change to the hot path is judged
# (docs/PERFORMANCE.md, "Fourth round"). Prints only; writes no document.
#
#   sh bench/cpu.sh build/rrjeti [PATH [USER [ROUNDS]]]
#	PATH /api/v1/me (a Bearer token) or a page (a session cookie),
#	USER a demo user (arta), ROUNDS of 4 s each (2).
set -u
BIN=${1:?usage: sh bench/cpu.sh BINARY [PATH [USER [ROUNDS]]]}
P=${2:-/api/v1/me}
U=${3:-arta}
ROUNDS=${4:-2}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
for t in wrk nginx curl awk python3; do
	command -v $t >/dev/null 2>&1 || die "$t is not installed"
done
T=$(mktemp -d "${TMPDIR:-/tmp}/rrjeti-cpu.XXXXXX") || die "mktemp"
SP= NP=
cleanup() {
	[ -n "$SP" ] && kill "$SP" 2>/dev/null
	[ -n "$NP" ] && kill "$NP" 2>/dev/null
	wait 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT INT TERM
"$BIN" init --data "$T/d" --demo >/dev/null 2>&1 || die "init failed"
PW=$(head -n 1 "$T/d/demo-login.txt")
port=$(free_port 18300) || die "no free port"
nport=$(free_port $((port + 1))) || die "no free port"
RRJETI_SCAN_INTERVAL=0 RRJETI_THREADS=2 "$BIN" serve --data "$T/d" \
    --listen "127.0.0.1:$port" >"$T/log" 2>&1 &
SP=$!
mkdir -p "$T/ng/logs"
cat >"$T/ng/nginx.conf" <<NG
worker_processes 2; daemon off; pid $T/ng/nginx.pid; error_log $T/ng/logs/error.log;
events { worker_connections 1024; }
http { access_log off; keepalive_requests 1000000;
	server { listen 127.0.0.1:$nport; location / { return 200 "ok\n"; } } }
NG
nginx -p "$T/ng" -c "$T/ng/nginx.conf" -e "$T/ng/logs/error.log" 2>/dev/null &
NP=$!
url=http://127.0.0.1:$port
i=0
until curl -fs -o /dev/null "$url/healthz"; do
	i=$((i + 1)); [ $i -gt 100 ] && die "the server did not start"; sleep 0.1
done
if [ "$P" = /api/v1/me ]; then
	tok=$(curl -s -X POST -H 'Content-Type: application/json' --data \
	    "{\"username\":\"$U\",\"password\":\"$PW\",\"name\":\"cpu\"}" \
	    "$url/api/v1/tokens" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
	AUTH="Bearer $tok" COOKIE=
else
	c=$(curl -s -o /dev/null -D - --data-urlencode "username=$U" \
	    --data-urlencode "password=$PW" "$url/login" | tr -d '\r' |
	    sed -n 's/^[Ss]et-[Cc]ookie: rr_session=\([^;]*\);.*/\1/p')
	AUTH= COOKIE="rr_session=$c"
fi
[ -n "$AUTH$COOKIE" ] || die "no token or session for $U"
tick=$(getconf CLK_TCK)
cpu() {	# user and system ticks of the processes $@, summed
	for p in "$@"; do awk '{ print $14, $15 }' "/proc/$p/stat"; done |
	    awk '{ u += $1; s += $2 } END { print u + 0, s + 0 }'
}
measure() {	# NAME URL AUTH COOKIE PIDS...
	name=$1 turl=$2 a=$3 k=$4; shift 4
	before=$(cpu "$@")
	BENCH_AUTH=$a BENCH_COOKIE=$k python3 -c '
import re, resource, subprocess, sys
o = subprocess.run(sys.argv[1:], capture_output=True, text=True).stdout
r = resource.getrusage(resource.RUSAGE_CHILDREN)
m = re.search(r"requests=(\d+)", o)
print(m.group(1) if m else 0, r.ru_utime + r.ru_stime)' \
	    wrk -t2 -c64 -d4s -s "$here/wrk.lua" "$turl" >"$T/w"
	after=$(cpu "$@")
	read -r n w <"$T/w"
	[ "$n" -gt 0 ] || die "$name: wrk counted no requests"
	echo "$before $after $n $tick $w" | awk -v nm="$name" '{
	    u = ($3 - $1) / $6 * 1e6 / $5; s = ($4 - $2) / $6 * 1e6 / $5
	    printf "%-8s %8d requests  server user %5.2f  system %5.2f  total %5.2f us/request  wrk %5.2f us/request\n",
		nm, $5, u, s, u + s, $7 * 1e6 / $5 }'
}
sleep 0.5
ngpids=$(pgrep -P "$NP" | tr '\n' ' ')
echo "bench/cpu: $P as $U, $ROUNDS rounds of 4 s; load average $(cut -d' ' -f1-3 /proc/loadavg)"
r=0
while [ $r -lt "$ROUNDS" ]; do
	measure rrjeti "$url$P" "$AUTH" "$COOKIE" "$SP"
	# shellcheck disable=SC2086
	measure nginx "http://127.0.0.1:$nport/" "" "" $ngpids
	r=$((r + 1))
done
